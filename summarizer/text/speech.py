"""Verbs of saying in plain text and the phrase before each that names who speaks.

The text forms of :mod:`summarizer.text.attribution` back up the parse where the parser
breaks a sentence; they find a verb of saying ("has also said", a headline's "Pentagon
Reveals") and read the subject phrase before it from the words alone: a name with its
title, an unclosed appositive ("Lieutenant General Satish Dua, the General Officer
Commanding of the Army's 15 Corps said"), or a pronoun resolved to the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.text.parse import parse
from summarizer.text.sentences import ends_a_sentence
from summarizer.text.sources import ANAPHOR, BODY_WORD, UNNAMED, WORD, capitalised, describe, is_named
from summarizer.text.vocabulary import (
    AUXILIARIES,
    HEADLINE_VERBS,
    LEADING_WORDS,
    NAME_WORDS,
    NOUN_LIKE_VERBS,
    TITLES,
    VERBS_OF_SAYING,
    without_possessive,
)

# A verb of saying, after its auxiliaries: "has also said", "Pentagon Reveals".
SPEECH_CUE = re.compile(rf"\b{AUXILIARIES}(?P<verb>{VERBS_OF_SAYING}|{HEADLINE_VERBS})\b")


def noun_use(text: str, m: re.Match[str]) -> bool:
    """ "the official estimate of", "Hamas' estimated 25,000 fighters": a noun or an adjective."""
    verb = m.group("verb").lower()
    before, after = text[: m.start()], text[m.end() :]
    if verb in NOUN_LIKE_VERBS and re.match(r"\s+(?:of|by|from|for|on|in)\b", after):
        return True
    if verb in NOUN_LIKE_VERBS and re.search(r"(?:[’']s?|\b(?:a|an|the|its|their|his|her|this|that))\s+$", before):
        return True  # "the claim", "Moscow's estimate"
    return verb == "estimated" and bool(re.search(r"(?:[’']s?|\b(?:an|the|its|their|his|her))\s+$", before))


def claims_an_attack(text: str, m: re.Match[str]) -> bool:
    """ "The Taliban claimed responsibility for an attack which involved some 300 militants":
    a claim of the attack, not of the figure."""
    return bool(re.match(r"\s+responsibility\b", text[m.end() :]))


def headline_verb(m: re.Match[str], sentence: str) -> bool:
    """A capitalised verb ("Pentagon Reveals 2,000") outside a headline: a name ("Omar Said")."""
    return m.group("verb")[:1].isupper() and ends_a_sentence(sentence)


def speech_cues(text: str, sentence: str | None = None) -> Iterator[re.Match[str]]:
    """The verbs of saying in ``text`` (part of ``sentence``), without nouns that look
    like one, capitalised verbs outside a headline, and "claimed responsibility"."""
    for m in SPEECH_CUE.finditer(text):
        if not (noun_use(text, m) or claims_an_attack(text, m) or headline_verb(m, sentence or text)):
            yield m


def disagrees(pronoun: str, name: str) -> bool:
    """Whether ``pronoun`` cannot stand for ``name``: "they" and "it" are no one person
    ("Semyon Pegov", "Col. Amir Tahir": a person's name, no body's)."""
    one_person = _PERSON.fullmatch(name.strip()) is not None and not BODY_WORD.search(name)
    return pronoun.strip().lower() in ("they", "it") and one_person


def subject_before(sentence: str, pronoun: str) -> str | None:
    """The named subject of the sentence before, when a subject pronoun of the figure's
    sentence can stand for it: "The CSP-PSD released a statement ... They admitted to
    losing seven fighters" (they, it: a body or a group, not one person; he, she: a
    person). None when its subject is no name, or not of the pronoun's kind."""
    kind = pronoun.strip().lower()
    if kind not in ("they", "it", "he", "she") or not sentence.strip():
        return None
    doc = parse(sentence)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root else None
    if subject is None or subject.pos_ != "PROPN":
        return None
    person = subject.ent_type_ == "PERSON"
    if person != (kind in ("he", "she")):
        return None
    first = min(
        (t.i for t in subject.subtree if t.i < subject.i and t.dep_ in ("compound", "flat", "amod")), default=subject.i
    )
    name = doc[first : subject.i + 1].text
    return name if is_named(name) else None


def first_person(sentence: str) -> str | None:
    """The first person's name in ``sentence`` (two to four capitalised words, none a
    body's: "Colonel Amir Tahir"), or None."""
    return next((m.group(0) for m in _PERSON.finditer(sentence) if not BODY_WORD.search(m.group(0))), None)


# A person's name: two to four capitalised words, none a body's ("Colonel Amir Tahir").
_PERSON = re.compile(r"\b(?!(?:The|A|An|In|On|At|But|And|As|After)\b)(?:[A-Z][a-z’'-]+\.?\s+){1,3}[A-Z][a-z’'-]+\b")


# "the Inter-Services Public Relations (ISPR)": a name, its article and its acronym.
_APPOSITIVE_NAME = re.compile(r"^\s*(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,5}[A-Z][\w’'-]+(?:\s+\([A-Z]{2,8}\))?\s*$")


_DESCRIBED = re.compile(
    r"(?:^|[,;:.“”\"(–—]\s*|\b(?:while|and|but|that|as|after|when|since|because|if)\s+)(?:an?|the|one)\s+"
    r"(?P<adj>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)$",
    re.IGNORECASE,
)


_NOT_ADJECTIVE = re.compile(
    r"\b(?:of|in|on|at|to|for|with|by|from|and|or|said|says|told|is|was|were|are|has|have|had|number|total)\b"
)


_MODIFIERS = re.compile(
    r"(?:^|[,;:.“”\"(–—-]\s*|\b(?:while|and|but|that|as|after|when|since|because|if)\s+)"
    r"(?P<mod>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)$"
)


_APPOSITIVE_HEAD = re.compile(
    r"\b(?:group|militia|movement|organi[sz]ation|faction|outfit|network|party|coalition|alliance|front)$"
)


# "Lieutenant General Satish Dua, the General Officer Commanding of the Army's 15 Corps
# said": an appositive whose closing comma the copy dropped.
_UNCLOSED = re.compile(
    r"(?:^|[,;:.]\s+|\b(?:and|but|while)\s+)(?P<name>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*),\s+"
    r"(?:the|a|an)\s+[^,;\"“”]{3,90}$"
)


def unclosed_appositive(head: str) -> tuple[int, str] | None:
    m = _UNCLOSED.search(head.rstrip())
    return (m.start("name"), m.group("name")) if m else None


def subject_phrase(text: str) -> tuple[int, str] | None:
    """Where the noun phrase right before a verb starts, and the phrase:
    'Pentagon spokesperson Sabrina Singh' in '... concerns. Pentagon spokesperson Sabrina Singh'."""
    end = len(text.rstrip())
    # Skip an appositive or participle clause: "U.S. officials, citing new intelligence,";
    # a name in apposition is the speaker: "A Pentagon spokesman, Army Col. Rob Manning,".
    if text[:end].endswith(","):
        cut = text[: end - 1].rfind(",")
        appositive = text[cut + 1 : end - 1] if cut != -1 else ""
        if cut != -1 and _APPOSITIVE_NAME.match(appositive):
            head = subject_phrase(text[:cut])
            if head is not None:
                return head[0], f"{head[1]} {appositive.strip()}"
            # "A spokeswoman for Parwan's governor, Wahida Shahkar,": the name speaks.
            return cut + 1 + len(appositive) - len(appositive.lstrip()), appositive.strip()
        end = len(text[:cut].rstrip()) if cut != -1 else end - 1
    words = list(WORD.finditer(text[:end]))
    first = len(words)
    for i in range(len(words) - 1, -1, -1):
        bare = words[i].group(0).strip("()")
        gap = text[words[i].end() : words[i + 1].start()] if i + 1 < len(words) else ""
        if gap.strip():
            break  # punctuation between words ends the phrase
        if capitalised(bare) or bare.lower() in NAME_WORDS or without_possessive(bare.lower()) in NAME_WORDS:
            first = i
            continue
        break
    if first == len(words):
        return None
    led = first
    while first < len(words) and words[first].group(0).lower() in LEADING_WORDS:
        first += 1
    if first == len(words):
        return None
    if first > led and words[led].group(0).lower() not in ("the", "a", "an", "of"):
        # "However Burundi's army says": the clause opener ends what came before
        return words[first].start(), text[words[first].start() : words[-1].end()]
    rest = text[: words[first].start()].rstrip()
    # "an ethnic Armenian official", "a former Pentagon official": adjectives after an
    # article belong to the subject.
    described = _DESCRIBED.search(rest)
    if described is not None and not _NOT_ADJECTIVE.search(described.group("adj")):
        return described.start("adj"), text[described.start("adj") : words[-1].end()]
    # "rebel spokesman Paul Lam Gabriel", "pro-Hadi forces": one or two lower-case
    # modifiers at the start of a clause belong to the subject.
    modifiers = _MODIFIERS.search(rest)
    if modifiers is not None and not (
        _NOT_ADJECTIVE.search(modifiers.group("mod"))
        or LEADING_WORDS.intersection(modifiers.group("mod").lower().split())
    ):
        return modifiers.start("mod"), text[modifiers.start("mod") : words[-1].end()]
    # "militant group al-Shabab claims": a name after the noun it names.
    if _APPOSITIVE_HEAD.search(rest) and capitalised(words[first].group(0)):
        return words[first].start(), text[words[first].start() : words[-1].end()]
    # A phrase inside a longer lower-case clause is not a subject ("... with US
    # officials closely monitoring"): what precedes it must end a clause.
    if rest and not re.search(
        r"(?:[,;:.“”\"(–—-]|\b(?:while|whereas|though|although|and|but|that|as|the|a|an|after|before|when|since|because|if|where|"
        r"said|says|told|added|noted))$",
        rest,
        re.IGNORECASE,
    ):
        # "Army in Kigali says", "Officials in Kyiv said": a place after "in" is part of who speaks.
        place = re.search(r"\s+(?:in|under)$", rest)
        head = subject_phrase(rest[: place.start()]) if place and capitalised(words[first].group(0)) else None
        if head is not None and (is_named(head[1]) or UNNAMED.search(head[1])):
            proper = [w for w in head[1].split() if w.lower() not in ("the", "of")]
            if (place is not None and place.group(0).strip() == "under") or (
                len(proper) > 1 and all(capitalised(w) and w.lower() not in NAME_WORDS for w in proper)
            ):
                # "The Democratic Guerrilla Force in Sagaing Region": the name says who; a unit
                # "under Task Force Marawi" is the unit, not its command
                return head
            return head[0], text[head[0] : words[-1].end()]
        return None
    return words[first].start(), text[words[first].start() : words[-1].end() if first < len(words) else end]


def pronoun_in_clause(head: str) -> tuple[int, str] | None:
    """ "Israel's own count differs, as it says it has lost about 20": a pronoun inside the
    sentence stands for the name that opens it; without one, for an earlier sentence's speaker."""
    m = re.search(
        r"(?:[,;:]\s*|\b(?:and|but|as|while|because|since|though|although)\s+)(?P<p>it|they|he|she)\s*$", head
    )
    if m is None:
        return None
    # the name that opens the sentence as its subject or possessor, not an opening phrase ("On the other hand")
    opening = re.match(
        r"\W*(?:The\s+)?(?!(?:On|In|At|But|And|As|After|However|Meanwhile|Earlier|Later|Still|Yet|So|Also|For|From|"
        r"With|By|While|When|Since|If|Though|Although|Despite|Unlike|Like)\b)"
        r"(?P<name>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*?)(?:[’']s)?\b",
        head,
    )
    if (
        opening is not None
        and is_named(opening.group("name"))
        and opening.group("name").split()[0].lower() not in LEADING_WORDS
    ):
        return m.start("p"), opening.group("name")
    return m.start("p"), m.group("p")


def pronoun_subject(head: str) -> tuple[int, str] | None:
    m = re.search(r"(?:^|[,;:.]\s*|\b(?:and|but)\s+)(?P<p>[Hh]e|[Ss]he|[Tt]hey)\s*$", head)
    return (m.start("p"), m.group("p")) if m else None


def resolve_pronoun(name: str, previous: str) -> str:
    """The speaker of ``previous`` when ``name`` is a pronoun or "the statement";
    otherwise, or when ``previous`` names none, ``name`` itself."""
    if not ANAPHOR.match(name.strip()):
        return name
    before = subject_before(previous, name)
    if before is not None:
        return before
    for m in speech_cues(previous):
        found = subject_phrase(previous[: m.start()])
        if found and disagrees(name, found[1]):
            continue
        if found and not ANAPHOR.match(found[1]) and (is_named(found[1]) or describe(found[1])):
            return person_meant(name, found[1], previous)
    return name


def person_meant(pronoun: str, subject: str, sentence: str) -> str:
    """ "he"/"she" stand for a person: when the sentence's speaker is a body ("..., Maj.
    Pinar Kara, spokesperson for the Defense Ministry told ..."), its first person."""
    if pronoun.strip().lower() in ("he", "she") and BODY_WORD.search(subject) and not _TITLED_PERSON.search(subject):
        return first_person(sentence) or subject
    return subject


_TITLED_PERSON = re.compile(rf"\b(?:{'|'.join(sorted(TITLES))})\b", re.IGNORECASE)
