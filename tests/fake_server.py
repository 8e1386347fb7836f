"""A fake OpenAI-compatible server on 127.0.0.1 for fault tests: it answers in the shape
of the recorded llama.cpp answers, and misbehaves on articles that ask it to.

An article whose text holds ``HANG`` gets no answer for ``hang_seconds``; ``RESET`` gets
its connection reset; ``ECHO-KEY`` gets a 400 whose body repeats the Authorization
header; ``MALFORMED`` an answer that never validates (one good reaction beside a figure
without its fields), however often it is asked again; ``INVENTED`` an answer giving two
reactions to bodies the article never names (each shares one common word with it);
``WRONG-SPEAKER`` a reaction on the sentence that "warned", credited to the Pentagon;
anything else gets a grounded figure on its first sentence. ``status`` answers every
request with that HTTP status instead (401, 403, 404 ...).
"""

from __future__ import annotations

import http.server
import json
import re
import socket
import struct
import threading
import time
from typing import Any


def tool_answer(arguments: dict[str, Any]) -> bytes:
    return json.dumps(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": "fake",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "tool_calls",
                    "message": {
                        "role": "assistant",
                        "content": None,
                        "tool_calls": [
                            {
                                "id": "call_0",
                                "type": "function",
                                "function": {"name": "ArticleAnswer", "arguments": json.dumps(arguments)},
                            }
                        ],
                    },
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140},
        }
    ).encode()


FIGURE_ANSWER = {
    "figures": [
        {
            "sentence": 1,
            "figure": "10,000",
            "subject": "troops",
            "status": "sent",
        }
    ],
    "reactions": [{"sentence": 1, "speaker": "Pentagon"}],
}


MALFORMED_ANSWER = {
    "figures": [{"sentence": 1, "figure": "10,000"}],  # no subject, no status: never valid
    "reactions": [{"sentence": 1, "speaker": "Pentagon"}],
}

INVENTED_ANSWER = {
    **FIGURE_ANSWER,
    "reactions": [
        {"sentence": 1, "speaker": "Ministry of Fabrication"},
        {"sentence": 2, "speaker": "Parliament of Atlantis"},
    ],
}


def _sentence_with(user: str, word: str) -> int:
    """The number the prompt gives the first sentence holding ``word``."""
    for number, sentence in re.findall(r"\[(\d+)\*?\] ([^\n]*)", json.loads(user)[-1]["content"]):
        if word in sentence:
            return int(number)
    return 1


class FakeServer:
    def __init__(self, hang_seconds: float = 3.0, status: int | None = None, malformed: bool = False) -> None:
        self.hang_seconds = hang_seconds
        self.status = status
        self.malformed = malformed  # every answer MALFORMED, whatever the article (may be changed mid-test)
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                fake.requests.append(body)
                user = json.dumps(body.get("messages", []))
                if fake.status is not None:
                    message = "The model `fake` does not exist." if fake.status == 404 else "Incorrect API key provided"
                    self._send(fake.status, json.dumps({"error": {"message": message}}).encode())
                    return
                if "MALFORMED" in user or fake.malformed:
                    self._send(200, tool_answer(MALFORMED_ANSWER))
                    return
                if "INVENTED" in user:
                    self._send(200, tool_answer(INVENTED_ANSWER))
                    return
                if "WRONG-SPEAKER" in user:
                    reaction = {"sentence": _sentence_with(user, "warned"), "speaker": "Pentagon"}
                    self._send(200, tool_answer({**FIGURE_ANSWER, "reactions": [reaction]}))
                    return
                if "HANG" in user:
                    time.sleep(fake.hang_seconds)
                    return
                if "RESET" in user:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    return
                if "NO-CHOICES" in user:
                    self._send(
                        200,
                        json.dumps(
                            {"id": "x", "object": "chat.completion", "created": 0, "model": "fake", "choices": []}
                        ).encode(),
                    )
                    return
                if "ECHO-KEY" in user:
                    said = self.headers.get("authorization", "")
                    self._send(400, json.dumps({"error": {"message": f"bad request from {said}"}}).encode())
                    return
                self._send(200, tool_answer(FIGURE_ANSWER))

            def _send(self, status: int, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
