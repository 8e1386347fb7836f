"""Extraction of the dev and test gold sets' articles (every story besides the seeds'),
replayed from recordings of the real 1.5B model.

Only what holds for any honest run is asserted here: one call per article, every kept
item grounded at its offsets, every kept troop figure stated by its own sentence. How
right the answers are is `make eval`'s job (tests/gold/dev, tests/gold/test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.config import Config
from summarizer.extraction.extractor import extract_one
from summarizer.grounding.grounder import normalize
from summarizer.ingest import load_articles
from summarizer.text.numbers import mentions
from tests.helpers import GOLD_ARTICLES

pytestmark = pytest.mark.recorded


@pytest.mark.vcr
@pytest.mark.parametrize("path", GOLD_ARTICLES, ids=[p.stem for p in GOLD_ARTICLES])
def test_gold_extraction_is_grounded(path: Path, test_config: Config, all_played: object) -> None:
    (article,) = load_articles([str(path)])
    result = extract_one(article, test_config)
    assert result.attempts == 1
    ex = result.extraction
    for item in [*ex.troop_estimates, *ex.actors, *ex.locations, *ex.official_reactions]:
        assert item.start is not None and item.end is not None
        # The quote is the article's text at its offsets (a quotation mark at either end aside).
        assert normalize(article.text[item.start : item.end]).strip(" '") == normalize(item.quote).strip(" '")
    for est in ex.troop_estimates:
        for figure in est.figures():
            assert mentions(article.text[est.start : est.end], figure), (figure, est.quote)
