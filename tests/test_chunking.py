"""Long articles are split on sentence boundaries, with overlap, so every request fits."""

from __future__ import annotations

import itertools

import pytest

from schemas import Article
from summarizer.errors import InputError
from summarizer.extraction.chunking import OVERLAP, plan
from summarizer.extraction.prompting import estimate_tokens, load_prompt
from summarizer.ingest import parse_article
from summarizer.text.sentences import sentence_spans

PROMPT = load_prompt("extract")
RECORDED_003_PROMPT_TOKENS = 1540  # llama.cpp's count for seed 003 (extract-v5), see its cassette


def _long(n: int = 120) -> Article:
    text = "Long dispatch\n" + " ".join(
        f"Sentence {i} says officials counted {1000 + i:,} troops near the border of region {i}." for i in range(n)
    )
    return parse_article(text, "long.txt")


def test_an_article_that_fits_is_one_part(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        (part,) = plan(article, PROMPT, 8192, 2048)
        assert part.article is article and part.start == 0
        assert part.request.text == article.text and part.max_tokens == part.request.answer_budget()


def test_a_long_article_is_split_into_overlapping_parts_that_each_fit() -> None:
    article = _long()
    parts = plan(article, PROMPT, 3000, 1024)
    assert len(parts) >= 3
    for part in parts:
        assert part.request.prompt_tokens() + part.max_tokens <= 3000
        assert article.text[part.start : part.start + len(part.article.text)] == part.article.text
        assert part.request.text == part.article.text  # each part's request numbers its own sentences
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
        plan(article, PROMPT, 4096, 1024)


def test_the_estimate_is_pessimistic_against_the_recorded_token_counts(seed_articles: dict[str, Article]) -> None:
    # Seed 003's recorded request: llama.cpp counted its prompt (schema and all) as below.
    (part,) = plan(seed_articles["003_968b073979ff03d3"], PROMPT, 8192, 2048)
    assert part.request.prompt_tokens() >= RECORDED_003_PROMPT_TOKENS
    assert estimate_tokens("x" * 300) == 100


def test_the_answer_budget_grows_with_the_figures_an_article_can_hold() -> None:
    few = PROMPT.render(parse_article("Short dispatch\n" + "Officials met in the capital. " * 20, "a.txt"))
    many = PROMPT.render(_long(30))
    assert len(few.figure_sentences) == 0 and len(many.figure_sentences) == 25  # the hint's cap
    assert few.answer_budget() < many.answer_budget() <= 2048


def test_planning_renders_each_part_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long text is planned in linear time: a few renderings per part (a binary search),
    not one per sentence dropped (15,057 renderings for a 4 MB text's 122 parts before)."""
    article = _long(3000)  # ~240,000 characters
    renders: list[int] = []
    real = type(PROMPT).render

    def counted(self: object, piece: Article, spans: list[tuple[int, int]] | None = None) -> object:
        renders.append(len(piece.text))
        return real(PROMPT, piece, spans)

    monkeypatch.setattr(type(PROMPT), "render", counted)
    parts = plan(article, PROMPT, 4096, 1024)
    sentences_per_part = len(sentence_spans(article.text)) // len(parts)
    assert len(parts) > 40
    assert len(renders) <= len(parts) * (sentences_per_part.bit_length() + 2) + 2
    assert sum(renders) <= 12 * len(article.text)  # characters rendered, all parts together


def test_a_text_far_too_long_for_one_request_is_not_rendered_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    article = _long(2000)
    whole: list[int] = []
    real = type(PROMPT).render

    def watched(self: object, piece: Article, spans: list[tuple[int, int]] | None = None) -> object:
        if piece.text == article.text:
            whole.append(1)
        return real(PROMPT, piece, spans)

    monkeypatch.setattr(type(PROMPT), "render", watched)
    plan(article, PROMPT, 4096, 1024)
    assert not whole
