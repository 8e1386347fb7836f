"""What stance an official's sentence takes, read from its words: a table of named cues
matched over the sentence's parse (lemmas, so "warnings" is a warning and "Confirms" in
a headline a confirmation).

A 1.5B model labels most statements "warn" or "concern" whatever they say. The words of
news copy say it plainly: "denied", "rejected" (deny); "confirmed", "acknowledged"
(confirm); "condemned", "accused" (condemn); "warned", "a dangerous escalation" (warn);
"urged", "called on" (call to action); "concerned", "worried" (concern); "threatened",
"vowed to respond" (threaten); "justified" (justify). Each row of :data:`RULES` names one
such cue with its id, what it means, token patterns (spaCy's Matcher) and examples; the
first cue in the sentence decides its stance, and none found means the words do not
settle it.

A sentence that only puts a number on troops, with no such word ("Astakhov said 30,000
Russian soldiers were now in Crimea"), is a figure statement, not a reaction: the brief
lists it under the figure, with its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from summarizer.text.parse import parse

Pattern = list[dict[str, Any]]


@dataclass(frozen=True)
class StanceRule:
    id: str
    stance: str
    means: str
    patterns: tuple[Pattern, ...]
    examples: tuple[str, ...]  # sentences whose first cue is this row's


def _words(lemmas: str, forms: str = "") -> tuple[Pattern, ...]:
    """One token whose lemma is one of ``lemmas``, or whose lower case is one of them or
    of ``forms`` (a headline's "Confirms", which the tagger reads as a name)."""
    lemma_list = lemmas.split()
    return ([{"LEMMA": {"IN": lemma_list}}], [{"LOWER": {"IN": lemma_list + forms.split()}}])


_NOT_END = {"TEXT": {"NOT_IN": [".", ";", "!", "?"]}, "OP": "{,10}"}
# What one vows to do to the other side: "vowed to crush the militants".
_HIT_BACK = ["respond", "retaliate", "crush", "defeat", "destroy", "eliminate", "punish", "avenge"]
# What a deed is done for: "to avert a return to war", "to protect Americans".
_PURPOSES = ["avert", "avoid", "prevent", "protect", "ensure", "safeguard", "stop", "secure"]
_SPEECH_OF = {"LEMMA": {"IN": ["call", "describe", "brand", "label", "term"]}}
_HARSH = "reckless dangerous unacceptable illegal irresponsible outrageous provocative provocation"

RULES: tuple[StanceRule, ...] = (
    StanceRule(
        "stance.deny.verb",
        "deny",
        "denying, rejecting or disputing a claim",
        _words("deny reject dismiss refute dispute", "denies denied rejects rejected dismissed disputed refuted"),
        ("The Kremlin denied that any troops had crossed the border.", "Moscow rejected the report as baseless."),
    ),
    StanceRule(
        "stance.deny.false",
        "deny",
        "calling a claim untrue or overstated, or seeing no sign of it",
        (
            *_words("false fake baseless fabricate fabricated fabrication unfounded exaggerate exaggerated"),
            # a count below the other side's: "less than the Houthis claimed"
            [
                {"LOWER": {"IN": ["less", "fewer", "lower"]}},
                {"IS_PUNCT": True, "OP": "?"},
                {"LOWER": "than"},
                {"IS_PUNCT": True, "OP": "?"},
                {"IS_ALPHA": True, "OP": "{0,3}"},
                {"LEMMA": "claim"},
            ],
            # no sign of what the other side says: "have not seen any sign of de-escalation"
            [{"LOWER": "no"}, {"LEMMA": "sign"}, {"LOWER": "of"}],
            [{"LOWER": {"IN": ["not", "n't"]}}, {"LEMMA": "see"}, {"LOWER": "any"}, {"LEMMA": "sign"}],
        ),
        (
            '"Fake news. They must stop laughing at us," the spokesman told EFE.',
            "He said the number held was “less than” the rebels claimed.",
            "The alliance has not seen any sign of a pullback, its chief said.",
        ),
    ),
    StanceRule(
        "stance.deny.no-intention",
        "deny",
        "saying one has no intention or will not do what one is said to plan",
        (
            [{"LOWER": "no"}, {"LOWER": "intention"}],
            [{"LEMMA": "question"}, {"LOWER": "the"}, {"LOWER": "credibility"}],
            [
                {"LEMMA": "insist"},
                {"LOWER": "that", "OP": "?"},
                {"LOWER": {"IN": ["it", "they"]}},
                {"LOWER": {"IN": ["will", "would", "had", "has", "wo"]}},
                {"LOWER": {"IN": ["not", "n't"]}},
            ],
        ),
        ("Russia has insisted it will not invade Ukraine.",),
    ),
    StanceRule(
        "stance.condemn.verb",
        "condemn",
        "condemning, accusing or blaming",
        _words(
            "condemn condemnation denounce denunciation slam decry criticize criticise criticism lambaste rebuke"
            " accuse accusation blame",
            "condemned slammed criticized criticised accused blamed",
        ),
        (
            "The foreign ministry condemned the move as a provocation.",
            "Islamabad accused India of targeting civilians.",
        ),
    ),
    StanceRule(
        "stance.condemn.charge",
        "condemn",
        "charging the other side with hiding or lying, or naming an outrage",
        (
            [{"LEMMA": "be"}, {"LOWER": {"IN": ["hiding", "lying"]}}],
            [{"LEMMA": "be"}, {"LOWER": "covering"}, {"LOWER": "up"}],
            [{"LOWER": "cannon"}, {"LOWER": "fodder"}],
            [{"LOWER": "meat"}, {"LOWER": "grinder"}],
            *_words("aggression atrocity barbaric", "atrocities"),
        ),
        ('"The group is hiding its fatalities," the general said.', "Cambodia called the strikes brutal aggression."),
    ),
    StanceRule(
        "stance.condemn.called",
        "condemn",
        "calling or describing something reckless, illegal, a provocation",
        ([_SPEECH_OF, _NOT_END, {"LOWER": {"IN": _HARSH.split()}}],),
        ("She described the move as irresponsible.",),
    ),
    StanceRule(
        "stance.threaten.verb",
        "threaten",
        "threatening, or vowing to respond or to keep the other side out",
        (
            *_words("threaten", "threatens threatened"),
            # vowing to hit back or to beat the other side: "vowed to crush the militants"
            [
                {"LEMMA": {"IN": ["vow", "pledge", "swear"]}},
                {"LOWER": "to"},
                {"LEMMA": {"IN": _HIT_BACK}},
            ],
            [
                {"LEMMA": "vow"},
                _NOT_END,
                {"LOWER": {"IN": ["can", "ca", "will", "wo"]}},
                {"LOWER": {"IN": ["not", "n't", "never"]}},
            ],
        ),
        (
            "The general threatened to respond with force.",
            "Maduro vows U.S. forces cannot enter the country.",
            "The president vowed to crush the rebels within a month.",
        ),
    ),
    StanceRule(
        "stance.warn.verb",
        "warn",
        "warning or cautioning",
        _words("warn warning caution", "warns warned warnings cautioned cautioning"),
        ("NATO's chief warned of a dangerous escalation.",),
    ),
    StanceRule(
        "stance.warn.danger",
        "warn",
        "naming a danger or an escalation",
        (
            *_words("dangerous escalate escalation", "escalating escalated"),
            [
                {"LOWER": {"IN": ["serious", "grave"]}},
                {"LOWER": {"IN": ["implications", "consequences", "threat", "threats"]}},
            ],
        ),
        ("Rutte said the move marks a \u201cdangerous expansion of the war\u201d.",),
    ),
    StanceRule(
        "stance.call.verb",
        "call to action",
        "urging, demanding, calling on someone",
        (
            *_words("urge demand", "urges urged demands demanded"),
            [{"LEMMA": "call"}, {"LOWER": {"IN": ["on", "for"]}}],
            [{"LEMMA": "appeal"}, {"LOWER": "to"}],
        ),
        ("The president urged allies to send more air defence.", "He called on Russia to withdraw its troops."),
    ),
    StanceRule(
        "stance.confirm.verb",
        "confirm",
        "confirming, acknowledging or admitting",
        (
            *_words("confirm acknowledge admit verify", "confirms confirmed acknowledged admitted verified"),
            [{"LOWER": "in"}, {"LOWER": "line"}, {"LOWER": "with"}],
        ),
        ("The minister confirmed the deployment on Tuesday.",),
    ),
    StanceRule(
        "stance.concern.word",
        "concern",
        "being concerned, worried or alarmed, or unsure of the other side's intent",
        (
            *_words("concern concerned worry worried alarm alarmed alarming troubling troubled", "concerns worries"),
            [{"LOWER": "unclear"}, {"LOWER": {"IN": ["what", "whether", "why", "how"]}}],
            # "raised doubts about the future of the mission", "voiced questions over"
            [
                {"LEMMA": {"IN": ["raise", "express", "voice", "cast"]}},
                {"LOWER": {"IN": ["doubts", "doubt", "questions"]}},
            ],
        ),
        ("Officials said they were deeply concerned by the build-up.", "Sall raised doubts about the mission."),
    ),
    StanceRule(
        "stance.justify.word",
        "justify",
        "justifying or defending what was done",
        (*_words("justify legitimate", "justified"), [{"LEMMA": "defend"}, {"LOWER": "the"}]),
        ("The minister justified the strikes as self-defence.",),
    ),
    StanceRule(
        "stance.justify.purpose",
        "justify",
        "giving the reason or the purpose of what was done: because, in order to, to prevent, a duty",
        (
            [{"LOWER": "because"}],
            [{"LOWER": "in"}, {"LOWER": "order"}, {"LOWER": "to"}],
            [{"LOWER": "to"}, {"LEMMA": {"IN": _PURPOSES}}],
            [{"LEMMA": "duty"}],
        ),
        (
            "The troops withdrew because the government does not want a wider war.",
            "The deployment is meant to prevent smuggling across the border, the general said.",
        ),
    ),
)
_BY_ID = {rule.id: rule for rule in RULES}


@dataclass(frozen=True)
class Cue:
    stance: str
    at: int  # where the cue starts in the sentence (characters)
    rule: str


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for rule in RULES:
        matcher.add(rule.id, list(rule.patterns))
    return matcher


def _mute(doc: Doc, start: int, rule: str) -> bool:
    """A cue word that says no stance where it stands: "de-escalation" (the opposite),
    "reports concerning losses" (a preposition); a confirmation nobody makes ("has not
    confirmed", "15 militants confirmed dead", "confirmed statistics")."""
    token = doc[start]
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "de":
        return True
    if rule == "stance.confirm.verb":
        negated = any(c.dep_ == "neg" for c in token.children)
        said_of_a_thing = token.dep_ in ("amod", "acl", "oprd") or (
            token.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj", "nsubjpass", "auxpass") for c in token.children)
        )
        return negated or said_of_a_thing
    return token.lower_ == "concerning" and token.dep_ in ("prep", "acl")  # "about", not "worrying"


def cues(sentence: str) -> list[Cue]:
    """Every stance cue in the sentence, in order, with the rule that found it: "Russia
    has denied it, while Biden has warned ..." holds two."""
    return list(_cues(sentence))


@lru_cache(maxsize=4096)
def _cues(sentence: str) -> tuple[Cue, ...]:
    if not sentence.strip():
        return ()
    doc = parse(sentence)
    order = {rule.id: i for i, rule in enumerate(RULES)}
    found: dict[int, str] = {}
    for match_id, start, _ in _matcher(doc.vocab)(doc):
        rule = doc.vocab.strings[match_id]
        if not _mute(doc, start, rule) and (start not in found or order[rule] < order[found[start]]):
            found[start] = rule
    return tuple(Cue(_BY_ID[rule].stance, doc[start].idx, rule) for start, rule in sorted(found.items()))


def stance_from_text(sentence: str) -> str | None:
    """The stance the sentence's own words take (its first cue's), or None when they do not say."""
    found = _cues(sentence)
    return found[0].stance if found else None
