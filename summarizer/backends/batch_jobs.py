"""The OpenAI Batch API (``/v1/files`` and ``/v1/batches``), for ``backend = openai`` and
compatible servers that offer it: upload a JSON-lines file of requests, create a job,
read its status, download its output and error files.

Also a client that never leaves the process (:func:`offline_client`): the same
instructor client a run uses, whose HTTP is answered by a function, so a request is
written exactly as it would be sent, and an answer from a batch's output file is read
exactly as a live one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx2
import instructor
import openai

from summarizer.backends.client import _MODES, _check, _client_args
from summarizer.backends.failures import explain
from summarizer.config import Config
from summarizer.errors import BackendError, ConfigError

ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"
DONE = frozenset({"completed", "expired", "failed", "cancelled"})


@dataclass(frozen=True)
class JobStatus:
    id: str
    status: str
    total: int = 0
    completed: int = 0
    failed: int = 0
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.status in DONE


def _client(config: Config) -> openai.OpenAI:
    if config.backend == "local":
        raise ConfigError(
            '--batch needs a server with the Batch API: backend = "openai", or "compatible" with a base_url '
            "that offers /v1/batches; the embedded local model answers one request at a time"
        )
    _check(config)
    return openai.OpenAI(**_client_args(config))


def _failed(exc: Exception, config: Config, what: str) -> BackendError:
    where = config.base_url or "api.openai.com"
    if isinstance(exc, openai.NotFoundError):
        return BackendError(
            f"{where} has no {what} (404): it offers no Batch API; run without --batch "
            "(or point base_url at a server with /v1/batches)",
            affects_every_request=True,
        )
    return explain(exc, config) or BackendError(f"{what} at {where} failed: {exc}")


def submit(config: Config, requests: bytes, metadata: dict[str, str]) -> str:
    """Upload the requests (JSON lines) and create the job; its id."""
    client = _client(config)
    try:
        upload = client.files.create(file=("requests.jsonl", requests), purpose="batch")
        job = client.batches.create(
            input_file_id=upload.id, endpoint=ENDPOINT, completion_window="24h", metadata=metadata
        )
    except openai.OpenAIError as exc:
        raise _failed(exc, config, "/v1/files or /v1/batches") from exc
    finally:
        client.close()
    return job.id


def status(config: Config, job_id: str) -> JobStatus:
    client = _client(config)
    try:
        job = client.batches.retrieve(job_id)
    except openai.NotFoundError as exc:
        raise ConfigError(
            f"no batch {job_id} at {config.base_url or 'api.openai.com'}: check the id (--resume-batch), "
            "or run with --batch instead to submit the missing articles again"
        ) from exc
    except openai.OpenAIError as exc:
        raise _failed(exc, config, "/v1/batches") from exc
    finally:
        client.close()
    counts = job.request_counts
    errors = [f"{e.code}: {e.message}" for e in (job.errors.data or [])] if job.errors else []
    return JobStatus(
        id=job.id,
        status=job.status,
        total=counts.total if counts else 0,
        completed=counts.completed if counts else 0,
        failed=counts.failed if counts else 0,
        output_file_id=job.output_file_id,
        error_file_id=job.error_file_id,
        errors=errors,
    )


def download(config: Config, file_id: str) -> bytes:
    client = _client(config)
    try:
        return client.files.content(file_id).read()
    except openai.OpenAIError as exc:
        raise _failed(exc, config, f"file {file_id}") from exc
    finally:
        client.close()


def offline_client(config: Config, answer: Callable[[dict[str, Any]], dict[str, Any]]) -> instructor.AsyncInstructor:
    """The run's instructor client, answered in process: ``answer(request body)`` gives
    the chat.completion to return (it may raise to stop the call)."""

    def respond(request: httpx2.Request) -> httpx2.Response:
        import json

        return httpx2.Response(200, json=answer(json.loads(request.content)))

    args = {**_client_args(config), "base_url": config.base_url or "http://offline.invalid/v1"}
    args["api_key"] = args["api_key"] or "offline"
    raw = openai.AsyncOpenAI(**args, http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(respond)))
    return instructor.from_openai(raw, mode=_MODES[config.mode])


__all__ = ["DONE", "ENDPOINT", "JobStatus", "download", "offline_client", "status", "submit"]
