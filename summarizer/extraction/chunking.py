"""Keep each request inside the model's context window: split long articles.

Before a request is sent, its size is estimated: the rendered prompt, the response
schema instructor sends with it, and the ``max_tokens`` reserved for the answer. When
that does not fit ``context_tokens``, the article is split on sentence boundaries into
parts that do, each part repeating the last ``OVERLAP`` sentences of the one before
(a figure and the sentence crediting it may straddle a boundary). Every part is
extracted on its own; the items are then grounded again in the full text, which gives
offsets into the whole article and drops the repeats the overlap produced. Nothing is
ever cut off silently.

The estimate is deliberately pessimistic (``CHARS_PER_TOKEN`` is below the ~4 that
English text averages with the usual tokenizers), since an overflow costs a failed
request while an extra part costs only a little time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

from schemas import Article, ArticleExtraction
from summarizer.errors import InputError
from summarizer.extraction.prompting import Prompt
from summarizer.text.sentences import sentence_spans

CHARS_PER_TOKEN = 3.0
OVERLAP = 2


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@cache
def schema_tokens() -> int:
    """What the response schema adds to every request (a tool or JSON-schema definition)."""
    return estimate_tokens(json.dumps(ArticleExtraction.model_json_schema()))


def request_tokens(prompt: Prompt, article: Article, max_tokens: int) -> int:
    """The estimated size of the first request for ``article``, answer included."""
    rendered = "".join(str(m.get("content", "")) for m in prompt.render(article))
    return estimate_tokens(rendered) + schema_tokens() + max_tokens + 16 * len(rendered.splitlines()) // 100


@dataclass(frozen=True)
class Part:
    article: Article  # the part, as an article of its own (its text only)
    start: int  # where its text starts in the whole article


def split(
    article: Article, prompt: Prompt, context_tokens: int, max_tokens: int, *, part_tokens: int | None = None
) -> list[Part]:
    """``article`` as one part if its request fits ``context_tokens``, else as several
    overlapping parts on sentence boundaries, each of which fits. ``part_tokens`` caps
    a part's text further (smaller parts, shorter answers)."""
    if part_tokens is None and request_tokens(prompt, article, max_tokens) <= context_tokens:
        return [Part(article, 0)]
    spans = sentence_spans(article.text)
    empty = request_tokens(prompt, article.model_copy(update={"text": ""}), max_tokens)
    # The figure-sentence list repeats troop sentences, so a part's text may count twice.
    room = (context_tokens - empty) // 2
    if part_tokens is not None:
        room = min(room, part_tokens)
    if room <= 0 or any(estimate_tokens(article.text[s:e]) > room for s, e in spans):
        raise InputError(
            f"{article.source}: not even one sentence fits a request of context_tokens={context_tokens} "
            f"with max_tokens={max_tokens}; raise context_tokens (local: n_ctx) or lower max_tokens"
        )
    parts: list[Part] = []
    first = 0
    while first < len(spans):
        last = first
        while last + 1 < len(spans) and estimate_tokens(article.text[spans[first][0] : spans[last + 1][1]]) <= room:
            last += 1
        start, end = spans[first][0], spans[last][1]
        text = article.text[start:end]
        piece = article.model_copy(update={"id": f"{article.id}#{len(parts) + 1}", "text": text})
        parts.append(Part(piece, start))
        if last + 1 >= len(spans):
            break
        first = max(first + 1, last + 1 - OVERLAP)
    return parts
