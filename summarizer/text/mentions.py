"""Who acts and where, read from the parse: the story's actors and places as a table of named rules.

The parser's entities name every person, body and place an article mentions; a brief
wants those that act or speak, and the places where forces are, go or fight. What
separates them is the entity's role in its sentence, so each rule below is a role:

- ``place.locative``: the object of a preposition of place ("troops in Kursk", "sent to
  Russia", "near the Line of Control"), or of "from" after a verb of leaving
  ("withdraw from Niger"); a conjunct of one ("in Donetsk and Kharkiv") and a name
  before a place noun ("the Kursk region") share its role. The entity's label is not
  trusted here: the small pipeline tags "Ladakh" or "Sahel" as an organisation, and
  the preposition says it is a place.
- ``actor.subject``: the subject of a verb ("the Pentagon said", "Hamas fired"), or the
  agent of a passive one ("were trained by Wagner").
- ``actor.source``: the object of "according to", or whose statement, estimate or
  spokesperson it is ("the Pentagon's estimate", "a spokesman for the army", "Pentagon
  spokeswoman Sabrina Singh").
- ``actor.titled``: a person named with an office ("President William Ruto",
  "NATO Secretary-General Mark Rutte") or described by one ("Mark Rutte, NATO's chief").

A mention that is only a modifier ("U.S. officials", "Russian-backed"), a place named
as an aside, or a name in a headline's title case (which the parser misreads) is none of
these. What the names are then vetted for (an outlet that only relays, a demonym, a
country's bare name as an actor, a dateline) is :mod:`summarizer.grounding.citations`'s
work, as it is for names the model gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from summarizer.text.countries import is_country, is_demonym
from summarizer.text.counts import TROOP_NOUNS
from summarizer.text.parse import parse
from summarizer.text.sentences import ends_a_sentence
from summarizer.text.vocabulary import BODY_NAME_WORDS, GROUP_WORDS, TITLE_ABBREVIATIONS, TITLES, word_set

MentionKind = Literal["actor", "place"]

# Prepositions of place: where something is, goes or happens.
_WHERE = word_set(
    "in into to inside across near at toward towards along throughout within outside around onto over opposite"
    " beyond through off"
)
# Verbs whose object is the place left: "left N'Djamena", "fled Kabul".
_LEFT = word_set("leave exit evacuate flee depart abandon quit vacate")
# Verbs of leaving, after which "from" names a place: "withdraw from Niger".
_LEAVE = word_set("withdraw pull leave retreat evacuate expel drive flee remove exit move redeploy relocate")
# Verbs of setting out, after which "for" names where to: "left Kenya for Haiti".
_DEPART = word_set("leave depart head sail fly set bind")
# Moves on a place, after which "on" names it: "the M23 advance on Goma".
_ADVANCE = word_set("advance march push close converge move attack assault offensive")
# Nouns after a place's name that make the whole a place: "the Kursk region".
_PLACE_NOUNS = word_set(
    "region province oblast district city town village border frontier area territory state county capital"
    " governorate enclave valley island sea river strip peninsula coast base airport port sector front theatre"
    " theater zone corridor pass desert outskirts highway stronghold airbase forest jungle hill mountain centre"
    " center hub"
)
# Where a place lies from another: "areas north of Baghdad", "50 km west of Kyiv".
_DIRECTIONS = word_set("north south east west northeast northwest southeast southwest")
# A part of a place: "the outskirts of Kyiv", "the north of Mali", "in the direction of Goris".
_PART_NOUNS = _PLACE_NOUNS | _DIRECTIONS | word_set("part heart edge side direction")
_BORDER_NOUNS = word_set("border frontier boundary")
# Names of a body that the parser leaves outside the entity: "the Maute group".
_BODY_NOUNS = word_set("front army forces military") | GROUP_WORDS  # "the Abu Sayyaf faction"
_REPORT_VERBS = word_set("report write note reveal say")
# Who speaks from inside a body: "sources in the ministry", "officials at the Pentagon".
_SOURCE_WORDS = word_set("source official officer spokesman spokeswoman spokesperson diplomat aide insider")
# What a body's statement or spokesperson is called: "the Pentagon's estimate".
_SAID_NOUNS = word_set(
    "statement estimate report assessment tally figure figures count claim spokesman spokeswoman spokesperson"
    " official officials chief head leader minister spokesmen representative commander"
)
# What is fought over, taken or entered: "the battle for Marawi", "captured Bakhmut".
_CONTEST_NOUNS = word_set(
    "battle siege fight fighting control capture fall liberation invasion occupation offensive assault defence"
    " defense encirclement withdrawal deployment incursion campaign"
)
_CONTEST_VERBS = word_set(
    "invade attack capture seize take occupy storm besiege shell bomb strike enter cross hold control liberate"
    " recapture retake overrun raid terrorise terrorize encircle surround reach defend visit tour"
)
# Who fights whom: "clashes with M23", "the war against Hamas".
_FIGHT_WORDS = word_set("clash fight fighting battle war attack offensive operation operations campaign strike")
_MEMBER_NOUNS = TROOP_NOUNS | word_set("member leader commander spokesman spokesperson chief terrorist")
# What a country's government and forces are called: "the Afghan government".
_NATIONAL_BODIES = word_set(
    "government ministry army military navy authority intelligence junta administration parliament cabinet"
)
# What an armed force's own name ends in: "the Rwanda Defence Force", "the Royal Thai
# Army", "the Syrian Democratic Forces"; and a coalition some country leads.
_FORCE_NAMES = word_set("force forces army police navy guard militia coalition peshmerga")
# What one person is to another: "his Rwandan counterpart Paul Kagame".
_PART_WORDS = word_set("counterpart successor predecessor deputy colleague rival ally")
# A department's short name, which the parser tags alone: "Defense" in "Defense Secretary".
_OFFICE_WORDS = word_set("defense defence interior state foreign home national security affairs justice")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# The small pipeline's labels for a name are often wrong ("arrived in Kursk" as a
# product, "from Niger" as a work of art): a role of place takes any of these.
_NAME_LABELS = _PLACE_LABELS | _ACTOR_LABELS | frozenset({"PRODUCT", "WORK_OF_ART", "EVENT"})


@dataclass(frozen=True)
class Mention:
    """One entity of sentence ``sentence`` (0-based) in the role ``rule`` found."""

    name: str
    kind: MentionKind
    label: str
    sentence: int
    rule: str


@dataclass(frozen=True)
class MentionRule:
    id: str
    kind: MentionKind
    means: str
    examples: tuple[tuple[str, str], ...]  # (sentence, the name it finds)
    applies: Callable[[Span], bool]
    # What the rule reads: the parser's named entities, or its noun chunks (for a body
    # described by its country: "the Afghan government", which holds no named entity).
    over: Literal["entity", "chunk"] = "entity"


def _role_head(entity: Span) -> Token:
    """The token whose role the entity plays: its root, or the place noun it names
    ("the Kursk region"), climbing through conjuncts ("in Donetsk and Kharkiv")."""
    token = entity.root
    while True:
        if token.dep_ in ("compound", "nmod", "poss") and token.head.lemma_.lower() in _PLACE_NOUNS | _BODY_NOUNS:
            token = token.head
        elif token.dep_ in ("compound", "nmod", "amod") and token.head.lemma_.lower() in _CONTEST_NOUNS:
            token = token.head  # "died in Bakhmut battle": where the battle is
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ in ("between", "with")
            and token.head.head.lemma_.lower() in _PLACE_NOUNS
        ):
            token = token.head.head  # "the border between Ukraine and Belarus"
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in _PART_NOUNS:
            token = token.head.head
        elif (token.dep_ == "conj" and token.head.pos_ in ("PROPN", "NOUN")) or token.dep_ == "appos":
            token = token.head
        else:
            return token


def _locative(entity: Span) -> bool:
    head = _role_head(entity)
    if head.lower_ in _DIRECTIONS and head.dep_ in ("advmod", "npadvmod", "amod"):
        return True  # "in Sunni areas north of Baghdad"
    if head.dep_ == "dobj":  # "70 French soldiers left N'Djamena", not "pull the U.S. out"
        return head.head.lemma_.lower() in _LEFT
    if head.dep_ != "pobj":
        return False
    prep = head.head
    word = prep.lower_
    if word == "to" and prep.head.lower_ in ("according", "due", "close", "next"):
        return False
    if word in _WHERE:
        return True
    # "withdraw from Niger", "withdraw its troops from Niger"
    leaving = prep.head if prep.head.pos_ != "NOUN" else prep.head.head
    if word == "for":
        return leaving.lemma_.lower() in _DEPART
    if word == "on":
        return prep.head.lemma_.lower() in _ADVANCE
    return word in ("from", "of") and leaving.lemma_.lower() in _LEAVE


def _contested(entity: Span) -> bool:
    head = _role_head(entity)
    if head.dep_ == "dobj":
        return head.head.lemma_.lower() in _CONTEST_VERBS
    return (
        head.dep_ == "pobj"
        and head.head.lower_ in ("of", "for", "over")
        and head.head.head.lemma_.lower() in _CONTEST_NOUNS
    )


# Place nouns that name what follows "of" ("the city of Marawi"), unlike "70 percent of"
# or "the army of": the words alone say it is a place, whatever the phrase's role.
# Places a force holds, named by what they are: "the Bagram air base".
_FACILITY_NOUNS = word_set("base airbase stronghold garrison airfield airport")
_NAMING_PLACE_NOUNS = word_set(
    "city town village island region province district county state territory capital governorate enclave"
    " peninsula oblast republic port"
)


def _named_place(entity: Span) -> bool:
    """A name a place noun gives itself, in any role: "the city of Marawi", "capital
    Khartoum", "the Bagram air base was handed over", "Saada province"."""
    root = entity.root
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in _NAMING_PLACE_NOUNS
        and any(t.lower_ in ("the", "a") for t in root.head.head.children)
    ):
        return True
    if any(c.dep_ == "compound" and c.i < root.i and c.lemma_.lower() in _NAMING_PLACE_NOUNS for c in root.children):
        return True  # "capital Khartoum"
    if root.dep_ == "appos" and root.head.lemma_.lower() in _NAMING_PLACE_NOUNS:
        return True  # "its capital Port-au-Prince", "the Chechen capital, Grozny"
    return root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in _NAMING_PLACE_NOUNS | _FACILITY_NOUNS


def _listed(entity: Span) -> bool:
    head = _role_head(entity)
    return (
        head.dep_ == "pobj"
        and head.head.lower_ in ("including", "like", "as")
        and head.head.head.lemma_.lower() in _PLACE_NOUNS
    )


def _borders(doc: Doc) -> Iterator[Span]:
    """ "the Armenia-Azerbaijan border", "the Thai–Cambodian border": a border named by
    the two sides it divides, which the tokenizer splits at the dash."""
    for token in doc:
        if token.lemma_.lower() not in _BORDER_NOUNS:
            continue
        sides = [c for c in token.lefts if c.dep_ in ("compound", "nmod", "amod") and c.text[:1].isupper()]
        if not sides:
            continue
        span = doc[min(c.left_edge.i for c in sides) : token.i + 1]
        two_sides = any(t.text in "-–" and not t.whitespace_ for t in span)
        if two_sides or (len(sides) == 1 and is_demonym(sides[0].text)):  # "near the Algerian border"
            yield span


def _members(entity: Span) -> bool:
    root = entity.root
    return root.dep_ in ("compound", "nmod", "amod", "poss") and root.head.lemma_.lower() in _MEMBER_NOUNS


def _opponent(entity: Span) -> bool:
    head = _role_head(entity)
    if head.dep_ != "pobj" or head.head.lower_ not in ("with", "against", "between", "on"):
        return False
    return head.head.head.lemma_.lower() in _FIGHT_WORDS


def _subject(entity: Span) -> bool:
    head = _role_head(entity)
    if head.dep_ in ("nsubj", "nsubjpass"):
        verb = head.head
        # "As LBC previously reported, ...": an outlet pointing to its own reporting
        citing_itself = verb.lemma_.lower() in _REPORT_VERBS and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
        )
        return verb.pos_ in ("VERB", "AUX") and not citing_itself
    return head.dep_ == "pobj" and head.head.dep_ == "agent"


def _source(entity: Span) -> bool:
    root = entity.root
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_.endswith("according"):
        return True
    if root.dep_ in ("poss", "compound") and root.head.lemma_.lower() in _SAID_NOUNS | TITLES:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in ("for", "of") and root.head.head.lemma_.lower() in _SAID_NOUNS:
        return True
    # "sources in the Russian Defense Ministry", "officials at the Pentagon"
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in ("in", "at", "from", "within")
        and root.head.head.lemma_.lower() in _SOURCE_WORDS
    )


def _titled(entity: Span) -> bool:
    if entity.label_ != "PERSON":
        return False
    before = entity.doc[entity.start - 1] if entity.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in TITLES:
        return True
    root = entity.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in _PART_WORDS:
        return True  # "his Rwandan counterpart Paul Kagame"
    return any(c.dep_ == "appos" and c.lemma_.lower() in TITLES | _SAID_NOUNS for c in root.children)


def _national_body(chunk: Span) -> bool:
    """ "the Afghan government", "Malian authorities", "Niger's military junta": a
    country's government, ministry or armed forces, named by the country, that acts or
    speaks (a role of :func:`_subject` or :func:`_source`)."""
    if chunk.root.lemma_.lower() not in _NATIONAL_BODIES or (chunk.root.pos_ != "NOUN" and not chunk.root.is_title):
        return False
    whose = [t for t in chunk if t is not chunk.root and t.dep_ in ("amod", "compound", "poss", "nmod")]
    national = any(t.ent_type_ in ("NORP", "GPE") or is_demonym(t.text) or is_country(t.text) for t in whose)
    return national and (_subject(chunk) or _source(chunk))


def _force(entity: Span) -> bool:
    """A named armed force, in any role: "a contingent of the Rwanda Defence Force",
    "alongside the Syrian Democratic Forces". A force acts in a story about troops
    wherever its name stands; a capitalised name is the force's own (measured on dev:
    38 of 48 such names are gold actors, against 42 of 93 for "Thai forces"-style
    descriptions, which are left to the roles above)."""
    root = entity.root
    return _force_name(root) and root.i > root.sent.start  # not a sentence's capital


def _force_name(token: Token) -> bool:
    """ "Force", "Army", "Forces" capitalised: the end of an armed force's own name."""
    return token.lower_ in _FORCE_NAMES and token.is_title


def _led_coalition(chunk: Span) -> bool:
    """ "the Saudi-led coalition", "the US-led coalition": a coalition named by who leads it."""
    root = chunk.root
    led = any(t.lower_ == "led" and t.i > chunk.start and chunk.doc[t.i - 1].text in "-–" for t in chunk)
    return led and root.lemma_.lower() in ("coalition", "alliance")


RULES: tuple[MentionRule, ...] = (
    MentionRule(
        "place.locative",
        "place",
        "the object of a preposition of place, of 'from' after a verb of leaving, or of a verb of leaving",
        (
            ("About 10,000 troops are expected in Russia's Kursk region.", "Kursk"),
            ("France will withdraw its troops from Niger by the end of the year.", "Niger"),
            # a body's generic noun ends its name: where the army is, not part of its name
            ("A shepherd told them of the intrusion by the Pakistani Army in Kargil.", "Kargil"),
            ("China keeps almost 60,000 troops opposite Ladakh.", "Ladakh"),
            ("On January 7, 70 French soldiers left N'Djamena at 5:30 pm.", "N'Djamena"),
        ),
        _locative,
    ),
    MentionRule(
        "place.contested",
        "place",
        "what is fought over, taken or entered",
        (
            ("The battle for Marawi entered its third month.", "Marawi"),
            ("Russia could invade Ukraine within weeks.", "Ukraine"),
        ),
        _contested,
    ),
    MentionRule(
        "place.named",
        "place",
        "the name a place noun gives itself, in any role: 'the city of X', 'capital X', 'its capital, X', 'the X base'",
        (
            ("The mayor of the city of Marawi spoke on Friday.", "Marawi"),
            ("The rebels hold much of the province of Idlib.", "Idlib"),
            ("He spoke on the outskirts of capital Khartoum on Sunday.", "Khartoum"),
            ("The Bagram air base was handed over to the army on Friday.", "Bagram"),
            ("The situation worsened, with its capital Port-au-Prince under gang control.", "Port-au-Prince"),
            ("On December 26, the Faya Largeau military base was handed over to the army.", "Faya Largeau"),
        ),
        _named_place,
    ),
    MentionRule(
        "place.listed",
        "place",
        "a name listed as one of some places",
        (("Shelling hit several districts, including Chitral, Bajaur and Kurram.", "Kurram"),),
        _listed,
    ),
    MentionRule(
        "actor.subject",
        "actor",
        "the subject of a verb, or the agent of a passive one",
        (
            ("The Pentagon said the troops had arrived.", "Pentagon"),
            # a body's generic name with the country the entity leaves out
            ("Armenia's Defense Ministry said in a statement that shelling began.", "Armenia's Defense Ministry"),
            # a group's name with its generic noun: "faction", "group", "movement"
            ("The Maute group and the Abu Sayyaf faction have lost 680 fighters.", "Abu Sayyaf faction"),
        ),
        _subject,
    ),
    MentionRule(
        "actor.source",
        "actor",
        "the object of 'according to', whose statement, estimate or spokesperson it is, or where sources speak from",
        (
            (
                "According to the Syrian Observatory for Human Rights, 74 fighters died.",
                "Syrian Observatory for Human Rights",
            ),
            ("A spokesman for the Pentagon declined to comment.", "Pentagon"),
            (
                "According to Interfax sources in the Russian Defense Ministry, 2,331 have died.",
                "Russian Defense Ministry",
            ),
        ),
        _source,
    ),
    MentionRule(
        "actor.titled",
        "actor",
        "a person named with an office or described by one",
        (("The first contingent met President William Ruto in Nairobi.", "William Ruto"),),
        _titled,
    ),
    MentionRule(
        "actor.members",
        "actor",
        "the body whose members are named: its fighters, its commander",
        (("Wagner fighters have captured most of the town.", "Wagner"),),
        _members,
    ),
    MentionRule(
        "actor.national-body",
        "actor",
        "a country's government, ministry or forces, described by the country, that acts or speaks",
        (
            ("The Afghan government said it would respond.", "Afghan government"),
            ("Malian authorities denied the claim.", "Malian authorities"),
        ),
        _national_body,
        over="chunk",
    ),
    MentionRule(
        "actor.force",
        "actor",
        "a named armed force, in any role",
        (("Villagers welcomed a unit of the Rwanda Defence Force on Monday.", "Rwanda Defence Force"),),
        _force,
    ),
    MentionRule(
        "actor.led-coalition",
        "actor",
        "a coalition named by who leads it, in any role",
        (("Air strikes by the Saudi-led coalition hit the port.", "Saudi-led coalition"),),
        _led_coalition,
        over="chunk",
    ),
    MentionRule(
        "actor.opponent",
        "actor",
        "who is fought: the object of 'with' or 'against' after a fight",
        (("Clashes with the M23 erupted near Goma.", "M23"),),
        _opponent,
    ),
)


def _inside_a_name(entity: Span) -> bool:
    """ "Defense" in "the Department of Defense", "Europe" in "the Organization for
    Security and Co-operation in Europe": the parser's entity is the tail of a longer name."""
    if all(t.lower_ in _OFFICE_WORDS for t in entity):
        return True
    root = entity.root
    prep = root.head
    before = entity.doc[prep.i - 1] if prep.i > 0 else None
    return (
        root.dep_ == "pobj"
        and prep.head.pos_ == "PROPN"
        and before is not None
        and before.pos_ == "PROPN"
        and before.is_title
        and before.ent_type_ not in _PLACE_LABELS  # "... Mission in Haiti in Port-au-Prince"
        and before.ent_type_ != "PERSON"  # "Col. Ed Lane of the Ruritania Defence Force": his body
        # "the Pakistani Army in Kargil": a body's generic noun closes its own name
        and not (before.ent_iob_ != "O" and (before.lemma_.lower() in _BODY_NOUNS or _force_name(before)))
    )


def _country_troops(name: str) -> bool:
    """ "Russian Troops", "Ukraine soldiers": a country's troops (counted in the figures),
    not a body of its own, as "the Pakistani Army" is."""
    *owner, noun = name.split() or [""]
    whose = " ".join(owner)
    members = noun.lower().endswith("s") and noun.lower().removesuffix("s") in TROOP_NOUNS
    return members and bool(owner) and (is_demonym(whose) or is_country(whose))


def _hyphened(entity: Span) -> bool:
    """ "Cambodia" in "the Thailand-Cambodia border": part of a word the tokenizer split."""
    doc = entity.doc
    before = doc[entity.start - 1] if entity.start > 0 else None
    after = doc[entity.end] if entity.end < len(doc) else None
    return (before is not None and before.text in "-–" and not before.whitespace_) or (
        after is not None and after.text in "-–" and not entity[-1].whitespace_
    )


def _name(entity: Span) -> str:
    words = list(entity)
    while words and (words[0].lower_ in ("the", "a", "an") or words[0].dep_ == "det"):
        words = words[1:]
    while words and words[-1].tag_ == "POS":
        words = words[:-1]
    after = entity.doc[entity.end] if entity.end < len(entity.doc) else None
    if words and after is not None and after.lemma_.lower() in _BODY_NOUNS and words[-1].head == after:
        words.append(after)  # "the Maute group", "the US military"
    name = "".join(w.text_with_ws for w in words).strip()
    owner = next((w for w in words[1:] if w.tag_ == "POS"), None)
    if owner is not None and entity.label_ in _PLACE_LABELS:  # "Port-au-Prince's Toussaint Louverture" airport
        name = "".join(w.text_with_ws for w in words[: words.index(owner)]).strip()
    if name.count("(") > name.count(")"):  # "Line of Control (LoC": the parser's span stops inside
        name = name[: name.rindex("(")].strip()
    whose = _whose_body(entity)
    return f"{whose} {name}" if whose else name


def _a_body(entity: Span) -> bool:
    """Whether the entity names a body by its generic noun ("the Russian Defense Ministry",
    "the Indian Army", "the Rwanda Defence Force"): never a place."""
    root = entity.root
    body_word = root.lemma_.lower().rstrip(".") in _NATIONAL_BODIES | _BODY_NOUNS | BODY_NAME_WORDS
    if entity.label_ == "ORG" and (body_word or _force_name(root)):
        return True
    # "the Rwanda Defence Force (RDF)": the short name in brackets is the same body
    doc = entity.doc
    opened = entity.start >= 2 and doc[entity.start - 1].text == "("
    named = next((e for e in doc.ents if opened and e.end == entity.start - 1), None)
    return named is not None and named is not entity and _a_body(named)


def _a_person(entity: Span) -> bool:
    """A person the text gives an office or a part ("his Rwandan counterpart Paul
    Kagame", "Valentina Melnikova, the union's executive secretary"): never a place,
    whatever role the sentence gives the office noun."""
    if entity.label_ != "PERSON":
        return False
    root = entity.root
    return (root.dep_ == "appos" and root.head.lemma_.lower() in TITLES) or _titled(entity)


def _whose_body(entity: Span) -> str | None:
    """The country a body's name leaves outside the entity ("Armenia's Defense Ministry",
    where the parser tags only "Defense Ministry"): a possessive country before a body's
    generic name; None otherwise."""
    if not _a_body(entity):
        return None
    owner = next((c for c in entity.root.children if c.dep_ == "poss" and c.i < entity.start), None)
    if owner is None or not (owner.ent_type_ == "GPE" or is_country(owner.text)):
        return None
    return entity.doc[owner.left_edge.i : owner.i + 2].text  # with its "'s"


def named_in(text: str, spans: Sequence[tuple[int, int]]) -> list[Mention]:
    """Every actor and place of ``text`` (sentences at ``spans``) that a rule finds, in
    order, each with the first rule (in table order) that finds it."""
    found: list[Mention] = []
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        # A headline's title case makes the parser tag its words as names: only a place
        # in a role of place ("Firefight in Marawi") is read there.
        heading = not ends_a_sentence(sentence)
        doc = parse(sentence)
        borders = list(_borders(doc))
        found += [Mention(border.text, "place", "LOC", index, "place.border") for border in borders]
        if not heading:
            found += [
                Mention(_name(chunk), rule.kind, "ORG", index, rule.id)
                for chunk in doc.noun_chunks
                for rule in RULES
                if rule.over == "chunk"
                # a chunk holding an organisation's name is read as that entity below
                and not any(e.start >= chunk.start and e.end <= chunk.end and e.label_ == "ORG" for e in doc.ents)
                and rule.applies(chunk)
            ]
        for entity in doc.ents:
            if any(b.start <= entity.start < b.end for b in borders):
                continue  # a side of a border already named
            if entity.label_ not in _NAME_LABELS or _hyphened(entity):
                continue
            name = _name(entity)
            if not name:
                continue
            if (
                _inside_a_name(entity)
                or name.split()[0] in ("Operation", "USS", "HMS")
                or name.lower().rstrip(".") in TITLE_ABBREVIATIONS | TITLES
            ):
                continue
            for rule in RULES:
                if rule.over != "entity":
                    continue
                if rule.kind == "actor" and (
                    heading
                    or entity.label_ not in _ACTOR_LABELS | {"GPE"}
                    # "Baku said": a capital; "the US military said" is a body
                    or (entity.label_ == "GPE" and rule.id == "actor.subject" and name == entity.text)
                    or is_demonym(name)
                    or is_demonym(name.removesuffix("s"))
                    or is_country(name)  # "Mali", tagged as a person: who speaks for it is the actor
                    or (entity.label_ == "NORP" and entity.root.pos_ == "ADJ")  # "Republican", "Islamist"
                    or _country_troops(name)
                ):
                    continue
                if rule.kind == "place" and entity.label_ == "NORP" and is_demonym(name):
                    continue
                if rule.kind == "place" and (_a_body(entity) or _a_person(entity)):
                    continue  # "sources in the Russian Defense Ministry": a body, wherever it stands
                if rule.applies(entity):
                    found.append(Mention(name, rule.kind, entity.label_, index, rule.id))
                    break
    return found
