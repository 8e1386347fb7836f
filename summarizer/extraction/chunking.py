"""Keep each request inside the model's context window: split long articles.

Each request is rendered once (:meth:`Prompt.render`) and its size estimated from that
rendering: the prompt, the response schema and the answer budget. When that does not fit
``context_tokens``, the article is split on sentence boundaries into parts that do, each
part repeating the last ``OVERLAP`` sentences of the one before (a figure and the
sentence crediting it may straddle a boundary). Every part is extracted on its own; the
items are then grounded again in the full text, which gives offsets into the whole
article and drops the repeats the overlap produced. Nothing is ever cut off silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas import Article
from summarizer.errors import InputError
from summarizer.extraction.prompting import Prompt, Request, estimate_tokens
from summarizer.text.sentences import sentence_spans

OVERLAP = 2


@dataclass(frozen=True)
class Part:
    article: Article  # the part, as an article of its own (its text only)
    start: int  # where its text starts in the whole article
    request: Request  # rendered once, sent as is
    max_tokens: int  # the answer budget for this part


def plan(article: Article, prompt: Prompt, context_tokens: int, max_tokens: int) -> list[Part]:
    """``article`` as one part if its request fits ``context_tokens``, else as several
    overlapping parts on sentence boundaries, each of which fits."""
    whole = _part(article, 0, prompt, max_tokens)
    if _size(whole) <= context_tokens:
        return [whole]
    spans = sentence_spans(article.text)
    empty = _size(_part(article.model_copy(update={"text": ""}), 0, prompt, max_tokens))
    room = context_tokens - empty
    too_long = [e - s for s, e in spans if estimate_tokens(article.text[s:e]) > room]
    if room <= 0 or too_long:
        raise InputError(
            f"a sentence of {max(too_long, default=0)} characters does not fit one request of "
            f"context_tokens={context_tokens} with an answer of up to {max_tokens} tokens; raise context_tokens "
            "(local: n_ctx) in summarizer.toml"
        )
    parts: list[Part] = []
    first = 0
    while first < len(spans):
        last = first
        while last + 1 < len(spans) and estimate_tokens(article.text[spans[first][0] : spans[last + 1][1]]) <= room:
            last += 1
        part, last = _fitting(article, spans, first, last, prompt, max_tokens, context_tokens, len(parts) + 1)
        parts.append(part)
        if last + 1 >= len(spans):
            break
        first = max(first + 1, last + 1 - OVERLAP)
    return parts


def _fitting(
    article: Article,
    spans: list[tuple[int, int]],
    first: int,
    last: int,
    prompt: Prompt,
    max_tokens: int,
    context_tokens: int,
    number: int,
) -> tuple[Part, int]:
    """The part from sentence ``first`` to ``last`` (and the last it holds), shortened until its rendered request
    fits (numbering and the answer budget grow with the sentences)."""
    while True:
        start, end = spans[first][0], spans[last][1]
        piece = article.model_copy(update={"id": f"{article.id}#{number}", "text": article.text[start:end]})
        part = _part(piece, start, prompt, max_tokens)
        if _size(part) <= context_tokens or last == first:
            return part, last
        last -= 1


def _part(article: Article, start: int, prompt: Prompt, max_tokens: int) -> Part:
    request = prompt.render(article)
    return Part(article, start, request, min(max_tokens, request.answer_budget()))


def _size(part: Part) -> int:
    return part.request.prompt_tokens() + part.max_tokens
