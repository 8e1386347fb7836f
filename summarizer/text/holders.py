"""Who takes each stance a sentence states, read from its parse: a table of named rows.

A stance cue (:mod:`summarizer.text.stance`: "denied", "warned", "concerned", "no
intention") belongs to whoever the clause that holds it is about, and that is a
syntactic relation, not the words that happen to stand before the cue:

- ``holder.subject``: the subject of the cue's own clause ("Russia has denied it",
  "The prime minister rejected the claims", "Hagel was concerned enough to call");
- ``holder.reporter``: the subject of the verb of saying that reports the clause, when the
  clause's own subject is a pronoun or sits inside the quotation ("the US government said
  it was concerned", '"it's unclear what the intent is," said John Kirby', 'Kirby said
  Shoygu assured Hagel "that they have no intention"' -> Shoygu);
- ``holder.previous``: a pronoun that no verb of saying in the sentence resolves stands
  for the speaker of the sentence before ("He urged calm.").

The first row that finds a holder decides. A holder is a name (:func:`credit._name`) or a
source the text describes ("senior officials", "the prime minister"); a bare pronoun or
a crowd is nobody. Each answer records its row, so the brief and ``make eval`` can say
which relation read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from summarizer.text.attribution import open_quotation, sentence_speakers
from summarizer.text.credit import SPEECH_LEMMAS
from summarizer.text.parse import parse
from summarizer.text.sources import described_source, source_name
from summarizer.text.stance import cues
from summarizer.text.vocabulary import CROWDS, NAME_WORDS, TITLES, closing_quote, word_set

# Verbs that report someone's words beyond the figure-giving ones of SPEECH_LEMMAS:
# "assured Hagel that", "vowed that", "insisted that".
_REPORTING = SPEECH_LEMMAS | word_set(
    "assure vow pledge promise insist deny reject warn urge accuse claim tell emphasize emphasise underline"
)
_SUBJECTS = ("nsubj", "nsubjpass")
_PRONOUNS = word_set("he she they it we i")
_PERSONAL = word_set("he she they")  # the pronouns that stand for an earlier speaker
# What a speaker does with a stance noun: "issued warnings", "expressed concern".
_VOICING = word_set("issue express voice raise repeat reiterate sound lodge")
# How a reported clause hangs from the verb of saying that reports it ("said it was
# concerned", '"...," said Kirby'); a clause joined by "and"/"but" is the reporter's own act.
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "dobj"})


@dataclass(frozen=True)
class Holder:
    stance: str
    name: str | None  # None: the sentence does not say who takes the stance
    rule: str | None
    # who the sentence says relays the holder's words ("Kirby said Shoygu assured ...": Kirby)
    relayed_by: tuple[str, ...] = ()
    cue: str | None = None  # the row of summarizer.text.stance that read the stance


def _quoted(token: Token, carried: bool = False) -> bool:
    """Whether ``token`` stands inside a quotation: one opened before it in its sentence,
    or one the sentence before left open (``carried``) that has not closed yet."""
    before = token.doc.text[: token.idx]
    return open_quotation(("“" if carried else "") + before) is not None


def _subject(verb: Token) -> Token | None:
    """Who does what ``verb`` says: its subject, or the agent of a passive ("Confirmed by
    NATO Chief": NATO Chief; a passive without one names nobody)."""
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return None  # "support for Russia to call for ...": a for-to clause's subject voices nothing
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is not None and subject.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    return subject


def _clauses(cue: Token) -> list[Token]:
    """The verbs (and copulas) whose clauses hold ``cue``, innermost first: a noun cue
    ("issued stark warnings") or an adjective ("was concerned") belongs to its verb's clause."""
    return [t for t in (cue, *cue.ancestors) if t.pos_ in ("VERB", "AUX") or _subject(t) is not None]


def _clause_subject(cue: Token) -> Token | None:
    """The subject of the innermost clause that has one, when the cue is what that
    subject does or feels (:func:`_stance_taking`)."""
    if not _stance_taking(cue):
        return None
    for clause in _clauses(cue):
        subject = _subject(clause)
        if subject is not None:
            return subject
        if any(c.dep_ == "nsubjpass" for c in clause.children):
            return None  # "a militia that is accused of atrocities": accused by nobody named
    return None


def _own_subject(cue: Token, carried: bool) -> Token | None:
    """``holder.subject``: the cue's clause subject, when it is no pronoun and stands
    outside any quotation (a subject inside one is who the words are about: '"Hezbollah
    is hiding its fatalities," Halevi said'; 'Guterres "urges Armenia ..."' is Guterres's)."""
    subject = _clause_subject(cue)
    if subject is None or subject.lower_ in _PRONOUNS or _quoted(subject, carried):
        return None
    return subject


def _stance_taking(cue: Token) -> bool:
    """Whether the cue is what its clause's subject does or feels: the verb itself
    ("denied", "urged"), a predicate adjective ("was concerned"), or a noun the subject
    voices ("issued stark warnings", "expressed concern"). A noun or adjective elsewhere
    ("Pyongyang's deepening involvement raises concerns", "a dangerous escalation") is
    what the clause is about, and its subject no speaker."""
    if cue.pos_ in ("VERB", "AUX"):
        return cue.dep_ not in ("amod", "compound", "nmod")  # "the disputed region": no one disputes here
    if cue.pos_ == "ADJ":
        return cue.dep_ in ("acomp", "ROOT")
    return cue.dep_ == "dobj" and cue.head.lemma_.lower() in _VOICING


def _reporters_above(token: Token) -> Iterator[Token]:
    """The verbs of saying above ``token`` whose reported content holds it, nearest first
    (reached through ccomp, xcomp, parataxis or dobj; never through "while" or "and")."""
    came_from = token
    for verb in token.ancestors:
        if verb.lemma_.lower() in _REPORTING and came_from.dep_ in _REPORTED_DEPS:
            yield verb
        came_from = verb


def _reporter(cue: Token, carried: bool) -> Token | None:
    """``holder.reporter``: the subject of the nearest verb of saying above the cue that
    stands outside any quotation the cue is in."""
    inside = _quoted(cue, carried)
    if not inside and not _stance_taking(cue):
        return None  # "Ghai said activities amid the escalation ...": what was reported, not his stance
    for verb in _reporters_above(cue):
        if inside and _quoted(verb, carried):
            continue
        subject = _subject(verb)
        if subject is not None and subject.lower_ not in _PRONOUNS:
            return subject
        if subject is not None:
            return None  # "he said": the previous sentence's speaker, by the fallback
    return None


@dataclass(frozen=True)
class HolderRow:
    id: str
    precedence: int
    means: str
    examples: tuple[tuple[str, str, str], ...]  # (sentence, stance, holder)
    find: Callable[[Token, bool], Token | None]  # (cue, quotation carried over) -> holder's head


ROWS: tuple[HolderRow, ...] = (
    HolderRow(
        "holder.subject",
        10,
        "the subject of the clause that holds the cue",
        (
            (
                "Russia has insisted it will not invade Ukraine, while President Biden has warned of an attack.",
                "warn",
                "Biden",
            ),
            (
                "The prime minister rejected Azerbaijan's claims and blamed Baku for the attack.",
                "deny",
                "prime minister",
            ),
            (
                "Defense Secretary Chuck Hagel was concerned enough to call his Russian counterpart.",
                "concern",
                "Chuck Hagel",
            ),
        ),
        _own_subject,
    ),
    HolderRow(
        "holder.reporter",
        20,
        "the subject of the verb of saying that reports the cue's clause or quotation",
        (
            ("The US government said it was concerned that reservists could be added.", "concern", "US government"),
            (
                '"They continue to reinforce and it\'s unclear what the intent is," said Rear Adm. John Kirby.',
                "concern",
                "John Kirby",
            ),
        ),
        _reporter,
    ),
)


_BY_PRECEDENCE = sorted(ROWS, key=lambda r: r.precedence)


def _relays(holder: Token) -> tuple[str, ...]:
    """The named subjects of the verbs of saying whose reported content holds
    ``holder``'s clause ("Kirby said Shoygu assured ...": Kirby); a clause joined by
    "while" or "and" is no one's content ("Russia has insisted ..., while Biden warned")."""
    out = []
    for verb in _reporters_above(holder.head):
        subject = _subject(verb)
        name = _holder_name(subject) if subject is not None and subject is not holder else None
        if name is not None:
            out.append(name)
    return tuple(out)


def _token_at(doc: Doc, at: int) -> Token | None:
    return next((t for t in doc if t.idx <= at < t.idx + len(t.text)), None)


def _holder_name(head: Token) -> str | None:
    lemma = head.lemma_.lower()
    if head.lower_ in CROWDS or lemma in CROWDS:
        return None  # "analysts warn": a reaction is an office holder's or a body's
    if head.pos_ == "NOUN" and head.text[:1].islower() and not ({head.lower_, lemma} & (NAME_WORDS | TITLES)):
        return None  # "Pyongyang's deepening involvement raises concerns": a thing, not who
    name = source_name(head) or described_source(head)
    if name is None and head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and head.ent_iob_ == "B":
        # a name that opens the sentence, tagged as a common noun ("Guterres \"urges ...\"")
        name = next(e.text for e in head.doc.ents if e.start == head.i)
    if name is None and head.pos_ == "NOUN" and (head.lower_ in TITLES or head.lemma_.lower() in TITLES):
        # "the prime minister", "the spokesman": a title the brief resolves to the person it names
        first = min((t.i for t in head.subtree if t.i <= head.i and t.dep_ in ("amod", "compound")), default=head.i)
        name = head.doc[first : head.i + 1].text
    return name


def stance_holders(
    sentence: str, previous: str = "", following: Sequence[str] = (), earlier: Sequence[str] = ()
) -> list[Holder]:
    """Each stance cue of ``sentence`` with who takes it and the row that read it, in
    order: "Russia has denied it, while Biden has warned" -> deny by Russia, warn by
    Biden. A cue whose clause names nobody the parse can read falls back to the
    quotation's speaker (named in this sentence, ``holder.quoted``, or where it closes in
    ``following``, ``holder.quote-closes-later``) or to the subject of the sentence
    before (``holder.previous``; back through ``earlier``, the sentences before that, while
    each speaks through a pronoun too); None where nothing names one."""
    doc = parse(sentence)
    before = (*earlier, previous) if previous else tuple(earlier)
    carried = open_quotation(previous) is not None
    out: list[Holder] = []
    for found_cue in cues(sentence):
        stance, cue = found_cue.stance, _token_at(doc, found_cue.at)
        found: Holder | None = None
        for row in _BY_PRECEDENCE:
            head = row.find(cue, carried) if cue is not None else None
            name = _holder_name(head) if head is not None else None
            if head is not None and name is not None:
                found = Holder(stance, name, row.id, _relays(head), found_cue.rule)
                break
        quoted = cue is not None and _quoted(cue, carried)
        found = found or _fallback(stance, sentence, before, following, cue, quoted)
        out.append(replace(found, cue=found_cue.rule))
    return out


def _fallback(
    stance: str, sentence: str, before: Sequence[str], following: Sequence[str], cue: Token | None, quoted: bool
) -> Holder:
    previous = before[-1] if before else ""
    if quoted:
        said = sentence_speakers(sentence, previous) or [
            name for name in (_speaker_of(sentence), _pronoun_speaker(sentence, before)) if name
        ]
        if said:
            return Holder(stance, said[0], "holder.quoted")
        if open_quotation(sentence) is not None:
            closing = _closing_speaker(following)
            if closing is not None:
                return Holder(stance, closing, "holder.quote-closes-later")
        return Holder(stance, None, None)
    pronoun = _pronoun_subject(cue) if cue is not None else None
    name = _last_speaker(before, pronoun.lower_) if pronoun is not None else None
    return Holder(stance, name, "holder.previous" if name else None)


def _pronoun_subject(cue: Token) -> Token | None:
    """ "He urged calm": the personal pronoun that is the subject of the cue's clause."""
    subject = _clause_subject(cue)
    return subject if subject is not None and subject.lower_ in _PERSONAL else None


def _saying(sentence: str) -> list[tuple[Token, Token]]:
    """Each verb of saying outside the sentence's quotations with its subject, in order."""
    said = [(verb, _subject(verb)) for verb in parse(sentence) if verb.lemma_.lower() in _REPORTING]
    return [(verb, subject) for verb, subject in said if subject is not None and not _quoted(verb)]


def _speaker_of(sentence: str) -> str | None:
    """The named (or titled) subject of the sentence's main verb of saying, outside
    quotations: the one highest in the parse ("Israel estimates ..., Halevi said": Halevi)."""
    for _, subject in sorted(_saying(sentence), key=lambda pair: sum(1 for _ in pair[0].ancestors)):
        if subject.lower_ not in _PRONOUNS:
            return _holder_name(subject)
    return None


def _pronoun_speaker(sentence: str, before: Sequence[str]) -> str | None:
    """'"...," he said Friday.' after "The president said ...": the speaker of the sentences before."""
    pronoun = _speaks_through_a_pronoun(sentence)
    return _last_speaker(before, pronoun) if pronoun else None


def _speaks_through_a_pronoun(sentence: str) -> str | None:
    """The pronoun ("he", "she", "they") that is the subject of the sentence's verb of saying."""
    return next((subject.lower_ for _, subject in _saying(sentence) if subject.lower_ in _PERSONAL), None)


def _last_speaker(before: Sequence[str], pronoun: str = "they") -> str | None:
    """The speaker a pronoun stands for: who the nearest sentence before names as
    speaking, passing over up to two that speak through a pronoun too or only quote. "He" and "she"
    stand for a person ("Israel estimates ..., Chief of Staff Herzi Halevi said": Halevi)."""
    for sentence in list(before)[::-1][:3]:
        named = [*sentence_speakers(sentence), _speaker_of(sentence)]
        if pronoun in ("he", "she"):
            people = [e.text for e in parse(sentence).ents if e.label_ == "PERSON"]
            named = [n if n and is_title(n) else next((p for p in people if n and n.endswith(p)), None) for n in named]
        named = [n for n in named if n]
        if named:
            return named[-1]
        # passed over: a pronoun speaking again, or a quotation that names no speaker of
        # its own ('"That includes artillery." He added: "We are calling on ..."')
        if not (_speaks_through_a_pronoun(sentence) or any(mark in sentence for mark in '"“”')):
            return None
    return None


def _closing_speaker(following: Sequence[str]) -> str | None:
    """The speaker named where a quotation left open closes, up to three sentences on."""
    for later in list(following)[:3]:
        if closing_quote(later) is not None:
            said = sentence_speakers(later)
            return said[0] if said else _speaker_of(later)
    return None


def titled_person(description: str | None, before: list[str]) -> str | None:
    """The person an earlier sentence names with the title ``description`` gives
    ("the prime minister" -> "Nikol Pashinyan" after "Armenian Prime Minister Nikol
    Pashinyan said"; "Nikol Pashinyan, the prime minister, ..."), the nearest first; None
    when ``description`` is a name already or no earlier sentence names such a person."""
    if description is None or not is_title(description):
        return None
    words = description.casefold().removeprefix("the ").split()
    for sentence in reversed(before):
        for entity in reversed(parse(sentence).ents):
            if entity.label_ != "PERSON":
                continue
            doc = entity.doc
            around = [t.lower_ for t in doc[max(entity.start - 4, 0) : entity.start]]
            around += [t.lower_ for c in entity.root.children if c.dep_ == "appos" for t in c.subtree]
            if all(w in around for w in words):
                return entity.text
    return None


def is_title(description: str) -> bool:
    """Whether ``description`` is a title with no name ("the prime minister", "spokesman")."""
    words = description.removeprefix("the ").split()
    return bool(words) and words[-1].casefold() in TITLES and all(w == w.lower() for w in words)


# Verbs that react, beyond reporting: "Rutte called it a dangerous escalation", "Macron
# hailed ...", "Sall raised doubts".
_REACTING = word_set(
    "call describe dismiss hail praise criticise criticize slam blast urge vow brand label term reject denounce"
    " welcome pledge promise express voice"
)


def reports_speech(sentence: str) -> bool:
    """Whether ``sentence`` reports that someone said something: a quotation, "according
    to", or a verb of saying or reacting ("said", "told", "hailed"). "The mercenaries are
    fighting alongside Russia." reports none, whoever it is about."""
    if _QUOTE_MARKS & set(sentence):
        return True
    return any(
        (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _SAYING_OR_REACTING) or t.lower_ == "according"
        for t in parse(sentence)
    )


def states_a_view(sentence: str) -> bool:
    """Whether ``sentence`` gives someone's own words or a reacting verb ("hailed",
    "urged", "raised doubts"), beyond reporting what they said happened."""
    if _QUOTE_MARKS & set(sentence):
        return True
    return any(t.pos_ == "VERB" and t.lemma_.lower() in _REACTING for t in parse(sentence))


_QUOTE_MARKS = frozenset('"“”')
_SAYING_OR_REACTING = _REPORTING | _REACTING
