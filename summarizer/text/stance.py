"""What stance an official's sentence takes, read from its verbs.

A 1.5B model labels most statements "warn" or "concern" whatever they say. The verbs
of news copy say it plainly: "denied", "rejected", "dismissed" (deny); "confirmed",
"acknowledged", "admitted" (confirm); "condemned", "denounced" (condemn); "warned"
(warn); "urged", "called on" (call to action); "concerned", "worried" (concern);
"threatened", "vowed to respond" (threaten); "defended", "justified" (justify). The
first such cue in the sentence decides; none found means the words do not settle it.

A sentence that only puts a number on troops, with no such verb ("Astakhov said 30,000
Russian soldiers were now in Crimea"), is a figure statement, not a reaction: the brief
lists it under the figure, with its source.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STANCES: list[tuple[str, re.Pattern[str]]] = [
    (
        "deny",
        re.compile(
            r"\b(?:den(?:y|ied|ies|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed)|disput(?:e|es|ed)|"
            r"questioned\s+the\s+credibility|no\s+intention|"
            r"insist(?:s|ed)?\s+(?:it|that\s+it|they)\s+(?:will|would|had|has)\s+not|false|fake|baseless|fabricat\w+)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "condemn",
        re.compile(
            r"\b(?:condemn\w*|denounc\w*|slam(?:s|med)?|decr(?:y|ied|ies)|critici[sz]\w*|lambast\w*|rebuk\w*|"
            # "accused India of targeting civilians", "Hezbollah is hiding its fatalities"
            r"accus(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|(?:is|are|was|were)\s+(?:hiding|lying|covering\s+up)|"
            r"aggression|atrocit(?:y|ies)|barbaric|cannon\s+fodder|meat\s+grinder|"
            # "called the deployment “another reckless and dangerous action”"
            r"(?:call(?:s|ed|ing)?|describ(?:es|ed|ing)|brand(?:s|ed|ing)?)\s+[^.;]{0,60}?[“\"]?(?:an?\s+|another\s+)?"
            r"(?:reckless|dangerous|unacceptable|illegal|irresponsible|outrageous|provocative|provocation))\b",
            re.I,
        ),
    ),
    (
        "threaten",
        re.compile(
            r"\b(?:threat(?:en|ens|ened)|vow(?:s|ed)?\s+to\s+(?:respond|retaliate)|"
            # "Maduro vows U.S. forces cannot enter the country"
            r"vow(?:s|ed)?\s+(?:that\s+)?(?:(?:[A-Z]\.){2,}|[^.;]){0,40}?\b(?:cannot|can't|will\s+not|won't|will\s+never))\b",
            re.I,
        ),
    ),
    (
        "warn",
        re.compile(
            r"\b(?:warn(?:s|ed|ing)?|caution(?:s|ed|ing)?|"
            # "a “dangerous expansion of Russia’s war”", "serious implications for security"
            r"dangerous|(?<!de-)escalat(?:e|es|ed|ing|ion)|(?:serious|grave)\s+(?:implications|consequences|threats?))\b",
            re.I,
        ),
    ),
    (
        "call to action",
        re.compile(r"\b(?:urg(?:e|es|ed)|call(?:s|ed)?\s+(?:on|for)|appeal(?:s|ed)?\s+to|demand\w*)\b", re.I),
    ),
    (
        "confirm",
        re.compile(r"\b(?:confirm(?:s|ed)?|acknowledg\w+|admit(?:s|ted)?|verif(?:y|ied)|in\s+line\s+with)\b", re.I),
    ),
    (
        "concern",
        re.compile(
            r"\b(?:concern(?:s|ed|ing)?|worr(?:y|ied|ies)|alarm(?:ed|ing)?|troubl\w+|"
            # "it's unclear what the intent is"
            r"unclear\s+(?:what|whether|why|how))\b",
            re.I,
        ),
    ),
    ("justify", re.compile(r"\b(?:justif(?:y|ied|ies)|defend(?:s|ed)?\s+the|legitimate)\b", re.I)),
]


def stance_from_text(sentence: str) -> str | None:
    """The stance the sentence's own verbs take (its first cue's), or None when they do not say."""
    cues = stance_cues(sentence)
    return cues[0][0] if cues else None


def stance_cues(sentence: str) -> list[tuple[str, int]]:
    """Every stance cue in the sentence with where it starts, in order: "Russia has
    denied it, while Biden has warned ..." holds two."""
    return list(_stance_cues(sentence))


@lru_cache(maxsize=4096)
def _stance_cues(sentence: str) -> tuple[tuple[str, int], ...]:
    found = sorted((m.start(), stance) for stance, pattern in _STANCES for m in pattern.finditer(sentence))
    return tuple((stance, at) for at, stance in found)
