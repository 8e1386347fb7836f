"""How a failed request is classified and explained: retry it, or tell the user what to fix.

Every backend speaks the OpenAI protocol, so the OpenAI client's exceptions are the
ones to read; instructor wraps them in its own, which are unwrapped first.
"""

from __future__ import annotations

import email.utils
import time

import openai

from summarizer.config import Config
from summarizer.errors import BackendError


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
