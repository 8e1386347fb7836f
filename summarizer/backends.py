"""Turn a :class:`Config` into an instructor client. The only module that knows providers.

Every backend speaks the OpenAI chat-completions protocol; they differ only in base URL,
key and instructor mode. Everything after the client (re-asks, retries, grounding) is
shared, so a recording made against one server exercises the code users run on another.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import instructor
import openai

from summarizer.config import Config
from summarizer.errors import BackendError, ConfigError
from summarizer.local_server import LocalServer
from summarizer.models import resolve_model_path

log = logging.getLogger(__name__)

_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}

# Sent to servers that need no key: the OpenAI client refuses an empty one.
_NO_KEY = "not-needed"


@contextmanager
def connect(config: Config) -> Iterator[instructor.Instructor]:
    """An instructor client for the configured backend, valid inside the ``with``.

    For ``local`` a llama.cpp server is started on a free loopback port for the
    duration and stopped after, so every backend shares the same request path.
    """
    with serving(config) as served:
        yield make_client(served)


@contextmanager
def serving(config: Config) -> Iterator[Config]:
    """``config`` with a base URL that answers: for ``local``, a llama.cpp server started
    on a free loopback port for the duration of the ``with``; other backends as given."""
    if config.backend != "local":
        yield config
        return
    model = resolve_model_path(config.model_path)
    log.info("starting llama.cpp on %s", model)
    started = time.perf_counter()
    with LocalServer(model, n_ctx=config.n_ctx, n_threads=config.n_threads) as server:
        log.info("llama.cpp ready at %s in %.1fs", server.base_url, time.perf_counter() - started)
        yield config.model_copy(update={"base_url": server.base_url})


def make_client(config: Config) -> instructor.Instructor:
    """An instructor client for the configured backend (transient retries are ours)."""
    if config.backend == "local" and not config.base_url:
        # Without this, a local config would silently fall through to api.openai.com.
        raise ConfigError(
            "the local backend's server is started by summarizer.backends.connect(config); "
            "use it (or summarizer.brief / extract) rather than make_client"
        )
    if config.api_key_env and not config.api_key():
        raise ConfigError(
            f"{config.api_key_env} is not set: export {config.api_key_env}=... or choose "
            'backend = "compatible" with a base_url in summarizer.toml'
        )
    raw = openai.OpenAI(**_client_args(config))
    return instructor.from_openai(raw, mode=_MODES[config.mode])


def make_async_client(config: Config) -> instructor.AsyncInstructor:
    """The same client for concurrent extraction (``config.concurrency`` at a time)."""
    make_client(config)  # the same checks, the same errors
    raw = openai.AsyncOpenAI(**_client_args(config))
    return instructor.from_openai(raw, mode=_MODES[config.mode])


def _client_args(config: Config) -> dict[str, Any]:
    return {
        "api_key": config.api_key() or _NO_KEY,
        "base_url": config.base_url,
        "timeout": config.timeout,
        "max_retries": 0,  # tenacity in summarizer.extract owns retrying, with jitter
    }


def is_transient(exc: BaseException) -> bool:
    """Whether retrying the same request later may succeed (429, 5xx, timeouts, resets)."""
    exc = _api_error(exc) or exc
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (``Retry-After``), if it said."""
    api = _api_error(exc)
    if not isinstance(api, openai.APIStatusError):
        return None
    value = api.response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def explain(exc: BaseException, config: Config) -> BackendError | None:
    """A one-line, actionable error for an API failure, or None if ``exc`` is not one."""
    api = _api_error(exc)
    if api is None:
        return None
    where = config.base_url or "api.openai.com"
    if isinstance(api, openai.AuthenticationError):
        hint = f"check {config.api_key_env}" if config.api_key_env else "set api_key_env in summarizer.toml"
        return BackendError(f"{where} rejected the API key (401): {hint}", affects_every_request=True)
    if isinstance(api, openai.NotFoundError):
        return BackendError(
            f'{where} does not serve model {config.model!r} (404): set model = "..." or --model '
            "to a model the server lists at /v1/models",
            affects_every_request=True,
        )
    if isinstance(api, openai.APIConnectionError):
        return BackendError(
            f"cannot reach the model server at {where}: start it (see README, 'Backends') "
            "or point --base-url / base_url in summarizer.toml at a running one",
            affects_every_request=True,
        )
    if isinstance(api, openai.APIStatusError):
        detail = shorten(api.message)
        hint = ""
        if "context" in detail.lower() and "length" in detail.lower():
            hint = (
                "; the request does not fit the server's context window: start the server with a "
                "larger context (llama.cpp: --n_ctx / --ctx-size) or lower max_retries"
            )
        elif api.status_code == 400 and config.mode == "json_schema":
            hint = '; this server may not accept response_format json_schema: try mode = "tools"'
        return BackendError(f"{where} answered {api.status_code}: {detail}{hint}")
    return BackendError(f"request to {where} failed: {shorten(str(api))}")


def _api_error(exc: BaseException) -> openai.APIError | None:
    """The OpenAI error behind ``exc`` (instructor wraps it in its own exceptions)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, openai.APIError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
