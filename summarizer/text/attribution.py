"""Read from the article who it credits a troop figure to: the text forms.

Small models attach figures to whoever is named nearby: in "Zelensky claimed troops
would be on the battlefield, while South Korean intelligence noted that over 3,000 had
arrived", a 1.5B model credits the 3,000 to Zelensky. News copy marks attribution with
a few fixed forms. Each credit records the form that read it (``Credit.rule``), and
``make eval`` prints each form's credits right on dev and held-out:

- ``text.quote-speaker``: a figure inside a quotation is its speaker's ('"Almost 100,000
  soldiers are on the border," said Andriy Parubiy');
- ``text.according-to`` / ``text.according-after``: "According to X, ..." and "...,
  according to X.";
- ``text.speech-subject``: "X said / reported / noted ... that ... 10,000" (the nearest
  such verb before the figure decides; an earlier one is the go-between: "Park Sun-won
  said the NIS revealed that 3,000 ..." is the NIS, via Park Sun-won); a time phrase
  between subject and verb is skipped, and a headline's capitalised verb counts;
- ``text.said-after``: "... 10,000 troops ..., the US Pentagon has said.";
- ``text.headline``: "IDF: Israel Has Killed 8,000 ...", "... near Ukraine: Kiev official";
- across sentences: ``text.stated-after`` ("This was stated by X."),
  ``text.quote-closed-after`` / ``text.quote-closed-later`` (a quotation whose speaker
  is named where it closes), ``text.estimates-before`` (a hedged estimate after a
  credited one).

A pronoun ("He previously said ...") is the person the sentences before credit; a news
outlet that only relays ("according to AFP") is the go-between when the sentence also
names who spoke. A subject with no proper name ("Recent reports indicate that around
3,000") means the article names nobody. The parse table of :mod:`summarizer.text.credit`
now reads a figure's own sentence before these forms (only "according to" comes first);
the forms here answer where the parser breaks the sentence, and for the sentences around
it. Forms that decided two figures or fewer on dev and seeds were pruned (see
docs/evaluation.md): citing-after, quoting-after and document-subject went when the
parse rows took their cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from summarizer.text.analysis import analyse
from summarizer.text.candidates import troop_figures
from summarizer.text.numbers import stated_spans
from summarizer.text.parse import parse
from summarizer.text.sentences import ends_a_sentence
from summarizer.text.vocabulary import (
    AUXILIARIES,
    COUNTRY_OF,
    GENERIC_WORDS,
    GROUP_WORDS,
    HEADLINE_VERBS,
    LEADING_WORDS,
    NAME_WORDS,
    NATIONALITY,
    NOUN_LIKE_VERBS,
    TITLES,
    VAGUE_WORDS,
    VERBS_OF_SAYING,
)

# A verb of saying, after its auxiliaries: "has also said", "Pentagon Reveals".
_CUE = re.compile(rf"\b{AUXILIARIES}(?P<verb>{VERBS_OF_SAYING}|{HEADLINE_VERBS})\b")


def _noun_use(text: str, m: re.Match[str]) -> bool:
    """ "the official estimate of", "Hamas' estimated 25,000 fighters": a noun or an adjective."""
    verb = m.group("verb").lower()
    before, after = text[: m.start()], text[m.end() :]
    if verb in NOUN_LIKE_VERBS and re.match(r"\s+(?:of|by|from|for|on|in)\b", after):
        return True
    if verb in NOUN_LIKE_VERBS and re.search(r"(?:[’']s?|\b(?:a|an|the|its|their|his|her|this|that))\s+$", before):
        return True  # "the claim", "Moscow's estimate"
    return verb == "estimated" and bool(re.search(r"(?:[’']s?|\b(?:an|the|its|their|his|her))\s+$", before))


def _claims_an_attack(text: str, m: re.Match[str]) -> bool:
    """ "The Taliban claimed responsibility for an attack which involved some 300 militants":
    a claim of the attack, not of the figure."""
    return bool(re.match(r"\s+responsibility\b", text[m.end() :]))


def _headline_verb(m: re.Match[str], sentence: str) -> bool:
    """A capitalised verb ("Pentagon Reveals 2,000") outside a headline: a name ("Omar Said")."""
    return m.group("verb")[:1].isupper() and ends_a_sentence(sentence)


def _cues(text: str, sentence: str | None = None) -> Iterator[re.Match[str]]:
    """The verbs of saying in ``text`` (part of ``sentence``), without nouns that look
    like one, capitalised verbs outside a headline, and "claimed responsibility"."""
    for m in _CUE.finditer(text):
        if not (_noun_use(text, m) or _claims_an_attack(text, m) or _headline_verb(m, sentence or text)):
            yield m


# A time phrase between a subject and its verb: "The Pentagon on Thursday admitted".
_MONTH_OR_DAY = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
)
_TIME_BEFORE_VERB = re.compile(
    rf"(?:,?\s+(?:on|last|this|earlier|late|in)\s+(?:{_MONTH_OR_DAY}\.?(?:\s+\d{{1,2}})?|week|month|year|"
    r"this\s+(?:week|month)|a\s+statement|a\s+briefing)|,?\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|yesterday|today)|"
    # "Hezbollah in a new Wednesday statement claims": where it was said, not who
    r",?\s+(?:in|on|via)\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:statement|briefing|interview|post|"
    r"message|video|speech|letter|tweet|press\s+(?:release|conference)))+\s*$"
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
_OUTLET = re.compile(
    r"\b(?:news\s+agency|newspaper|outlet|broadcaster|Reuters|AFP|AP|Associated\s+Press|BBC|CNN|ABC(?:\s+News)?|"
    r"NBC|CBS|Fox\s+News|Bloomberg|ANI|PTI|Yonhap|TASS|Interfax|RIA(?:\s+Novosti)?|Al\s+Jazeera|Axios|Politico|"
    r"(?:The\s+)?(?:Washington|New\s+York|Financial|Military|Wall\s+Street|Los\s+Angeles)\s+(?:Post|Times|Journal)|"
    r"The\s+Guardian|The\s+Telegraph|The\s+Times|Kyiv\s+Independent|Times\s+of\s+Israel|Aajtak|India\s+Today|"
    r"Anadolu(?:\s+Agency)?|Xinhua|Sputnik|IRNA|Tasnim|Kurdistan\s+24|Rudaw|News\.Az|Azernews|Radio\s+Tamazuj)\b"
)
_RELAYED = re.compile(
    rf"(?:,\s*)?\b(?:according\s+to|told|(?:confirmed|said|spoke|speaking|described|explained)\s+to|quoted\s+by|cited\s+by|reported\s+by|in\s+an\s+interview\s+with)\s+"
    rf"(?:the\s+)?(?P<outlet>{_OUTLET.pattern}(?:\s+outlet)?)",
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<name>[^,;:–—]+)", re.IGNORECASE)
# What may follow "X said" at the end of a sentence: when ("earlier", "on Friday"), where
# or how ("during a briefing at Qayyarah airfield"), to whom ("told a Senate subcommittee").
_SAID_TAIL = (
    r"(?:\s+(?:reporters|journalists|earlier|later|again|today|yesterday|tonight|overnight|"
    r"\w+day(?:\s+(?:morning|afternoon|evening|night))?|(?:on|last|this)\s+\w+|"
    r"(?:in|at|during|after|before|from|on|via|by|to|through|over)\s+[^,;]{1,70}?))*"
)
_TRAILING = re.compile(
    rf",(?!\d)\s*(?P<name>[^,]+?)(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bits)(?<!\btheir)\s+{AUXILIARIES}(?:(?:{VERBS_OF_SAYING}){_SAID_TAIL}|told\s+[^,;]{{1,70}}?)\W*$"
)
_PRONOUN = re.compile(r"^(?:he|she|it|they)$", re.IGNORECASE)
# Capitalised at a sentence's start, never a source: "We believe it when we see it".
_NOT_A_NAME = frozenset(["i", "we", "you"])  # not "us": that is the US
# Who a pronoun or a bare "the statement" stands for is the speaker of an earlier
# sentence: "..., said a ministry statement. The toll is "15 soldiers killed," it said."
_ANAPHOR = re.compile(
    r"^(?:he|she|it|they|(?:(?:the|this|that)\s+)?(?:statement|report|note|source|official|spokes(?:man|woman|person)|"
    r"ministry|agency|group|paper|newspaper|document|communiqu[eé]|release)|"
    # "According to the analysts, ...": the ones the text has just named
    r"the\s+(?:officials|sources|analysts|diplomats|experts)|"
    # "..., the PM said": the office holder just named
    r"the\s+(?:prime\s+minister|PM|premier|president|minister|general|commander|governor))$",
    re.IGNORECASE,
)
# "..., a top official said Thursday, but others say ...", "..., Robert O'Brien said on
# Wednesday, offering ...": a speaker clause that another clause follows.
_TRAILING_CLAUSE = re.compile(
    rf",(?!\d)\s*(?P<name>[^,;]+?)\s+{AUXILIARIES}(?:{VERBS_OF_SAYING})(?:\s+(?:on\s+)?\w+day)?"
    rf"(?:\s*,\s*(?:but|while|and|as|though|a|an|the|[a-z]+ing|(?={_OUTLET.pattern}))|"
    # "..., the military said yesterday as government troops continue ...": no comma
    rf"\s+(?:as|while|after|amid|when|because|before)\s)\b"
)


_WORD = re.compile(r"\(?[\w.’'-]+\)?")


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


def _as(rule: str, credit: Credit | None) -> Credit | None:
    """``credit`` recorded as read by the form ``rule`` (None stays None)."""
    return None if credit is None else replace(credit, rule=rule)


# Who a sentence credits a figure in it to, by its own words: (text, the sentence spans,
# the sentence's index, the figure's offsets in it, the figure) -> a credit or None.
InSentence = Callable[[str, list[tuple[int, int]], int, int, int, int], "Credit | None"]


def _text_forms(
    text: str, spans: list[tuple[int, int]], i: int, fig_start: int, fig_end: int, figure: int
) -> Credit | None:
    return credit_in(text[spans[i][0] : spans[i][1]], fig_start, fig_end, _sentence_at(text, spans, i - 1))


def credit_for(
    text: str,
    start: int,
    end: int,
    figure: int,
    *,
    spans: list[tuple[int, int]] | None = None,
    follow: bool = True,
    in_sentence: InSentence = _text_forms,
) -> Credit | None:
    """The credit the article gives ``figure`` stated within ``text[start:end]``
    (``spans``: the text's sentence spans, when the caller has them already; ``follow``:
    whether a hedged estimate may take the credit of the estimates just before it;
    ``in_sentence``: what reads the credit the figure's own sentence gives, before the
    forms that look at the sentences around it)."""
    spans = list(analyse(text).spans) if spans is None else spans
    for i, (s, e) in enumerate(spans):
        if s <= start < e or (start <= s < end):
            sentence = text[s:e]
            hits = [p for p in stated_spans(sentence, figure) if s + p[0] >= start - 1]
            hits = hits or stated_spans(sentence, figure)
            if not hits:
                continue
            credit = in_sentence(text, spans, i, hits[0][0], hits[0][1], figure)
            if credit is None and i + 1 < len(spans):
                following = _sentence_at(text, spans, i + 1)
                credit = _as("text.stated-after", _stated_after(following)) or _as(
                    "text.quote-closed-after", _quote_closed_after(sentence, hits[0][1], following)
                )
            if credit is None:
                credit = _as("text.quote-closed-later", _quote_closed_later(text, spans, i, s + hits[0][1]))
            if credit is None and follow and _HEDGED_ESTIMATE.search(sentence):
                credit = _as("text.estimates-before", _estimates_before(text, spans, i, in_sentence))
            if credit is not None and credit.anaphor:
                fallback = _credit(credit.anaphor, None, resolve=False)
                resolved = _antecedent(text, spans, i, person=credit.anaphor)
                credit = replace(resolved or fallback, rule=credit.rule)
            return credit
    return None


# "The Wagner Group mercenaries likely suffered approximately 40,000 wounded": an
# estimate, whose maker the sentence leaves unsaid.
_HEDGED_ESTIMATE = re.compile(
    r"\b(?:likely|probably|(?:is|are|was|were)\s+(?:believed|estimated|thought)\s+to)\b", re.IGNORECASE
)


def _estimates_before(text: str, spans: list[tuple[int, int]], i: int, in_sentence: InSentence) -> Credit | None:
    """The credit of the figures of the sentence before, when it states some and names
    who gave them: a run of estimates ('According to the analysts, ... likely suffered
    50,000 killed. The Wagner Group likely suffered 20,000 killed.') is one source's."""
    if i == 0:
        return None
    start, end = spans[i - 1]
    for figure in sorted(troop_figures(text[start:end]), reverse=True):
        hits = stated_spans(text[start:end], figure)
        credit = credit_for(
            text, start + hits[0][0], start + hits[0][1], figure, spans=spans, follow=False, in_sentence=in_sentence
        )
        if credit is not None and (credit.name or credit.descriptor):
            return credit
    return None


def _sentence_at(text: str, spans: list[tuple[int, int]], j: int) -> str:
    """Sentence ``j`` of ``text``; "" before the first or after the last."""
    return text[spans[j][0] : spans[j][1]] if 0 <= j < len(spans) else ""


def _antecedent(text: str, spans: list[tuple[int, int]], i: int, person: str | None = None) -> Credit | None:
    """The speaker of the nearest of the three sentences before sentence ``i`` that
    names one: who "he" or "the statement" in sentence ``i`` is. For "he" or "she"
    (``person``), a sentence with no verb of saying names them by its first person:
    "Colonel Amir Tahir spoke in Kano. He said ..." """
    before = _subject_before(_sentence_at(text, spans, i - 1), person or "") if i > 0 else None
    if before is not None:
        return _credit(before, None)
    for j in range(i - 1, max(i - 4, -1), -1):
        sentence = _sentence_at(text, spans, j)
        # The subject of the sentence's first verb of saying ("The president said
        # assertions from the Kremlin that ..." is the president's, not the Kremlin's) ...
        for m in _cues(sentence):
            found = _subject(sentence[: m.start()]) or _pronoun_subject(sentence[: m.start()])
            if found is None:
                continue
            if _disagrees(person or "", found[1]):
                break  # "they" and "it" are no one person: look further back
            if not _ANAPHOR.match(found[1]) and (_named(found[1]) or _describe(found[1])):
                return _credit(_person_meant(person or "", found[1], sentence), None)
            break
        else:
            # ... or a form after everything ("..., said a ministry statement."), or one
            # before it ("According to an official statement by the interior ministry, ...").
            previous = _sentence_at(text, spans, j - 1)
            for at in (0, len(sentence)):
                credit = credit_in(sentence, at, at, previous)
                if credit is not None and (credit.name or credit.descriptor):
                    return credit
            named = _first_person(sentence) if person and person.lower() in ("he", "she") else None
            if named is not None:
                return _credit(named, None)
    return None


def _disagrees(pronoun: str, name: str) -> bool:
    """Whether ``pronoun`` cannot stand for ``name``: "they" and "it" are no one person
    ("Semyon Pegov", "Col. Amir Tahir": a person's name, no body's)."""
    one_person = _PERSON.fullmatch(name.strip()) is not None and not _BODY_WORD.search(name)
    return pronoun.strip().lower() in ("they", "it") and one_person


def _subject_before(sentence: str, pronoun: str) -> str | None:
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
    return name if _named(name) else None


def reports_speech(sentence: str) -> bool:
    """Whether ``sentence`` reports that someone said something: a quotation, or a verb
    of saying ("said", "told", "according to"). "The mercenaries are fighting alongside
    Russia." reports none, whoever it is about."""
    if re.search(r"[\"“”]", sentence) or _ACCORDING.search(sentence) or _REACTING.search(sentence):
        return True
    return any(True for _ in _cues(sentence))


def states_a_view(sentence: str) -> bool:
    """Whether ``sentence`` gives someone's own words or a reacting verb ("hailed",
    "urged", "raised doubts"), beyond reporting what they said happened."""
    return bool(re.search(r"[\"“”]", sentence) or _REACTING.search(sentence))


# "Rutte called it a dangerous escalation", "Sall raised doubts", "Macron hailed ...".
_REACTING = re.compile(
    r"\b(?:call(?:ed|s|ing)|describ(?:ed|es|ing)|dismiss(?:ed|es)|hail(?:ed|s)|prais(?:ed|es)|critici[sz](?:ed|es)|"
    r"slam(?:med|s)|blast(?:ed|s)|urg(?:ed|es)|vow(?:ed|s)|brand(?:ed|s)|label(?:l?ed|s)|term(?:ed|s)|"
    r"reject(?:ed|s)|denounc(?:ed|es)|welcom(?:ed|es)|pledg(?:ed|es)|promis(?:ed|es)|express(?:ed|es)|"
    r"voic(?:ed|es)|raised\s+(?:doubts|concerns?|questions)|issued\s+(?:a\s+)?(?:stark\s+)?(?:warnings?|statement))\b",
    re.IGNORECASE,
)


def sentence_speakers(sentence: str, previous: str = "") -> list[str]:
    """Who ``sentence`` says is speaking, in order, when it names them: the speaker
    after its quotation ('..." Kirby said Friday'), the subjects of its verbs of saying
    ("Russia has insisted ..., while President Biden has warned ..."), or a form after
    everything ("..., said Defence Minister X"). Empty when it names nobody."""
    credits: list[Credit | None] = []
    closing = max(sentence.rfind('"'), sentence.rfind("”"))
    if closing != -1:
        credits.append(_speaker_after_quote(sentence[closing + 1 :], previous))
    for m in _cues(sentence):
        found = _subject(sentence[: m.start()])
        quoted = found is not None and (
            _inside_quotation(sentence, found[0])
            or re.match(r"\W*[\"”]", sentence[found[0] + len(found[1]) : m.start()]) is not None
        )  # '"... of Kharkiv, Donetsk," said X': the end of a quotation, not who speaks
        if found is not None and not quoted:
            credits.append(_credit(_resolve_pronoun(found[1], previous), None))
    if not any(c is not None and c.name for c in credits):
        credits.append(credit_in(sentence, 0, 0, previous))
    out: list[str] = []
    for credit in credits:
        if credit is not None and credit.name and (credit.person or credit.name) not in out:
            out.append(credit.person or credit.name)
    return out


def _inside_quotation(sentence: str, at: int) -> bool:
    """ "'Hezbollah is hiding casualties,' he said": words inside a quotation are its
    speaker's, and the subject before them there is who they are about."""
    return open_quotation(sentence[:at]) is not None


def open_quotation(text: str) -> int | None:
    """Where the quotation still open at the end of ``text`` starts (a curly opening mark
    with no closing one after it, or the last of an odd number of straight marks); None
    when every quotation is closed."""
    opened = text.rfind("“")
    if opened != -1 and "”" not in text[opened:]:
        return opened
    return text.rfind('"') if text.count('"') % 2 == 1 else None


def _first_person(sentence: str) -> str | None:
    """The first person's name in ``sentence`` (two to four capitalised words, none a
    body's: "Colonel Amir Tahir"), or None."""
    return next((m.group(0) for m in _PERSON.finditer(sentence) if not _BODY_WORD.search(m.group(0))), None)


# A person's name: two to four capitalised words, none a body's ("Colonel Amir Tahir").
_PERSON = re.compile(r"\b(?!(?:The|A|An|In|On|At|But|And|As|After)\b)(?:[A-Z][a-z’'-]+\.?\s+){1,3}[A-Z][a-z’'-]+\b")


# "This was stated by Pentagon representative John Kirby, quoted by the BBC.", "The
# sharply revised death toll was issued Wednesday by Armenian Health Minister Arsen
# Torosian.": the sentence after a figure credits it.
_STATED_BY = re.compile(
    r"^(?:This|That|It|These\s+(?:figures|numbers)|The\s+(?:[\w-]+\s+){0,2}?(?:figures?|numbers?|toll|tally|count|"
    r"estimates?))\s+(?:was|were|has\s+been|had\s+been)\s+"
    rf"(?:{VERBS_OF_SAYING}|issued|released|given|provided|published)\s+(?:(?:on\s+)?\w+day\s+)?by\s+(?P<name>[^,;.]+?)\s*"
    r"(?:,\s*(?:quoted|cited)\s+by\s+(?P<via>[^,;.]+?))?\s*[,;.]"
)


def _quote_closed_after(sentence: str, fig_end: int, following: str) -> Credit | None:
    """A quotation that holds the figure and closes only in the next sentence
    ('"... there were over 10,000 troops. As of today ...," O'Brien said.'): its speaker."""
    opened = max(sentence.rfind("“", 0, fig_end), sentence.rfind('"', 0, fig_end))
    if (
        opened == -1
        or re.search(r"[\"”]", sentence[opened + 1 :])
        or (sentence.count('"') % 2 == 0 and "“" not in sentence)
    ):
        return None
    closing = re.search(r"[\"”]", following)
    return _speaker_after_quote(following[closing.end() :], "") if closing else None


def _quote_closed_later(text: str, spans: list[tuple[int, int]], i: int, at: int) -> Credit | None:
    """A figure inside a quotation that runs on for sentences ('"Based on the commander's
    estimate, ... So maybe their forces are down to between 20 and 40. The force is
    getting smaller," Padilla said.'): the speaker named after it closes, up to three
    sentences on."""
    before = text[spans[max(i - 3, 0)][0] : at]
    if not _inside_quotation(before, len(before)):
        return None
    for j in range(i, min(i + 4, len(spans))):
        start = at if j == i else spans[j][0]
        closing = re.search(r"[\"”]", text[start : spans[j][1]])
        if closing is not None:
            return _speaker_after_quote(text[start + closing.end() : spans[j][1]], "")
    return None


def _stated_after(following: str) -> Credit | None:
    stated = _STATED_BY.match(following.strip())
    if stated is not None:
        return _credit(stated.group("name"), stated.group("via"))
    # "Wagner's boss, Yevgeny Prigozhin, said this, adding ...", "Col. X said the fresh number of
    # casualty brought the toll to 155": whose the sentence before was.
    this = _SAID_THIS.search(following)
    found = _subject(following[: this.start()]) if this else None
    if found is None or not _named(found[1]):
        return None
    return _credit(found[1], None)


_SAID_THIS = re.compile(
    r"\b(?:said|stated|announced|claimed|wrote|disclosed|revealed)\s+(?:this|so|as\s+much|(?:that\s+)?the\s+"
    r"(?:fresh|new|latest|updated|revised|additional)\s+(?:number|toll|tally|count|figures?|casualt\w+|deaths?))\b"
)


def credit_in(sentence: str, fig_start: int, fig_end: int, previous: str) -> Credit | None:
    credit = _credit_by_form(sentence, fig_start, fig_end, previous)
    if credit is None or credit.name is None:
        return credit
    return replace(outlet_as_go_between(sentence, credit, previous), rule=credit.rule)


def _credit_by_form(sentence: str, fig_start: int, fig_end: int, previous: str) -> Credit | None:
    after = sentence[fig_end:]
    quoted = _quoted_speaker(sentence, fig_start, fig_end, previous)
    if quoted is not None:
        return _as("text.quote-speaker", quoted)
    before = sentence[:fig_start]
    # (where the subject starts, where its verb ends, the subject, the form that found it)
    cues: list[tuple[int, int, str, str]] = []
    for m in _ACCORDING.finditer(before):
        if re.match(r"(?:which|whom)\b", m.group("name")):
            continue  # "those provided by Moscow, according to which ...": the phrase before says whose
        # "According to the SDF over 2,000 ...": no comma; the name stops at the hedge
        name = re.split(
            r"\s+(?:over|about|some|nearly|almost|around|approximately|roughly|more|at\s+least|up\s+to)$",
            m.group("name").strip(),
        )[0]
        cues.append((m.start("name"), m.start("name"), _document_owner(name) or name, "text.according-to"))

    last = None  # the subject of the verb before: "X claimed responsibility ... and claimed to have killed 173"
    for m in _CUE.finditer(before):
        if _noun_use(before, m) or _headline_verb(m, sentence):
            continue
        head = re.sub(
            r"(?:\b(?:[a-z]+ly|also|later|then|again)\s+)+$", "", before[: m.start()]
        )  # "initially estimated"
        time = _TIME_BEFORE_VERB.search(head)
        head = head[: time.start()] if time else head
        found = _subject(head) or _unclosed_appositive(head) or _pronoun_in_clause(head)
        if found is None and last is not None and re.search(r"\band\s*$", head):
            found = last
        if found is None:
            continue
        last = found
        if found[1].strip().lower() in ("we", "i"):
            continue  # "We believe that 15-20 Maoists ...": the quotation's speaker, read after
        if not _claims_an_attack(before, m):
            cues.append((found[0], m.end(), _document_owner(found[1]) or found[1], "text.speech-subject"))
    cues.sort()
    if not cues:
        according = _ACCORDING_AFTER.search(after)
        if according is not None:
            name = according.group("name")
            return _as("text.according-after", _credit(_document_owner(name) or name, None))
        trailing = _TRAILING_CLAUSE.search(after) or _TRAILING.search(after) or _SAID_NAME_AFTER.search(after)
        if trailing is not None:
            name = _titled_after_name(after[: trailing.start()], trailing.group("name"))
            return _as("text.said-after", _credit(_document_owner(name) or _resolve_pronoun(name, previous), None))
        return _as("text.headline", _headline_credit(sentence, fig_start))
    start, _, origin, rule = cues[-1]
    via = None
    if len(cues) > 1:
        # "Park Sun-won said the NIS revealed that ...": a go-between only when the
        # earlier verb introduces the later speaker directly, not a separate clause.
        _, verb_end, relay, _ = cues[-2]
        if len(before[verb_end:start].split()) <= 2 and not re.search(r"[,;]", before[verb_end:start]):
            resolved = _resolve_pronoun(relay, previous)
            via = None if resolved is None or _ANAPHOR.match(resolved) else resolved
            if via is not None and _named(via) and not _named(origin):
                # "A senior NATO military officer says the alliance estimates ...": the
                # body left unnamed is the one its named speaker speaks for.
                origin, via = via, None
    return _as(rule, _credit(_resolve_pronoun(origin, previous), via))


# Headline style: "IDF: Israel Has Killed 8,000 ...", "Almost 100,000 Russian troops near
# Ukraine: Kiev official". Only in a line without a full stop, with a short name.
_HEADLINE_BY = re.compile(
    r"^(?P<name>(?:[A-Z][\w.’'&-]*\s+){0,3}(?:[A-Z][\w.’'&-]*|officials|sources|military|army|police|government|"
    r"ministry))\s*:\s+\S"
)
_HEADLINE_FROM = re.compile(r":\s*(?P<name>[A-Za-z][\w.’'-]*(?:\s+[A-Za-z][\w.’'-]*){0,3})\s*$")
_NOT_A_SOURCE = re.compile(
    r"^(?:breaking|update|updates|live|exclusive|watch|analysis|opinion|explainer|video|photos|news|editorial|"
    r"timeline|factbox|fact\s+check|q&a|monitors?)\b",  # "Monitor: 74 killed": the body says whose
    re.IGNORECASE,
)


def _headline_credit(sentence: str, fig_start: int) -> Credit | None:
    """Who a headline credits with a colon, before or after the figure."""
    line = sentence.strip()
    if not line or ends_a_sentence(line) or "\n" in line:
        return None
    head = _HEADLINE_BY.match(line)
    if head is not None and sentence.find(head.group("name")) + len(head.group("name")) <= fig_start:
        name = head.group("name")
    else:
        tail = _HEADLINE_FROM.search(line)
        if tail is None or sentence.rfind(":") < fig_start:
            return None
        name = tail.group("name")
    return None if _NOT_A_SOURCE.match(name) else _credit(name, None)


def _document_owner(phrase: str) -> str | None:
    """'the most recent quarterly report furnished by the Pentagon's Defense Manpower Data
    Center' -> 'Defense Manpower Data Center'; 'DMDC's quarterly report' -> 'DMDC'."""
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    by = _DOCUMENT_BY.search(phrase)
    of = _DOCUMENT_OF.match(phrase)
    named = _NAMED_DOCUMENT.match(phrase) if not (by or of) else None
    name = by.group("name") if by else of.group("owner") if of else named.group("owner") if named else None
    if not name:
        return None
    name = _DOCUMENT_TRAIL.sub("", name)
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    # "the Pentagon's Defense Manpower Data Center": the body itself, not its parent.
    inner = re.match(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s+(?P<rest>[A-Z].*)$", name)
    name = inner.group("rest") if inner else name
    return name if _named(name) or (named is not None and _describe(name)) else None


_FULL_NAME = re.compile(r"\b[A-Z][\w’'.-]+\s+[A-Z][\w’'-]+\s*$")
_BODY_WORD = re.compile(
    r"\b(?:Committee|Council|Ministry|Department|Office|Service|Agency|Command|Forces|Army|House|Center|Centre|"
    r"Group|Party|Parliament|Assembly|Government|Administration|Organi[sz]ation|Union|Nations)\b"
)
_PREPOSITION = re.compile(r"^(?:in|at|on|from|to|of|for|with|near|by)\b", re.IGNORECASE)
# "..., said Michael Carpenter, the permanent U.S. representative ...": speaker after the verb.
_SAID_NAME_AFTER = re.compile(
    rf",(?!\d)\s*(?:{VERBS_OF_SAYING})\s+(?P<name>(?:[A-Z]|(?:an?|the)\s+\w)"
    # a name, not the clause said ("..., said the estimate of the number killed is based on ...")
    r"(?:(?!\b(?:is|are|was|were|has|have|had|will|would|could|may|might)\b)[^,;.])*?)\s*(?:[,;.]|$"
    # "..., says Armenian PM Nikol Pashinyan after deadly border clash": the name ends at the clause after it
    r"|\s(?=(?:after|amid|following|during|while|when|before|despite|as|over)\s))"
)
# "..., with 20,000 wounded, according to the Pentagon.": the credit closes the sentence.
# ("..., according to icasualties.org, a Web site that tallies ...": an appositive may follow.)
_ACCORDING_AFTER = re.compile(
    r",(?!\d)\s*according\s+to\s+(?P<name>[^,;:–—]+?)(?:,\s*(?:an?|the)\s+[^,;:]+)?"
    # "..., cited by foreign media": who relayed it
    r"(?:,\s*(?:cited|quoted|reported|carried|relayed)\s+by\s+[^,;:]+)?\s*[.;]?[\"”’']?\s*$",
    re.IGNORECASE,
)
_FINITE_VERB = re.compile(r"\b(?:[a-z]+ed|gave|made|took|put|held|sent|told|said|spoke)\b")


def _titled_after_name(before: str, name: str) -> str:
    """ "..., Maj. Pinar Kara, spokesperson for the Defense Ministry told reporters": a
    speaker phrase that is only a title goes with the name in the comma segment before it."""
    words = name.split()
    if not words or words[0].lower() not in TITLES:
        return name
    m = re.search(r",\s*((?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w’'-]+)\s*$", before)
    return f"{m.group(1)}, {name}" if m else name


def _quoted_speaker(sentence: str, fig_start: int, fig_end: int, previous: str) -> Credit | None:
    """The speaker of a quotation that holds the figure, named right after it closes."""
    opened = max(sentence.rfind("“", 0, fig_start), sentence.rfind('"', 0, fig_start))
    if opened == -1 or (sentence.count('"', 0, fig_start) % 2 == 0 and "“" not in sentence[:fig_start]):
        return None
    if "”" in sentence[opened:fig_start]:
        return None
    closing = re.search(r"[\"”]", sentence[fig_end:])
    rest = sentence[fig_end + closing.end() :] if closing else ""
    if rest.strip(" .,;:!?\"”’'"):
        return _speaker_after_quote(rest, previous)
    return _continued_quote(sentence, opened, previous)


def _continued_quote(sentence: str, opened: int, previous: str) -> Credit | None:
    """A quotation that opens the sentence and is never closed in it goes on from the
    sentence before ('"...," an official told the outlet. "The plans involve 175,000
    ...'): the speaker named after that sentence's quotation."""
    if sentence[:opened].strip():
        return None
    closing = max(previous.rfind('"'), previous.rfind("”"))
    if closing == -1:
        return None
    return _speaker_after_quote(previous[closing + 1 :], "")


def _speaker_after_quote(rest: str, previous: str) -> Credit | None:
    """The speaker named right after a quotation closes: '" said Andriy Parubiy, ...',
    '" Andriy Parubiy, chairman of ..., said', '" an administration official told ...'."""
    rest = rest.lstrip(" ,")
    verb = _CUE.search(rest) or re.match(r"(?P<verb>read)\b", rest)  # '...," read a statement by ...'
    if verb is None or verb.start() > 120:
        return None
    if verb.start() == 0:  # '..." said Andriy Parubiy, chairman of ...', '..." said Maj. Gen. Restituto Padilla'
        who = re.split(r"[,;]|\.\s*$|\s+(?:according\s+to|via|in\s+a|on\s+[A-Z])\b", rest[verb.end() :].strip())[0]
        who = _document_owner(who) or who
    else:  # '..." Andriy Parubiy, chairman of ..., said' / '..." in Gaza, spokesman Daniel Hagari told'
        parts = [s.strip() for s in re.split(r"[,;]", rest[: verb.start()]) if s.strip()]
        people = [s for s in parts if (m := _FULL_NAME.search(s)) and not _BODY_WORD.search(m.group(0))]
        who = people[-1] if people else next((s for s in parts if not _PREPOSITION.match(s)), "")
    who = who.strip()
    if not who or not (_named(who) or _describe(who) or _ANAPHOR.match(who)):
        return None
    return _credit(_resolve_pronoun(who, previous), None)


def outlet_as_go_between(sentence: str, credit: Credit, previous: str) -> Credit:
    """An outlet credited while someone else in the sentence spoke is the go-between."""
    assert credit.name is not None
    if not _OUTLET.search(credit.name):
        relay = _RELAYED.search(sentence)
        if relay and credit.via is None:
            return Credit(
                credit.name, credit.person, credit.organization, relay.group("outlet").strip(), credit.anonymous
            )
        return credit
    spoke = [m for m in _CUE.finditer(sentence) if m.group("verb").lower() not in ("reported", "reports", "report")]
    for m in spoke:
        found = _subject(sentence[: m.start()])
        if found and not _OUTLET.search(found[1]) and _named(found[1]):
            other = _credit(found[1], credit.name)
            if other.name is not None:
                return other
    return credit


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


def _unclosed_appositive(head: str) -> tuple[int, str] | None:
    m = _UNCLOSED.search(head.rstrip())
    return (m.start("name"), m.group("name")) if m else None


def _capitalised(word: str) -> bool:
    """'Pentagon', 'al-Shabab', 'pro-Hadi', 'icasualties.org': a word that is, or holds, a proper name."""
    return word[:1].isupper() or bool(re.match(r"^[a-z]{1,4}-[A-Z]|^[\w-]+\.(?:org|com|net|gov|int|info)$", word))


def _subject(text: str) -> tuple[int, str] | None:
    """Where the noun phrase right before a verb starts, and the phrase:
    'Pentagon spokesperson Sabrina Singh' in '... concerns. Pentagon spokesperson Sabrina Singh'."""
    end = len(text.rstrip())
    # Skip an appositive or participle clause: "U.S. officials, citing new intelligence,";
    # a name in apposition is the speaker: "A Pentagon spokesman, Army Col. Rob Manning,".
    if text[:end].endswith(","):
        cut = text[: end - 1].rfind(",")
        appositive = text[cut + 1 : end - 1] if cut != -1 else ""
        if cut != -1 and _APPOSITIVE_NAME.match(appositive):
            head = _subject(text[:cut])
            if head is not None:
                return head[0], f"{head[1]} {appositive.strip()}"
            # "A spokeswoman for Parwan's governor, Wahida Shahkar,": the name speaks.
            return cut + 1 + len(appositive) - len(appositive.lstrip()), appositive.strip()
        end = len(text[:cut].rstrip()) if cut != -1 else end - 1
    words = list(_WORD.finditer(text[:end]))
    first = len(words)
    for i in range(len(words) - 1, -1, -1):
        bare = words[i].group(0).strip("()")
        gap = text[words[i].end() : words[i + 1].start()] if i + 1 < len(words) else ""
        if gap.strip():
            break  # punctuation between words ends the phrase
        if _capitalised(bare) or bare.lower() in NAME_WORDS or re.sub(r"[’']s$", "", bare.lower()) in NAME_WORDS:
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
    if _APPOSITIVE_HEAD.search(rest) and _capitalised(words[first].group(0)):
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
        head = _subject(rest[: place.start()]) if place and _capitalised(words[first].group(0)) else None
        if head is not None and (_named(head[1]) or _UNNAMED.search(head[1])):
            proper = [w for w in head[1].split() if w.lower() not in ("the", "of")]
            if (place is not None and place.group(0).strip() == "under") or (
                len(proper) > 1 and all(_capitalised(w) and w.lower() not in NAME_WORDS for w in proper)
            ):
                # "The Democratic Guerrilla Force in Sagaing Region": the name says who; a unit
                # "under Task Force Marawi" is the unit, not its command
                return head
            return head[0], text[head[0] : words[-1].end()]
        return None
    return words[first].start(), text[words[first].start() : words[-1].end() if first < len(words) else end]


def _pronoun_in_clause(head: str) -> tuple[int, str] | None:
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
        and _named(opening.group("name"))
        and opening.group("name").split()[0].lower() not in LEADING_WORDS
    ):
        return m.start("p"), opening.group("name")
    return m.start("p"), m.group("p")


def _pronoun_subject(head: str) -> tuple[int, str] | None:
    m = re.search(r"(?:^|[,;:.]\s*|\b(?:and|but)\s+)(?P<p>[Hh]e|[Ss]he|[Tt]hey)\s*$", head)
    return (m.start("p"), m.group("p")) if m else None


def _resolve_pronoun(name: str, previous: str) -> str:
    """The speaker of ``previous`` when ``name`` is a pronoun or "the statement";
    otherwise, or when ``previous`` names none, ``name`` itself."""
    if not _ANAPHOR.match(name.strip()):
        return name
    before = _subject_before(previous, name)
    if before is not None:
        return before
    for m in _cues(previous):
        found = _subject(previous[: m.start()])
        if found and _disagrees(name, found[1]):
            continue
        if found and not _ANAPHOR.match(found[1]) and (_named(found[1]) or _describe(found[1])):
            return _person_meant(name, found[1], previous)
    return name


def _person_meant(pronoun: str, subject: str, sentence: str) -> str:
    """ "he"/"she" stand for a person: when the sentence's speaker is a body ("..., Maj.
    Pinar Kara, spokesperson for the Defense Ministry told ..."), its first person."""
    if pronoun.strip().lower() in ("he", "she") and _BODY_WORD.search(subject) and not _TITLED_PERSON.search(subject):
        return _first_person(sentence) or subject
    return subject


_TITLED_PERSON = re.compile(rf"\b(?:{'|'.join(sorted(TITLES))})\b", re.IGNORECASE)


def _named(name: str) -> bool:
    if _PRONOUN.match(name.strip()) or name.strip().lower() in _NOT_A_NAME:
        return False
    words = [w.strip("()") for w in _WORD.findall(name)]
    return any(_capitalised(w) and w.lower().rstrip("’'s") not in GENERIC_WORDS for w in words)


_BARE_UNNAMED = re.compile(
    r"(?:(?:the|a|an|some|several|many|other|recent|new|latest|unnamed)\s+)*(?:officials?|sources?|reports?|analysts|diplomats|authorities)",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
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


def _describe(origin: str) -> str | None:
    """'top government sources' -> itself; 'Recent reports', 'sources' -> None: an
    unnamed source is kept as the text describes it only when that says whose."""
    words = re.findall(r"[\w.’'-]+", origin)
    if not (_UNNAMED.search(origin) or _BODY_NOUN.search(origin)) or len(words) > 6:
        return None
    if not [w for w in words if w.lower() not in VAGUE_WORDS and not _UNNAMED.fullmatch(w)]:
        return None
    return re.sub(r"^(?:the|a|an|some)\s+", "", origin.strip(), flags=re.IGNORECASE)


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
    return _credit(phrase, None, resolve=False)


def _credit(origin: str | None, via: str | None, *, resolve: bool = True) -> Credit:
    if origin is not None and re.match(r"(?:of|by)\s", origin.strip()):
        # "(president) of the Syrian Democratic Council’s (SDC) Executive Committee Ilham
        # Ahmed": the tail of a title, whose person is the full name that ends it
        origin = _trailing_name(origin)
    relayed = _CONDUIT_BY.match(origin.strip()) if origin else None
    if relayed is not None:
        origin = relayed.group("name")
        author = re.search(r"\b(?:written|prepared|issued|compiled|drafted)\s+by\s+(?P<who>.+)$", origin)
        origin = _document_owner(origin) or (author.group("who") if author else origin)
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
    if resolve and origin is not None and _ANAPHOR.match(origin.strip()):
        return Credit(name=None, anaphor=origin.strip())
    if origin is not None:
        # "multiple military sources who spoke to AFP and asked not to be named": who they are.
        # "US officials behind the estimates": who they are, not what they did.
        origin = re.split(r"\s+(?:who|which|that|behind)\s+|,\s*(?:who|which)\s+", origin)[0]
    if origin is None or not _named(origin):
        anonymous = origin is not None and re.search(
            r"\bofficials?\b|\bsources?\b|\bauthorities\b", origin, re.IGNORECASE
        )
        descriptor = _describe(origin) if origin else None
        if descriptor is None and origin and _BARE_UNNAMED.fullmatch(origin.strip()):
            # "..., officials said", "Recent reports indicate": no owner, but not the
            # outlet's own word either; the text's description is the credit.
            descriptor = re.sub(r"^(?:the|a|an|some)\s+", "", origin.strip(), flags=re.IGNORECASE)
        return Credit(
            name=None,
            anonymous=bool(anonymous) or descriptor is not None,
            descriptor=descriptor,
            via=relayed.group("via") if relayed is not None and descriptor is not None else None,
        )
    origin = re.sub(r"^(?:the|a|an)\s+", "", origin.strip(), flags=re.IGNORECASE)
    person, organization = _split(origin)
    return Credit(name=origin, person=person, organization=organization, via=_split(via)[0] or via if via else None)


def _trailing_name(phrase: str) -> str | None:
    """The personal name that ends ``phrase``, two or more capitalised words or initials
    after the last lower-case word, bracket or body word ('… Executive Committee Ilham
    Ahmed' -> 'Ilham Ahmed'); None when it ends with none."""
    words: list[str] = []
    for word in reversed(phrase.split()):
        if not word[:1].isupper() or _BODY_WORD.fullmatch(re.sub(r"[’']s?$", "", word)) or word.lower() in TITLES:
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
    if len(body_words) > 1 and re.search(r"[’']s$", body_words[0]):
        body_words = body_words[1:]  # "Russia's Wagner boss" speaks for Wagner
    body = re.sub(r"[’']s?$", "", " ".join(body_words)) or None  # "Wagner's boss X" speaks for Wagner
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
    return _OUTLET.search(name) is not None


def source_kind(source: str | None, organization: str | None) -> str:
    """What kind of source a figure is credited to, read from its names: 'intelligence'
    for 'South Korea's National Intelligence Service', 'anonymous' for 'U.S. officials',
    'unattributed' when nobody is named."""
    names = " ".join(n for n in (source, organization) if n)
    if not names:
        return "unattributed"
    if not _named(names):
        return "anonymous"  # "government sources", "a military official": described, not named
    for kind, pattern in _KINDS:
        if pattern.search(names):
            return kind
    if organization and organization.casefold() in _COUNTRIES:
        return "government"  # "Zelensky (Ukraine)": a state speaking
    if not _named(names) or re.search(r"\bsources?\b", names, re.IGNORECASE):
        return "anonymous"
    if re.search(r"\bofficials?\b", names, re.IGNORECASE):
        return "government"  # "U.S. officials", "Ukrainian officials": unnamed, but a state's
    return "other"
