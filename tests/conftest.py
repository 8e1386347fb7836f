"""Shared fixtures. Model calls replay vcrpy cassettes in tests/cassettes/.

Replaying is the default (``--record-mode=none --block-network`` in pyproject.toml):
a request that no cassette holds fails the test instead of reaching a network.
``make record`` re-records against a real llama.cpp server (see scripts/record.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from schemas import Article, VerifiedExtraction
from summarizer.config import Config
from summarizer.ingest import load_articles
from summarizer.text import parse
from tests.helpers import (
    SEEDS,
    TEST_PARSER,
    json_body,
    official_parser_stand_in,
    recorded_config,
    replay_seeds,
    vcr_settings,
)


def pytest_configure(config: pytest.Config) -> None:
    """Models that configurations fetch on first use (the parser) are found already
    fetched, in a folder of this session's, never downloaded."""
    import os
    import tempfile

    if "SUMMARIZER_MODELS_DIR" not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="summarizer-test-models-"))
        os.environ["SUMMARIZER_MODELS_DIR"] = str(official_parser_stand_in(folder))
    parse.use(TEST_PARSER)  # for the tests that ground without a configuration


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return vcr_settings()


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("json_body", json_body)


@pytest.fixture(autouse=True)
def all_played(request: pytest.FixtureRequest) -> Any:
    """Every test that replays a cassette fails if it left part of it unplayed."""
    if request.node.get_closest_marker("vcr") is None:
        yield None
        return
    vcr = request.getfixturevalue("vcr")
    yield vcr
    if vcr.record_mode == "none":
        assert vcr.all_played, f"unused recordings in {vcr._path}: the code made fewer calls than recorded"


@pytest.fixture
def test_config(tmp_path: Path) -> Config:
    """The configuration recordings were made with; independent of the user's files."""
    return recorded_config(cwd=tmp_path).model_copy(update={"cache": True})


@pytest.fixture(scope="session")
def seed_articles() -> dict[str, Article]:
    return {Path(a.source).stem: a for a in load_articles([str(p) for p in SEEDS])}


@pytest.fixture(scope="session")
def seed_results() -> list[VerifiedExtraction]:
    """The five seeds' extractions, replayed from their recordings (every call played)."""
    return replay_seeds()
