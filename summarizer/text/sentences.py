"""Split article text into sentences, without breaking on "U.S.", "Mr." or "Oct. 7"."""

from __future__ import annotations

import re

from summarizer.text.vocabulary import MONTH_ABBREVIATIONS

_ABBREVIATIONS = "".join(
    rf"(?<!\b{a}\.)"
    for a in (
        *("[A-Z]", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "St", "No", "Sen", "Rep", "Gov"),
        *("Maj", "Brig", "Capt", "Sgt", "Adm", "Cmdr", "Cpl", "Pvt", "Prof", "Rev", "Gens"),
    )
)
# "on Jan. 30", "since Oct. 7": an abbreviated month before a day ends no sentence.
_MONTH_DAY = "(?!(?:" + "|".join(rf"(?<=\b{m}\.)" for m in MONTH_ABBREVIATIONS) + r")\s+\d)"
# "... on a Chadian opposition Web site.The Chadian army ...": pages that lost the space
# after a full stop; a lower-case word, the stop, then a capitalised word.
_RUN_ON = (
    r"(?<=[a-z]{2}\.)(?=(?:The|A|An|But|And|It|He|She|They|This|That|These|Both|In|On|At|His|Her|Their|We|"
    r"Its|However|Meanwhile|Earlier|Later)\b)"
)  # not "News.Az reports": only a word that starts sentences
_BOUNDARY = re.compile(rf"(?<=[.!?…]){_ABBREVIATIONS}{_MONTH_DAY}[\"'”’)]*\s+|\n+|{_RUN_ON}")


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


def ends_a_sentence(line: str) -> bool:
    """Whether ``line`` closes with a full stop, question or exclamation mark (closing
    quotes and brackets after it allowed): running text, not a headline."""
    return re.search(r"[.!?…][\"'”’)]*\s*$", line) is not None
