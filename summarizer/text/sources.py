"""Who a phrase names as a source: the person and the body they speak for, whether it is
named at all, what kind of source it is, and news outlets.

The credit rules (:mod:`summarizer.text.credit` over the parse, the text forms of
:mod:`summarizer.text.attribution`) find *which* phrase credits a figure; this module
says what that phrase names. ``"Pentagon spokesperson Sabrina Singh"`` is the person
Sabrina Singh speaking for the Pentagon; ``"senior defence officials"`` names nobody but
describes who spoke; ``"he"`` or ``"the ministry"`` stands for a source named before
(an anaphor for the sentences before to resolve); ``"a UN experts report seen by AFP"``
is the experts' report with AFP as the go-between.

Two readers of a name share it: :func:`credit_of` and :func:`credit_named` read a phrase
as written (the text forms' and the parse rows' answer), and :func:`source_name` and
:func:`described_source` read the phrase around a head token the parse rows found (its
compounds, its "of" phrase, its joined entity name, an acronym after it; a dateline
is nobody).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summarizer.text.parse import parse
from summarizer.text.vocabulary import (
    BODY_NAME_WORDS,
    COUNTRY_OF,
    GENERIC_WORDS,
    GROUP_WORDS,
    NAME_WORDS,
    NATIONALITY,
    TITLE_ABBREVIATIONS,
    TITLES,
    VAGUE_WORDS,
    without_article,
    without_possessive,
    word_set,
)

_DOCUMENT_NOUN = (
    r"(?:reports?|data|figures|documents?|assessments?|estimates?|counts?|tally|tallies|statistics|surveys?|"
    r"study|studies|statements?|notes?|communiqu[eé]s?|calculations?)"
)


_DOCUMENT_BY = re.compile(
    rf"\b{_DOCUMENT_NOUN}\s+(?:(?:furnished|issued|released|published|prepared|compiled|written|drafted)\s+)?"
    r"(?:by|from|of)\s+(?P<name>[^,;]+?)[.\s]*$",
    re.IGNORECASE,
)


# "a statement of the Union ... posted on a Chadian opposition Web site", "a note written
# by ... officials and seen by AFP": where the document went is not whose it is.
_DOCUMENT_TRAIL = re.compile(
    r"\s+(?:(?:and\s+)?(?:posted|published|seen|obtained|reviewed|sent|broadcast|carried|read)\s+(?:on|by|to|in|out)\b|"
    r"and\s+(?:seen|obtained|reviewed)\b).*$",
    re.IGNORECASE,
)


# "the CIA assessment", "a government statement": the document of the name before it.
_NAMED_DOCUMENT = re.compile(rf"^(?P<owner>.+?)\s+{_DOCUMENT_NOUN}$", re.IGNORECASE)


_DOCUMENT_OF = re.compile(rf"^(?P<owner>[A-Z][^,;]*?)[’']s\s+(?:\w+\s+){{0,3}}{_DOCUMENT_NOUN}\b", re.IGNORECASE)


# Outlets and agencies: a go-between when someone else is named as speaking.
OUTLET = re.compile(
    r"\b(?:news\s+agency|newspaper|outlet|broadcaster|Reuters|AFP|AP|Associated\s+Press|BBC|CNN|ABC(?:\s+News)?|"
    r"NBC|CBS|Fox\s+News|Bloomberg|ANI|PTI|Yonhap|TASS|Interfax|RIA(?:\s+Novosti)?|Al\s+Jazeera|Axios|Politico|"
    r"(?:The\s+)?(?:Washington|New\s+York|Financial|Military|Wall\s+Street|Los\s+Angeles)\s+(?:Post|Times|Journal)|"
    r"The\s+Guardian|The\s+Telegraph|The\s+Times|Kyiv\s+Independent|Times\s+of\s+Israel|Aajtak|India\s+Today|"
    r"Anadolu(?:\s+Agency)?|Xinhua|Sputnik|IRNA|Tasnim|Kurdistan\s+24|Rudaw|News\.Az|Azernews|Radio\s+Tamazuj)\b"
)


_PRONOUN = re.compile(r"^(?:he|she|it|they)$", re.IGNORECASE)


# Capitalised at a sentence's start, never a source: "We believe it when we see it".
_NOT_A_NAME = frozenset(["i", "we", "you"])  # not "us": that is the US


# Who a pronoun or a bare "the statement" stands for is the speaker of an earlier
# sentence: "..., said a ministry statement. The toll is "15 soldiers killed," it said."
ANAPHOR = re.compile(
    r"^(?:he|she|it|they|(?:(?:the|this|that)\s+)?(?:statement|report|note|source|official|spokes(?:man|woman|person)|"
    r"ministry|agency|group|paper|newspaper|document|communiqu[eé]|release)|"
    # "According to the analysts, ...": the ones the text has just named
    r"the\s+(?:officials|sources|analysts|diplomats|experts)|"
    # "..., the PM said": the office holder just named
    r"the\s+(?:prime\s+minister|PM|premier|president|minister|general|commander|governor))$",
    re.IGNORECASE,
)


WORD = re.compile(r"\(?[\w.’'-]+\)?")


@dataclass(frozen=True)
class Credit:
    """Who the sentence credits a figure to. ``name`` None: nobody is named."""

    name: str | None
    person: str | None = None
    organization: str | None = None
    via: str | None = None
    anonymous: bool = False
    descriptor: str | None = None  # an unnamed source as the text describes it: "government sources"
    anaphor: str | None = None  # "he", "the statement": who it stands for is read from earlier sentences
    rule: str | None = field(default=None, compare=False)  # the form that read it: text.* (see above)


def document_owner(phrase: str) -> str | None:
    """'the most recent quarterly report furnished by the Pentagon's Defense Manpower Data
    Center' -> 'Defense Manpower Data Center'; 'DMDC's quarterly report' -> 'DMDC'."""
    phrase = without_article(phrase)
    by = _DOCUMENT_BY.search(phrase)
    of = _DOCUMENT_OF.match(phrase)
    named = _NAMED_DOCUMENT.match(phrase) if not (by or of) else None
    name = by.group("name") if by else of.group("owner") if of else named.group("owner") if named else None
    if not name:
        return None
    name = _DOCUMENT_TRAIL.sub("", name)
    name = without_article(name)
    # "the Pentagon's Defense Manpower Data Center": the body itself, not its parent.
    inner = re.match(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s+(?P<rest>[A-Z].*)$", name)
    name = inner.group("rest") if inner else name
    return name if is_named(name) or (named is not None and describe(name)) else None


BODY_WORD = re.compile(
    r"\b(?:Committee|Council|Ministry|Department|Office|Service|Agency|Command|Forces|Army|House|Center|Centre|"
    r"Group|Party|Parliament|Assembly|Government|Administration|Organi[sz]ation|Union|Nations)\b"
)


def capitalised(word: str) -> bool:
    """'Pentagon', 'al-Shabab', 'pro-Hadi', 'icasualties.org': a word that is, or holds, a proper name."""
    return word[:1].isupper() or bool(re.match(r"^[a-z]{1,4}-[A-Z]|^[\w-]+\.(?:org|com|net|gov|int|info)$", word))


def is_named(name: str) -> bool:
    if _PRONOUN.match(name.strip()) or name.strip().lower() in _NOT_A_NAME:
        return False
    words = [w.strip("()") for w in WORD.findall(name)]
    return any(capitalised(w) and w.lower().rstrip("’'s") not in GENERIC_WORDS for w in words)


_BARE_UNNAMED = re.compile(
    r"(?:(?:the|a|an|some|several|many|other|recent|new|latest|unnamed)\s+)*(?:officials?|sources?|reports?|analysts|diplomats|authorities)",
    re.IGNORECASE,
)


UNNAMED = re.compile(
    r"\b(?:officials?|sources?|reports?|analysts|diplomats|authorities|estimates?|spokes(?:man|woman|person|people|men|women)|"
    r"bloggers|monitors|observers|journalists|reporters|experts|researchers|investigators)\b",
    re.IGNORECASE,
)


# "the defence ministry said": a body written in lower case is still who speaks.
_BODY_NOUN = re.compile(
    r"\b(?:ministry|army|military|government|police|navy|command|council|agency|administration|forces|coalition|"
    r"militia|movement|rebels|militants|insurgents|separatists|group|faction|alliance|release|statement)\b",
    re.I,
)


def describe(origin: str) -> str | None:
    """'top government sources' -> itself; 'Recent reports', 'sources' -> None: an
    unnamed source is kept as the text describes it only when that says whose."""
    words = re.findall(r"[\w.’'-]+", origin)
    if not (UNNAMED.search(origin) or _BODY_NOUN.search(origin)) or len(words) > 6:
        return None
    if not [w for w in words if w.lower() not in VAGUE_WORDS and not UNNAMED.fullmatch(w)]:
        return None
    return without_article(origin, some=True)


# "a UN experts report seen by AFP Monday", "a senior police officer quoted by Le Monde":
# the origin, and the outlet that saw or quoted it.
_CONDUIT_BY = re.compile(
    r"^(?P<name>.+?)(?:,?\s+and)?\s+(?:seen|obtained|reviewed|quoted|cited)\s+by\s+(?P<via>.+?)"
    r"(?:\s+(?:on\s+)?(?:\w+day|yesterday|today|last\s+\w+))?$"
)


def credit_named(phrase: str) -> Credit:
    """The credit a source phrase read elsewhere (the parse table's) gives, cleaned and
    split as the text forms' own: a name with its person and body ("Pentagon spokeswoman
    Sabrina Singh"), or an unnamed source as worded ("senior defence officials")."""
    return credit_of(phrase, None, resolve=False)


def credit_of(origin: str | None, via: str | None, *, resolve: bool = True) -> Credit:
    if origin is not None and re.match(r"(?:of|by)\s", origin.strip()):
        # "(president) of the Syrian Democratic Council’s (SDC) Executive Committee Ilham
        # Ahmed": the tail of a title, whose person is the full name that ends it
        origin = _trailing_name(origin)
    relayed = _CONDUIT_BY.match(origin.strip()) if origin else None
    if relayed is not None:
        origin = relayed.group("name")
        author = re.search(r"\b(?:written|prepared|issued|compiled|drafted)\s+by\s+(?P<who>.+)$", origin)
        origin = document_owner(origin) or (author.group("who") if author else origin)
        via = via or relayed.group("via")
    if origin is not None:
        # '” he', "the country's Defense Ministry": quotation marks and a possessive that
        # only points back are not part of the name.
        origin = origin.strip(" “”\"‘’'")
        origin = re.sub(
            r"^(?:(?:the\s+)?(?:country|nation|group|state|army)[’']s|its|their|his|her)\s+",
            "",
            origin,
            flags=re.IGNORECASE,
        )
        origin = re.sub(r"^(?:(?:newly|recently)\s+(?:appointed|named|elected)|new)\s+(?=[A-Z])", "", origin)
        # "a US-backed Syrian Democratic Forces (SDF) senior commander": who backs them is no part of the name
        bare = re.sub(r"^(?:(?:an?|the)\s+)?(?:[\w.]+-(?:backed|led|based|allied|aligned|linked|run)\s+)+", "", origin)
        origin = bare if re.match(r"[A-Z]", bare) else origin  # but "the U.S.-led coalition" is its name
    if resolve and origin is not None and ANAPHOR.match(origin.strip()):
        return Credit(name=None, anaphor=origin.strip())
    if origin is not None:
        # "multiple military sources who spoke to AFP and asked not to be named": who they are.
        # "US officials behind the estimates": who they are, not what they did.
        origin = re.split(r"\s+(?:who|which|that|behind)\s+|,\s*(?:who|which)\s+", origin)[0]
    if origin is None or not is_named(origin):
        anonymous = origin is not None and re.search(
            r"\bofficials?\b|\bsources?\b|\bauthorities\b", origin, re.IGNORECASE
        )
        descriptor = describe(origin) if origin else None
        if descriptor is None and origin and _BARE_UNNAMED.fullmatch(origin.strip()):
            # "..., officials said", "Recent reports indicate": no owner, but not the
            # outlet's own word either; the text's description is the credit.
            descriptor = without_article(origin, some=True)
        return Credit(
            name=None,
            anonymous=bool(anonymous) or descriptor is not None,
            descriptor=descriptor,
            via=relayed.group("via") if relayed is not None and descriptor is not None else None,
        )
    origin = without_article(origin)
    person, organization = _split(origin)
    return Credit(name=origin, person=person, organization=organization, via=_split(via)[0] or via if via else None)


def _trailing_name(phrase: str) -> str | None:
    """The personal name that ends ``phrase``, two or more capitalised words or initials
    after the last lower-case word, bracket or body word ('… Executive Committee Ilham
    Ahmed' -> 'Ilham Ahmed'); None when it ends with none."""
    words: list[str] = []
    for word in reversed(phrase.split()):
        if not word[:1].isupper() or BODY_WORD.fullmatch(without_possessive(word)) or word.lower() in TITLES:
            break
        words.insert(0, word)
    return " ".join(words) if len(words) >= 2 else None


def _split(name: str | None) -> tuple[str | None, str | None]:
    """('Sabrina Singh', 'Pentagon') from 'Pentagon spokesperson Sabrina Singh'."""
    if not name:
        return None, None
    words = name.split()
    titles = [i for i, w in enumerate(words) if w.lower() in TITLES]
    if not titles:
        return None, name
    person = " ".join(words[titles[-1] + 1 :]) or None
    if person and re.match(r"(?:of|for)\s", person):
        # "president of the Syrian Democratic Council’s Executive Committee Ilham Ahmed",
        # "Inspector General of Police (Chhattisgarh) D S Chouhan": the name that ends it
        person = _trailing_name(person)
    body_words = words[: titles[0]]
    while body_words and body_words[-1].lower() in _TITLE_QUALIFIERS:
        body_words = body_words[:-1]  # "Armenian Prime Minister X" speaks for Armenia, not "Armenian Prime"
    if len(body_words) > 1 and body_words[0].endswith(("’s", "'s")):
        body_words = body_words[1:]  # "Russia's Wagner boss" speaks for Wagner
    body = without_possessive(" ".join(body_words)) or None  # "Wagner's boss X" speaks for Wagner
    if body and body.lower() in COUNTRY_OF:
        # "Ukrainian President Volodymyr Zelensky" speaks for Ukraine: for corroboration he
        # and "Ukrainian officials" are one side, not two independent sources.
        return person, COUNTRY_OF[body.lower()]
    if body and (NATIONALITY.search(body_words[-1].lower()) or body_words[-1].lower() in NAME_WORDS - GROUP_WORDS):
        body = None  # "Western defence ministry ...": an adjective or a common noun, not a body
    return person, body


# Words that make a title, not a body: "Prime Minister", "Deputy Defence Minister".
_TITLE_QUALIFIERS = frozenset(
    {
        "prime",
        "deputy",
        "vice",
        "acting",
        "foreign",
        "defence",
        "defense",
        "interior",
        "former",
        "first",
        "assistant",
        "inspector",
    }
)


_KINDS = [
    ("intelligence", re.compile(r"intelligence|\bNIS\b|\bGUR\b|\bHUR\b|\bCIA\b|\bspy\b", re.IGNORECASE)),
    (
        "military",
        re.compile(
            r"Pentagon|defen[cs]e|military|\barmy\b|armed forces|general staff|\bcommand\b|\bnavy\b|air force|"
            r"\bGen\.?\s|\bgeneral\b|commander",
            re.IGNORECASE,
        ),
    ),
    (
        "media",
        re.compile(
            r"\bnews\b|\bTimes\b|\bPost\b|Reuters|\bAP\b|Associated Press|\bAFP\b|Yonhap|Bloomberg|\bBBC\b|"
            r"\bCNN\b|newspaper|broadcaster|\bmedia\b|\boutlet\b|\bTASS\b|Interfax",
            re.IGNORECASE,
        ),
    ),
    (
        "government",
        re.compile(
            r"president|minister|ministry|government|White House|Kremlin|State Department|secretary|spokes|"
            r"council|\boffice\b|lawmaker|parliament|senator|embassy|chancellor|\bprime\b|administration",
            re.IGNORECASE,
        ),
    ),
]


_COUNTRIES = {c.casefold() for c in COUNTRY_OF.values()}


def is_outlet(name: str) -> bool:
    """Whether ``name`` is a news outlet or agency ("The Washington Post", "Reuters")."""
    return OUTLET.search(name) is not None


def source_kind(source: str | None, organization: str | None) -> str:
    """What kind of source a figure is credited to, read from its names: 'intelligence'
    for 'South Korea's National Intelligence Service', 'anonymous' for 'U.S. officials',
    'unattributed' when nobody is named."""
    names = " ".join(n for n in (source, organization) if n)
    if not names:
        return "unattributed"
    if not is_named(names):
        return "anonymous"  # "government sources", "a military official": described, not named
    for kind, pattern in _KINDS:
        if pattern.search(names):
            return kind
    if organization and organization.casefold() in _COUNTRIES:
        return "government"  # "Zelensky (Ukraine)": a state speaking
    if not is_named(names) or re.search(r"\bsources?\b", names, re.IGNORECASE):
        return "anonymous"
    if re.search(r"\bofficials?\b", names, re.IGNORECASE):
        return "government"  # "U.S. officials", "Ukrainian officials": unnamed, but a state's
    return "other"


# -- names read from the parse: the head token a credit row found, and its phrase ---------

# What a source issues: "the Pentagon's estimate", "the ministry's figures".
ESTIMATE_NOUNS = word_set(
    "estimate tally figure count report assessment data datum statistic statistics statement toll number claim"
    " document record charge assertion allegation note"
)


# What issues a count, passive ("the number given by the Pentagon", "figures released by
# the army") or active with the count as object ("Armenia raised the number ... to 2,425",
# "the ministry put the toll at 300").
ISSUE_LEMMAS = word_set("give provide release publish issue list furnish compile")


# Words for sources left unnamed: "officials said", "according to media reports".
DESCRIBED_WORDS = word_set(
    "official source report media analyst expert observer diplomat spokesman spokeswoman spokesperson authority"
    " aide insider monitor military army government administration rebel resident witness statement release"
    " ministry officer"
)


# Who an unnamed source is with: "sources in the Russian Defense Ministry".
_SOURCE_NOUNS = word_set("source official officer spokesman spokeswoman spokesperson analyst diplomat aide")


_NAME_ENTITIES = frozenset({"ORG", "GPE", "NORP", "PERSON", "FAC"})


_NAME_DEPS = frozenset({"compound", "amod", "poss", "case", "nmod", "flat", "nummod", "det"})


def owner_of(document: Token) -> Token | None:
    """Whose ``document`` is: "the Pentagon's estimate", "claims from Moscow", "a report
    by The Washington Post", "an estimate compiled from news reports"."""
    by = next((c for c in document.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    issued = next((c for c in document.children if c.dep_ == "acl" and c.lemma_.lower() in ISSUE_LEMMAS), None)
    if by is None and issued is not None:  # "a statement released by the army", "compiled from"
        by = next((c for c in issued.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "from")), None)
    author = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    # "IDF estimates", "the Pentagon's tally", "UN figures"; not a date ("December 1
    # statistics by X"), nor a compound that names no body ("casualty figures", a place)
    owner = next(
        (
            c
            for c in document.children
            if c.ent_type_ not in ("DATE", "TIME")
            and (c.dep_ in ("poss", "nmod") or (c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON")))
        ),
        None,
    )
    return author or owner


def source_name(head: Token, *, titled: bool = False) -> str | None:
    """The source's name around its head ("Pentagon spokeswoman Sabrina Singh", "Ukraine's
    military intelligence"), or None for a pronoun or a common noun standing alone. A
    name in apposition is the one given ("Two NATO member states, the United Kingdom and
    Germany"); a document's owner is its source ("the CIA assessment", "Mr Danja's
    statement"); a dateline is nobody ("TEHRAN, Iran -- U.S. officials say"). A person
    is named alone ("Sabrina Singh") unless ``titled`` ("Pentagon spokesperson Sabrina Singh")."""
    if head.pos_ == "PRON":
        return None
    if head.ent_type_ in ("DATE", "TIME"):  # "seen by AFP Monday": the parser's head is the day
        named = next((c for c in head.children if c.dep_ == "compound" and c.ent_type_ not in ("DATE", "TIME")), None)
        if named is None:
            return None
        head = named
    appositive = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if appositive is None and not any(c.dep_ == "cc" for c in head.children):
        # "the military media wing, the Inter-Services Public Relations, said": the parser's
        # conjunct, with no "and", is an appositive
        appositive = next((c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
    if appositive is not None and head.pos_ != "PROPN":
        if titled and head.lemma_.lower() in TITLES:  # "A ministry spokesman, Colonel Adam Black, said"
            title = [t for t in head.subtree if t.i <= head.i and t.dep_ != "det"]
            name = source_name(appositive)
            return f"{head.doc[title[0].i : head.i + 1].text} {name}" if name else None
        head = appositive
    if head.lemma_.lower() in ESTIMATE_NOUNS:
        compound = next((c for c in head.children if c.dep_ == "compound"), None)
        owner = owner_of(head) or compound
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = owner or (next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None)
        if owner is None:
            return None
        if owner == compound and owner.lower_ in NAME_WORDS and not any(owner.children):
            return f"{owner.text} {head.text}"  # "Government figures": a document, its owner unnamed
        if owner.pos_ == "PRON":
            return None  # "Our estimates show ...": whoever says "our"
        head = owner
    if head.i < dateline_end(head.doc):
        return None
    kept = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.tag_ == "VBN" and child.dep_ == "amod":
                continue  # "Somalia-based", "Kurdish-led": who backs or where, not the name
            if (
                child.dep_ in _NAME_DEPS
                or (
                    child.dep_ == "prep"
                    and child.lower_ == "of"
                    and token == head
                    and head.ent_type_ != "PERSON"  # "Valentina Melnikova of the Committee": she is named
                    and not any(t.like_num for t in child.subtree)  # not "the Pentagon ... of 14,765"
                )
                or (
                    child.dep_ == "prep"
                    and child.lower_ in ("in", "at", "from", "with")
                    and token == head
                    and (
                        _unnamed(head) or head.lower_ in BODY_NAME_WORDS
                    )  # "sources in the ministry", "Army in Kigali"
                    and not (_unnamed(head) and _a_place(child))  # not "an official from northeast Syria"
                )
                or (child.dep_ == "pobj" and token.dep_ == "prep" and token.head == head)
            ):
                kept.append(child)
                stack.append(child)
    tokens = sorted(kept, key=lambda t: t.i)
    while tokens and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    while tokens and tokens[-1].dep_ in ("case", "prep"):  # "the Pentagon's estimate": the Pentagon
        tokens = tokens[:-1]
    doc = head.doc
    while tokens and tokens[-1].i + 1 < len(doc) and _split_name(tokens[-1], doc[tokens[-1].i + 1]):
        tokens.append(doc[tokens[-1].i + 1])  # "force spokesperson Jack Ombaka told": the parser split the name
    if not any(t.pos_ == "PROPN" or (t.text[:1].isupper() and t.i > 0) or t.like_url for t in tokens):
        return None  # "officials", "Analysts said": described, not named (a web site is named)
    if tokens[0].like_num and tokens[0].pos_ == "NUM":
        return None  # "Two senior officials": how many, not who
    person = _person(tokens, titles=not titled)
    first, last = tokens[0].i, tokens[-1].i
    entity = next((e for e in head.doc.ents if e.start <= head.i < e.end and e.label_ in _NAME_ENTITIES), None)
    if entity is not None and (entity.label_ == "PERSON" or not _joined_name(entity)):
        entity = None  # "Pentagon Reveals 2,000 Troops": a headline the tagger took for one name
    if entity is not None:  # "the Union of the Forces for Development and Democracy": the whole name
        lead = next((t.i for t in entity if t.pos_ == "PROPN"), first)  # not "Earlier" or "the"
        first, last = min(first, lead), max(last, entity.end - 1)
    doc = head.doc
    if last + 3 < len(doc) and doc[last + 1].text == "(" and doc[last + 2].is_upper and doc[last + 3].text == ")":
        last += 3  # "Inter-Services Public Relations (ISPR)": the name and its acronym
    return person or doc[first : last + 1].text


def according_object(according: Token) -> Token | None:
    """The object of "according to", or of "as per" (South Asian English: "as per
    official documents"); None for any other word."""
    if according.lower_.endswith("according"):  # "(Gazeta.Ru)–According": a dash the tokenizer kept
        to = next((g for g in according.children if g.lower_ == "to"), None)
    elif according.lower_ == "as":
        to = next((g for g in according.children if g.lower_ == "per"), None)
    else:
        return None
    return next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None


def according_source(sentence: str) -> str | None:
    """Who the one "according to" phrase of ``sentence`` names ("According to a statement
    by the interior ministry, ..."): a sentence before a pronoun that credits someone;
    None when it has no such phrase, or more than one."""
    objects = [o for t in parse(sentence) if (o := according_object(t)) is not None]
    return source_phrase(objects[0]) if len(objects) == 1 else None


def source_phrase(head: Token) -> str | None:
    """What the source at ``head`` is called: its name with its title, or else the
    words that describe it ("senior defence officials"); None for neither."""
    return source_name(head, titled=True) or described_source(head)


def _a_place(preposition: Token) -> bool:
    """Whether the object of ``preposition`` is a place rather than a body."""
    obj = next((g for g in preposition.children if g.dep_ == "pobj"), None)
    return obj is not None and (obj.ent_type_ in ("GPE", "LOC") or obj.lower_ in ("region", "area"))


def _split_name(last: Token, following: Token) -> bool:
    """Whether ``following`` goes on the name that ``last`` ends although the parser
    hangs it elsewhere: a person's name right after, that no head of the name holds."""
    return (
        bool(last.whitespace_)
        and following.pos_ == "PROPN"
        and following.ent_type_ == "PERSON"
        and following.head.i > following.i
        and following.head.pos_ in ("VERB", "AUX")
    )


def _joined_name(entity: Span) -> bool:
    """Whether ``entity`` is a name joined by "of", "for" or "and" ("Union of the Forces for
    Development and Democracy"), with no number in it: the names the dependency walk cuts."""
    joined = any(t.lower_ in ("of", "for", "and") for t in entity)
    return joined and not any(t.like_num for t in entity)


def _unnamed(head: Token) -> bool:
    """Whether ``head`` is an unnamed source ("sources in the ministry"), whose
    prepositional phrase says who they are."""
    return head.lemma_.lower() in _SOURCE_NOUNS


def described_source(head: Token) -> str | None:
    """An unnamed source as the text words it ("two senior defence officials" -> "senior
    defence officials", "media reports", "sources in the ministry"), or None when the
    head is no word for a source (a pronoun, "the move")."""
    if head.lemma_.lower() in ESTIMATE_NOUNS and (owner := owner_of(head)) is not None and owner.pos_ == "NOUN":
        return described_source(owner)  # "an estimate compiled from news reports": the reports
    document = head.lemma_.lower() in ESTIMATE_NOUNS and any(
        c.dep_ in ("amod", "compound") and c.i < head.i for c in head.children
    )  # "official figures", "a press release"
    if any(c.lower_ == "same" for c in head.children):
        return None  # "the same report": one named before
    if head.pos_ != "NOUN" or not ({head.lower_, head.lemma_.lower()} & DESCRIBED_WORDS or document):
        return None  # "the agency", "the group": a body the text named before, not an unnamed source
    if head.i < dateline_end(head.doc):
        return None
    kept = [head]
    for child in head.children:
        modifier = child.dep_ in ("amod", "compound", "nmod") and child.i < head.i and child.tag_ != "VBN"
        if modifier or (child.dep_ == "prep" and _unnamed(head)):  # "sources in the ministry"
            kept.extend(child.subtree)
    tokens = sorted(kept, key=lambda t: t.i)
    return head.doc[tokens[0].i : tokens[-1].i + 1].text


def dateline_end(doc: Doc) -> int:
    """Where a dateline that opens the sentence ends ("TEHRAN, Iran --", "KABUL, Aug. 3
    (Xinhua) --", "Baghdad (IraqiNews.com) –"): the dash after a capitalised first word
    with no verb before it; 0 when there is none."""
    if not doc or not doc[0].text[:1].isupper():
        return 0
    for token in doc[:12]:
        spaced = token.i > 0 and bool(doc[token.i - 1].whitespace_)  # "Baghdad -", not "Nagorno-Karabakh"
        if token.text in ("--", "—", "–") or (token.text == "-" and spaced):
            return token.i + 1
        if token.pos_ in ("VERB", "AUX"):
            return 0
    return 0


def _person(tokens: list[Token], *, titles: bool = True) -> str | None:
    """The own name after a title or what a body is ("security adviser John Maluk" ->
    "John Maluk", "CRPF DG R R Bhatnagar" -> "R R Bhatnagar", "militant group al-Shabab"
    -> "al-Shabab"): the proper nouns after the last such word, when there are any."""
    words = [
        i
        for i, t in enumerate(tokens)
        if t.lower_ in GROUP_WORDS or (titles and (t.lower_ in TITLES or t.lower_.rstrip(".") in TITLE_ABBREVIATIONS))
    ]
    if not words or words[-1] == len(tokens) - 1:
        return None
    rest = tokens[words[-1] + 1 :]
    while rest and rest[0].is_punct:
        rest = rest[1:]  # "Col. Rob Manning": the abbreviation's full stop
    if not rest or not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in rest):
        return None
    return rest[0].doc[rest[0].i : rest[-1].i + 1].text


# What no name holds: a verb with a tense or a modal ("Some troops have arrived in the
# port", "a spokesman declined to").
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def reads_as_a_name(phrase: str) -> bool:
    """Whether ``phrase``, read by a text form or given by the model, can name who speaks:
    not one that opens with a preposition, a conjunction or a participle ("into Chinese
    territory", "as Berlin", "including airbases"), ends on a dangling "to" or, past two
    words, holds a verb with a tense.
    A bare word passes: its tag alone is a guess ("Houthis" tagged as a verb)."""
    if len(phrase.split()) < 2:
        return bool(phrase.strip())
    doc = parse(phrase)
    # a preposition whatever its case ("into Chinese territory", "Over 400 people")
    opener = doc[0].pos_ == "ADP" or (doc[0].is_lower and doc[0].pos_ in ("SCONJ", "CCONJ", "VERB", "AUX"))
    finite = len(doc) > 2 and any(t.tag_ in _FINITE_TAGS for t in doc)
    return not opener and not finite and doc[-1].lower_ != "to"
