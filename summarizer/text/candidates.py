"""Point the model at the sentences that state troop numbers.

A small model reading a whole article misses figures and misquotes them. Before the
call, the article's own sentences that contain a figure next to a word for troops are
named in the prompt by number, so the model's job becomes
attributing and qualifying each one. Nothing is extracted here: the model still has
to produce every field, and grounding still checks every quote.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.text.counts import what_it_counts
from summarizer.text.headcount import counts_civilians
from summarizer.text.numbers import YEARS, figure_spans, figures_in
from summarizer.text.sentences import sentences

# What irregular fighters are called: "terrorists", "gunmen", "rebels".
_IRREGULARS = r"terrorists?|gunmen|jihadists?|guerrillas?|rebels?|extremists?"
_TROOP_WORDS = re.compile(
    r"\b(troops?|soldiers?|personnel|forces?|servicem[ae]n|fighters?|brigades?|recruits?|"
    r"marines?|sailors?|airmen|units?|men|military|army|operatives?|workers?|mercenar(?:y|ies)|reservists?|conscripts?|"
    r"police|policemen|officers?|gendarmes?|guards(?:men)?|"
    r"militants?|combatants?|insurgents?|paramilitar\w*|commandos?|paratroopers?|troopers?|peacekeepers?|convicts?|"
    rf"prisoners?|{_IRREGULARS}|gunman|"
    r"members|killed|wounded|injured|casualties|fatalities|died|dead)\b",
    re.IGNORECASE,
)
# A small toll is a figure when a word for troops or their losses follows the number:
# "Twenty Indian soldiers were killed", "another 40 casualties among its military".
_LOSS = re.compile(
    r"\b(?:killed|killing|kills?|wounded|injured|died|dead|deaths?|casualties|missing|captured|lost|losses|fatalities|neutrali[sz]ed|martyred|lives|"
    r"death\s+toll)\b",
    re.IGNORECASE,
)
_COUNTED_FORCES = re.compile(
    # "Four more South African soldiers", "nine SA National Defence Force (SANDF) soldiers",
    # "13 the number of SA soldiers"
    r"^\s*(?:(?:the\s+(?:number|total|toll)\s+of\s+)?(?:[\w()’'-]+\s+){0,4}?(?:(?-i:[A-Z(])[\w()’'-]*\s+){0,3}?(?:troops?|soldiers?|servicem[ae]n|fighters?|militants?|marines?|"
    rf"paratroopers?|troopers?|peacekeepers?|officers?|combatants?|insurgents?|casualties|fatalities|{_IRREGULARS}|"
    r"members(?!\s+of\s+(?:his|her|their|the)\s+famil)|operatives|policemen|guards(?:men)?|sailors|personnel)\b)",
    re.IGNORECASE,
)
# "a statement saying 55 were killed since the invasion": the sentence's troops with their
# noun left out, in a sentence that counts no civilians.
_ELIDED_LOSS = re.compile(
    r"^\s*(?:were|are|have\s+been|had\s+been)\s+(?:killed|wounded|injured|captured|missing)\b", re.I
)
# "The ministry reported 44 killed and 116 wounded": a list of losses, each count bare.
_LOSS_LIST = re.compile(
    r"\b[\d,]+\s+(?:killed|dead)\s+and\s+[\d,]+\s+(?:wounded|injured)\b"
    r"|\b[\d,]+\s+(?:wounded|injured)\s+and\s+[\d,]+\s+(?:killed|dead)\b",
    re.I,
)
# "the military's death toll has climbed to 85", "the total number of fatalities among
# Thailand's armed forces to 19": a force's own toll, the number after it.
_FORCE_TOLL_BEFORE = re.compile(
    r"(?:(?:\b(?:military|army|troops|soldiers|forces|police|(?-i:[A-Z]{2,6}))(?:[’']s?)?\s+(?:death\s+)?toll"
    # "raising the possible death toll to two", "soldiers killed, death toll climbs to 19"
    r"|\b(?:the|its|their)\s+(?:[a-z]+\s+)?death\s+toll|,\s+death\s+toll)\b[^.;]{0,40}?"
    r"|\b(?:fatalities|deaths|losses|casualties|dead)\s+(?:among|of|in)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:military|army|troops|soldiers|forces)\b[^.;]{0,20}?)"
    r"\b(?:to|at|of|reached|hit)\s+(?:about\s+|some\s+|nearly\s+)?$",
    re.IGNORECASE,
)
# "three soldiers dead and 29 wounded": a loss whose noun is the count's before it.
_BARE_LOSS = re.compile(r"^\s*(?:wounded|injured|dead|killed|missing)\b", re.IGNORECASE)
# ("23 of its fighters were killed on Friday while fighting ..., and a further 37 wounded")
_COUNTED_NOUN = r"\b(?:soldiers|troops|servicem[ae]n|fighters|militants|personnel)"
_COUNTED_BEFORE = re.compile(
    rf"{_COUNTED_NOUN}\b[^.;]{{0,30}}$"
    rf"|{_COUNTED_NOUN}\s+(?:were|had\s+been|have\s+been)\s+"
    r"(?:killed|wounded|injured)\b[^.;]{0,90}\b(?:a\s+further|another)\s+$",
    re.I,
)
# "58 Pakistani soldiers were killed and 30 others wounded", "one soldier was killed, and
# 11 others were injured": the others are the count's before them.
_OTHERS_LOST = re.compile(
    r"^\s*others\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:wounded|injured|killed|captured|missing)\b", re.I
)
_COUNTED_FOR_OTHERS = re.compile(
    r"\b(?:soldiers?|troops?|servicem[ae]n|fighters?|militants?|personnel)\b[^.;]{0,40}$", re.I
)
# "The casualties include 14 South African peacekeepers, three from Malawi": one more in a
# list of a force's losses, its noun left out after the first.
_LISTED = re.compile(r"^\s*(?:from\s+(?:the\s+)?[A-Z]|of\s+(?:whom|them)\b)")
_LISTED_AFTER = re.compile(
    r"\b(?:troops|soldiers|servicem[ae]n|fighters|militants|marines|paratroopers|troopers|peacekeepers|officers|"
    rf"combatants|insurgents|{_IRREGULARS}|policemen|personnel)\b[^.;]{{0,60}}$",
    re.I,
)
# "Azerbaijan's Defence Ministry said it lost 71.": a force's own losses, the noun left out.
_LOST_BEFORE = re.compile(
    r"\b(?:it|they|we)\s+(?:has\s+|have\s+|had\s+)?lost\s+(?:about\s+|some\s+|nearly\s+|over\s+)?$", re.I
)
_NOTHING_COUNTED_AFTER = re.compile(r"^\s*(?:[.;,]|$|(?:in|since|during|on|over)\b)", re.I)
_NOT_FORCES = re.compile(r"\b(?:civilians?|people|residents|children|women|families|villagers)\b", re.I)


def _a_year(sentence: str, n: int) -> bool:
    """Whether ``n`` may be a year ``sentence`` writes ("in 2022"): in 1900-2100, and
    written plainly somewhere in it."""
    return n in YEARS and str(n) in sentence


def troop_figures(sentence: str) -> set[int]:
    """The figures (not a year, not a measure; at least 100, or a smaller toll of troops)
    in a sentence that names troops. A small force counted outright ("50 special forces
    soldiers") is the parse's to find (:func:`counted_forces`)."""
    if _TROOP_WORDS.search(sentence) is None:
        return set()
    return {
        n
        for n in figures_in(sentence)
        if (n >= 100 or (n >= 2 and _small_toll(sentence, n)))
        and not _a_year(sentence, n)
        and not any(counts_civilians(sentence, a, b) for a, b in figure_spans(sentence, n))
        and not is_measure(sentence, n)
    }


# "about 75 to 100 miles from the border", "20 percent of the force": a number of
# something other than people.
_UNIT = re.compile(
    r"\s*(?:(?:to|-|–|—|or)\s*[\d,.]+\s*)?(?:square\s+|sq\.?\s+)?(?:miles?|mi|km|kilomet(?:er|re)s?|met(?:er|re)s?|feet|ft|yards?|"
    r"percent|per\s+cent|%|hours?|days?|weeks?|months?|years?|tons?|tonnes?|dollars?|euros?|sorties)(?!\w)",
    re.IGNORECASE,
)
_CURRENCY = re.compile(r"(?:[$€£¥]|\bUS\$|\bRs\.?)\s*$")
# What a number names rather than counts: "Air Base 201", "Hill 350", "Resolution 2334".
_NAMED_BY_NUMBER = re.compile(
    r"\b(?:Base|Hill|Heights?|Camp|Route|Highway|Road|Flight|Resolution|Unit|Squadron|Sector|Post|Outpost|"
    r"Checkpoint|Gate|Block|Building|Bridge|Article|Section|Room|Level|Phase|Point|Zone|Area|Grid)\s+(?:No\.?\s*)?$"
)


def is_measure(sentence: str, figure: int) -> bool:
    """Whether every statement of ``figure`` in ``sentence`` measures or names something
    else: a distance, a share, a span of time, a sum ("75 to 100 miles", "20 percent",
    "$100 million"), or a place or unit it is the number of ("Air Base 201", "Hill 350")."""
    spans = figure_spans(sentence, figure)
    return bool(spans) and all(
        _UNIT.match(sentence, end)
        or _CURRENCY.search(sentence, 0, start)
        or _NAMED_BY_NUMBER.search(sentence, 0, start)
        for start, end in spans
    )


_WORD_RANGE_BEFORE = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\s+(?:to|or)\s+$",
    re.IGNORECASE,
)


def _small_toll(sentence: str, figure: int) -> bool:
    """Whether ``figure`` (under 100) counts troops in a sentence about losses."""
    if _LOSS.search(sentence) is None:
        return False
    spans = figure_spans(sentence, figure) or _word_spans(sentence, figure)
    # "seven to eight Taliban personnel": the upper end of a range in words is not a figure of its own
    spans = [(a, b) for a, b in spans if not _WORD_RANGE_BEFORE.search(sentence, 0, a)]
    # "following three days of fighting 31 Maute terrorists were killed": a span of time
    spans = [(a, b) for a, b in spans if not _UNIT.match(sentence, b)]
    elided = _NOT_FORCES.search(sentence) is None
    return any(
        _COUNTED_FORCES.match(sentence[end : end + 60])
        or (elided and _ELIDED_LOSS.match(sentence[end : end + 40]))
        or (elided and _FORCE_TOLL_BEFORE.search(sentence[max(0, start - 100) : start]))
        or (
            elided
            and _BARE_LOSS.match(sentence[end : end + 20])
            and (_COUNTED_BEFORE.search(sentence[:start]) or _LOSS_LIST.search(sentence))
        )
        or (elided and _OTHERS_LOST.match(sentence[end : end + 40]) and _COUNTED_FOR_OTHERS.search(sentence[:start]))
        or (elided and _LISTED.match(sentence[end : end + 30]) and _LISTED_AFTER.search(sentence[:start]))
        or (
            elided
            and _LOST_BEFORE.search(sentence[max(0, start - 40) : start])
            and _NOTHING_COUNTED_AFTER.match(sentence[end:])
        )
        for start, end in spans
    )


def _word_spans(sentence: str, figure: int) -> list[tuple[int, int]]:
    """Where a number written as a word ("Twenty") stands for ``figure``."""
    return [
        (m.start(), m.end())
        for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)?", sentence)
        if figures_in(m.group(0)) == {figure}
    ]


# A count whose noun is the sentence before's: nothing after it says what it counts.
_BARE_AFTER = re.compile(
    r"^\s*(?:$|[.,;:)”\"’—–-]|(?:and|but|or|to|in|at|from|on|across|inside|near|along|are|were|have|had|has|will|would|"
    r"remain|remained|more|altogether|in\s+total|deaths|fatalities)\b)",
    re.I,
)


def continued_figures(sentence: str) -> set[int]:
    """The figures (at least 100) of a sentence that goes on counting the troops of the
    sentence before without naming them again ("There were over 10,000 American troops
    in Afghanistan. As of today there are under 5,000"): numbers that nothing after them
    says are of something else, in a sentence with no word for troops."""
    if _TROOP_WORDS.search(sentence) is not None or _NOT_FORCES.search(sentence) is not None:
        return set()
    return {
        n
        for n in figures_in(sentence)
        if n >= 100
        and not _a_year(sentence, n)
        and not is_measure(sentence, n)
        and (spans := figure_spans(sentence, n))
        and all(_BARE_AFTER.match(sentence[end : end + 30]) for _, end in spans)
        and not any(counts_civilians(sentence, a, b) for a, b in spans)
    }


def troop_figure_sentences(sentences: list[str], limit: int = 25) -> list[tuple[int, set[int]]]:
    """The sentences that pair a figure (not a year, at least 100) with a word for troops,
    or go on counting the troops of such a sentence right before them
    (:func:`continued_figures`), as (position, their figures): at most ``limit``, each
    sentence's text once (linear)."""
    found: list[tuple[int, set[int]]] = []
    seen: set[str] = set()
    before = False
    for i, sentence in enumerate(sentences):
        if sentence in seen:
            before = False
            continue
        figures, before = _read_once(sentence, before)
        if figures:
            seen.add(sentence)
            found.append((i, set(figures)))
            if len(found) == limit:
                break
    return found


# A force counted as one: "the two armies" are two forces, not two soldiers.
_COLLECTIVE = frozenset({"army", "armies", "force", "forces", "contingent", "contingents"})


def counted_forces(sentence: str) -> set[int]:
    """The figures whose own noun, as the parse reads it, is a force or its fighters
    ("8000 Sudanese mercenaries", "three attackers were killed", "the number of Indian
    soldiers ... numbered 88"), whatever word for troops the sentence holds elsewhere;
    not a year, and not a small count of whole forces ("the two armies")."""
    found = set()
    for n in figures_in(sentence):
        if n < 2 or _a_year(sentence, n):
            continue
        reading = what_it_counts(sentence, n)
        collective = n < 100 and (reading.counted or "").lower() in _COLLECTIVE
        if reading.force and reading.rule is None and not collective:
            found.add(n)
    return found


@lru_cache(maxsize=8192)
def _read_once(sentence: str, continues: bool) -> tuple[frozenset[int], bool]:
    """A sentence's figures (those it goes on counting, when it ``continues`` a troop
    sentence), and whether it speaks of troops itself: read once however often a long
    article's overlapping parts are planned. The parse's head counts
    (:func:`counted_forces`) add to what the sentence's words point at."""
    figures = troop_figures(sentence) or (continued_figures(sentence) if continues else set())
    added = counted_forces(sentence) - figures
    if added:  # (a set left as it was keeps its order, and the requests it made)
        figures = figures | added
    return frozenset(figures), _TROOP_WORDS.search(sentence) is not None


def troop_sentence_indexes(sentences: list[str], limit: int = 25) -> list[int]:
    """Positions of the sentences :func:`troop_figure_sentences` finds."""
    return [i for i, _ in troop_figure_sentences(sentences, limit)]


def troop_sentences(text: str, limit: int = 25) -> list[str]:
    """The sentences of ``text`` that pair a figure with a word for troops."""
    all_sentences = sentences(text)
    return [all_sentences[i] for i in troop_sentence_indexes(all_sentences, limit)]
