"""Telling transient failures from permanent ones, and saying what to fix."""

from __future__ import annotations

from pathlib import Path

import httpx2
import openai
import pytest

from summarizer import backends
from summarizer.config import Config, load_config

URL = "http://127.0.0.1:8080/v1/chat/completions"


def status_error(code: int, message: str = "boom", headers: dict[str, str] | None = None) -> openai.APIStatusError:
    response = httpx2.Response(code, headers=headers or {}, request=httpx2.Request("POST", URL))
    by_code = {
        400: openai.BadRequestError,
        401: openai.AuthenticationError,
        403: openai.PermissionDeniedError,
        404: openai.NotFoundError,
        429: openai.RateLimitError,
    }
    cls = by_code.get(code, openai.InternalServerError if code >= 500 else openai.APIStatusError)
    return cls(message, response=response, body=None)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return load_config(overrides={"backend": "compatible", "model": "m"}, env={}, cwd=tmp_path)


@pytest.mark.parametrize(("code", "transient"), [(429, True), (500, True), (503, True), (400, False), (401, False)])
def test_which_status_codes_are_retried(code: int, transient: bool) -> None:
    assert backends.is_transient(status_error(code)) is transient


def test_errors_wrapped_by_instructor_are_still_recognized() -> None:
    wrapper = RuntimeError("instructor gave up")
    wrapper.__cause__ = status_error(503)
    assert backends.is_transient(wrapper)


def test_retry_after_is_honoured() -> None:
    assert backends.retry_after(status_error(429, headers={"retry-after": "7"})) == 7.0
    assert backends.retry_after(status_error(429)) is None


def test_permanent_errors_say_what_to_fix(config: Config) -> None:
    auth = backends.explain(status_error(401), config)
    assert auth is not None and "401" in str(auth) and auth.affects_every_request
    missing = backends.explain(status_error(404, "The model `m` does not exist."), config)
    assert missing is not None and "/v1/models" in str(missing) and missing.affects_every_request
    no_endpoint = backends.explain(status_error(404, "File Not Found"), config)
    assert no_endpoint is not None and "base_url" in str(no_endpoint) and "/v1/models" not in str(no_endpoint)
    denied = backends.explain(status_error(403, "forbidden"), config)
    assert denied is not None and "403" in str(denied) and denied.affects_every_request
    overflow = backends.explain(
        status_error(400, "This model's maximum context length is 16384 tokens. However, you requested 21401"), config
    )
    assert overflow is not None and "n_ctx" in str(overflow) and not overflow.affects_every_request


def _timeout() -> openai.APITimeoutError:
    return openai.APITimeoutError(request=httpx2.Request("POST", URL))


def test_a_timeout_is_retried_on_a_remote_server_but_never_sent_again_to_the_embedded_one(
    config: Config, tmp_path: Path
) -> None:
    """llama.cpp's server keeps generating a request its client gave up on: the same
    request sent again would queue behind it and time out in turn."""
    local = load_config(overrides={"backend": "local"}, env={}, cwd=tmp_path)
    assert backends.is_transient(_timeout(), config)
    assert not backends.is_transient(_timeout(), local)


def test_a_timeout_is_explained_as_one_and_names_the_setting(config: Config) -> None:
    explained = backends.explain(_timeout(), config)
    assert explained is not None and explained.timed_out and not explained.affects_every_request
    assert "timeout=600s" in str(explained) and "cannot reach" not in str(explained)


def test_a_server_that_echoes_the_key_does_not_get_it_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = "sk-test-0123456789abcdefXYZ"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    config = load_config(overrides={"backend": "openai"}, env={"OPENAI_API_KEY": key}, cwd=tmp_path)
    message = str(backends.explain(status_error(400, f"bad request; you sent Authorization: Bearer {key}"), config))
    assert key not in message and "Bearer sk" not in message and "[redacted]" in message


def test_anything_shaped_like_a_credential_is_redacted_even_without_a_configured_key() -> None:
    assert backends.shorten("echo: Bearer abc.def-123 and sk-live-abcdefgh") == "echo: [redacted] and [redacted]"


def test_an_html_error_page_is_not_shown_raw(config: Config) -> None:
    page = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
    message = str(backends.explain(status_error(502, page), config))
    assert "<html" not in message and "an HTML error page" in message


@pytest.mark.parametrize("code", [401, 403, 404])
def test_what_the_user_must_fix_in_the_configuration_exits_2(config: Config, code: int) -> None:
    explained = backends.explain(status_error(code, "The model `m` does not exist."), config)
    assert explained is not None and explained.exit_code == 2


def test_a_transient_failure_fails_one_article_not_the_configuration(config: Config) -> None:
    explained = backends.explain(status_error(500), config)
    assert explained is not None and explained.exit_code == 1 and not explained.affects_every_request


def test_key_hints_name_the_fix_for_the_backend_in_use(tmp_path: Path) -> None:
    keyed = load_config(overrides={"backend": "compatible", "api_key_env": "MY_SERVER_KEY"}, env={}, cwd=tmp_path)
    hint = str(backends.explain(status_error(401), keyed))
    assert "MY_SERVER_KEY" in hint and "OpenAI account" not in hint
    keyless = load_config(overrides={"backend": "compatible"}, env={}, cwd=tmp_path)
    assert "set api_key_env" in str(backends.explain(status_error(401), keyless))
    openai_cfg = load_config(overrides={"backend": "openai"}, env={"OPENAI_API_KEY": "sk-x"}, cwd=tmp_path)
    assert "OpenAI account" in str(backends.explain(status_error(401), openai_cfg))
