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
from summarizer.extraction.extractor import Extractor
from summarizer.grounding.grounder import normalize
from summarizer.text.numbers import mentions
from tests.helpers import SEEDS

pytestmark = pytest.mark.recorded

# Figures the article states AND the recorded model found (see the issue note for misses).
# Misses of the 1.5B model are listed in the extraction issue's note, not hidden here.
EXPECTED_FIGURES: dict[str, set[int]] = {
    "000_a5fcda978374dbd1": {10_000, 12_000, 3_000},
    "001_14f0491d8cf91e8c": {3_000, 10_000},
    "002_a7a0e48d94afa888": {10_000, 3_000},
    "003_968b073979ff03d3": {10_000},
    "004_eebf9108032eaeec": {3_000, 10_000, 1_500},
}


@pytest.mark.vcr
@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_seed_extraction_is_grounded(
    seed: str, seed_articles: dict[str, Article], test_config: Config, all_played: object
) -> None:
    article = seed_articles[seed]
    result = Extractor(test_config).extract(article)

    assert result.article_id == article.id
    assert result.prompt_version.startswith("extract-v")
    assert result.attempts >= 1 and result.usage.completion_tokens > 0
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
def test_an_answer_cut_off_at_max_tokens_is_asked_again_bigger_then_smaller_never_reasked(
    seed_articles: dict[str, Article], test_config: Config, all_played: Any
) -> None:
    """Recorded with max_tokens=64: llama.cpp says finish_reason 'tool_calls' even so.
    The cut-off answer is never sent back; the article is asked again with 128 tokens,
    then in two parts, and then the error says what to change."""
    import json

    from summarizer.errors import ExtractionError

    config = test_config.model_copy(update={"max_tokens": 64})
    with pytest.raises(ExtractionError, match="cut off at max_tokens=64, again at 128 and with the article in smaller"):
        Extractor(config).extract(seed_articles["003_968b073979ff03d3"])
    requests = [json.loads(request.body) for request, _ in all_played.data]
    assert [r["max_tokens"] for r in requests] == [64, 128, 128]
    assert all(len(r["messages"]) == 2 for r in requests)  # no re-ask carrying the cut-off answer
    assert len(requests[2]["messages"][1]["content"]) < len(requests[0]["messages"][1]["content"])  # a part
