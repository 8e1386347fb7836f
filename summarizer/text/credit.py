"""Who a sentence credits a figure to, read from its parse: a table of named patterns.

Each row has an id, a precedence, what it means and examples, and finds the source's head
token from the number's parse. Of the rows that fit, the one whose source hangs nearest
the number decides ("While Ruritania insists it sent 503 troops, a report by the DMDC
puts the number at 1,720": each figure its own source), then the precedence:

- ``credit.citing``: "..., ANI reported, quoting government sources" (the cited is the
  origin; whoever cites only passes it on);
- ``credit.speech-subject``: the subject of the verb of saying the figure is the content
  or object of ("Zelensky told reporters that", "the army confirmed three soldiers
  dead"), including a reporting clause the parser hangs below the figure's own ("...,
  Haiti's national police said"; "As the ministry announced, ...") and a participle that
  shares its verb's subject ("..., adding that");
- ``credit.according-to``: "according to Ukraine's military intelligence";
- ``credit.possessive``: "the Pentagon's estimate of 10,000 troops".

A pronoun a verb of saying reports to ("The ministry said it had recorded 40") is that
speaker; another pronoun or "the ministry" is returned as the anaphor it is, for the
sentences before to resolve (:func:`summarizer.text.attribution.credit_for`). An outer
speaker who relays an inner one is the go-between ("Park said the NIS revealed that").

:func:`read_credit` asks this table first, then the text forms of
:mod:`summarizer.text.attribution` that are left: those for sentences the parser breaks,
and those that look at the sentences around the figure. The text's own "according to"
forms used to come first; the row reads them now ("..., according to icasualties.org, a
Web site that ...", "an estimate compiled from news reports"), and they are gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Token

from summarizer.text.attribution import credit_for, credit_in, open_quotation, outlet_as_go_between
from summarizer.text.counts import counted_noun, number_token
from summarizer.text.numbers import figure_spans, stated_spans
from summarizer.text.parse import parse
from summarizer.text.sources import (
    ESTIMATE_NOUNS,
    ISSUE_LEMMAS,
    Credit,
    according_object,
    credit_named,
    dateline_end,
    owner_of,
    reads_as_a_name,
    source_name,
    source_phrase,
)
from summarizer.text.vocabulary import SAYING_LEMMAS, word_set

# Verbs whose object is who is told: "Singh informed an all-party meeting that ...".
_ADDRESSING_LEMMAS = word_set("tell inform brief warn")
# Verbs that report a finding or a post only with a clause: "U.S. intelligence found
# that ...", "she posted on social media that ..." (not "India posted 50,000 troops").
_FINDING_LEMMAS = word_set("find show post tweet")
# Verbs of pledging state a figure only in what one pledges to do ("pledged to send
# 1,000"); the troops pledged are reported by whoever tells of it.
_PLEDGING_LEMMAS = word_set("pledge promise vow")
# Verbs of saying, as lemmas: what a source does with a figure.
SPEECH_LEMMAS = (
    SAYING_LEMMAS
    | _ADDRESSING_LEMMAS
    | _FINDING_LEMMAS
    | _PLEDGING_LEMMAS
    | word_set(
        "reveal disclose estimate indicate believe assess write admit acknowledge insist put cite detail"
        " conclude declare maintain testify explain argue stress describe count tally record assert affirm"
        " assure accuse urge recommend propose"
    )
)


@dataclass(frozen=True)
class CreditRow:
    id: str
    precedence: int
    means: str
    examples: tuple[tuple[str, int, str], ...]  # (sentence, figure, the source it names)
    find: Callable[[Token], Token | None]  # from the number to the source's head


def _ancestors(token: Token) -> Iterator[Token]:
    yield token
    yield from token.ancestors


_CITE_LEMMAS = word_set("cite quote")


def _citing(number: Token) -> Token | None:
    """Whom the sentence cites: "..., ANI reported, quoting government sources", "Interfax
    followed by citing defense ministry officials as saying that ..."."""
    for verb in _ancestors(number):
        reporting = _reporting_clause(verb, number)  # "..., ANI reported, quoting government sources"
        clauses = [verb] if reporting is None else [verb, reporting]
        cited = [verb] if verb.lemma_.lower() in _CITE_LEMMAS and verb.pos_ == "VERB" else []
        cited += [
            c
            for clause in clauses
            for c in clause.children
            if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _CITE_LEMMAS
        ]
        for cite in cited:
            whom = next((g for g in cite.children if g.dep_ == "dobj"), None)
            if whom is not None:
                return whom
    return None


def _according_to(number: Token) -> Token | None:
    """The object of the "according to" the number's clause hangs from, or else of the
    sentence's one "according to" outside any quotation (the parser often attaches it
    to another verb of the sentence)."""
    for head in _ancestors(number):
        found = next((o for o in map(according_object, head.children) if o is not None), None)
        if found is not None:
            return found
    phrases = [t for t in number.sent if according_object(t) is not None and number not in t.subtree]
    return according_object(phrases[0]) if len(phrases) == 1 else None


def _possessive(number: Token) -> Token | None:
    noun = counted_noun(number) or number
    for head in _ancestors(noun):
        if head.lemma_.lower() in ESTIMATE_NOUNS:
            return owner_of(head)
    return None


# How what is said hangs from the verb that says it: "said (that) ...", "claims to have
# killed ...", "..., the ministry said". Not its object ("claimed responsibility for an
# attack which involved 300 militants": the figure is not what was claimed).
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "conj"})


def _subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, passing over a dateline the parser took for one
    ("Baghdad (IraqiNews.com) – The Turkish Ministry of Defence announced"); a clause with
    none shares the subject of the verb it hangs from ("the army said ..., adding that",
    "Kabul disputed the account, claiming that"), and "X was quoted as saying" is X's."""
    start = dateline_end(verb.doc)
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i >= start), None)
        if subject is None and verb.lemma_.lower() == "quote":
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i >= start), None)
        if subject is not None and verb.dep_ == "relcl" and subject.lower_ in ("which", "that", "who"):
            return _antecedent_of(verb.head)
        if subject is not None or verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp") or verb.head == verb:
            return subject
        verb = verb.head if verb.dep_ != "pcomp" else verb.head.head
    return None


def _antecedent_of(noun: Token) -> Token:
    """Who a relative clause's "which" or "who" speaks for: the noun it hangs from
    ("officials who said"), or for a document, whoever issued it ("the ministry issued a
    statement which said": the ministry)."""
    if noun.lemma_.lower() not in ESTIMATE_NOUNS:
        return noun
    owner = owner_of(noun)
    verb = noun.head
    issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if noun.dep_ == "dobj" else None
    issued = verb.lemma_.lower() in ISSUE_LEMMAS | {"make"}
    return owner or (issuer if issued and issuer is not None else noun)


def _inner_speaker(verb: Token, came_from: Token) -> Token | None:
    """In "..., the Syrian Observatory reported on Thursday, Reuters reports" the parser
    hangs both the figure's clause and the nearer report from the outer verb: the report
    between them is the origin (the outer speaker relays it)."""
    for child in verb.children:
        if (
            child.dep_ in ("ccomp", "parataxis")
            and came_from.i < child.i < verb.i
            and child.lemma_.lower() in SPEECH_LEMMAS
            and max(t.i for t in came_from.subtree) < child.i
        ):
            return _subject_of(child)
    return None


_REPORTING_DEPS = frozenset({"parataxis", "ccomp", "advcl", "acl", "conj", "relcl"})


def _reporting_clause(verb: Token, number: Token) -> Token | None:
    """A verb of saying that hangs from the figure's clause instead of above it, as the
    parser often reads a trailing or an "as" clause: "230 police arrived on Monday,
    Haiti's national police said", "Uganda has offered 1,500 troops, Jendayi Frazer told
    a subcommittee", "As the Ministry of Defense announced, 200 soldiers will ...". It
    must only report: no clause of its own, no "and" or "but" before it."""
    for c in verb.children:
        if c.dep_ not in _REPORTING_DEPS or c.lemma_.lower() not in SPEECH_LEMMAS:
            continue
        as_clause = any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
        own = any(g.dep_ in ("ccomp", "xcomp") for g in c.children)
        joined = any(g.dep_ == "cc" and number.i < g.i < c.i for g in verb.children)
        trailing = c.i > number.i and not own and not joined
        # "came as Mr Bush insisted there were ...": an "as" clause with content of its own
        # says something else
        if ((as_clause and not own) or trailing) and _subject_of(c) is not None:
            return c
    return None


def _speech_subject(number: Token) -> Token | None:
    came_from = number
    for verb in number.ancestors:
        if _quoted_under_a_speaker(verb):
            came_from = verb  # '"... to believe 150,000 ...," he said': the quotation is his
            continue
        bare_participle = verb.tag_ == "VBN" and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") and c.lower_ != "to" for c in verb.children
        )  # "grows to (an) estimated 16,000 troops": how the figure is given, not who says it
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_LEMMAS and not bare_participle:
            # what is said ("said that ..."), reported or confirmed ("confirmed three
            # soldiers dead", "put the toll at 300"), but not a figure inside a clause of
            # the object ("claimed responsibility for an attack that involved 300")
            clause_between = any(
                t.pos_ in ("VERB", "AUX") and t.dep_ not in ("pcomp", "xcomp")  # "admitted to losing 7"
                for t in _between(number, came_from)
            )
            # "India maintained its soldiers there as there were 350": a reason, not what was
            # said; but "..., while 25 were killed, said a spokesperson" reports it
            subordinate = (
                came_from.dep_ == "advcl" and verb.i < came_from.i and any(c.dep_ == "mark" for c in came_from.children)
            )
            # "detailed reports that 190,000 ...", "informed a meeting that 100 ...": a report
            # or an addressee whose clause the parser hangs from the object
            carried = came_from.dep_ == "dobj" and (
                came_from.lemma_.lower() in ESTIMATE_NOUNS or verb.lemma_.lower() in _ADDRESSING_LEMMAS
            )
            content = (
                (came_from.dep_ in _CONTENT_DEPS and not subordinate)
                or (came_from.dep_ in ("dobj", "prep") and not clause_between)
                or carried
            )
            if verb.lemma_.lower() in _FINDING_LEMMAS and came_from.dep_ != "ccomp":
                content = False  # "U.S. intelligence found that ...", not "troops found 30 bodies"
            if verb.lemma_.lower() in _PLEDGING_LEMMAS and came_from.dep_ != "xcomp":
                content = False  # "Nairobi has pledged to send 1,000", not "Chad pledged 1,200 troops, X told"
            if not content:
                return None
            subject = _inner_speaker(verb, came_from) or _subject_of(verb)
            return subject if subject is not None and number not in subject.subtree else None
        said = _reporting_clause(verb, number)
        if said is not None:
            return _subject_of(said)
        came_from = verb
    return None


def _quoted_under_a_speaker(verb: Token) -> bool:
    """Whether ``verb`` is a verb of saying inside a quotation that a verb of saying
    outside it reports: the quotation's words are its speaker's."""
    text = verb.doc.text
    if verb.lemma_.lower() not in SPEECH_LEMMAS or open_quotation(text[: verb.idx]) is None:
        return False
    return any(
        above.lemma_.lower() in SPEECH_LEMMAS and open_quotation(text[: above.idx]) is None for above in verb.ancestors
    )


def _between(low: Token, high: Token) -> Iterator[Token]:
    """The heads on the way from ``low`` up to ``high``, both left out."""
    if low == high:
        return
    for token in low.ancestors:
        if token == high:
            return
        yield token


ROWS: tuple[CreditRow, ...] = (
    CreditRow(
        "credit.citing",
        10,
        "the object of 'citing': the origin, whoever passes it on",
        (
            (
                "Citing the Syrian Observatory, Reuters reported that 5,000 soldiers had crossed.",
                5000,
                "Syrian Observatory",
            ),
        ),
        _citing,
    ),
    CreditRow(
        "credit.according-to",
        20,
        "the object of 'according to'",
        (
            (
                "According to Ukraine's military intelligence, 12,000 soldiers have arrived.",
                12000,
                "Ukraine's military intelligence",
            ),
            (
                "Two soldiers were killed, bringing the toll to 19, according to a statement released by the Second"
                " Army Area.",
                19,
                "Second Army Area",
            ),
            (
                "According to Israeli Defense Forces estimates, 3,500 fighters have been killed.",
                3500,
                "Israeli Defense Forces",
            ),
            ("Some 900 soldiers were posted there as per the Army's records, and 400 have left.", 900, "Army"),
        ),
        _according_to,
    ),
    CreditRow(
        "credit.possessive",
        40,
        "the owner of an estimate, tally or report",
        (
            ("The Pentagon's estimate of 10,000 troops was higher than Kyiv's.", 10000, "Pentagon"),
            ("The army disputed NATO figures showing that 2,000 soldiers had died.", 2000, "NATO"),
        ),
        _possessive,
    ),
    CreditRow(
        "credit.speech-subject",
        18,
        "the subject of the verb of saying the figure's clause hangs from",
        (
            (
                "About 10,000 troops are expected in Russia, Pentagon spokeswoman Sabrina Singh said.",
                10000,
                "Pentagon spokeswoman Sabrina Singh",
            ),
            ("Zelensky told reporters that 11,000 soldiers were in Kursk.", 11000, "Zelensky"),
            # "which" speaks for the document it describes, and the document for its issuer
            ("The Defence Ministry issued a statement which said that 400 soldiers had left.", 400, "Defence Ministry"),
        ),
        _speech_subject,
    ),
)


@dataclass(frozen=True)
class ParsedCredit:
    name: str | None  # None: ``anaphor`` stands for a source an earlier sentence names
    rule: str
    via: str | None = None  # who passes it on: "Park said the NIS revealed that 3,000 ..."
    anaphor: str | None = None  # "he", "the ministry"


# A definite description that points back to a source named before ("the ministry said").
_POINTING_NOUNS = word_set(
    "ministry agency group statement report official spokesman spokeswoman spokesperson paper newspaper"
    " document communique release note officials sources analysts diplomats experts president minister general"
    " commander governor premier pm"
)


# The pronouns that stand for a source named before; "he" and "she" for a person.
_PRONOUN_ANAPHORS = frozenset({"he", "she", "it", "they"})


def _anaphor(head: Token) -> str | None:
    """ "he", "they", "the ministry": words that stand for a source named before."""
    if head.pos_ == "PRON" and head.lower_ in _PRONOUN_ANAPHORS:
        return head.lower_
    modifiers = [c for c in head.children if c.i < head.i]
    if (
        head.pos_ in ("NOUN", "PROPN")
        and head.lower_ in _POINTING_NOUNS
        and modifiers
        and all((c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or c.lower_ == "prime" for c in modifiers)
        and any(c.dep_ == "det" for c in modifiers)
    ):
        return head.doc[modifiers[0].i : head.i + 1].text.lower()
    return None


_PERSON_PRONOUNS = frozenset({"he", "she"})


def _antecedent_in_sentence(pronoun: Token) -> Token | None:
    """Who a subject pronoun stands for within its own sentence: the speaker of the verb
    of saying it reports to ("The ministry said it had recorded 40 casualties"), or else
    the nearest named subject or owner before it of the pronoun's kind ("Israel's count
    differs, as it says ..."); None when the sentence names no one."""
    for verb in pronoun.head.ancestors:
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_LEMMAS:
            subject = _subject_of(verb)
            if subject is not None and subject.pos_ != "PRON":
                return subject
            break
    kinds = ("PERSON",) if pronoun.lower_ in _PERSON_PRONOUNS else ("ORG", "GPE", "NORP")
    named = [
        t
        for t in pronoun.doc[: pronoun.i]
        if t.pos_ == "PROPN" and t.ent_type_ in kinds and t.dep_ in ("nsubj", "poss") and t.i >= dateline_end(t.doc)
    ]
    return named[-1] if named else None


def _attachment(chain: list[Token], head: Token) -> int:
    """How far up the number's chain of heads ``head`` hangs: the depth of the nearest
    head they share. The nearest source governs the figure ("While the Pentagon insists
    it sent 503 troops, a report by the DMDC puts the number at 1,720")."""
    above = {t.i for t in (head, *head.ancestors)}
    return next((d for d, t in enumerate(chain) if t.i in above), len(chain))


def _speaker_above(verb: Token) -> Token | None:
    """The subject of the verb of saying whose reported content ``verb`` is: who relays
    what it says ("Park said the NIS revealed that ..."); never across "while" or "and"."""
    while verb.dep_ in ("ccomp", "xcomp", "parataxis") and verb.head != verb:
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_LEMMAS:
            return _subject_of(verb)
    return None


_CONDUIT_LEMMAS = word_set("see obtain review quote cite")


def _conduit(document: Token) -> Token | None:
    """Who saw or quoted a document ("a UN experts report seen by AFP"): its go-between."""
    seen = next((c for c in document.children if c.dep_ == "acl" and c.lemma_.lower() in _CONDUIT_LEMMAS), None)
    by = next((c for c in seen.children if c.dep_ == "agent"), None) if seen is not None else None
    return next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None


def credit_from_parse(sentence: str, figure: int) -> ParsedCredit | None:
    """The source ``sentence`` credits ``figure`` to: of the rows that fit, the one whose
    source hangs nearest the number, then by precedence; None when none fits. A pronoun
    or a definite description found there is returned as the anaphor it is."""
    doc = parse(sentence)
    for start, end in figure_spans(sentence, figure) or stated_spans(sentence, figure):
        number = number_token(doc, start, end)
        if number is None:
            continue
        chain = [number, *number.ancestors]
        fits = [(row, head) for row in ROWS if (head := row.find(number)) is not None]
        fits.sort(key=lambda fit: (_attachment(chain, fit[1]), fit[0].precedence))
        for row, head in fits:
            found = _credit_at(row, head)
            if found is not None:
                return found  # the nearest row that names someone, or points back to them
    return None


def _credit_at(row: CreditRow, head: Token) -> ParsedCredit | None:
    """What the source ``row`` found at ``head`` names: a pronoun its own sentence resolves
    ("The ministry said it had recorded 40"), an unnamed subject's named speaker ("A
    senior NATO officer says the alliance estimates ..."), a name or a description, or
    an anaphor for the sentences before; None when it names nobody."""
    anaphor = _anaphor(head)
    if anaphor in _PRONOUN_ANAPHORS and (antecedent := _antecedent_in_sentence(head)) is not None:
        head, anaphor = antecedent, None
    name = None if anaphor else source_phrase(head)
    if name is None and anaphor is None and head.dep_ == "nsubj":
        speaker = _speaker_above(head.head)
        if speaker is not None and (name := source_phrase(speaker)) is not None:
            head = speaker
    if name is None and anaphor is None:
        return None
    relay = _conduit(head)  # "a UN experts report seen by AFP"
    if relay is None and row.id == "credit.citing":
        relay = _subject_of(head.head)  # who cites passes it on
    elif relay is None and head.dep_ in ("nsubj", "nsubjpass"):
        relay = _speaker_above(head.head)  # "Park said the NIS revealed that ..."
    via = source_name(relay) if relay is not None and relay.i != head.i else None
    return ParsedCredit(name, row.id, via=via if via != name else None, anaphor=anaphor)


def _in_sentence(
    text: str, spans: list[tuple[int, int]], i: int, fig_start: int, fig_end: int, figure: int
) -> Credit | None:
    """Who the figure's own sentence credits it to: the table's rows over the parse, else
    the remaining text forms (for the sentences the parser breaks)."""
    sentence = text[spans[i][0] : spans[i][1]]
    previous = text[spans[i - 1][0] : spans[i - 1][1]] if i > 0 else ""
    parsed = credit_from_parse(sentence, figure)
    if parsed is not None and parsed.anaphor:
        return Credit(name=None, anaphor=parsed.anaphor, rule=parsed.rule)
    if parsed is not None and parsed.name:
        credit = credit_named(parsed.name)
        if credit.name or credit.descriptor:
            if parsed.via and credit.via is None:
                credit = replace(credit, via=parsed.via)
            relayed = outlet_as_go_between(sentence, credit, previous) if credit.name else credit
            return replace(relayed, rule=parsed.rule)
    cascade = credit_in(sentence, fig_start, fig_end, previous)
    phrase = cascade.name or cascade.descriptor if cascade is not None else None
    return None if phrase and not reads_as_a_name(phrase) else cascade


def read_credit(
    text: str, start: int, end: int, figure: int, *, spans: list[tuple[int, int]]
) -> tuple[Credit | None, str | None]:
    """Who the article credits ``figure`` (stated in ``text[start:end]``) to, and the rule
    that read it: the figure's sentence first (:func:`_in_sentence`), then the forms of
    :mod:`summarizer.text.attribution` that look at the sentences around it; (None, None)
    when nothing does."""
    credit = credit_for(text, start, end, figure, spans=spans, in_sentence=_in_sentence)
    if credit is None:
        return None, None
    return credit, credit.rule or "text.unnamed"
