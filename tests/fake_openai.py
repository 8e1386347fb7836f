"""A loopback fake of an OpenAI-compatible server that batches, as vLLM does: any number
of requests at once, each answered after ``latency`` seconds, with an answer that is
valid for the request it got. Also the Files and Batch endpoints of the OpenAI API.

The answer is read from the request itself: the figures the prompt lists ("10,000 in
sentence 3"), one actor and one place the article names, a reaction when the schema asks
for one; shaped by the request's own response schema (tool call, or JSON content), so it
validates and grounds like a model's answer. Nothing leaves 127.0.0.1.

In tests: ``with FakeOpenAI(latency=0.05) as server: ... server.base_url``; ``stop()``
kills it (open connections are reset), ``start()`` brings it back on the same port.
For the benchmark, in its own process: ``python -m tests.fake_openai --latency 3``
prints its base URL and serves until stopped.

Batch jobs move one step each time their status is read: ``validating`` →
``in_progress`` → ``finalizing`` → ``completed``; ``batch_outcome`` makes them end
``expired`` (the requests after ``expire_after`` unanswered) or ``failed`` (the input
refused), and ``fail_every`` answers every k-th request with a 500 in the error file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_SENTENCE = re.compile(r"^\[(\d+)\*?\] (.*)$", re.MULTILINE)
_CANDIDATE = re.compile(r"(\d[\d,. ]*(?: (?:hundred|thousand|million))?) in sentence (\d+)")
_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:[ -](?:of |the )?[A-Z][a-z]+)+)\b")
_COUNTRIES = ("North Korea", "South Korea", "Russia", "Ukraine", "China", "France", "Germany", "Poland", "Chad", "Mali")
_SAID = re.compile(r"\b(?:said|says|told|warned|announced)\b")


def answer_arguments(body: dict[str, Any]) -> dict[str, Any]:
    """An answer to one extraction request that its own schema accepts."""
    schema = _schema(body)
    props = schema.get("properties", {})
    user = next((str(m.get("content", "")) for m in body.get("messages", []) if m.get("role") == "user"), "")
    sentences = {int(n): text for n, text in _SENTENCE.findall(user)}
    text = " ".join(sentences.values())
    figures = [
        {
            "sentence": int(n),
            "figure": figure.strip(),
            "subject": "troops",
            "status": "sent",
        }
        for figure, n in _CANDIDATE.findall(user.rsplit("</article>", 1)[-1])
    ][: props.get("figures", {}).get("maxItems", 10)]
    names = [n for n in dict.fromkeys(_NAME.findall(text)) if len(n) <= 60 and n not in _COUNTRIES]
    reactions = []
    if props.get("reactions", {}).get("minItems", 0):
        said = next((n for n, s in sentences.items() if _SAID.search(s)), min(sentences, default=1))
        speaker = next((n for n in names if n in sentences.get(said, "")), names[0] if names else "An official")
        reactions.append({"sentence": said, "speaker": speaker})
    return {"figures": figures, "reactions": reactions}


def _schema(body: dict[str, Any]) -> dict[str, Any]:
    tools = body.get("tools") or []
    if tools:
        return dict(tools[0].get("function", {}).get("parameters", {}))
    response_format = body.get("response_format") or {}
    return dict(response_format.get("json_schema", {}).get("schema", {}))


def completion(body: dict[str, Any], n: int = 0) -> dict[str, Any]:
    """A chat.completion answering ``body``: a tool call when it offers tools, else JSON content."""
    arguments = json.dumps(answer_arguments(body))
    tools = body.get("tools") or []
    message: dict[str, Any] = {"role": "assistant", "content": arguments}
    finish = "stop"
    if tools:
        name = tools[0].get("function", {}).get("name", "ArticleAnswer")
        call = {"id": f"call_{n}", "type": "function", "function": {"name": name, "arguments": arguments}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
        finish = "tool_calls"
    return {
        "id": f"chatcmpl-{n}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "finish_reason": finish, "message": message}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140},
    }


@dataclass
class Batch:
    id: str
    input_file_id: str
    endpoint: str
    window: str
    metadata: dict[str, str] | None
    created: int
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"total": 0, "completed": 0, "failed": 0})
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": self.endpoint,
            "input_file_id": self.input_file_id,
            "completion_window": self.window,
            "status": self.status,
            "output_file_id": self.output_file_id,
            "error_file_id": self.error_file_id,
            "created_at": self.created,
            "request_counts": self.counts,
            "metadata": self.metadata,
            "errors": {"object": "list", "data": self.errors} if self.errors else None,
        }


class FakeOpenAI:
    """The server, on its own event loop in a thread. ``latency``: seconds per answer, or
    (low, high) for a uniform draw."""

    def __init__(
        self,
        latency: float | tuple[float, float] = 0.0,
        *,
        port: int = 0,
        batch_outcome: str = "completed",
        expire_after: int = 0,
        fail_every: int = 0,
        on_chat: Callable[[dict[str, Any]], None] | None = None,
        latency_of: Callable[[dict[str, Any]], float | None] | None = None,
    ) -> None:
        self.latency = latency
        self.port = port
        self.batch_outcome = batch_outcome
        self.expire_after = expire_after
        self.fail_every = fail_every
        self.on_chat = on_chat
        self.latency_of = latency_of  # a request's own latency, where it gives one
        self.chat_requests = 0
        self.answered = 0
        self.paths: Counter[str] = Counter()
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, Batch] = {}
        self._ids = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task[Any]] = set()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- life --------------------------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, reuse_address=True, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        """Die: stop listening and reset every open connection (answers in flight are lost)."""
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)

    async def _stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.transport.abort()
            for task in list(self._handlers):
                task.cancel()
            await asyncio.gather(*self._handlers, return_exceptions=True)
            await self._server.wait_closed()
            self._server = None

    def close(self) -> None:
        self.stop()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP ---------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        handler = asyncio.current_task()
        if handler is not None:
            self._handlers.add(handler)
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                method, path, _ = line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = header.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                size = int(headers.get("content-length", "0"))
                body = await reader.readexactly(size) if size else b""
                status, payload, kind = await self._route(method, path.split("?", 1)[0], headers, body)
                writer.write(
                    f"HTTP/1.1 {status} X\r\ncontent-type: {kind}\r\ncontent-length: {len(payload)}\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        finally:
            self._writers.discard(writer)
            if handler is not None:
                self._handlers.discard(handler)
            with contextlib.suppress(Exception):
                writer.close()

    async def _route(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes, str]:
        self.paths[f"{method} {path}"] += 1
        if method == "POST" and path.endswith("/chat/completions"):
            request = json.loads(body)
            self.chat_requests += 1
            if self.on_chat is not None:
                self.on_chat(request)
            own = self.latency_of(request) if self.latency_of is not None else None
            await asyncio.sleep(self._delay() if own is None else own)
            self.answered += 1
            return 200, json.dumps(completion(request, self.answered)).encode(), "application/json"
        if method == "POST" and path.endswith("/files"):
            return self._upload(headers, body)
        found = re.search(r"/files/([\w-]+)/content$", path)
        if method == "GET" and found:
            if found[1] not in self.files:
                return _error(404, f"no file {found[1]}")
            return 200, self.files[found[1]], "application/octet-stream"
        if method == "POST" and path.endswith("/batches"):
            return self._create_batch(json.loads(body))
        found = re.search(r"/batches/([\w-]+)$", path)
        if method == "GET" and found:
            batch = self.batches.get(found[1])
            if batch is None:
                return _error(404, f"No batch found with id '{found[1]}'.")
            self._advance(batch)
            return 200, json.dumps(batch.as_json()).encode(), "application/json"
        return _error(404, f"no route {method} {path}")

    def _delay(self) -> float:
        if isinstance(self.latency, tuple):
            return random.uniform(*self.latency)
        return self.latency

    # -- files and batches -----------------------------------------------------------------

    def _upload(self, headers: dict[str, str], body: bytes) -> tuple[int, bytes, str]:
        boundary = headers.get("content-type", "").partition("boundary=")[2].strip('"').encode()
        if not boundary:
            return _error(400, "expected multipart/form-data")
        fields: dict[str, bytes] = {}
        filename = "upload.jsonl"
        for part in body.split(b"--" + boundary):
            head, _, content = part.partition(b"\r\n\r\n")
            found = re.search(rb'name="([^"]+)"', head)
            if found:
                fields[found[1].decode()] = content.removesuffix(b"\r\n")
                named = re.search(rb'filename="([^"]+)"', head)
                filename = named[1].decode() if named else filename
        if "file" not in fields:
            return _error(400, "no file in the upload")
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = fields["file"]
        out = {
            "id": file_id,
            "object": "file",
            "bytes": len(fields["file"]),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": fields.get("purpose", b"batch").decode(),
            "status": "processed",
        }
        return 200, json.dumps(out).encode(), "application/json"

    def _create_batch(self, request: dict[str, Any]) -> tuple[int, bytes, str]:
        if request.get("input_file_id") not in self.files:
            return _error(400, f"no file {request.get('input_file_id')}")
        batch = Batch(
            id=f"batch_{next(self._ids)}",
            input_file_id=request["input_file_id"],
            endpoint=request.get("endpoint", "/v1/chat/completions"),
            window=request.get("completion_window", "24h"),
            metadata=request.get("metadata"),
            created=int(time.time()),
        )
        lines = [json.loads(x) for x in self.files[batch.input_file_id].splitlines() if x.strip()]
        batch.counts["total"] = len(lines)
        self.batches[batch.id] = batch
        return 200, json.dumps(batch.as_json()).encode(), "application/json"

    def _advance(self, batch: Batch) -> None:
        """One step of the job's life each time its status is read."""
        lines = [json.loads(x) for x in self.files[batch.input_file_id].splitlines() if x.strip()]
        if batch.status == "validating":
            if self.batch_outcome == "failed":
                batch.status = "failed"
                batch.errors = [{"code": "invalid_request", "message": "the input file is not valid", "line": 1}]
            else:
                batch.status = "in_progress"
                batch.counts["completed"] = len(lines) // 2
        elif batch.status == "in_progress":
            batch.status = "finalizing"
        elif batch.status == "finalizing":
            self._finish(batch, lines)

    def _finish(self, batch: Batch, lines: list[dict[str, Any]]) -> None:
        out: list[str] = []
        errors: list[str] = []
        expired = self.batch_outcome == "expired"
        for n, line in enumerate(lines, start=1):
            cid = line["custom_id"]
            if expired and n > self.expire_after:
                error = {
                    "code": "batch_expired",
                    "message": "This request could not be executed before the completion window expired.",
                }
                errors.append(json.dumps({"id": f"batch_req_{n}", "custom_id": cid, "response": None, "error": error}))
            elif self.fail_every and n % self.fail_every == 0:
                body = {
                    "error": {"message": "The server had an error processing your request.", "type": "server_error"}
                }
                response = {"status_code": 500, "request_id": f"req_{n}", "body": body}
                errors.append(
                    json.dumps({"id": f"batch_req_{n}", "custom_id": cid, "response": response, "error": None})
                )
            else:
                self.chat_requests += 1
                response = {"status_code": 200, "request_id": f"req_{n}", "body": completion(line["body"], n)}
                out.append(json.dumps({"id": f"batch_req_{n}", "custom_id": cid, "response": response, "error": None}))
        batch.counts = {"total": len(lines), "completed": len(out), "failed": len(errors)}
        if out:
            batch.output_file_id = f"file-{next(self._ids)}"
            self.files[batch.output_file_id] = ("\n".join(out) + "\n").encode()
        if errors:
            batch.error_file_id = f"file-{next(self._ids)}"
            self.files[batch.error_file_id] = ("\n".join(errors) + "\n").encode()
        batch.status = "expired" if expired else "completed"


def _error(status: int, message: str) -> tuple[int, bytes, str]:
    return (
        status,
        json.dumps({"error": {"message": message, "type": "invalid_request_error"}}).encode(),
        "application/json",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency", default="0", help="seconds per answer, or LOW-HIGH (e.g. 2-8)")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    low, _, high = args.latency.partition("-")
    latency: float | tuple[float, float] = (float(low), float(high)) if high else float(low)
    server = FakeOpenAI(latency, port=args.port).start()
    print(server.base_url, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()
    server.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
