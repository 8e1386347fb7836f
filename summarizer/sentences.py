"""Split article text into sentences, without breaking on "U.S." or "Mr."."""

from __future__ import annotations

import re

_ABBREVIATIONS = "".join(
    rf"(?<!\b{a}\.)" for a in ("[A-Z]", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "St", "No", "Sen", "Rep", "Gov")
)
_BOUNDARY = re.compile(rf"(?<=[.!?…]){_ABBREVIATIONS}[\"'”’)]*\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _BOUNDARY.split(text) if s and s.strip()]
