"""Whether a number in a sentence counts people, or is a date, an amount, a distance...

A troop figure must be a head count: "10,000 North Korean troops", "a total of 12,000
soldiers", "1,500 special forces". The same sentence may hold numbers that are nothing of
the kind: "on 12 November 2024", "report number 100", "$500 million", "40 percent",
"100 km from the border", "300 drones". This module is the sentence-level reading: a
number is taken for a head count when the sentence speaks of people. What the number
itself counts (a date, money, a share, a distance, matériel, formations, a noun for no
people) is read from the parse by the named rules of :mod:`summarizer.text.counts`.

Nor is a civilian toll a troop figure: "a conflict that has killed 14,000 people",
"40,000 civilians", "20,000 Palestinians had been killed" count people, not forces. A
count of people an armed group lost ("Wagner has lost more than 30,000 people killed
and wounded") stays one.
"""

from __future__ import annotations

import re

from summarizer.text.numbers import figure_spans, figures_in, stated_spans, written_as_a_year

_PEOPLE = re.compile(
    r"\b(?:(?i:troops?|soldiers?|personnel|forces?|servicem[ae]n|servicewomen|fighters?|brigades?|battalions?|"
    r"regiments?|divisions?|units?|recruits?|conscripts?|reservists?|mercenaries|mercenary|marines?|sailors?|"
    r"airmen|officers?|men|women|people|persons|civilians?|workers?|operatives?|commandos?|militants?|"
    r"insurgents?|volunteers?|contingent|guards?|paratroopers?|peacekeepers?|infantry|staff|employees|prisoners?|POWs?|"
    r"casualties|dead|killed|wounded|injured|captured|missing|deaths|lives|victims|refugees|residents|"
    r"citizens|nationals|army|military)|[A-Z][a-z]+(?:ans|ese|is))\b"
)
# What, right after a number, makes it a count of civilians or of people in general.
_CIVILIANS_AFTER = re.compile(
    r"^\s*(?:(?:[\w-]+\s+){0,2}?)(?:people|persons|civilians?|residents|children|women|refugees|families|households|"
    r"inhabitants|villagers|patients)\b(?!\s+(?:troops|soldiers|forces|fighters|militants|servicem[ae]n))"
)
# "20,000 Palestinians had been killed": a nationality counted in a toll is its people.
_NATIONALS_AFTER = re.compile(r"^\s*[A-Z][a-z]+(?:ians|ans|is|ese)\b(?!\s+(?:troops|soldiers|forces|fighters))")
_TOLL = re.compile(r"\b(?:killed|died|dead|deaths?|death\s+toll|lost\s+their\s+lives)\b", re.IGNORECASE)
_LOST_BEFORE = re.compile(r"\b(?:lost|losses\s+of|of\s+its|of\s+their|own)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_PEOPLE_NEXT = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?" + _PEOPLE.pattern)
_YEAR_BEFORE = re.compile(r"\b(?:in|since|of|by|until|till|from|early|late|mid|before|after|during)[\s-]*$", re.I)


def is_headcount(sentence: str, figure: int) -> bool:
    """Whether ``sentence`` states ``figure`` as a number of people."""
    if not _PEOPLE.search(sentence):
        return False
    spans = figure_spans(sentence, figure) or stated_spans(sentence, figure)  # digits, else words ("nine camps")
    if not spans:
        # A range's short end ("11 to 12,000"): stated, and the sentence speaks of people.
        return figure in figures_in(sentence)
    return any(_counts_people(sentence, start, end, figure) for start, end in spans)


# "the overall death toll in the Palestinian territory had topped 40,000": a toll of a
# place or of the war counts everyone, unless it is named as a force's.
_GENERAL_TOLL_BEFORE = re.compile(
    r"\b(?:(?:overall|total|civilian|combined)\s+(?:death\s+)?toll|death\s+toll\s+(?:in|from|of)\s+(?:the\s+)?"
    r"(?!(?:its|their|the)?\s*(?:military|army|troops|forces|soldiers|fighters)))[^.;]{0,90}$",
    re.IGNORECASE,
)
# "... 38,713 people have been killed, while 89,166 have been injured": a count with no
# noun of its own that follows a count of people is one too.
_SOME_OF_THEM_CIVILIANS = re.compile(
    r"^[^.;]{0,40}?,\s*(?:[\d,]+|[a-z]+(?:-[a-z]+)?)\s+of\s+(?:them|whom)\s+(?:were\s+|being\s+)?"
    r"(?:[a-z]+\s+)?(?:civilians|children|women)\b",
    re.IGNORECASE,
)
_ELIDED_AFTER = re.compile(
    r"^\s*(?:others\b|(?:have|has|had|were|was|are|is)\s+(?:been\s+)?(?:killed|injured|wounded|hurt|displaced|died|"
    r"missing)\b)",
    re.IGNORECASE,
)
_FORCES_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:troops|soldiers|servicem[ae]n|fighters|militants|combatants|personnel|forces)\b",
    re.IGNORECASE,
)


def counts_civilians(sentence: str, start: int, end: int) -> bool:
    """Whether the number at ``sentence[start:end]`` counts civilians or people in
    general (not a force's own losses)."""
    if _SOME_OF_THEM_CIVILIANS.match(sentence[end : end + 80]):
        return True  # "The death toll had risen to 15 as of Thursday, 14 of them civilians"
    after = sentence[end : end + 40]
    before = sentence[max(0, start - 40) : start]
    civilians = _CIVILIANS_AFTER.match(after) or (_NATIONALS_AFTER.match(after) and _TOLL.search(sentence))
    if civilians:
        return not _LOST_BEFORE.search(before)
    if _FORCES_AFTER.match(after):
        return False
    if _GENERAL_TOLL_BEFORE.search(sentence[max(0, start - 120) : start]):
        return True
    return bool(_ELIDED_AFTER.match(after)) and any(
        b <= start and _CIVILIANS_AFTER.match(sentence[b : b + 40])
        for n in figures_in(sentence[:start])
        for _, b in figure_spans(sentence[:start], n)
    )


def _counts_people(sentence: str, start: int, end: int, figure: int) -> bool:
    before, after = sentence[max(0, start - 20) : start], sentence[end : end + 25]
    if counts_civilians(sentence, start, end):
        return False
    if written_as_a_year(sentence, start, end, figure):
        # "in 2024", "12 November 2024": a year, unless people follow it ("2024 troops").
        return not _YEAR_BEFORE.search(before) and bool(_PEOPLE_NEXT.match(after))
    return True
