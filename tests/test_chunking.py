"""Long articles are split on sentence boundaries, with overlap, so every request fits."""

from __future__ import annotations

import itertools

import pytest

from schemas import Article
from summarizer.chunking import OVERLAP, estimate_tokens, request_tokens, split
from summarizer.errors import InputError
from summarizer.ingest import parse_article
from summarizer.prompting import load_prompt
from summarizer.sentences import sentence_spans

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
    from tests.conftest import ROOT

    (article,) = load_articles([str(ROOT / "seeds" / "003_968b073979ff03d3.txt")])
    assert request_tokens(PROMPT, article, 0) >= 3004
    assert estimate_tokens("x" * 300) == 100
