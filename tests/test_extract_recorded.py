"""Extraction of the five seeds, replayed from recordings of the real 1.5B model.

What is asserted holds for any honest run: every kept item is grounded at its offsets,
every kept troop figure is stated by its own quote, and the rejected items are set
apart rather than dropped. Seed-specific checks name figures the recorded model found.
"""

from __future__ import annotations

from typing import Any

import pytest

from schemas import Article
from summarizer.config import Config
from summarizer.extraction.extractor import extract_one
from summarizer.grounding.grounder import normalize
from summarizer.text.numbers import mentions
from tests.helpers import SEEDS

pytestmark = pytest.mark.recorded

# Figures the article states AND the recorded model found (see the issue note for misses).
# Misses of the 1.5B model are listed in the extraction issue's note, not hidden here.
EXPECTED_FIGURES: dict[str, set[int]] = {
    "000_a5fcda978374dbd1": {10_000, 12_000, 3_000},
    "001_14f0491d8cf91e8c": {3_000, 10_000, 1_500},
    "002_a7a0e48d94afa888": {10_000, 3_000},
    "003_968b073979ff03d3": {10_000, 3_000, 12_000},
    "004_eebf9108032eaeec": {3_000, 10_000, 1_500},
}


@pytest.mark.vcr
@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_seed_extraction_is_grounded(
    seed: str, seed_articles: dict[str, Article], test_config: Config, all_played: object
) -> None:
    article = seed_articles[seed]
    result = extract_one(article, test_config)

    assert result.article_id == article.id
    assert result.prompt_version.startswith("extract-v")
    assert result.attempts == 1 and result.usage.completion_tokens > 0  # one call: nothing re-asked
    ex = result.extraction
    items = [*ex.troop_estimates, *ex.actors, *ex.locations, *ex.official_reactions]
    assert items, "the model returned nothing that could be grounded"
    for item in items:
        assert item.start is not None and item.end is not None
        assert normalize(article.text[item.start : item.end]) == normalize(item.quote).strip(" '")
    for est in ex.troop_estimates:
        for figure in est.figures():
            assert mentions(article.text[est.start : est.end], figure)
    for unverified in result.unverified:
        assert unverified.reason
    found = {n for est in ex.troop_estimates for n in est.figures()}
    assert EXPECTED_FIGURES.get(seed, set()) <= found


@pytest.mark.vcr
def test_an_answer_cut_off_at_max_tokens_keeps_its_complete_items_and_is_never_asked_again(
    seed_articles: dict[str, Article], test_config: Config, all_played: Any
) -> None:
    """Recorded with max_tokens=96: llama.cpp says finish_reason 'tool_calls' even so.
    The cut-off answer is not sent back nor asked for again with a bigger budget: the
    items it completed are kept (the one it was writing is not), and the cut is noted."""
    import json

    article = seed_articles["003_968b073979ff03d3"]
    result = extract_one(article, test_config.model_copy(update={"max_tokens": 96}))
    requests = [json.loads(request.body) for request, _ in all_played.data]
    assert [r["max_tokens"] for r in requests] == [96]  # one request, never re-sent
    assert result.notes and result.notes[0].startswith("answer cut off at max_tokens=96: kept its")
    assert result.extraction.troop_estimates  # figures come first in the answer, and were complete
    for est in result.extraction.troop_estimates:
        assert all(mentions(article.text[est.start : est.end], n) for n in est.figures())
