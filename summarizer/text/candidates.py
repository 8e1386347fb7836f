"""Point the model at the sentences that state troop numbers.

A small model reading a whole article misses figures and misquotes them. Before the
call, the article's own sentences that contain a figure next to a word for troops are
listed in the prompt (as data, like the article), so the model's job becomes
attributing and qualifying each one. Nothing is extracted here: the model still has
to produce every field, and grounding still checks every quote.
"""

from __future__ import annotations

import re

from summarizer.text.numbers import figures_in
from summarizer.text.sentences import sentences

_TROOP_WORDS = re.compile(
    r"\b(troops?|soldiers?|personnel|forces?|servicem[ae]n|fighters?|brigades?|recruits?|"
    r"marines?|units?|men|military|army|operatives?|workers?)\b",
    re.IGNORECASE,
)
_YEAR = range(1900, 2101)


def troop_sentences(text: str, limit: int = 25) -> list[str]:
    """Sentences that pair a figure (not a year, at least 100) with a word for troops."""
    found: list[str] = []
    for sentence in sentences(text):
        numbers = {n for n in figures_in(sentence) if n >= 100 and not (n in _YEAR and str(n) in sentence)}
        if numbers and _TROOP_WORDS.search(sentence) and sentence not in found:
            found.append(sentence)
    return found[:limit]
