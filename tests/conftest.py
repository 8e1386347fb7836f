"""Shared fixtures. Model calls replay vcrpy cassettes in tests/cassettes/.

Replaying is the default (``--record-mode=none --block-network`` in pyproject.toml):
a request that no cassette holds fails the test instead of reaching a network.
``make record`` re-records against a real llama.cpp server (see tests/record.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from schemas import Article, VerifiedExtraction
from summarizer.config import Config, load_config
from summarizer.ingest import load_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# The recording server's address: replay ignores host and port (see vcr_config).
TEST_BASE_URL = os.environ.get("SUMMARIZER_TEST_BASE_URL", "http://127.0.0.1:8765/v1")
TEST_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"

_SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie"]


def _json_body(r1: Any, r2: Any) -> None:
    """Request bodies must be the same JSON: a changed prompt or schema needs a re-record."""
    a, b = r1.body or b"", r2.body or b""
    try:
        same = json.loads(a) == json.loads(b)
    except ValueError:
        same = a == b
    if not same:
        raise AssertionError("request body differs from the recording: re-record with `make record`")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in ("set-cookie", "openai-organization", "openai-project"):
            del headers[name]
    return response


def _vcr_settings() -> dict[str, Any]:
    return {
        "filter_headers": [(h, "REDACTED") for h in _SECRET_HEADERS],
        "match_on": ["method", "path", "json_body"],
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return _vcr_settings()


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("json_body", _json_body)


@pytest.fixture
def all_played(vcr: Any) -> Any:
    """Use in recorded tests: fails if the test left part of its cassette unplayed."""
    yield vcr
    if vcr.record_mode == "none":
        assert vcr.all_played, f"unused recordings in {vcr._path}: the code made fewer calls than recorded"


@pytest.fixture
def test_config(tmp_path: Path) -> Config:
    """The configuration recordings were made with; independent of the user's files."""
    return load_config(
        overrides={"backend": "compatible", "base_url": TEST_BASE_URL, "model": TEST_MODEL},
        env={},
        cwd=tmp_path,
    )


@pytest.fixture(scope="session")
def seed_articles() -> dict[str, Article]:
    return {Path(a.source).stem: a for a in load_articles([str(p) for p in SEEDS])}


CASSETTES = ROOT / "tests" / "cassettes" / "test_extract_recorded"


def seed_cassette(stem: str) -> Path:
    """The recording of one seed's extraction (made by test_seed_extraction_is_grounded)."""
    return CASSETTES / f"test_seed_extraction_is_grounded[{stem}].yaml"


def replayer() -> Any:
    """A vcrpy instance that replays (never records) with the same matching as the tests."""
    import vcr

    # allow_playback_repeats is a per-cassette option (and False by default).
    skip = ("before_record_response", "allow_playback_repeats")
    config = {k: v for k, v in _vcr_settings().items() if k not in skip}
    recorder = vcr.VCR(record_mode="none", **config)
    recorder.register_matcher("json_body", _json_body)
    return recorder


@pytest.fixture(scope="session")
def seed_results(
    seed_articles: dict[str, Article], tmp_path_factory: pytest.TempPathFactory
) -> list[VerifiedExtraction]:
    """The five seeds' extractions, replayed from their recordings (every call played)."""
    from summarizer.extract import Extractor

    config = load_config(
        overrides={"backend": "compatible", "base_url": TEST_BASE_URL, "model": TEST_MODEL},
        env={},
        cwd=tmp_path_factory.mktemp("cfg"),
    )
    extractor = Extractor(config)
    results = []
    for stem, article in sorted(seed_articles.items()):
        with replayer().use_cassette(str(seed_cassette(stem))) as cassette:
            results.append(extractor.extract(article))
            assert cassette.all_played
    return results
