"""No API key in cassettes, logs, the cache, outputs or error messages."""

from __future__ import annotations

import http.server
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from summarizer.cli import main
from tests.helpers import ROOT, TEST_MODEL, loopback

SECRET = "sk-live-TOPSECRET0123456789abcdef"
CASSETTES = ROOT / "tests" / "cassettes"
SEED = ROOT / "seeds" / "003_968b073979ff03d3.txt"


def test_no_cassette_holds_a_key_or_an_authorization_header() -> None:
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert len(files) >= 9
    import yaml

    for path in files:
        text = path.read_text()
        assert "Bearer" not in text and "sk-" not in text and "not-needed" not in text, path
        for interaction in yaml.safe_load(text)["interactions"]:
            for name, values in interaction["request"]["headers"].items():
                if name.lower() in ("authorization", "api-key", "x-api-key", "cookie"):
                    assert values == ["REDACTED"], f"{path}: {name}"


def _recorded_answer() -> bytes:
    """The real model's first answer for seed 003, as recorded."""
    import yaml

    cassette = CASSETTES / "test_extract_recorded" / "test_seed_extraction_is_grounded[003_968b073979ff03d3].yaml"
    first = yaml.safe_load(cassette.read_text())["interactions"][0]["response"]
    body: str = first["body"]["string"]
    return body.encode()


@contextmanager
def _server(status: int, body: bytes) -> Iterator[tuple[str, list[str]]]:
    """A loopback OpenAI-style endpoint; yields its URL and the Authorization headers it got."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            seen.append(self.headers.get("authorization", ""))
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with loopback(Handler) as base:
        yield f"{base}/v1", seen


@pytest.fixture
def keyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMMARIZER_TEST_KEY", SECRET)
    monkeypatch.setenv("SUMMARIZER_API_KEY_ENV", "SUMMARIZER_TEST_KEY")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "0")
    caplog.set_level(logging.DEBUG)  # everything any library logs, not only what -v shows
    return tmp_path


def _argv(url: str, *extra: str) -> list[str]:
    return ["extract", str(SEED), "--backend", "compatible", "--base-url", url, "--model", TEST_MODEL, "-v", *extra]


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_a_successful_run_leaves_the_key_nowhere(
    keyed: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    out = keyed / "out.jsonl"
    with _server(200, _recorded_answer()) as (url, seen):
        assert main(_argv(url, "-o", str(out))) == 0
    assert seen and all(h == f"Bearer {SECRET}" for h in seen)  # the key was really sent...
    printed = capsys.readouterr()
    stored = b"".join(p.read_bytes() for p in (keyed / "store").rglob("*") if p.is_file())
    assert stored, "nothing was stored"
    for where, text in {
        "logs": caplog.text,
        "stdout": printed.out,
        "stderr": printed.err,
        "output": out.read_text(),
        "cache": stored.decode("utf-8", "replace"),
    }.items():
        assert SECRET not in text and SECRET[-12:] not in text, f"the key is in the {where}"  # ...and kept nowhere


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_a_rejected_key_is_reported_without_showing_it(
    keyed: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    refusal = json.dumps(
        {"error": {"message": "Incorrect API key provided: sk-live-***cdef", "type": "invalid_request_error"}}
    )
    with _server(401, refusal.encode()) as (url, _):
        assert main(_argv(url)) != 0
    printed = capsys.readouterr()
    assert "rejected the API key (401)" in printed.err and "SUMMARIZER_TEST_KEY" in printed.err
    for text in (caplog.text, printed.out, printed.err):
        assert SECRET not in text and SECRET[-12:] not in text


def test_the_shown_configuration_masks_the_key(keyed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "--backend", "compatible"]) == 0
    shown = capsys.readouterr().out
    assert SECRET not in shown and SECRET[-12:] not in shown and "sk-…cdef" in shown
