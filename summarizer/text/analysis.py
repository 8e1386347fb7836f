"""One article's analysis, made once and asked by every stage.

Its sentences are the spans the prompt numbers and the grounding cites; its paragraphs
are its lines; the actors and places the parse finds (:mod:`summarizer.text.mentions`)
are read once. Each sentence's parse is kept by :mod:`summarizer.text.parse`, which every
rule asks. Prompting, chunking,
grounding, credit and scoring ask :func:`analyse` for these instead of splitting or
scanning the text again, and get the same object back for the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from summarizer.text.mentions import Mention, named_in
from summarizer.text.sentences import sentence_spans


@dataclass(frozen=True, eq=False)
class Analysis:
    text: str
    spans: tuple[tuple[int, int], ...]  # each sentence's offsets, surrounding space excluded
    paragraphs: tuple[tuple[int, int], ...]  # each non-empty line's offsets

    @cached_property
    def sentences(self) -> list[str]:
        return [self.text[a:b] for a, b in self.spans]

    @cached_property
    def mentions(self) -> list[Mention]:
        """The actors and places the parse finds, in order."""
        return named_in(self.text, self.spans)


# The articles in flight: a process reading thousands keeps only the last few.
@lru_cache(maxsize=32)
def analyse(text: str) -> Analysis:
    """The analysis of ``text`` (the same object for the same text while it is cached)."""
    return Analysis(
        text=text,
        spans=tuple(sentence_spans(text)),
        paragraphs=tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)),
    )
