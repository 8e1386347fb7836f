"""How a failed request is classified and explained: retry it, or tell the user what to fix.

Every backend speaks the OpenAI protocol, so the OpenAI client's exceptions are the
ones to read; instructor wraps them in its own, which are unwrapped first.
"""

from __future__ import annotations

import email.utils
import re
import time

import httpx2
import openai

from summarizer.config import Config
from summarizer.errors import BackendError


def is_transient(exc: BaseException, config: Config | None = None) -> bool:
    """Whether retrying the same request later may succeed (429, 5xx, timeouts, resets).

    Not a timeout from the embedded llama.cpp server: it answers one request at a time
    and is still generating the abandoned one, so the same request sent again would only
    queue behind it and time out in turn."""
    exc = _api_error(exc) or exc
    if isinstance(exc, openai.APITimeoutError):
        return config is None or config.backend != "local"
    if isinstance(exc, openai.APIConnectionError):
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
        return BackendError(f"{where} rejected the API key (401): {_key_hint(config)}", affects_every_request=True)
    if isinstance(api, openai.PermissionDeniedError):
        return BackendError(
            f"{where} refused access (403): {_key_hint(config)}, and that the key may use model {config.model!r}",
            affects_every_request=True,
        )
    if isinstance(api, openai.NotFoundError):
        if "model" not in str(api.message).lower():
            return BackendError(
                f"{where} has no chat completions endpoint (404): base_url must be the server's OpenAI API root, "
                "usually ending in /v1 (--base-url or base_url in summarizer.toml)",
                affects_every_request=True,
            )
        return BackendError(
            f'{where} does not serve model {config.model!r} (404): set model = "..." or --model '
            "to a model the server lists at /v1/models",
            affects_every_request=True,
        )
    if isinstance(api, openai.APIConnectionError):
        return _connection_failure(api, where, config)
    if isinstance(api, openai.APIStatusError):
        detail = shorten(api.message, secret=config.api_key())
        if re.search(r"<\s*(?:!doctype|html|body|head)\b", detail, re.IGNORECASE):
            detail = "an HTML error page (a proxy or a web server, not a model server, answered?)"
        hint = ""
        if "context" in detail.lower() and "length" in detail.lower():
            hint = (
                "; the request does not fit the server's context window: start the server with a "
                "larger context (llama.cpp: --n_ctx / --ctx-size) or lower max_retries"
            )
        elif api.status_code == 400 and config.mode == "json_schema":
            hint = '; this server may not accept response_format json_schema: try mode = "tools"'
        return BackendError(f"{where} answered {api.status_code}: {detail}{hint}")
    return BackendError(f"request to {where} failed: {shorten(str(api), secret=config.api_key())}")


def _key_hint(config: Config) -> str:
    """What to check about the key, for the backend in use."""
    if not config.api_key_env:
        return "the server wants a key: set api_key_env in summarizer.toml to the variable that holds it"
    if config.backend == "openai":
        return f"check {config.api_key_env} (a key from your OpenAI account)"
    return f"check {config.api_key_env}: it must hold the key this server expects"


def _connection_failure(api: openai.APIConnectionError, where: str, config: Config) -> BackendError:
    """A request that got no answer: too slow (this article), cut off (this article), or
    nobody listening (every article)."""
    if isinstance(api, openai.APITimeoutError):
        message = (
            f"{where} did not answer within timeout={config.timeout:g}s: raise timeout in summarizer.toml "
            "(CPU models are slow), or use a smaller model"
        )
        return BackendError(message, timed_out=True)
    if _refused(api):
        message = (
            f"cannot reach the model server at {where}: start it (see README, 'Backends') "
            "or point --base-url / base_url in summarizer.toml at a running one"
        )
        return BackendError(message, affects_every_request=True)
    cause = type(api.__cause__ or api).__name__
    return BackendError(f"the connection to {where} broke off during the request ({cause}): this article failed")


def _refused(exc: openai.APIConnectionError) -> bool:
    """Whether nothing answered at all (refused, no such host): every request would fail
    alike. A reset or a broken response hits one request."""
    cause = exc.__cause__ or exc.__context__
    return cause is None or isinstance(cause, httpx2.ConnectError | httpx2.ConnectTimeout)


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


# Anything shaped like a credential, whoever's: OpenAI-style keys and bearer tokens.
_CREDENTIAL = re.compile(r"(?i)\bbearer\s+[\w.~+/=-]+|\bsk-[\w-]{6,}|\bkey[-_][\w-]{12,}")


def redact(text: str, secret: str | None = None) -> str:
    """``text`` without the configured key or anything shaped like a credential: a server
    may echo the request's Authorization header in an error body."""
    if secret:
        text = text.replace(secret, "[redacted]")
    return _CREDENTIAL.sub("[redacted]", text)


def shorten(text: str, limit: int = 200, *, secret: str | None = None) -> str:
    """One line of at most ``limit`` characters, redacted: fit for a log, a message, a brief."""
    text = " ".join(redact(text, secret).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
