"""Who a sentence credits a figure to, read from its parse: a table of named patterns.

Each row has an id, a precedence (the first that finds a source decides), what it means
and examples, and finds the source's head token from the number's parse:

- ``credit.citing``: "Citing intelligence sources, Reuters reported ..." (the cited is the
  origin; whoever cites only passes it on);
- ``credit.according-to``: "according to Ukraine's military intelligence";
- ``credit.passive-agent``: "were counted by the UN mission";
- ``credit.possessive``: "the Pentagon's estimate of 10,000 troops";
- ``credit.speech-subject``: the subject of the verb of saying the figure's clause hangs
  from ("..., Pentagon spokeswoman Sabrina Singh said", "Zelensky told reporters that").

A pronoun or a bare common noun ("he", "officials") is no name: the row finds nothing
and the figure is left to the text rules of :mod:`summarizer.text.attribution`, which this
table backs up where those find no credit form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from summarizer.text.attribution import Credit, credit_for, credit_named
from summarizer.text.counts import counted_noun, number_token
from summarizer.text.numbers import figure_spans, stated_spans
from summarizer.text.parse import parse
from summarizer.text.vocabulary import GROUP_WORDS, TITLE_ABBREVIATIONS, TITLES, word_set

# Verbs of saying, as lemmas: what a source does with a figure.
SPEECH_LEMMAS = word_set(
    "say report note reveal confirm claim disclose estimate tell state indicate announce warn believe assess add"
    " write inform admit acknowledge insist put cite detail conclude declare maintain testify brief explain"
    " argue stress describe count tally record assert affirm"
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
    " aide insider monitor"
)
# Who an unnamed source is with: "sources in the Russian Defense Ministry".
_SOURCE_NOUNS = word_set("source official officer spokesman spokeswoman spokesperson analyst diplomat aide")
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


def _citing(number: Token) -> Token | None:
    for verb in _ancestors(number):
        for child in verb.children:
            if child.dep_ == "advcl" and child.lemma_.lower() == "cite":
                return next((g for g in child.children if g.dep_ == "dobj"), None)
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
                return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


# How what is said hangs from the verb that says it: "said (that) ...", "claims to have
# killed ...", "..., the ministry said". Not its object ("claimed responsibility for an
# attack which involved 300 militants": the figure is not what was claimed).
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "conj"})


def _speech_subject(number: Token) -> Token | None:
    came_from = number
    for verb in number.ancestors:
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_LEMMAS:
            if came_from.dep_ not in _CONTENT_DEPS:
                return None
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subject if subject is not None and number not in subject.subtree else None
        came_from = verb
    return None


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
        45,
        "the subject of a verb that raises, revises or puts a count",
        (
            ("Armenia has raised the number of its troops killed in the fighting to 2,425.", 2425, "Armenia"),
            ("The Defence Ministry put the death toll at 300 soldiers.", 300, "Defence Ministry"),
        ),
        _count_giver,
    ),
    CreditRow(
        "credit.speech-subject",
        50,
        "the subject of the verb of saying the figure's clause hangs from",
        (
            (
                "About 10,000 troops are expected in Russia, Pentagon spokeswoman Sabrina Singh said.",
                10000,
                "Sabrina Singh",
            ),
            ("Zelensky told reporters that 11,000 soldiers were in Kursk.", 11000, "Zelensky"),
        ),
        _speech_subject,
    ),
)


@dataclass(frozen=True)
class ParsedCredit:
    name: str
    rule: str


def credit_from_parse(sentence: str, figure: int) -> ParsedCredit | None:
    """The source ``sentence`` credits ``figure`` to by the first row that names one, or
    None (no row fits, or the one that fits finds a pronoun or a bare common noun)."""
    doc = parse(sentence)
    for start, end in figure_spans(sentence, figure) or stated_spans(sentence, figure):
        number = number_token(doc, start, end)
        if number is None:
            continue
        for row in sorted(ROWS, key=lambda r: r.precedence):
            head = row.find(number)
            if head is None:
                continue
            name = source_name(head) or described_source(head)
            if name is not None:
                return ParsedCredit(name, row.id)
            break  # the row that fits decides; a pronoun there is no other row's to name
    return None


def source_name(head: Token) -> str | None:
    """The source's name around its head ("Pentagon spokeswoman Sabrina Singh", "Ukraine's
    military intelligence"), or None for a pronoun or a common noun standing alone. A
    name in apposition is the one given ("Two NATO member states, the United Kingdom and
    Germany"); a document's owner is its source ("the CIA assessment", "Mr Danja's
    statement"); a dateline is nobody ("TEHRAN, Iran -- U.S. officials say")."""
    if head.pos_ == "PRON":
        return None
    appositive = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if appositive is not None:
        head = appositive
    if head.lemma_.lower() in ESTIMATE_NOUNS:
        owner = _owner(head) or next((c for c in head.children if c.dep_ == "compound"), None)
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = owner or (next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None)
        if owner is None:
            return None
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
                or (child.dep_ == "prep" and child.lower_ == "of" and token is head)
                or (
                    child.dep_ == "prep"
                    and child.lower_ in ("in", "at", "from", "with")
                    and token is head
                    and _unnamed(head)
                )
                or (child.dep_ == "pobj" and token.dep_ == "prep" and token.head is head)
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
    person = _person(tokens)
    return person or head.doc[tokens[0].i : tokens[-1].i + 1].text


def _unnamed(head: Token) -> bool:
    """Whether ``head`` is an unnamed source ("sources in the ministry"), whose
    prepositional phrase says who they are."""
    return head.lemma_.lower() in _SOURCE_NOUNS


def described_source(head: Token) -> str | None:
    """An unnamed source as the text words it ("two senior defence officials" -> "senior
    defence officials", "media reports", "sources in the ministry"), or None when the
    head is no word for a source (a pronoun, "the move")."""
    if head.pos_ != "NOUN" or not ({head.lower_, head.lemma_.lower()} & _DESCRIBED):
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
    (Xinhua) --"): the dash after a first word in capitals; 0 when there is none."""
    if not doc or not (doc[0].is_upper and len(doc[0]) > 2):
        return 0
    dash = next((t.i for t in doc[:12] if t.text in ("--", "—", "–", "-")), None)
    return dash + 1 if dash is not None else 0


def _person(tokens: list[Token]) -> str | None:
    """The own name after a title or what a body is ("security adviser John Maluk" ->
    "John Maluk", "CRPF DG R R Bhatnagar" -> "R R Bhatnagar", "militant group al-Shabab"
    -> "al-Shabab"): the proper nouns after the last such word, when there are any."""
    titles = [
        i
        for i, t in enumerate(tokens)
        if t.lower_ in TITLES or t.lower_ in GROUP_WORDS or t.lower_.rstrip(".") in TITLE_ABBREVIATIONS
    ]
    if not titles or titles[-1] == len(tokens) - 1:
        return None
    rest = tokens[titles[-1] + 1 :]
    if not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in rest):
        return None
    return rest[0].doc[rest[0].i : rest[-1].i + 1].text


def read_credit(
    text: str, start: int, end: int, figure: int, *, spans: list[tuple[int, int]]
) -> tuple[Credit | None, str | None]:
    """Who the article credits ``figure`` (stated in ``text[start:end]``) to, and the rule
    that read it: the text forms of :mod:`summarizer.text.attribution` first (their ``text.*`` ids),
    then this table's rows where those find none; (None, None) when neither does."""
    credit = credit_for(text, start, end, figure, spans=spans)
    if credit is not None:
        return credit, credit.rule or "text.unnamed"
    at = next(((a, b) for a, b in spans if a <= start < b), None)
    parsed = credit_from_parse(text[at[0] : at[1]], figure) if at is not None else None
    if parsed is None:
        return None, None
    credit = credit_named(parsed.name)
    if credit.name is None and credit.descriptor is None:
        return None, None  # a phrase that names no source after all
    return replace(credit, rule=parsed.rule), parsed.rule
