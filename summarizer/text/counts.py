"""What a number counts, read from the parse of its sentence.

A troop figure is a number whose noun is a force: "40,000 fighters" (the number's
``nummod`` head), "3,000 to 5,000 fighters" (a ``quantmod`` of the number that counts),
"a 20,000-strong force". The same sentence may hold numbers that count something else,
and a sentence-wide "is there a people word here?" test keeps them: "40,000 fighters,
2,100 combat vehicles and 95 armoured carriers" has people and vehicles. Each reading
below is a rule with an id, a precedence (the first that fires decides), what it means
and examples; the grounding rejects a figure a rule reads as no count of troops, and
says which rule did. A number whose noun the parse does not give ("we have killed over
1,800", "more than 240 were wounded", a list whose noun is elided) is left to the
sentence-level reading (:mod:`summarizer.text.headcount`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from summarizer.text.numbers import YEARS, figure_spans, stated_spans
from summarizer.text.parse import parse
from summarizer.text.vocabulary import MONTHS, SAYING_LEMMAS, word_set

# What a number of troops counts. One list, read by every rule below.
TROOP_NOUNS = word_set(
    "troop soldier force personnel fighter militant reservist conscript recruit mercenary marine sailor airman"
    " serviceman servicewoman servicemember paratrooper commando guard peacekeeper infantryman officer policeman"
    " police insurgent rebel jihadist combatant volunteer contingent army militiaman gunman operative jawan"
    " reinforcement"
)
# Other nouns for fighters: how a force's enemies, crews and prisoners are named. A
# number that counts one of these or a troop noun is a head count by its parse alone.
COMBATANT_NOUNS = word_set(
    "terrorist extremist maoist separatist guerrilla guerilla crusader straggler cadre trooper warrior defender"
    " attacker assailant raider infiltrator intruder loyalist partisan irregular ranger sniper pilot crew crewman"
    " gunner cadet trainee servicemen militia militiamen gunmen islamist jihadi bodyguard deserter defector draftee"
    " enlistee prisoner pow captive"
)
# Nouns for people that may count a force or anyone: its members, its losses. A number
# whose noun is a common noun outside these lists (and outside the formations below)
# counts no one: "nine camps", "300 votes".
PEOPLE_NOUNS = COMBATANT_NOUNS | word_set(
    "member man men people person casualty death body dead life victim hostage element other national citizen staff"
    " employee veteran adviser advisor instructor contractor spy agent tribesman tribesmen westerner foreigner"
    " radical mobilized mobilised killed wounded injured missing strength fatality convict inmate one"
)
# Things a force has or uses: counted beside fighters, never as them.
MATERIEL_NOUNS = word_set(
    "vehicle tank carrier aircraft jet plane helicopter drone missile rocket shell round bomb gun howitzer"
    " artillery launcher ship boat vessel submarine warship rifle weapon firearm munition mortar truck apc"
)
# Formations: "two divisions", "100 battalion tactical groups" count units, not people.
# Groups a force is sent or counted in: "two batches of Indian troops" counts batches.
UNIT_NOUNS = word_set(
    "brigade battalion division regiment company squadron platoon corps unit group btg batch wave team squad detachment"
)
# Nouns for how many there are: "the number of soldiers ... numbered 88", "brings the toll
# to 173": what they count is their "of" phrase.
TALLY_NOUNS = word_set("number total toll tally count figure strength")
# People who are not a force: a civilian toll, the displaced.
CIVILIAN_NOUNS = word_set(
    "civilian refugee resident child family household villager inhabitant patient migrant evacuee"
    " displaced student journalist worker woman dependent dependant relative spouse wife husband pilgrim"
    " protester demonstrator passenger tourist"
)
DISPLACED_WORDS = word_set("displaced homeless evacuated uprooted fled flee displace evacuate")
# What the displaced leave or look for: "forced to flee their homes", "to seek refuge".
_HOME_WORDS = word_set("home house village refuge shelter asylum")
TIME_NOUNS = word_set("year month week day hour minute decade century")
MEASURE_NOUNS = word_set(
    "km kilometre kilometer kilometres kilometers mile meter metre ton tonne kg kilogram acre hectare foot feet yard"
)
_CURRENCY = set("$€£¥₩₹")
CURRENCY_WORDS = word_set("dollar euro pound yen yuan rouble ruble rupee hryvnia won usd eur")


@dataclass(frozen=True)
class Reading:
    """What the number counts: the noun as written (None when the parse gives none), and
    the rule that says it is no troop figure (None when nothing does)."""

    counted: str | None
    rule: str | None = None
    why: str = ""
    force: bool = False  # the noun names a force or fighters: a head count, whatever the sentence says


@dataclass(frozen=True)
class Rule:
    id: str
    precedence: int
    means: str
    examples: tuple[tuple[str, int], ...]  # (sentence, figure) it fires on
    fires: Callable[[Token, Token | None], bool]  # (the number, the noun it counts)


def _in_a_link(number: Token, noun: Token | None) -> bool:
    return bool(number.like_url or number.like_email or "/" in number.text or "@" in number.text)


def _designator(number: Token, noun: Token | None) -> bool:
    """A number that names: right after the capitalised noun it belongs to ("Brigade 77",
    "Operation 1107", "Resolution 2334", "Task Force 51")."""
    head = number.head
    return (
        number.dep_ in ("nummod", "compound", "appos", "npadvmod")
        and head.i == number.i - 1  # right after it: "Brigade 77", not "Syria; 5200"
        and head.pos_ in ("PROPN", "NOUN")
        and head.text[:1].isupper()  # "Resolution 2334", "Flight 17", "Route 66"
        and head.ent_type_ not in ("GPE", "LOC", "NORP")
        # "Troops 3000 strong" counts; "Task Force 51" names
        and (head.lemma_.lower() not in TROOP_NOUNS or any(c.dep_ == "compound" for c in head.children))
    )


def _money(number: Token, noun: Token | None) -> bool:
    """A currency sign or word beside the number, or in the amount the tagger marks (not
    the tag alone: it takes "between 20,000 and 25,000" fighters for money too)."""
    before = number.doc[number.i - 1] if number.i else None
    if before is not None and before.text in _CURRENCY:
        return True
    amount = next((e for e in number.doc.ents if e.start <= number.i < e.end and e.label_ == "MONEY"), None)
    return amount is not None and any(t.text in _CURRENCY or t.lemma_.lower() in CURRENCY_WORDS for t in amount)


def _percent(number: Token, noun: Token | None) -> bool:
    return number.ent_type_ == "PERCENT" or (noun is not None and noun.lemma_.lower() in ("percent", "%"))


def _time(number: Token, noun: Token | None) -> bool:
    """A length of time ("300 days"), a date's day ("on 12 November") or a date stamped
    as eight digits, as wire copy and saved pages print it ("20120424 AFP")."""
    if _date_stamp(number.text):
        return True
    return noun is not None and bool({noun.lemma_.lower(), noun.lower_.rstrip(".")} & (TIME_NOUNS | MONTHS))


def _date_stamp(text: str) -> bool:
    if len(text) != 8 or not text.isdigit() or int(text[:4]) not in YEARS:
        return False
    try:
        dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return False
    return True


def _measure(number: Token, noun: Token | None) -> bool:
    """A distance, a weight, an area: "120 km", "30 miles", "500 tonnes"."""
    return noun is not None and bool({noun.lemma_.lower(), noun.lower_} & MEASURE_NOUNS)


def _lemma(noun: Token | None) -> str:
    return noun.lemma_.lower() if noun is not None else ""


def _materiel(number: Token, noun: Token | None) -> bool:
    return _lemma(noun) in MATERIEL_NOUNS


def _strength(number: Token) -> bool:
    """'a 3,000-strong brigade': the number is how many the formation holds."""
    return number.head.lower_ == "strong" or number.doc[number.i + 1 : number.i + 3].text.lstrip("-").startswith(
        "strong"
    )


def _units(number: Token, noun: Token | None) -> bool:
    return _lemma(noun) in UNIT_NOUNS and not _strength(number)


def _civilians(number: Token, noun: Token | None) -> bool:
    if noun is None:
        return _displaced(number, bare=True)  # "almost 800,000 have been forced to flee their homes"
    shared = [c for c in noun.conjuncts if not any(g.dep_ == "nummod" for g in c.children)]
    if any(_lemma(c) in TROOP_NOUNS or _lemma(c) == "member" for c in shared):
        return False  # "25,902 Iraqi civilians and members of the security forces": not civilians alone
    if _lemma(noun) in CIVILIAN_NOUNS:
        return True
    if _lemma(noun) == "life":
        # "an insurgency which has claimed 2,000 lives": a war's toll, unless its "of" says whose
        return noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("claim", "take", "cost") and not _of_troops(noun)
    if _lemma(noun) in ("people", "person"):
        # "a million people driven from their homes", "2,000 displaced people"
        marked = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "acl", "relcl")}
        return bool(marked & DISPLACED_WORDS) or _displaced(noun, bare=False)
    return False


def _of_troops(noun: Token) -> bool:
    return any(
        g.dep_ == "pobj" and _lemma(g) in TROOP_NOUNS for c in noun.children if c.dep_ == "prep" for g in c.children
    )


def _displaced(who: Token, *, bare: bool) -> bool:
    """Whether the clause ``who`` is the subject or object of takes them from home: a verb
    of displacing ("displaced 700,000 people", "2,000 people fled"), leaving or seeking a
    home ("forced to flee their homes", "driven more than a million to seek refuge"), or
    "... were driven from their homes". A ``bare`` number (no noun) needs more than
    fleeing: "of the garrison, 200 fled" are soldiers."""
    if who.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    verb = who.head
    verbs = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.i > who.i)]
    displacing = DISPLACED_WORDS - {"flee", "fled"} if bare else DISPLACED_WORDS
    return _driven_out(who) or any(
        v.lemma_.lower() in displacing or any(c.dep_ == "dobj" and c.lemma_.lower() in _HOME_WORDS for c in v.children)
        for v in verbs
    )


def _driven_out(noun: Token) -> bool:
    """'... people were driven from their homes': the clause's verb takes them from home."""
    verb = noun.head
    return noun.dep_ == "nsubjpass" and any(
        c.dep_ == "prep"
        and c.lower_ in ("from", "out")
        and any(g.lemma_.lower() in ("home", "house") for g in c.subtree)
        for c in verb.children
    )


def _not_people(number: Token, noun: Token | None) -> bool:
    """A common noun that is no word for people: "nine camps", "300 votes", "40 points".
    A proper noun or a name the tagger marks (a headline's "1,200 More Soldiers", "50
    African Union soldiers" parsed with "Union" as the head) is left to the sentence."""
    if noun is None or noun.pos_ != "NOUN" or noun.ent_type_ or not noun.is_lower:
        return False
    if any(
        c.dep_ in ("xcomp", "ccomp", "dobj", "nsubj", "aux")
        # "the around 100,000 thought to be in the region": "to be" hung as a relative clause
        or (c.dep_ in ("relcl", "acl") and c.lemma_ == "be" and any(g.lower_ == "to" for g in c.children))
        for c in noun.children
    ):
        return False  # a verb the tagger took for a noun: "the 100,000 thought to be there"
    # "six government soldiers" parsed with "government" as the number's head, "a
    # 20,000-strong force addition", "a 5,000 troop deployment": the compound says who.
    nouns = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    if noun.dep_ == "compound":
        nouns.append(noun.head)
    words = {w for t in nouns for w in (t.lemma_.lower(), t.lower_)}
    return not words & (TROOP_NOUNS | PEOPLE_NOUNS | UNIT_NOUNS | CIVILIAN_NOUNS)


RULES: tuple[Rule, ...] = (
    Rule(
        "counts.in-link",
        10,
        "a number inside a URL, an e-mail address or a file path is part of it",
        (("Source: https://example.org/2024/05/20/story-12000.html", 12000),),
        _in_a_link,
    ),
    Rule(
        "counts.designator",
        20,
        "a number right after the capitalised noun it belongs to names a unit, an operation or a text",
        (("Brigade 77 and Battalion 312 took part in Operation 1107, the army said.", 1107),),
        _designator,
    ),
    Rule(
        "counts.money",
        30,
        "an amount of money",
        (("Each recruit was promised $500 a month, officials said.", 500),),
        _money,
    ),
    Rule("counts.percent", 31, "a share", (("About 40 percent of the troops had left.", 40),), _percent),
    Rule(
        "counts.time",
        32,
        "a length of time, a date's day or a date stamp",
        (
            ("Some 300 days into the war, troops dug in.", 300),
            ("On 12 November, 300 troops crossed the border.", 12),
            ("20240517 Reuters Some 300 troops crossed the border overnight.", 20240517),
        ),
        _time,
    ),
    Rule(
        "counts.measure",
        33,
        "a distance, a weight or an area",
        (("The troops are based 120 km from the border, the ministry said.", 120),),
        _measure,
    ),
    Rule(
        "counts.units",
        40,
        "formations (brigades, battalions, divisions) counted as units, not people",
        (
            ("Russia has massed 100 battalion tactical groups near the border.", 100),
            ("The last of three batches of soldiers flew home on Monday.", 3),
        ),
        _units,
    ),
    Rule(
        "counts.materiel",
        41,
        "vehicles, weapons and other matériel",
        (("The rebels said they had 40,000 fighters, 2,100 combat vehicles and 95 armoured carriers.", 2100),),
        _materiel,
    ),
    Rule(
        "counts.civilians",
        42,
        "civilians, refugees, the displaced or a war's toll",
        (
            ("The fighting has killed 12 civilians and wounded 40 soldiers.", 12),
            ("More than 2,000 displaced people reached the camps.", 2000),
            ("About 500 soldiers and 300 dependents left the base.", 300),
            ("Some 90 died in the raids and nearly 40,000 have been forced to flee their homes.", 40000),
            ("The fighting drove more than a million to seek refuge abroad.", 1000000),
            ("The revolt, which has claimed 6,000 lives, spread south.", 6000),
            ("The strike brought the number of civilians killed this month to 212, officials said.", 212),
        ),
        _civilians,
    ),
    Rule(
        "counts.not-people",
        50,
        "a common noun that names no people",
        (
            ("Troops destroyed nine camps and 300 soldiers crossed the river.", 9),
            ("The bill passed with 300 votes as 5,000 troops waited.", 300),
        ),
        _not_people,
    ),
)


def names_forces(sentence: str) -> bool:
    """Whether ``sentence`` names troops or fighters anywhere: what a bare number in the
    sentence after it may count."""
    return any(t.lemma_.lower() in TROOP_NOUNS | COMBATANT_NOUNS for t in parse(sentence))


def what_it_counts(sentence: str, figure: int) -> Reading:
    """What ``figure``, as ``sentence`` states it, counts: the first of its statements a
    rule rejects is reported only when every statement of it is rejected."""
    doc = parse(sentence)
    spans = figure_spans(sentence, figure) or stated_spans(sentence, figure)
    readings = [_reading(doc, start, end) for start, end in spans]
    kept = [r for r in readings if r.rule is None]
    if kept or not readings:
        return next((r for r in kept if r.counted), kept[0] if kept else Reading(None))
    return readings[0]


def _reading(doc: Doc, start: int, end: int) -> Reading:
    number = number_token(doc, start, end)
    if number is None:
        return Reading(None)
    noun = counted_noun(number)
    for rule in sorted(RULES, key=lambda r: r.precedence):
        if rule.fires(number, noun):
            what = f"counts {noun.text}" if noun is not None else "is no head count"
            return Reading(noun.text if noun is not None else None, rule.id, f"{what}: {rule.means}")
    # "Two soldiers told AFP ...": who spoke, not a force counted
    speaking = noun is not None and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in SAYING_LEMMAS
    force = (_lemma(noun) in TROOP_NOUNS | COMBATANT_NOUNS and not speaking) or (
        noun is None and _part_of_forces(number)
    )
    return Reading(noun.text if noun is not None else None, force=force)


_PARTITIVE_PRONOUNS = word_set("them those whom these")


def _part_of_forces(number: Token) -> bool:
    """ "8000 Sudanese mercenaries were killed or injured, ... adding that 2000 of them":
    a part of the troops the sentence counted before it, named by a pronoun."""
    of = next((c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None or not any(g.dep_ == "pobj" and g.lower_ in _PARTITIVE_PRONOUNS for g in of.children):
        return False
    before = [t for t in number.doc[: number.i] if t.pos_ in ("NOUN", "PROPN")]
    return any(_lemma(t) in TROOP_NOUNS | COMBATANT_NOUNS for t in before)


def number_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    numeric = [t for t in span if t.like_num or t.pos_ == "NUM"]
    return numeric[-1] if numeric else span[-1]


def counted_noun(number: Token) -> Token | None:
    """The noun ``number`` counts, through the parse: its ``nummod`` head ("40,000
    fighters"), the number a ``quantmod`` or compound number belongs to ("3,000 to 5,000
    fighters", "1.5 million troops", "between 77 and 89 military personnel"), "X of the Y" ("3,000 of the troops"), "a
    20,000-strong force"; None when the noun is elided or named elsewhere."""
    token = number
    for _ in range(3):  # climb number-to-number links: "5,000" in "3,000 to 5,000", "million", "between 77 and 89"
        if token.dep_ in ("quantmod", "compound", "nummod", "conj") and (
            token.head.like_num or token.head.pos_ == "NUM"
        ):
            token = token.head
        else:
            break
    if token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    if token.dep_ in ("advmod", "npadvmod") and token.head.lower_ == "strong" and token.head.dep_ == "amod":
        return token.head.head  # "a 20,000-strong force"
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        return next((g for g in of.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
    return _tallied(token)


def _tallied(number: Token) -> Token | None:
    """The noun a tally the number gives counts: "the number of soldiers ... numbered 88",
    "put the number of defenders at 7,000", "brings the number of civilians killed ... to
    173" (the parser may hang "to 173" from "killed": the noun it describes counts)."""
    head = number.head
    if number.dep_ == "pobj" and head.lower_ in ("to", "at"):
        head = head.head
        if head.dep_ == "acl":  # "the number of civilians killed by the coalition to 173"
            noun = head.head
            if _lemma(noun) in TALLY_NOUNS:
                return _of_tally(noun)
            return noun if noun.dep_ == "pobj" and _lemma(noun.head.head) in TALLY_NOUNS else None
    elif number.dep_ not in ("dobj", "attr"):
        return None
    if head.pos_ not in ("VERB", "AUX"):
        return None
    nouns = [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and _lemma(c) in TALLY_NOUNS]
    return _of_tally(nouns[0]) if nouns else None


def _of_tally(noun: Token) -> Token | None:
    """What a tally counts: its "of" or "among" phrase ("the toll among its troops"), or
    the civilians it is said to be of ("the civilian death toll"); None otherwise."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "among")), None)
    if of is not None:
        return next((g for g in of.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
    return next(
        (c for c in noun.subtree if c.dep_ in ("amod", "compound") and c.lemma_.lower() in CIVILIAN_NOUNS), None
    )


# -- what happened to them: the verb that governs the counted noun ------------------------

# Taken out of the fight without being killed or wounded: casualties under the gold's
# rules ("killed, wounded, captured, missing"). Going over to the other side is neither.
CAPTURE_VERBS = word_set("capture surrender detain imprison seize abduct kidnap")
CAPTIVE_WORDS = word_set("prisoner captive hostage")  # "were taken prisoner"
MISSING_WORDS = word_set("missing unaccounted")
DEFECT_VERBS = word_set("defect desert")


@dataclass(frozen=True)
class StatusRule:
    id: str
    status: str
    means: str
    examples: tuple[tuple[str, int], ...]
    verbs: frozenset[str]


STATUS_RULES: tuple[StatusRule, ...] = (
    StatusRule(
        "status.captured",
        "casualties",
        "captured, taken prisoner or surrendered: out of the fight",
        (
            ("About 300 soldiers surrendered on Friday.", 300),
            ("Kyiv said 45 Russian troops were captured.", 45),
            ("Over 2,000 fighters were taken prisoner, the spokesman added.", 2000),
        ),
        CAPTURE_VERBS | CAPTIVE_WORDS,
    ),
    StatusRule(
        "status.missing",
        "casualties",
        "missing in action",
        (("At least 20 soldiers are missing after the ambush.", 20),),
        MISSING_WORDS,
    ),
    StatusRule(
        "status.defected",
        "other",
        "went over to the other side",
        (("Some 150 soldiers defected to the rebels.", 150),),
        DEFECT_VERBS,
    ),
)


def status_from_verb(sentence: str, figure: int) -> StatusRule | None:
    """The rule whose verb governs what ``figure`` counts ("300 soldiers surrendered",
    "45 were captured", "20 soldiers are missing"), or None."""
    doc = parse(sentence)
    for start, end in figure_spans(sentence, figure) or stated_spans(sentence, figure):
        number = number_token(doc, start, end)
        if number is None:
            continue
        subject = counted_noun(number) or number
        verb = subject.head if subject.dep_ in ("nsubj", "nsubjpass", "dobj") else None
        words = {verb.lemma_.lower(), verb.lower_} if verb is not None else set()  # "are missing": lemma "miss"
        if verb is not None and verb.lemma_.lower() in ("be", "go", "remain", "take"):
            # "are missing", "went missing", "were taken prisoner"
            words |= {c.lower_ for c in verb.children if c.dep_ in ("acomp", "oprd", "attr")}
        if subject is not number:
            words |= {c.lower_ for c in subject.children if c.dep_ == "amod"}  # "20 missing soldiers"
        for rule in STATUS_RULES:
            if words & rule.verbs:
                return rule
    return None


# Words of what is to come: a plan, an expectation, a wish, a request.
TO_COME_LEMMAS = word_set(
    "plan expect prepare intend propose pledge promise consider request seek want aim weigh mull threaten"
    " ready schedule set due"
)


def speaks_of_the_future(sentence: str) -> bool:
    """Whether ``sentence`` has any word for what is to come, from its parse: a modal
    ("will", "could"), an infinitive ("to send", "to be deployed"), or a verb or noun of
    planning and expecting ("plans", "expected", "a proposal"). A figure's status of
    "expected" or "planned" needs one; "the most recent estimate of 150,000 troops" has
    none, and counts forces in place."""
    doc = parse(sentence)
    return any(
        t.tag_ == "MD"
        or (t.lower_ == "to" and t.dep_ == "aux")
        or t.lemma_.lower() in TO_COME_LEMMAS
        or t.lemma_.lower() in ("proposal", "future", "next", "soon", "later", "upcoming", "expected")
        for t in doc
    )
