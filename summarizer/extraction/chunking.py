"""Keep each request inside the model's context window: split long articles.

Each request is rendered once (:meth:`Prompt.render`) and its size estimated from that
rendering: the prompt, the response schema and the answer budget. When that does not fit
``context_tokens``, the article is split on sentence boundaries into parts that do, each
part repeating the last ``OVERLAP`` sentences of the one before (a figure and the
sentence crediting it may straddle a boundary). Every part is extracted on its own; the
items are then grounded again in the full text, which gives offsets into the whole
article and drops the repeats the overlap produced. Nothing is ever cut off silently.

Planning stays linear in the article's length: its sentences are found once; a part's
reach is first sized from its sentences' offsets (characters per token), then the
longest run that really fits is found by rendering a handful of candidates (a binary
search, not one rendering per dropped sentence), and each sentence's figures are read
once however many renderings see it. A text of a few megabytes is planned in seconds.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from schemas import Article
from summarizer.errors import InputError
from summarizer.extraction.prompting import CHARS_PER_TOKEN, Prompt, Request
from summarizer.text.analysis import analyse

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
    # Every character but white space reaches the prompt: a text whose visible characters
    # alone overflow the window is not rendered whole just to learn that.
    if math.ceil(len("".join(article.text.split())) / CHARS_PER_TOKEN) <= context_tokens:
        whole = _part(article, 0, prompt, max_tokens)
        if _size(whole) <= context_tokens:
            return [whole]
    spans = list(analyse(article.text).spans)
    empty = _size(_part(article.model_copy(update={"text": ""}), 0, prompt, max_tokens))
    room = context_tokens - empty
    too_long = [e - s for s, e in spans if math.ceil((e - s) / CHARS_PER_TOKEN) > room]
    if room <= 0 or too_long:
        raise InputError(
            f"a sentence of {max(too_long, default=0)} characters does not fit one request of "
            f"context_tokens={context_tokens} with an answer of up to {max_tokens} tokens; raise context_tokens "
            "(local: n_ctx) in summarizer.toml"
        )
    ends = [e for _, e in spans]
    parts: list[Part] = []
    first = 0
    while first < len(spans):
        # The furthest sentence whose text alone fits the room left beside the prompt...
        reach = max(first, bisect.bisect_right(ends, spans[first][0] + int(room * CHARS_PER_TOKEN)) - 1)
        # ...then the longest run up to it whose rendered request fits.
        part, last = _fitting(article, spans, first, reach, prompt, max_tokens, context_tokens, len(parts) + 1)
        parts.append(part)
        if last + 1 >= len(spans):
            break
        first = max(first + 1, last + 1 - OVERLAP)
    return parts


def _fitting(
    article: Article,
    spans: list[tuple[int, int]],
    first: int,
    reach: int,
    prompt: Prompt,
    max_tokens: int,
    context_tokens: int,
    number: int,
) -> tuple[Part, int]:
    """The part from sentence ``first`` to the last one up to ``reach`` whose rendered
    request fits (numbering and the answer budget grow with the sentences, so a longer
    run never fits where a shorter one does not), and that last sentence. A single
    sentence is returned even if it does not fit: the caller checked it does."""

    def render(last: int) -> Part:
        start, end = spans[first][0], spans[last][1]
        piece = article.model_copy(update={"id": f"{article.id}#{number}", "text": article.text[start:end]})
        shifted = [(a - start, b - start) for a, b in spans[first : last + 1]]
        return _part(piece, start, prompt, max_tokens, shifted)

    best = render(reach)
    if _size(best) <= context_tokens or reach == first:
        return best, reach
    low, high = first, reach - 1  # the answer is in [low, high]: ``reach`` does not fit
    fits: dict[int, Part] = {}
    while low < high:
        middle = (low + high + 1) // 2
        candidate = render(middle)
        if _size(candidate) <= context_tokens:
            low, fits[middle] = middle, candidate
        else:
            high = middle - 1
    return fits.get(low) or render(low), low


def _part(
    article: Article, start: int, prompt: Prompt, max_tokens: int, spans: list[tuple[int, int]] | None = None
) -> Part:
    request = prompt.render(article, spans)
    return Part(article, start, request, min(max_tokens, request.answer_budget()))


def _size(part: Part) -> int:
    return part.request.prompt_tokens() + part.max_tokens
