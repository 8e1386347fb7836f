"""Who a sentence credits a figure to, read from its parse: a table of named patterns.

Each row has an id, a precedence, what it means and examples, and finds the source's head
token from the number's parse. Of the rows that fit, the one whose source hangs nearest
the number decides ("While Ruritania insists it sent 503 troops, a report by the DMDC
puts the number at 1,720": each figure its own source), then the precedence:

- ``credit.citing``: "..., ANI reported, quoting government sources" (the cited is the
  origin; whoever cites only passes it on);
- ``credit.passive-agent``: "were counted by the UN mission";
- ``credit.count-giver``: "Armenia has raised the number of its troops killed to 2,425";
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

:func:`read_credit` asks the "according to" forms of :mod:`summarizer.text.attribution`
first (measured: the text's own comma-delimited phrase names the source more precisely),
then this table, then the text forms that are left: those for sentences the parser
breaks, and those that look at the sentences around the figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from summarizer.text.attribution import credit_for, credit_in, open_quotation, outlet_as_go_between
from summarizer.text.counts import counted_noun, number_token
from summarizer.text.numbers import figure_spans, stated_spans
from summarizer.text.parse import parse
from summarizer.text.sources import Credit, credit_named
from summarizer.text.vocabulary import BODY_NAME_WORDS, GROUP_WORDS, NAME_WORDS, TITLE_ABBREVIATIONS, TITLES, word_set

# Verbs of saying, as lemmas: what a source does with a figure.
SPEECH_LEMMAS = word_set(
    "say report note reveal confirm claim disclose estimate tell state indicate announce warn believe assess add"
    " write inform admit acknowledge insist put cite detail conclude declare maintain testify brief explain"
    " argue stress describe count tally record assert affirm assure accuse find show"
)
# What a source issues: "the Pentagon's estimate", "the ministry's figures".
ESTIMATE_NOUNS = word_set(
    "estimate tally figure count report assessment data datum statistic statistics statement toll number claim"
)
# What issues a count, passive ("the number given by the Pentagon", "figures released by
# the army") or active with the count as object ("Armenia raised the number ... to 2,425",
# "the ministry put the toll at 300").
ISSUE_LEMMAS = word_set("give provide release publish issue list furnish compile")
REVISE_LEMMAS = word_set("raise revise put update lower increase reduce set place")
# Words for sources left unnamed: "officials said", "according to media reports".
_DESCRIBED = word_set(
    "official source report media analyst expert observer diplomat spokesman spokeswoman spokesperson authority"
    " aide insider monitor military army government administration rebel resident witness statement release"
    " ministry officer"
)
# Who an unnamed source is with: "sources in the Russian Defense Ministry".
_SOURCE_NOUNS = word_set("source official officer spokesman spokeswoman spokesperson analyst diplomat aide")
_NAME_ENTITIES = frozenset({"ORG", "GPE", "NORP", "PERSON", "FAC"})
_NAME_DEPS = frozenset({"compound", "amod", "poss", "case", "nmod", "flat", "nummod", "det"})


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
        cited = [verb] if verb.lemma_.lower() in _CITE_LEMMAS and verb.pos_ == "VERB" else []
        reporting = _reporting_clause(verb, number)  # "..., ANI reported, quoting government sources"
        for clause in (verb, reporting) if reporting is not None else (verb,):
            cited += [c for c in clause.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _CITE_LEMMAS]
        for cite in cited:
            whom = next((g for g in cite.children if g.dep_ == "dobj"), None)
            if whom is not None:
                return whom
    return None


def _according_object(according: Token) -> Token | None:
    to = next((g for g in according.children if g.lower_ == "to"), None)
    return next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None


def _according_to(number: Token) -> Token | None:
    """The object of the "according to" the number's clause hangs from, or else of the
    sentence's one "according to" outside any quotation (the parser often attaches it
    to another verb of the sentence)."""
    for head in _ancestors(number):
        for child in head.children:
            if child.lower_.endswith("according"):  # "(Gazeta.Ru)–According": a dash the tokenizer kept
                return _according_object(child)
    phrases = [t for t in number.sent if t.lower_.endswith("according") and number not in t.subtree]
    return _according_object(phrases[0]) if len(phrases) == 1 else None


def _passive_agent(number: Token) -> Token | None:
    for verb in _ancestors(number):
        by = next((c for c in verb.children if c.dep_ == "agent"), None)
        if by is not None and verb.lemma_.lower() in SPEECH_LEMMAS | ISSUE_LEMMAS:
            return next((g for g in by.children if g.dep_ == "pobj"), None)
    return None


def _owner(document: Token) -> Token | None:
    """Whose ``document`` is: "the Pentagon's estimate", "claims from Moscow", "a report
    by The Washington Post"."""
    by = next((c for c in document.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    issued = next((c for c in document.children if c.dep_ == "acl" and c.lemma_.lower() in ISSUE_LEMMAS), None)
    if by is None and issued is not None:  # "a statement released by the army"
        by = next((c for c in issued.children if c.dep_ == "agent"), None)
    author = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    # "IDF estimates", "the Pentagon's tally"; not a date ("December 1 statistics by X")
    owner = next(
        (c for c in document.children if c.dep_ in ("poss", "nmod") and c.ent_type_ not in ("DATE", "TIME")), None
    )
    return author or owner


def _possessive(number: Token) -> Token | None:
    noun = counted_noun(number) or number
    for head in _ancestors(noun):
        if head.lemma_.lower() in ESTIMATE_NOUNS:
            return _owner(head)
    return None


def _count_giver(number: Token) -> Token | None:
    for verb in _ancestors(number):
        if verb.pos_ == "VERB" and verb.lemma_.lower() in REVISE_LEMMAS:
            count = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if count is not None and count.lemma_.lower() in ESTIMATE_NOUNS:
                giver = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                # "Armenia raised the number", not "The attack raised the toll to 30"
                source = giver is not None and (
                    giver.pos_ in ("PROPN", "PRON")
                    or bool(giver.ent_type_)
                    or giver.lemma_.lower() in ESTIMATE_NOUNS | _DESCRIBED
                )
                return giver if source else None
    return None


# Verbs whose object is who is told: "Singh informed an all-party meeting that ...".
_ADDRESSING_LEMMAS = word_set("tell inform brief warn")
# Verbs that report a finding only with a clause: "U.S. intelligence found that ...".
_FINDING_LEMMAS = word_set("find show")

# How what is said hangs from the verb that says it: "said (that) ...", "claims to have
# killed ...", "..., the ministry said". Not its object ("claimed responsibility for an
# attack which involved 300 militants": the figure is not what was claimed).
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "conj"})


def _subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, passing over a dateline the parser took for one
    ("Baghdad (IraqiNews.com) – The Turkish Ministry of Defence announced"); a clause with
    none shares the subject of the verb it hangs from ("the army said ..., adding that",
    "Kabul disputed the account, claiming that"), and "X was quoted as saying" is X's."""
    start = _dateline_end(verb.doc)
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i >= start), None)
        if subject is None and verb.lemma_.lower() == "quote":
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i >= start), None)
        if subject is not None or verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp") or verb.head == verb:
            return subject
        verb = verb.head if verb.dep_ != "pcomp" else verb.head.head
    return None


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
        if (as_clause or trailing) and _subject_of(c) is not None:
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
        ),
        _according_to,
    ),
    CreditRow(
        "credit.passive-agent",
        15,
        "the agent of a passive verb of counting or saying",
        (
            ("Some 3,000 troops were counted by the UN mission.", 3000, "UN mission"),
            ("It is above the official number given by the Pentagon of 14,765 troops.", 14765, "Pentagon"),
        ),
        _passive_agent,
    ),
    CreditRow(
        "credit.possessive",
        40,
        "the owner of an estimate, tally or report",
        (("The Pentagon's estimate of 10,000 troops was higher than Kyiv's.", 10000, "Pentagon"),),
        _possessive,
    ),
    CreditRow(
        "credit.count-giver",
        16,
        "the subject of a verb that raises, revises or puts a count",
        (
            ("Armenia has raised the number of its troops killed in the fighting to 2,425.", 2425, "Armenia"),
            ("The Defence Ministry put the death toll at 300 soldiers.", 300, "Defence Ministry"),
        ),
        _count_giver,
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
    " document communique release officials sources analysts diplomats experts president minister general"
    " commander governor premier pm"
)


def _anaphor(head: Token) -> str | None:
    """ "he", "they", "the ministry": words that stand for a source named before."""
    if head.pos_ == "PRON" and head.lower_ in ("he", "she", "it", "they"):
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
        if t.pos_ == "PROPN" and t.ent_type_ in kinds and t.dep_ in ("nsubj", "poss") and t.i >= _dateline_end(t.doc)
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
            anaphor = _anaphor(head)
            if anaphor in ("he", "she", "it", "they") and (antecedent := _antecedent_in_sentence(head)) is not None:
                head, anaphor = antecedent, None
            name = None if anaphor else source_name(head, titled=True) or described_source(head)
            if name is None and anaphor is None and head.dep_ == "nsubj":
                # "A senior NATO officer says the alliance estimates that ...": the body left
                # unnamed is the one its named speaker speaks for
                speaker = _speaker_above(head.head)
                name = source_name(speaker, titled=True) or described_source(speaker) if speaker else None
                head = speaker if name is not None and speaker is not None else head
            if name is None and anaphor is None:
                continue
            relay = _speaker_above(head.head) if head.dep_ in ("nsubj", "nsubjpass") else None
            if row.id == "credit.citing":
                relay = _subject_of(head.head)  # who cites passes it on
            relay = _conduit(head) or relay
            via = source_name(relay) if relay is not None and relay.i != head.i else None
            return ParsedCredit(name, row.id, via=via if via != name else None, anaphor=anaphor)
    return None


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
        owner = _owner(head) or compound
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = owner or (next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None)
        if owner is None:
            return None
        if owner == compound and owner.lower_ in NAME_WORDS and not any(owner.children):
            return f"{owner.text} {head.text}"  # "Government figures": a document, its owner unnamed
        if owner.pos_ == "PRON":
            return None  # "Our estimates show ...": whoever says "our"
        head = owner
    if head.i < _dateline_end(head.doc):
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
    if not any(t.pos_ == "PROPN" or (t.text[:1].isupper() and t.i > 0) for t in tokens):
        return None  # "officials", "Analysts said": described, not named
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


def _a_place(preposition: Token) -> bool:
    """Whether the object of ``preposition`` is a place rather than a body."""
    obj = next((g for g in preposition.children if g.dep_ == "pobj"), None)
    return obj is not None and (obj.ent_type_ in ("GPE", "LOC") or obj.lower_ in ("region", "area"))


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
    document = head.lemma_.lower() in ESTIMATE_NOUNS and any(
        c.dep_ in ("amod", "compound") and c.i < head.i for c in head.children
    )  # "official figures", "a press release"
    if any(c.lower_ == "same" for c in head.children):
        return None  # "the same report": one named before
    if head.pos_ != "NOUN" or not ({head.lower_, head.lemma_.lower()} & _DESCRIBED or document):
        return None  # "the agency", "the group": a body the text named before, not an unnamed source
    if head.i < _dateline_end(head.doc):
        return None
    kept = [head]
    for child in head.children:
        modifier = child.dep_ in ("amod", "compound", "nmod") and child.i < head.i and child.tag_ != "VBN"
        if modifier or (child.dep_ == "prep" and _unnamed(head)):  # "sources in the ministry"
            kept.extend(child.subtree)
    tokens = sorted(kept, key=lambda t: t.i)
    return head.doc[tokens[0].i : tokens[-1].i + 1].text


def _dateline_end(doc: Doc) -> int:
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
    if not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in rest):
        return None
    return rest[0].doc[rest[0].i : rest[-1].i + 1].text


def _in_sentence(
    text: str, spans: list[tuple[int, int]], i: int, fig_start: int, fig_end: int, figure: int
) -> Credit | None:
    """Who the figure's own sentence credits it to: an "according to" phrase as the text
    sets it off, else the table's rows over the parse, else the remaining text forms."""
    sentence = text[spans[i][0] : spans[i][1]]
    previous = text[spans[i - 1][0] : spans[i - 1][1]] if i > 0 else ""
    according = "according" in sentence.lower()
    worded = credit_in(sentence, fig_start, fig_end, previous) if according else None
    if worded is not None and worded.rule in ("text.according-to", "text.according-after"):
        return worded
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
    return worded if according else credit_in(sentence, fig_start, fig_end, previous)


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
