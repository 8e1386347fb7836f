"""Long articles are split on sentence boundaries, with overlap, so every request fits."""

from __future__ import annotations

import itertools

import pytest

from schemas import Article
from summarizer.errors import InputError
from summarizer.extraction.chunking import OVERLAP, estimate_tokens, request_tokens, split
from summarizer.extraction.prompting import load_prompt
from summarizer.ingest import parse_article
from summarizer.text.sentences import sentence_spans

PROMPT = load_prompt("extract")


def _long(n: int = 120) -> Article:
    text = "Long dispatch\n" + " ".join(
        f"Sentence {i} says officials counted {1000 + i:,} troops near the border of region {i}." for i in range(n)
    )
    return parse_article(text, "long.txt")


def test_an_article_that_fits_is_one_part(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        (part,) = split(article, PROMPT, 16_384, 3072)
        assert part.article is article and part.start == 0


def test_a_long_article_is_split_into_overlapping_parts_that_each_fit() -> None:
    article = _long()
    parts = split(article, PROMPT, 6000, 1024)
    assert len(parts) >= 3
    for part in parts:
        assert request_tokens(PROMPT, part.article, 1024) <= 6000
        assert article.text[part.start : part.start + len(part.article.text)] == part.article.text
    # Every sentence is in some part, and consecutive parts share OVERLAP sentences.
    spans = sentence_spans(article.text)
    covered = {s for s, e in spans for p in parts if p.start <= s and e <= p.start + len(p.article.text)}
    assert covered == {s for s, _ in spans}
    for a, b in itertools.pairwise(parts):
        shared = [s for s, e in spans if b.start <= s and e <= a.start + len(a.article.text)]
        assert len(shared) == OVERLAP
    assert len({p.article.id for p in parts}) == len(parts)


def test_a_sentence_too_long_for_any_request_is_an_error_that_says_what_to_change() -> None:
    article = parse_article("Headline here\n" + "word " * 5000 + "end.", "huge.txt")
    with pytest.raises(InputError, match="raise context_tokens"):
        split(article, PROMPT, 4096, 1024)


def test_the_estimate_is_pessimistic_against_the_recorded_token_counts() -> None:
    # seed 003's recorded first request: 3,004 prompt tokens (llama.cpp's own count).
    from summarizer.ingest import load_articles
    from tests.helpers import ROOT

    (article,) = load_articles([str(ROOT / "seeds" / "003_968b073979ff03d3.txt")])
    assert request_tokens(PROMPT, article, 0) >= 3004
    assert estimate_tokens("x" * 300) == 100


def test_a_cut_off_answer_is_tried_with_twice_the_budget_then_in_smaller_parts() -> None:
    from summarizer.config import Config
    from summarizer.extraction.extractor import Extractor

    article = _long(30)
    extractor = Extractor(Config(backend="compatible", model="m", max_tokens=1024, context_tokens=16_384))
    plans = list(extractor._plans(article))
    assert [(len(p.parts), p.max_tokens) for p in plans[:2]] == [(1, 1024), (1, 2048)]
    assert len(plans) == 3 and len(plans[2].parts) >= 2 and plans[2].max_tokens == 2048
    assert plans[1].note is not None and "asked again with 2048" in plans[1].note

    # no room to double: straight to smaller parts
    fits_once = request_tokens(PROMPT, article, 1024) + 100
    tight = Extractor(Config(backend="compatible", model="m", max_tokens=1024, context_tokens=fits_once))
    plans = list(tight._plans(article))
    assert [p.max_tokens for p in plans] == [1024, 1024]
    assert len(plans[1].parts) > len(plans[0].parts)
