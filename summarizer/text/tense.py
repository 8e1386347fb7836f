"""Read from the article whether a figure's troops are already there or still to come.

Small models label nearly every figure "expected". The sentence usually says which it
is: "has sent", "have been transported", "are training" versus "preparing to send",
"expected within weeks", "by December". This module only answers when the words
around the figure point one way; when they point both ways (or neither), it says
nothing and the model's status stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from summarizer.text.counts import TO_COME_LEMMAS, counted_noun, number_token
from summarizer.text.numbers import stated_spans
from summarizer.text.parse import parse
from summarizer.text.vocabulary import MONTH_NAMES, SAYING_LEMMAS, word_set

_IN_PLACE = re.compile(
    r"\b(?:has|have|had)\s+(?:already\s+)?(?:been\s+)?(?:sent|dispatched|deployed|transported|moved|arrived|entered)\b"
    r"|\b(?:already|currently)\s+(?:\w+\s+){0,2}(?:in|training|arrived|deployed|transported)\b"
    r"|\b(?:are|were|is)\s+(?:currently\s+)?(?:training|undergoing|stationed|deployed)\b"
    r"|\bwere\s+(?:sent|moved|deployed|undergoing)\b|\bhad\s+(?:been\s+)?deployed\b|\barrived\b|\bentered\b"
    r"|\b(?:trained|stationed|based)\s+in\b"
    # "is typically manned by 20,000", "its current 5,100-strong contingent", "the group had
    # about 50,000 mercenaries in Ukraine": a force there now
    r"|\b(?:manned|garrisoned)\s+by\b|\bcurrent\b"
    r"|\b(?:has|have|had|there\s+are|there\s+were)\s+(?:about|some|around|nearly|roughly|approximately|over|"
    r"more\s+than|at\s+least)?\s*$",
    re.IGNORECASE,
)
_TO_COME = re.compile(
    r"\b(?:preparing|prepared|readied|planning|plans?|set|due|going|aims?|aiming|intends?|wants?|hopes?|"
    r"would\s+like|authori[sz]ed|pledged|promised)\s+to\b|\bbeing\s+(?:prepared|readied)\b"
    r"|\bto\s+(?:remain|stay|go\s+down|be\s+(?:cut|reduced|brought\s+down))\b"
    r"|\bwill\b|\bexpected\b|\bwithin\s+[\"\u201c'\u2018]?(?:days|weeks|the\s+next)\b|\bby\s+(?:December|January|the\s+end)\b"
    r"|\bto\s+be\s+sent\b|\b(?:could|may|might)\s+be\s+(?:deployed|added|sent|mobili[sz]ed|called\s+up)\b",
    re.IGNORECASE,
)
_TRAINING = re.compile(r"\btrain(?:ing|ed)?\b", re.IGNORECASE)
_WINDOW = 90
_GOVERNING = 30  # characters before the figure: 'has sent about ', 'preparing to send '


# Casualties and recruitment: the word nearest the figure, in its own clause, decides.
# ("martyred", "the loss of three soldiers", "lose their lives", "paid the price with their lives",
# "340 bodies of troops")
_KILLED = (
    r"kill|kills|killed|killing|die|dies|died|dead|deaths?|perished|eliminat(?:ed|es|e|ing)|lost|fatalities|slain|martyred|martyrdom|loss|"
    r"lose|losing|lives|bodies"
)
_HURT = r"wounded|injured|hurt"
_CASUALTY = re.compile(
    rf"\b(?:(?P<killed>{_KILLED})|(?P<hurt>{_HURT})|(?P<mixed>casualties|losses|captured|missing|neutrali[sz](?:ed|es|e|ing)))\b",
    re.I,
)
_RECRUITED = re.compile(
    r"\b(?:recruited|recruits|enlisted|signed\s+up|mobili[sz]ed|conscripted|drafted|called\s+up)\b", re.I
)
_BEFORE, _AFTER = 45, 100  # characters around the figure: "30,000 members of X, a Y outfit, have been killed"
_PART_OF = re.compile(
    r",\s*(?:(?:about|some|at\s+least|nearly|over)\s+)?(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|[a-z]+teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:-[a-z]+)?|hundreds|thousands)\s+of\s+(?:whom|them)\b",
    re.IGNORECASE,
)
_CLOSE = 30  # a loss word this near the figure counts even when another verb governs it


def _nearest(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    found = list(pattern.finditer(text))
    return min(found, key=lambda m: min(abs(m.start() - at), abs(m.end() - at))) if found else None


def counts_losses(passage: str) -> bool:
    """Whether the passage speaks of losses at all (killed, wounded, casualties...)."""
    return _CASUALTY.search(passage) is not None


# "killed more than 14,000 of Hamas' estimated 25,000 fighters": the second figure is the
# whole force a part of which was lost, not a loss.
_WHOLE_OF = re.compile(
    r"\d[\d,.]*\s*(?:[a-z]+\s+){0,2}?of\s+(?:(?:the|its|their)\s+)?(?:(?:[A-Z][\w’'-]*\s+)*[\w-]+(?:[’']s|s[’'])\s+)?"
    r"(?:(?:estimated|total|some|about|roughly|nearly|approximately|around)\s+)?$"
)


# "the number of its troops killed in recent fighting ... to 2,425": the count's own noun
# phrase says what it counts, however far the figure comes after it.
_NUMBER_OF_LOSSES = re.compile(
    r"\b(?:number|toll|tally|count)\s+of\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:troops|soldiers|servicem[ae]n|fighters|personnel|military)\s+(?P<kind>killed|wounded)\b[^.;]*?\b(?:to|at|of)\s+"
    r"(?:[a-z]+\s+){0,2}$"
)


# "Israel estimates Hezbollah's losses from its operation in Lebanon at around 1,500
# militants", "put the death toll among its troops at 300": the losses are what is counted.
_LOSSES_PUT_AT = re.compile(
    r"\b(?P<kind>losses|casualties|death\s+toll|dead|fatalities)\b[^.;:]{0,80}?\b(?:at|to)\s+"
    r"(?:(?:about|around|some|nearly|almost|roughly|approximately|over|more\s+than|at\s+least|up\s+to)\s+)?$",
    re.IGNORECASE,
)


_MONTH_AFTER = re.compile(rf"\s*(?:{'|'.join(MONTH_NAMES)})\b")


def _counting_spans(passage: str, figure: int) -> list[tuple[int, int]]:
    """Where ``passage`` states ``figure``, a date's day ("26 March 2002 ... and 26 are
    missing") put last."""
    spans = stated_spans(passage, figure)
    return sorted(spans, key=lambda span: bool(_MONTH_AFTER.match(passage, span[1])))


def casualty_status(passage: str, figure: int, current: str) -> str | None:
    """'killed', 'wounded' or 'casualties' when the words next to the figure count losses
    ("lost more than 20,000 fighters", "9,000 were killed", "30,000 injured or killed");
    'other' for a figure the model called losses that counts recruits ("the 50,000
    convicts he recruited"). None when the words do not say."""
    spans = _counting_spans(passage, figure)
    if not spans:
        return None
    start, end = spans[0]
    if _WHOLE_OF.search(passage[max(0, start - 60) : start]):
        return "deployed" if current in ("killed", "wounded", "casualties") else None
    counted = _NUMBER_OF_LOSSES.search(passage[max(0, start - 120) : start])
    if counted is not None:  # "raised the number of its troops killed ... to 2,425"
        return None if current == counted.group("kind") else counted.group("kind")
    put = _LOSSES_PUT_AT.search(passage[max(0, start - 120) : start])
    if put is not None:  # "estimates Hezbollah's losses from the operation at around 1,500 militants"
        kind = "killed" if put.group("kind").lower().startswith(("death", "dead", "fatal")) else "casualties"
        return None if current == kind else kind
    lo = max(0, start - _BEFORE)
    hi = min(len(passage), end + _AFTER)
    # Stay inside the figure's clause: a full stop or semicolon ends it.
    left = max(passage.rfind(".", lo, start), passage.rfind(";", lo, start))
    lo = left + 1 if left != -1 else lo
    cut = re.search(r"[.;]\s", passage[end:hi])
    hi = end + cut.start() if cut else hi
    # "5,000 soldiers, 59 of whom have been killed": the losses are the part's, not the whole's
    part = _PART_OF.search(passage, end, hi)
    hi = part.start() if part else hi
    window, at = passage[lo:hi], start - lo

    def distance(m: re.Match[str]) -> int:
        return min(abs(m.start() - at), abs(m.end() - at))

    governed = bool(
        _IN_PLACE.search(passage[max(0, start - _GOVERNING) : start])
        or _TO_COME.search(passage[max(0, start - _GOVERNING) : start])
    )
    if governed:  # "has sent 10,000 troops ..., and some were killed": the verb before decides
        window = window[: at + (end - start) + _CLOSE]
    loss, recruit = _nearest(_CASUALTY, window, at), _nearest(_RECRUITED, window, at)
    if recruit is not None and (loss is None or distance(recruit) < distance(loss)):
        return "other" if current in ("killed", "wounded", "casualties") else None
    if loss is None:
        return None
    # "injured or killed", "killed and wounded": the nearest word and any right beside it.
    beside = [
        m
        for m in _CASUALTY.finditer(window)
        if (m.start() <= loss.end() + 12 and m.end() >= loss.start() - 12) or distance(m) <= _CLOSE
    ]
    kinds = {k for m in beside for k in ("killed", "hurt", "mixed") if m.group(k)}
    status = "killed" if kinds == {"killed"} else "wounded" if kinds == {"hurt"} else "casualties"
    return None if status == current else status


def status_from_text(passage: str, figure: int, current: str) -> str | None:
    """A status the passage supports better than ``current``, or None to keep it."""
    spans = _counting_spans(passage, figure)
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


# -- the same judgement read from the parse: the verbs that govern what the number counts --


@dataclass(frozen=True)
class TimeRule:
    """One way a clause says its troops are still to come or already there."""

    id: str
    to_come: bool
    means: str
    examples: tuple[tuple[str, int], ...]  # (sentence, figure) it decides
    decides: Callable[[Token], bool]  # over each verb from the number's own up


# What one plans, expects, approves or asks for: the troops it governs are to come.
# The words of what is to come (counts.TO_COME_LEMMAS) that are verbs one governs
# troops with, and the verbs of hoping, approving and urging besides; "set" and "due"
# count only with a "to" clause (_planning).
_PLANNING_LEMMAS = (TO_COME_LEMMAS - {"set", "due", "ready", "weigh"}) | word_set(
    "hope authorise authorize approve urge recommend offer vow"
)
_PLANNING_FORMS = word_set("hoped hopes hoping")
# Modals of what may or will happen ("would" is left out: reported speech uses it for the past).
_FUTURE_MODALS = word_set("will shall 'll could may might")
# Verbs that put troops somewhere: in their perfect or past, the troops are there.
_PLACING_LEMMAS = word_set("send deploy dispatch arrive station base move transport enter post land reach")


def _modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in _FUTURE_MODALS for c in verb.children)


def _planning(verb: Token) -> bool:
    # "set to grow", "due to arrive": a word of timing that takes a "to" clause
    timed = verb.lemma_.lower() in ("set", "due") and any(c.dep_ == "xcomp" for c in verb.children)
    # the small pipeline lemmatises "hoped" as "hop": its written form is asked too
    return verb.lemma_.lower() in _PLANNING_LEMMAS or verb.lower_ in _PLANNING_FORMS or timed


def _bare_passive(verb: Token) -> bool:
    """'urge that 3,000 soldiers be sent': a passive with a bare 'be' and no tense."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return bool(auxes) and all(c.tag_ == "VB" and c.lower_ == "be" for c in auxes) and verb.dep_ == "ccomp"


def _placed(verb: Token) -> bool:
    """'have sent', 'were deployed', 'arrived', 'the 11,000 based in Sevastopol': a verb
    of placing, done."""
    if verb.lemma_.lower() not in _PLACING_LEMMAS or _modal(verb):
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    done = verb.tag_ == "VBD" or any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children)
    return done or (verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children))


def _there_now(verb: Token) -> bool:
    """'there are 5,000 troops in Iraq', '30,000 soldiers are in Crimea': a count of now."""
    if verb.lemma_ != "be" or _modal(verb) or verb.tag_ not in ("VBP", "VBZ", "VBD"):
        return False
    return any(c.dep_ == "expl" for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ in ("in", "at", "inside", "on") for c in verb.children
    )


def _acted(verb: Token) -> bool:
    """'Some 3,000 Rwandan soldiers fought alongside the rebels': troops that did something
    (a past verb whose subject they are) were there."""
    # a past participle with a subject and no auxiliary is a past the tagger misread,
    # unless what is above it urges or plans ("urge that 3,000 soldiers [be] sent")
    bare = (
        verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and not any(_planning(a) for a in verb.ancestors)
    )
    return (
        (verb.tag_ == "VBD" or bare)
        and verb.lemma_.lower() not in SAYING_LEMMAS | {"be", "have"}
        and not _modal(verb)
        and any(c.dep_ == "nsubj" and (c.like_num or c.pos_ == "NOUN") for c in verb.children)
    )


# What says of the troops themselves that they are there now: "the current 400-strong
# contingent", "the remaining 2,500 troops".
_NOW_WORDS = word_set("current existing present remaining")


def _now(noun: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in _NOW_WORDS for c in noun.children)


TIME_RULES: tuple[TimeRule, ...] = (
    TimeRule(
        "time.modal",
        True,
        "a modal of what will or may happen governs the troops",
        (("About 2,000 soldiers will join the force next month.", 2000),),
        _modal,
    ),
    TimeRule(
        "time.planning",
        True,
        "a verb of planning, expecting, approving or urging governs the troops",
        (
            ("A second contingent of 600 officers is scheduled to arrive later.", 600),
            ("The cabinet authorised the mobilisation of up to 75,000 reservists.", 75000),
        ),
        _planning,
    ),
    TimeRule(
        "time.bare-passive",
        True,
        "a bare 'be' passive in a clause of urging ('that 3,000 soldiers be sent')",
        (("The experts advised that 3,000 soldiers be sent to the north.", 3000),),
        _bare_passive,
    ),
    TimeRule(
        "time.placed",
        False,
        "a verb of sending or arriving, done",
        (("The country has sent about 1,500 troops to the border.", 1500),),
        _placed,
    ),
    TimeRule(
        "time.acted",
        False,
        "the troops did something (a past verb whose subject they are)",
        (("Some 3,000 soldiers fought alongside the rebels last year, a report said.", 3000),),
        _acted,
    ),
    TimeRule(
        "time.there-now",
        False,
        "a count of what is there now ('there are', 'are in')",
        (("There are about 900 American soldiers in the country.", 900),),
        _there_now,
    ),
)


def _governing_verbs(number: Token, noun: Token | None) -> list[Token]:
    """The verbs that govern what ``number`` counts, nearest first: the clause's own verb,
    then up through complement clauses ("plans to send", "urge that ... be sent"), never
    into a verb of saying (what is said keeps its own time: "said 3,000 arrived"); a
    relative clause on the troops comes first ("the 2,500 it had hoped to deploy").
    ``noun`` is what the number counts (None when the parse gives none)."""
    relatives = [c for c in (noun or number).children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")]
    token = number  # "withdraw 10,000 of the troops": the number's own verb, not its whole's
    verbs: list[Token] = []
    while token.head.i != token.i and len(verbs) < 6:  # the root is its own head
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.like_num:
            break  # "of the 2,500 officers ..., only 1,000 have been sent": the part's verb
        token = token.head
        if token.pos_ not in ("VERB", "AUX") and token.lemma_.lower() not in ("due", "set"):
            continue  # "a deployment of 600 officers is scheduled": through the nouns
        if token.lemma_.lower() in SAYING_LEMMAS:  # what is said keeps its own time
            break
        verbs.append(token)
        if token.dep_ not in ("xcomp", "ccomp"):
            break
    return relatives + verbs


# Said of the troops themselves, before any verb: "the current 400-strong contingent".
NOW_RULE = TimeRule(
    "time.now-word",
    False,
    "the troops are called current, existing or remaining",
    (("Some 200 soldiers will join the current 400-strong contingent.", 400),),
    _now,
)


def _located(counted: Token) -> bool:
    """Whether the troops are counted where they are: "the approximately 500 in Syria"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "inside")
        and any(g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.children)
        for c in counted.children
    )


# Said of the troops when no verb says when: where they are.
LOCATED_RULE = TimeRule(
    "time.located",
    False,
    "no governing verb says when, and the troops are counted in a place",
    (("The official count is the approximately 500 in Syria and 5,000 in Iraq.", 500),),
    _located,
)


def time_from_parse(sentence: str, figure: int) -> TimeRule | None:
    """The rule that says whether ``figure``'s troops are to come or there now, read
    from what is said of them and the verbs that govern them (nearest first); None when
    none says."""
    doc = parse(sentence)
    for start, end in _counting_spans(sentence, figure):
        number = number_token(doc, start, end)
        if number is None:
            continue
        noun = counted_noun(number)
        if noun is not None and _now(noun):
            return NOW_RULE
        for verb in _governing_verbs(number, noun):
            for rule in TIME_RULES:
                if rule.decides(verb):
                    return rule
        if _located(noun or number):
            return LOCATED_RULE
    return None


# -- whether the sentence's words of loss are said of what the figure counts ---------------

# Words that make a count a loss, as the parse lemmatises them or as written: verbs
# ("were killed", "lost their lives"), participles as adjectives ("wounded", "slain"),
# the nouns a toll is told with, and being taken out of the fight ("taken prisoner").
LOSS_LEMMAS = word_set(
    "kill die wound injure hurt lose perish martyr slay slain massacre eliminate neutralise neutralize"
    " killed wounded injured dead death casualty fatality loss toll life body missing capture prisoner"
)
# Verbs that report or tally a count rather than say what happened to it.
_TALLY_LEMMAS = SAYING_LEMMAS | word_set("declare estimate put place count number record total list")
# The part of a noun phrase the figure's noun may be ("a 120-member contingent").
_INSIDE_PHRASE = frozenset({"compound", "amod", "nmod", "nummod"})


def _loss(token: Token) -> bool:
    return token.lemma_.lower() in LOSS_LEMMAS or token.lower_ in LOSS_LEMMAS


def loss_said_of_others(sentence: str, figure: int) -> bool:
    """Whether every statement of ``figure`` counts troops that do or carry something
    else, as the subject or object of an active verb that is no loss and no report, with
    no word of loss on them or their verb: "when over 700 Maoist guerrillas ... ambushed
    a 120-member contingent" (the 700 attacked: the killed are the sentence's other
    count); "The convoy, carrying about 120 personnel, was on its way to recover the
    bodies of three of their colleagues killed ...". False where the parse says
    otherwise or nothing."""
    doc = parse(sentence)
    spans = _counting_spans(sentence, figure)
    if not spans:
        return False
    for start, end in spans:
        number = number_token(doc, start, end)
        if number is None:
            return False
        phrase = counted_noun(number) or number
        while phrase.dep_ in _INSIDE_PHRASE and phrase.head.pos_ in ("NOUN", "PROPN"):
            phrase = phrase.head
        verb = phrase.head
        if phrase.dep_ not in ("nsubj", "dobj") or verb.pos_ != "VERB":
            return False
        # the verb's clause holds the troops' own words too: "75 soldiers killed", "11 slain
        # troops", "the casualty count was approaching 300,000", "59 of whom paid ... with their lives"
        if verb.lemma_.lower() in _TALLY_LEMMAS or any(_loss(t) for t in verb.subtree):
            return False
    return True


def status_from_parse(sentence: str, figure: int, current: str) -> tuple[str | None, str | None]:
    """(the status the governing verbs give in place of ``current``, the rule), or (None,
    rule or None) when they agree with it or say nothing. Losses are left alone."""
    rule = time_from_parse(sentence, figure)
    if rule is None or current in ("killed", "wounded", "casualties"):
        return None, None
    if rule.to_come and current in ("sent", "arrived", "deployed", "in training", "other"):
        return "planned", rule.id
    if not rule.to_come and current in ("expected", "planned", "other"):
        return "deployed", rule.id
    return None, rule.id
