"""When a statement holds: the article's date, moved by what its sentence says.

"NIS confirmed last week around 1,500" holds a week before the article; "preparing to
send 10,000 by December" is a target in the future; "had previously said 900" is
older than the article, by an amount the text does not give; "on Jan. 30" is that
day. The expression nearest the figure wins. The words are kept as written so a
reader can check the reading; an article without a date gives no date (a weekday or
"last week" cannot be placed), though a full date in the sentence still can.

Absolute dates are read with dateparser, against the article's date, preferring the
past (a report of "Nov. 17" in a December article is the November just gone); the
relative words (weekdays, "last week", "by December") are counted here, where the
news conventions are explicit: "on Wednesday" in an article dated Wednesday is that
day, not the week before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from summarizer.text.numbers import figure_spans
from summarizer.text.vocabulary import MONTH_ALTERNATION

TimeKind = Literal["reported", "stated", "before", "since", "target"]
"""reported: as of the article's date ("so far", or no time word); stated: a date the
sentence gives; before: earlier than the article, by an unknown amount; since: a count
accumulated since a start the sentence gives, as of the article's date; target: a
future date the figure is expected by."""


@dataclass(frozen=True)
class TimeRef:
    date: dt.date | None
    kind: TimeKind
    text: str | None = None  # the time as worded in the sentence

    @property
    def future(self) -> bool:
        return self.kind == "target"


_MONTHS = MONTH_ALTERNATION
_DAYS = [d.lower() for d in calendar.day_name]
_MONTH_DAY = rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
_DAY_MONTH = rf"\d{{1,2}}\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?"
_ISO = r"\d{4}-\d{2}-\d{2}"
_PART = r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of)[-\s]+"

_PATTERNS: list[tuple[TimeKind | Literal["relative", "weekday", "month"], re.Pattern[str]]] = [
    (
        "target",
        re.compile(
            rf"\b(?:by|before|until|as\s+(?:early|soon)\s+as)\s+(?:{_PART})?(?:{_MONTH_DAY}|{_DAY_MONTH}|(?:{_MONTHS})\b(?:\s+\d{{4}})?|\d{{4}}\b|next\s+(?:week|month|year)|the\s+end\s+of\s+(?:the|this)\s+(?:year|month)|year[-\s]end)",
            re.I,
        ),
    ),
    (
        "target",
        re.compile(
            r"\b(?:within\s+(?:the\s+next\s+)?(?:days|weeks|months|(?:a|one|two|three|four|several|a\s+few)\s+(?:days|weeks|months))|in\s+the\s+coming\s+(?:days|weeks|months)|next\s+(?:week|month|year))\b",
            re.I,
        ),
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s+(?:(?:early|mid|late)[-\s]+)?(?:{_MONTH_DAY}|{_DAY_MONTH}|(?:{_MONTHS})\b(?:\s+\d{{4}})?|\d{{4}}\b|the\s+start\s+of\s+the\s+war|the\s+beginning\s+of\s+the\s+war)",
            re.I,
        ),
    ),
    (
        "stated",
        re.compile(rf"\b(?:on|as\s+of|in)\s+(?:{_MONTH_DAY}|{_DAY_MONTH}|{_ISO})|\b{_ISO}\b|\b(?:{_MONTH_DAY})", re.I),
    ),
    ("weekday", re.compile(rf"\b(?:on\s+|last\s+)?(?:{'|'.join(calendar.day_name)})\b", re.I)),
    (
        "relative",
        re.compile(
            r"\b(?:last|this|earlier\s+this|late\s+last|earlier\s+last)\s+(?:week|month|year)\b|\byesterday\b|\btoday\b|\bso\s+far\b|\bcurrently\b|\bnow\b",
            re.I,
        ),
    ),
    (
        "before",
        re.compile(
            r"\b(?:previously|previous|earlier|originally|had\s+(?:\w+\s+)?said|as\s+recently\s+as|initially|at\s+first)\b",
            re.I,
        ),
    ),
    ("month", re.compile(rf"\bin\s+(?:{_PART})?(?:{_MONTHS})\b(?:\s+\d{{4}})?", re.I)),
]


def reference_time(sentence: str, published: dt.date | None, figure: int | None = None) -> TimeRef:
    """When the statement about ``figure`` in ``sentence`` holds, for an article dated
    ``published`` (None: undated)."""
    found: list[tuple[int, str, str]] = []  # (start, kind, text)
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), kind, m.group(0)))
    if not found:
        return TimeRef(published, "reported")
    anchor = _anchor(sentence, figure)
    _, which, text = min(found, key=lambda f: (abs(f[0] - anchor), f[0]))
    return _resolve(which, " ".join(text.split()), published)


def _anchor(sentence: str, figure: int | None) -> int:
    if figure is not None:
        spans = figure_spans(sentence, figure)
        if spans:
            return spans[0][0]
    return 0


def _resolve(kind: str, text: str, published: dt.date | None) -> TimeRef:
    low = text.lower()
    if kind == "before":
        return TimeRef(None, "before", text)
    if kind == "relative":
        return TimeRef(
            _relative(low, published), "reported" if low in {"so far", "currently", "now", "today"} else "stated", text
        )
    if kind == "weekday":
        return TimeRef(_weekday(low, published), "stated", text)
    if kind == "target":
        return TimeRef(_target(low, published), "target", text)
    if kind == "since":
        return TimeRef(published, "since", text)
    date = next((text[len(p) :] for p in ("on ", "in ", "as of ") if low.startswith(p)), text)
    day = _absolute(date, published)
    return TimeRef(day, "stated", text)


def _relative(low: str, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    if low in {"so far", "currently", "now", "today", "this week", "this month", "this year"}:
        return published
    if low == "yesterday":
        return published - dt.timedelta(days=1)
    if low.endswith("week"):
        return published - dt.timedelta(days=7 if "last" in low else 3)
    if low.endswith("month"):
        return published - dt.timedelta(days=30 if "last" in low else 10)
    return published - dt.timedelta(days=365 if "last" in low else 0)


def _weekday(low: str, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    name = low.split()[-1]
    back = (published.weekday() - _DAYS.index(name)) % 7
    if low.startswith("last ") and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _absolute(text: str, published: dt.date | None) -> dt.date | None:
    import dateparser  # imported here: it takes ~0.3 s to load and most runs never need it

    has_year = _year(_words(text)) is not None
    if published is None and not has_year:
        return None
    base = dt.datetime.combine(published or dt.date.today(), dt.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text.rstrip("."), languages=["en"], settings=settings)  # type: ignore[arg-type,unused-ignore]
    return parsed.date() if parsed else None


_ORDINALS = ("st", "nd", "rd", "th")


def _words(text: str) -> list[str]:
    """'mid-Dec. 5th, 2024' -> ['mid', 'dec', '5th', '2024']."""
    return text.lower().replace(",", " ").replace(".", " ").replace("-", " ").split()


def _year(words: list[str]) -> int | None:
    """The first four-digit number among ``words``."""
    return next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)


def _day_of_month(words: list[str], year: int) -> int | None:
    """The first one- or two-digit number ("5", "5th") among ``words`` that is not the year."""
    for word in words:
        digits = word[:-2] if word[-2:] in _ORDINALS else word
        if word != str(year) and digits.isdigit() and len(digits) <= 2:
            return int(digits)
    return None


def _target(low: str, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    if "next week" in low:
        return published + dt.timedelta(days=7)
    if "next month" in low:
        return published + dt.timedelta(days=30)
    if "next year" in low:
        return dt.date(published.year + 1, 6, 30)
    words = _words(low)
    if "days" in words:
        return published + dt.timedelta(days=7)
    if "weeks" in words:
        return published + dt.timedelta(days=21)
    if "months" in words:
        return published + dt.timedelta(days=90)
    if "end of the year" in low or "end of this year" in low or "year end" in low or "year-end" in low:
        return dt.date(published.year, 12, 31)
    year = _year(words)
    month = next(
        (i for i, m in enumerate(calendar.month_name) if m and any(w.startswith(m[:3].lower()) for w in words)), None
    )
    if month is None:
        if year:
            return dt.date(year, 6 if "mid" in words else (3 if "early" in words else 12), 1)
        return None
    y = year or (published.year if month >= published.month else published.year + 1)
    day = _day_of_month(words, y)
    if day and 1 <= day <= calendar.monthrange(y, month)[1]:
        return dt.date(y, month, day)
    if "early" in words:
        return dt.date(y, month, 7)
    if "mid" in words:
        return dt.date(y, month, 15)
    return dt.date(y, month, calendar.monthrange(y, month)[1])
