"""Split article text into sentences, without breaking on "U.S.", "Mr." or "Oct. 7"."""

from __future__ import annotations

import re

_ABBREVIATIONS = "".join(
    rf"(?<!\b{a}\.)" for a in ("[A-Z]", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "St", "No", "Sen", "Rep", "Gov")
)
# "on Jan. 30", "since Oct. 7": an abbreviated month before a day ends no sentence.
_MONTH_DAY = (
    "(?!(?:"
    + "|".join(
        rf"(?<=\b{m}\.)" for m in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
    )
    + r")\s+\d)"
)
_BOUNDARY = re.compile(rf"(?<=[.!?…]){_ABBREVIATIONS}{_MONTH_DAY}[\"'”’)]*\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _BOUNDARY.split(text) if s and s.strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in ``text``, surrounding space excluded."""
    spans, cursor = [], 0
    for boundary in [*_BOUNDARY.finditer(text), None]:
        stop = boundary.start() if boundary else len(text)
        # The boundary pattern keeps closing quotes with the sentence before it.
        if boundary is not None:
            stop = boundary.start() + len(boundary.group(0).rstrip())
        piece = text[cursor:stop]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((cursor + lead, cursor + len(piece.rstrip())))
        cursor = boundary.end() if boundary else len(text)
    return spans
