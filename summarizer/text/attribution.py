"""Read from the article who it credits a troop figure to.

Small models attach figures to whoever is named nearby: in "Zelensky claimed troops
would be on the battlefield, while South Korean intelligence noted that over 3,000 had
arrived", a 1.5B model credits the 3,000 to Zelensky. News copy marks attribution with
a few fixed forms, and this module reads them in the figure's own sentence:

- "According to X, ... 1,500 ..."
- "X said / reported / noted / revealed / confirmed / claimed ... that ... 10,000"
  (the nearest such verb before the figure decides; an earlier one is the go-between:
  "Park Sun-won said the NIS revealed that 3,000 ..." is the NIS, via Park Sun-won);
- "... 10,000 troops ..., the US Pentagon has said." (the verb after the figure, at the
  end of the sentence);
- "He previously said ... 10,000": the pronoun is the person the sentence before
  credits.

A subject with no proper name ("Recent reports indicate that around 3,000") means the
article names nobody. When no form is found, it returns None and the model's
attribution stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.numbers import figure_spans
from summarizer.text.sentences import sentence_spans

_VERBS = (
    "said|says|say|reported|reports|report|noted|notes|revealed|reveals|confirmed|confirms|claimed|claims|"
    "disclosed|estimated|estimates|told|stated|states|indicated|indicates|indicate|announced|announces|"
    "accused|warned|warns|believes|believe|assessed|assesses|added|wrote|informed"
)
_AUX = r"(?:(?:has|have|had|also|previously|recently|reportedly|earlier|already|later|now)\s+)*"
_CUE = re.compile(rf"\b{_AUX}(?P<verb>{_VERBS})\b")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<name>[^,;:–—]+)", re.IGNORECASE)
_TRAILING = re.compile(
    rf",\s*(?P<name>[^,]+?)\s+{_AUX}(?:{_VERBS})(?:\s+(?:reporters|journalists|on\s+\w+|in\s+a\s+statement))?\W*$"
)
_PRONOUN = re.compile(r"^(?:he|she)$", re.IGNORECASE)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Lower-case words that can be part of a source's name: "South Korean intelligence",
# "Pentagon spokesperson Sabrina Singh", "Ukrainian officials".
_NAME_WORDS = _word_set(
    "intelligence military officials official sources spokesperson spokeswoman spokesman service ministry"
    " government council agency forces command chief officer officers analysts reports report of the"
    " secretary-general secretary president minister representative adviser advisor lawmaker"
    " senior administration defence defense foreign national security"
)
# Capitalised only because a sentence starts with them, or too vague to be a source.
_GENERIC = _word_set(
    "the a an some several many recent new other western local senior officials official sources source"
    " reports report analysts experts observers media intelligence administration unnamed"
)
_TITLE = _word_set(
    "spokesperson spokeswoman spokesman secretary-general secretary president minister representative"
    " adviser advisor chief general lieutenant director ambassador lawmaker senator"
)
# A title's nationality adjective -> the country the office holder speaks for.
_COUNTRY_OF = {
    "ukrainian": "Ukraine",
    "russian": "Russia",
    "us": "US",
    "u.s.": "US",
    "american": "US",
    "south korean": "South Korea",
    "north korean": "North Korea",
    "british": "UK",
    "french": "France",
    "german": "Germany",
    "chinese": "China",
    "japanese": "Japan",
    "polish": "Poland",
}
_NATIONALITY = re.compile(r"(?:ian|ean|ese|ish|can|ic)$")
_WORD = re.compile(r"\(?[\w.’'-]+\)?")


@dataclass(frozen=True)
class Credit:
    """Who the sentence credits a figure to. ``name`` None: nobody is named."""

    name: str | None
    person: str | None = None
    organization: str | None = None
    via: str | None = None
    anonymous: bool = False


def credit_for(
    text: str, start: int, end: int, figure: int, *, spans: list[tuple[int, int]] | None = None
) -> Credit | None:
    """The credit the article gives ``figure`` stated within ``text[start:end]``
    (``spans``: the text's sentence spans, when the caller has them already)."""
    spans = sentence_spans(text) if spans is None else spans
    for i, (s, e) in enumerate(spans):
        if s <= start < e or (start <= s < end):
            sentence = text[s:e]
            hits = [p for p in figure_spans(sentence, figure) if s + p[0] >= start - 1]
            hits = hits or figure_spans(sentence, figure)
            if not hits:
                continue
            previous = text[spans[i - 1][0] : spans[i - 1][1]] if i else ""
            return _credit_in(sentence, hits[0][0], hits[0][1], previous)
    return None


def _credit_in(sentence: str, fig_start: int, fig_end: int, previous: str) -> Credit | None:
    before = sentence[:fig_start]
    # (where the subject starts, where its verb ends, the subject)
    cues: list[tuple[int, int, str]] = []
    for m in _ACCORDING.finditer(before):
        cues.append((m.start("name"), m.start("name"), m.group("name")))
    for m in _CUE.finditer(before):
        found = _subject(before[: m.start()])
        if found is not None:
            cues.append((found[0], m.end(), found[1]))
    cues.sort()
    if not cues:
        trailing = _TRAILING.search(sentence[fig_end:])
        if trailing is None:
            return None
        return _credit(_resolve_pronoun(trailing.group("name"), previous), None)
    start, _, origin = cues[-1]
    via = None
    if len(cues) > 1:
        # "Park Sun-won said the NIS revealed that ...": a go-between only when the
        # earlier verb introduces the later speaker directly, not a separate clause.
        _, verb_end, relay = cues[-2]
        if len(before[verb_end:start].split()) <= 2 and not re.search(r"[,;]", before[verb_end:start]):
            via = _resolve_pronoun(relay, previous)
    return _credit(_resolve_pronoun(origin, previous), via)


def _subject(text: str) -> tuple[int, str] | None:
    """Where the noun phrase right before a verb starts, and the phrase:
    'Pentagon spokesperson Sabrina Singh' in '... concerns. Pentagon spokesperson Sabrina Singh'."""
    end = len(text.rstrip())
    # Skip an appositive or participle clause: "U.S. officials, citing new intelligence,"
    if text[:end].endswith(","):
        cut = text[: end - 1].rfind(",")
        end = len(text[:cut].rstrip()) if cut != -1 else end - 1
    words = list(_WORD.finditer(text[:end]))
    first = len(words)
    for i in range(len(words) - 1, -1, -1):
        bare = words[i].group(0).strip("()")
        gap = text[words[i].end() : words[i + 1].start()] if i + 1 < len(words) else ""
        if gap.strip():
            break  # punctuation between words ends the phrase
        if bare[:1].isupper() or bare.lower() in _NAME_WORDS or re.sub(r"[’']s$", "", bare.lower()) in _NAME_WORDS:
            first = i
            continue
        break
    if first == len(words):
        return None
    while first < len(words) and words[first].group(0).lower() in ("the", "of", "a", "an"):
        first += 1
    if first == len(words):
        return None
    rest = text[: words[first].start()].rstrip()
    # A phrase inside a longer lower-case clause is not a subject ("... with US
    # officials closely monitoring"): what precedes it must end a clause.
    if rest and not re.search(
        r"(?:[,;:.“”\"(–—]|\b(?:while|and|but|that|as|the|a|an|after|before|when|since|because|if|where))$",
        rest,
        re.IGNORECASE,
    ):
        return None
    return words[first].start(), text[words[first].start() : words[-1].end() if first < len(words) else end]


def _resolve_pronoun(name: str, previous: str) -> str | None:
    if not _PRONOUN.match(name):
        return name
    for m in _CUE.finditer(previous):
        found = _subject(previous[: m.start()])
        if found and _named(found[1]):
            return found[1]
    return None


def _named(name: str) -> bool:
    words = [w.strip("()") for w in _WORD.findall(name)]
    return any(w[:1].isupper() and w.lower().rstrip("’'s") not in _GENERIC for w in words)


def _credit(origin: str | None, via: str | None) -> Credit:
    if origin is None or not _named(origin):
        anonymous = origin is not None and re.search(r"\bofficials?\b|\bsources?\b", origin, re.IGNORECASE)
        return Credit(name=None, anonymous=bool(anonymous))
    origin = re.sub(r"^(?:the|a|an)\s+", "", origin.strip(), flags=re.IGNORECASE)
    person, organization = _split(origin)
    return Credit(name=origin, person=person, organization=organization, via=_split(via)[0] or via if via else None)


def _split(name: str | None) -> tuple[str | None, str | None]:
    """('Sabrina Singh', 'Pentagon') from 'Pentagon spokesperson Sabrina Singh'."""
    if not name:
        return None, None
    words = name.split()
    titles = [i for i, w in enumerate(words) if w.lower() in _TITLE]
    if not titles:
        return None, name
    person = " ".join(words[titles[-1] + 1 :]) or None
    body_words = words[: titles[0]]
    body = " ".join(body_words) or None
    if body and body.lower() in _COUNTRY_OF:
        # "Ukrainian President Volodymyr Zelensky" speaks for Ukraine: for corroboration he
        # and "Ukrainian officials" are one side, not two independent sources.
        return person, _COUNTRY_OF[body.lower()]
    if body and (_NATIONALITY.search(body_words[-1].lower()) or body_words[-1].lower() in _NAME_WORDS):
        body = None  # "Western defence ministry ...": an adjective or a common noun, not a body
    return person, body


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


_COUNTRIES = {c.casefold() for c in _COUNTRY_OF.values()}


def source_kind(source: str | None, organization: str | None) -> str:
    """What kind of source a figure is credited to, read from its names: 'intelligence'
    for 'South Korea's National Intelligence Service', 'anonymous' for 'U.S. officials',
    'unattributed' when nobody is named."""
    names = " ".join(n for n in (source, organization) if n)
    if not names:
        return "unattributed"
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
