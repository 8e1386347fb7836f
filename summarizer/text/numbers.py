"""Find the troop figures a piece of text states, in any form the press writes them.

``figures_in("some 10 000 troops")`` -> ``{10000}``. Handled: digit groups with commas,
dots, spaces or thin spaces ("10,000", "10.000", "10 000"); plain digits ("3000");
suffixes ("10k", "1.5 million", "12 thousand"); "15-hundred"; number words
("ten thousand", "fifteen hundred", "a thousand"); and ranges whose first end drops
its magnitude ("11 to 12,000", "between 11 and 12 thousand" -> 11000 and 12000).
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "a": 1, "an": 1, "dozen": 12,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "2 lakh armed personnel", "1.5 crore": South Asian copy counts in lakhs (100,000) and crores.
_SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "lakh": 100_000, "lakhs": 100_000, "million": 1_000_000,
    "m": 1_000_000, "crore": 10_000_000, "crores": 10_000_000,
}  # fmt: skip

# A digit number: grouped thousands (separator , . space NBSP thin-space) or plain digits,
# with an optional decimal part (only meaningful before a scale word).
_DIGITS = r"\d{1,3}(?:[,.\u00a0\u202f\u2009 ]\d{3})+(?![\d])|\d+(?:\.\d+)?"
_SCALE = r"(?:[\s-]*(hundred|thousand|lakhs?|million|crores?|k|m)\b)?"
# Not a number inside a name: "M23 rebels", "F-16 jets", "MiG-29s" (but a headline's
# "from Afghanistan-2,500 troops" is a figure).
_NOT_IN_A_NAME = r"(?<![A-Za-z])(?<!\b[A-Za-z]-)(?<!\b[A-Za-z]{2}-)(?<!\b[A-Za-z]{3}-)"
_NUMBER = re.compile(
    rf"{_NOT_IN_A_NAME}(?<![\d.,])({_DIGITS})(?![\d])(?!(?:st|nd|rd|th)\b){_SCALE}", re.IGNORECASE
)  # not "4th"
_RANGE = re.compile(
    rf"{_NOT_IN_A_NAME}(?<![\d.,])(\d{{1,3}})\s*(?:to|-|–|—|or)\s*({_DIGITS}){_SCALE}"
    rf"|between\s+(\d{{1,3}})\s+and\s+({_DIGITS}){_SCALE}",
    re.IGNORECASE,
)
# "between 20,000 and 25,000", "from 3,500 to 6,000", "2,500 or 3,000"; not "capped at
# 503 and 5,262 in Iraq" (two figures: "and" makes a range only after "between").
_FULL_RANGE = re.compile(
    rf"{_NOT_IN_A_NAME}(?<![\d.,])(?:between\s+({_DIGITS}){_SCALE}\s*and|(?:from\s+)?({_DIGITS}){_SCALE}\s*(?:to|-|–|—|or))"
    rf"\s*({_DIGITS}){_SCALE}",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


def _digits_value(digits: str, scale: str | None) -> int | None:
    """Value of a matched digit number with its optional scale word."""
    multiplier = _SCALES[scale.lower()] if scale else 1
    if re.fullmatch(r"\d{1,3}(?:[,.\u00a0\u202f\u2009 ]\d{3})+", digits):
        value = float(re.sub(r"\D", "", digits))
    else:
        value = float(digits)
    result = value * multiplier
    return int(result) if result >= 1 and result == int(result) else None


def _word_numbers(text: str) -> set[int]:
    """Numbers written as words: 'ten thousand', 'fifteen hundred', 'twenty-five'."""
    found: set[int] = set()
    total = current = 0
    seen = False

    def flush() -> None:
        nonlocal total, current, seen
        value = total + current
        if seen and value > 1:  # a bare "a"/"one" is not a figure worth keeping
            found.add(value)
        total = current = 0
        seen = False

    for match in _WORD.finditer(text.lower().replace("-", " ")):
        word = match.group()
        if word in _UNITS and not (word in ("a", "an") and seen):
            if word in ("a", "an"):
                # Only "a" directly before a scale word counts ("a thousand").
                nxt = text.lower()[match.end() :].lstrip()
                if not re.match(r"(hundred|thousand|million|dozen)\b", nxt):
                    flush()
                    continue
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word in ("hundred",) and seen:
            current = max(current, 1) * 100
        elif word == "hundred" and re.search(r"\bthe\s+$", text.lower()[: match.start()]):
            current, seen = 100, True  # "the hundred and forty police officers"
        elif word in ("thousand", "million") and seen:
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word == "and" and seen:
            continue
        else:
            flush()
    flush()
    return found


def figures_in(text: str) -> set[int]:
    """Every figure the text states, as integers."""
    found: set[int] = set()
    for match in _NUMBER.finditer(text):
        value = _digits_value(match.group(1), match.group(2))
        if value is not None:
            found.add(value)
    for match in _RANGE.finditer(text):
        short = _short_range(match)
        if short is not None:
            found.add(short[0])
    found |= _word_numbers(text)
    return found


_HEDGES = [
    ("up to", r"up to"),
    ("at least", r"at least"),
    ("more than", r"more than|in excess of"),
    ("over", r"over"),
    ("fewer than", r"fewer than|less than|under"),
    ("about", r"about|around|approximately|approx\.?|roughly|some|nearly|almost|an estimated|estimated|circa|close to"),
]
_HEDGE_BEFORE = re.compile(
    r"(?:^|\W)(" + "|".join(f"(?:{pattern})" for _, pattern in _HEDGES) + r")\W*(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)


def _short_range(match: re.Match[str]) -> tuple[int, int] | None:
    """'11 to 12,000' -> (11000, 12000): a first end that drops its magnitude."""
    first, digits, scale = (
        (match.group(1), match.group(2), match.group(3))
        if match.group(1)
        else (match.group(4), match.group(5), match.group(6))
    )
    upper = _digits_value(digits, scale)
    if upper is None or upper < 1_000:
        return None
    magnitude = 1_000_000 if upper >= 1_000_000 else 1_000
    lower = int(first) * magnitude
    return (lower, upper) if upper // 10 <= lower <= upper else None


def range_around(text: str, figure: int) -> tuple[int, int] | None:
    """The range ``text`` states with ``figure`` at one end ('11,000 to 12,000',
    '11 to 12,000', 'between 11 and 12 thousand'), or None when it states it alone."""
    for match in _RANGE.finditer(text):
        found = _short_range(match)
        if found is not None and figure in found:
            return found
    for match in _FULL_RANGE.finditer(text):
        first, first_scale = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        low = _digits_value(first, first_scale or match.group(6))
        high = _digits_value(match.group(5), match.group(6))
        if low is not None and high is not None and low < high and figure in (low, high):
            return low, high
    return None


def figure_spans(text: str, figure: int) -> list[tuple[int, int]]:
    """Where ``text`` writes ``figure`` in digits, as (start, end) offsets."""
    return [m.span() for m in _NUMBER.finditer(text) if _digits_value(m.group(1), m.group(2)) == figure]


_NUMBER_WORD = "|".join(w for w in [*_UNITS, *_TENS, "hundred", "thousand", "million"] if w not in ("a", "an"))
# A run of number words: "Fifteen", "twenty-five", "fifteen hundred", "two thousand and fifty".
_NUMBER_WORDS = re.compile(
    rf"\b(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)


def stated_spans(text: str, figure: int) -> list[tuple[int, int]]:
    """Where ``text`` states ``figure``, in digits or in words ("Fifteen soldiers",
    "almost thirty"), as (start, end) offsets in order."""
    spans = figure_spans(text, figure)
    for match in _NUMBER_WORDS.finditer(text):
        # with the article before the run: "a thousand", "the hundred and forty"
        lead = re.search(r"\b(?:an?|the)\s+$", text[max(0, match.start() - 4) : match.start()])
        if figure in _word_numbers((lead.group(0) if lead else "") + match.group(0)):
            spans.append(match.span())
    return sorted(spans)


def hedge_of(text: str, figure: int) -> str | None:
    """How ``text`` hedges ``figure``: 'about', 'up to', ... or 'exact' when it states
    the number plainly; None when ``text`` does not state it in digits."""
    for match in _NUMBER.finditer(text):
        if _digits_value(match.group(1), match.group(2)) != figure:
            continue
        before = _HEDGE_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
        if before is None:
            return "exact"
        word = before.group(1).lower()
        for name, pattern in _HEDGES:
            if re.fullmatch(pattern, word, re.IGNORECASE):
                return name
    return None


YEARS = range(1900, 2101)


def written_as_a_year(text: str, start: int, end: int, figure: int) -> bool:
    """Whether ``figure``, written at ``text[start:end]``, could be a year: plain digits
    in 1900-2100 ("2008", not "2,008")."""
    return figure in YEARS and text[start:end].isdigit()


def mentions(text: str, figure: int) -> bool:
    """Whether ``text`` states ``figure`` in some form."""
    return figure in figures_in(text)


def format_figure(n: int) -> str:
    """10000 -> '10,000'."""
    return f"{n:,}"
