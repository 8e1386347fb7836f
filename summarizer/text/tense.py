"""Read from the article whether a figure's troops are already there or still to come.

Small models label nearly every figure "expected". The sentence usually says which it
is: "has sent", "have been transported", "are training" versus "preparing to send",
"expected within weeks", "by December". This module only answers when the words
around the figure point one way; when they point both ways (or neither), it says
nothing and the model's status stands.
"""

from __future__ import annotations

import re

from summarizer.text.numbers import figure_spans

_IN_PLACE = re.compile(
    r"\b(?:has|have|had)\s+(?:already\s+)?(?:been\s+)?(?:sent|dispatched|deployed|transported|moved|arrived|entered)\b"
    r"|\b(?:already|currently)\s+(?:\w+\s+){0,2}(?:in|training|arrived|deployed|transported)\b"
    r"|\b(?:are|were|is)\s+(?:currently\s+)?(?:training|undergoing|stationed|deployed)\b"
    r"|\bwere\s+(?:sent|moved|deployed|undergoing)\b|\bhad\s+(?:been\s+)?deployed\b|\barrived\b|\bentered\b"
    r"|\b(?:trained|stationed|based)\s+in\b",
    re.IGNORECASE,
)
_TO_COME = re.compile(
    r"\b(?:preparing|prepared|readied|planning|plans?|set|due|going)\s+to\b|\bbeing\s+(?:prepared|readied)\b"
    r"|\bwill\b|\bexpected\b|\bwithin\s+[\"\u201c'\u2018]?(?:days|weeks|the\s+next)\b|\bby\s+(?:December|January|the\s+end)\b"
    r"|\bto\s+be\s+sent\b|\bcould\s+be\s+deployed\b",
    re.IGNORECASE,
)
_TRAINING = re.compile(r"\btrain(?:ing|ed)?\b", re.IGNORECASE)
_WINDOW = 90
_GOVERNING = 30  # characters before the figure: 'has sent about ', 'preparing to send '


def status_from_text(passage: str, figure: int, current: str) -> str | None:
    """A status the passage supports better than ``current``, or None to keep it."""
    spans = figure_spans(passage, figure)
    if not spans:
        return None
    start, end = spans[0]
    around = passage[max(0, start - _WINDOW) : end + _WINDOW]
    # The verb governing the figure decides first: "has sent about 10,000 troops to
    # fight within weeks" is sent; "preparing to send 10,000 soldiers" is to come.
    governing = passage[max(0, start - _GOVERNING) : start]
    in_place, to_come = bool(_IN_PLACE.search(governing)), bool(_TO_COME.search(governing))
    if in_place == to_come:
        in_place, to_come = bool(_IN_PLACE.search(around)), bool(_TO_COME.search(around))
    if in_place == to_come:
        return None  # both or neither: the words do not decide it
    if in_place and current in ("expected", "planned", "other"):
        return "in training" if _TRAINING.search(around) else "sent"
    if to_come and current in ("sent", "arrived", "deployed", "in training", "other"):
        return "expected" if re.search(r"\bexpected\b|\bwithin\b", around, re.IGNORECASE) else "planned"
    return None
