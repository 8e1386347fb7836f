"""Check that every quote the model returns is really in the article, and where.

Quotes are compared after normalizing both sides the same way: Unicode compatibility
forms, curly/straight quotes, dashes, ellipses, runs of whitespace and letter case.
Offsets are mapped back to the original text, so ``article.text[start:end]`` is the
passage an analyst can read. A quote may elide words with "..." if every piece is
found, in order, within one short stretch of the article.

Beyond being found, an item's quote must be the right quote: a troop estimate's quote
has to state the figure itself, an actor's or a location's quote has to name it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import fuzz

from schemas import (
    Actor,
    ArticleExtraction,
    Location,
    OfficialReaction,
    TroopEstimate,
    UnverifiedItem,
)
from schemas.extraction import STATUS_GROUPS, Evidenced, ItemKind
from summarizer.grounding.corrections import correct_estimate
from summarizer.text.aliases import names, same_entity
from summarizer.text.analysis import analyse
from summarizer.text.countries import is_country, is_demonym
from summarizer.text.counts import names_forces, what_it_counts
from summarizer.text.headcount import is_headcount
from summarizer.text.injection import addresses_the_model, has_link_or_markup
from summarizer.text.numbers import figure_spans, format_figure, mentions, written_as_a_year
from summarizer.text.sources import is_outlet
from summarizer.text.vocabulary import TITLES

_CHAR_MAP = {
    # Single and double quotation marks are one character here: models swap them freely.
    **dict.fromkeys('\u2018\u2019\u201a\u201b\u2032\u00b4`"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb', "'"),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\[\.\.\.\]|\[…\])\s*")
_MIN_WORDS = 3
_MAX_ELIDED_SPAN = 600  # an elided quote must stay within one passage
# Near-verbatim quotes: at least this many words, this fuzzy score, this share of the
# quote's words found in order, in a passage at most this much longer than the quote.
_MIN_NEAR_WORDS = 6
_NEAR_SCORE = 90.0
_NEAR_COVERAGE = 0.9
_NEAR_STRETCH = 1.2


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalized text and, for each of its characters, the offset it came from."""
    out: list[str] = []
    index: list[int] = []
    last_space = True  # drop leading whitespace
    for i, ch in enumerate(text):
        mapped = _CHAR_MAP.get(ch)
        if mapped is None:
            mapped = unicodedata.normalize("NFKC", ch).casefold()
        for m in mapped:
            if m.isspace():
                if last_space:
                    continue
                m = " "
                last_space = True
            else:
                last_space = False
            out.append(m)
            index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


_ASCII_QUOTES = str.maketrans({'"': "'", "`": "'"})


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """:func:`normalize_with_map`'s text alone; for plain ASCII (most quotes and words
    asked about) the same result without the per-character walk."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_QUOTES).split()).lower()
    return normalize_with_map(text)[0]


def _year_like(passage: str, figures: list[int]) -> bool:
    """A figure written as a year would be ("2000", not "2,000"): no bare head count."""
    return any(written_as_a_year(passage, a, b, n) for n in figures for a, b in figure_spans(passage, n))


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Grounder:
    """Locates and vets quotes for one article. Pass as validation context to re-ask."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm, self._index = normalize_with_map(text)
        analysis = analyse(text)  # the article analysed once, for every stage
        self._spans = list(analysis.spans)
        self._sentences = analysis.sentences
        self._paragraphs = list(analysis.paragraphs)

    def _index_at(self, offset: int) -> int:
        """The index of the last sentence starting at or before ``offset`` (-1 if none)."""
        return bisect.bisect_right(self._spans, (offset, len(self.text) + 1)) - 1

    def _sentence_at(self, offset: int) -> str | None:
        """The sentence holding ``offset``, as the article writes it."""
        at = self._index_at(offset)
        return self._sentences[at] if at >= 0 and offset < self._spans[at][1] else None

    def _forces_before(self, offset: int) -> bool:
        """Whether one of the two sentences before the one holding ``offset`` names a
        force, whose noun a bare number may leave out ("There are 4,500 troops in
        Afghanistan. As of today there are under 5,000 ...")."""
        at = self._index_at(offset)
        return any(names_forces(self._sentences[i]) for i in range(max(0, at - 2), max(0, at)))

    # -- locating -------------------------------------------------------------------
    def locate(self, quote: str) -> Span | None:
        """Where ``quote`` is in the article (original offsets), or None.

        Exact after normalization first; then a near-verbatim match (a word added or
        dropped, punctuation moved) that still covers nearly all of the quote's words.
        Either way the span is the article's own text, never the model's wording.
        """
        return self._locate_exact(quote) or self._locate_near(quote)

    def _locate_exact(self, quote: str) -> Span | None:
        needle = normalize(quote).strip(" '")
        if not needle:
            return None
        pieces = [p for p in _ELLIPSIS.split(needle) if p.strip(" .")]
        if not pieces:
            return None
        pos = self._norm.find(pieces[0])
        while pos != -1:
            end = self._follow(pieces[1:], pos + len(pieces[0]))
            if end is not None and (len(pieces) == 1 or end - pos <= _MAX_ELIDED_SPAN):
                return self._span(pos, end)
            pos = self._norm.find(pieces[0], pos + 1)
        return None

    def _follow(self, pieces: list[str], cursor: int) -> int | None:
        for piece in pieces:
            found = self._norm.find(piece.strip(), cursor)
            if found == -1:
                return None
            cursor = found + len(piece.strip())
        return cursor

    def _locate_near(self, quote: str) -> Span | None:
        needle = normalize(quote).strip(" '")
        quote_words = _WORD.findall(needle)
        if len(quote_words) < _MIN_NEAR_WORDS:
            return None
        window = fuzz.partial_ratio_alignment(needle, self._norm, score_cutoff=_NEAR_SCORE)
        if window is None:
            return None
        lo = max(0, window.dest_start - len(needle) // 4)
        hi = min(len(self._norm), window.dest_end + len(needle) // 4)
        words = list(_WORD.finditer(self._norm[lo:hi]))
        matcher = SequenceMatcher(None, [w.group() for w in words], quote_words, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        matched = sum(b.size for b in blocks)
        if not blocks or matched < _NEAR_COVERAGE * len(quote_words):
            return None
        first, last = blocks[0].a, blocks[-1].a + blocks[-1].size - 1
        if last - first + 1 > _NEAR_STRETCH * len(quote_words):
            return None
        return self._span(lo + words[first].start(), lo + words[last].end())

    def _span(self, norm_start: int, norm_end: int) -> Span:
        return Span(self._index[norm_start], self._index[norm_end - 1] + 1)

    def _whole_numbers(self, span: Span) -> str:
        """The article's text at ``span``, widened over any digits or digit separators
        glued to either end."""
        start, end = span.start, span.end
        while start > 0 and (
            self.text[start - 1].isdigit()
            or (self.text[start - 1] in ",." and start > 1 and self.text[start - 2].isdigit())
        ):
            start -= 1
        while end < len(self.text) and (
            self.text[end].isdigit()
            or (self.text[end] in ",." and end + 1 < len(self.text) and self.text[end + 1].isdigit())
        ):
            end += 1
        return self.text[start:end]

    def closest_sentence(self, quote: str) -> str | None:
        """The article sentence most like ``quote``: a hint for the model's next try."""
        best, best_score = None, 0.0
        target = normalize(quote)
        for sentence in self._sentences:
            score = fuzz.partial_ratio(target, normalize(sentence))
            if score > best_score:
                best, best_score = sentence.strip(), score
        return best if best_score >= 60 else None

    # -- vetting --------------------------------------------------------------------
    def check(self, item: Evidenced) -> str | None:
        """Why ``item`` cannot be believed, or None when its quote holds."""
        return self._vet(item)[2]

    def _vet(self, item: Evidenced) -> tuple[Span | None, bool, str | None, str | None]:
        """(where, found exactly?, why it fails or None, the named rule that failed it)."""
        span = self._locate_exact(item.quote)
        exact = span is not None
        span = span or self._locate_near(item.quote)
        if span is None:
            hint = self.closest_sentence(item.quote)
            advice = f" The closest sentence in the article is: {hint!r}" if hint else ""
            return None, False, f"quote not found in the article; copy a sentence exactly.{advice}", None
        # Judge the article's own words at that place, not the model's rendering of them.
        passage = self.text[span.start : span.end]
        if isinstance(item, TroopEstimate):
            # The article's own words, widened to whole numbers: a span that starts inside
            # "26,000" does not state 6,000, whatever the model's copy says.
            whole = self._whole_numbers(span)
            missing = [n for n in item.figures() if not mentions(whole, n)]
            if missing:
                figures = ", ".join(format_figure(n) for n in missing)
                return (
                    span,
                    exact,
                    f"quote does not contain the figure {figures}: copy the sentence where it appears",
                    None,
                )
            sentence = self._sentence_at(span.start)
            readings = [what_it_counts(sentence, n) for n in item.figures()] if sentence else []
            if readings and all(r.rule for r in readings):
                figures = ", ".join(format_figure(n) for n in item.figures())
                return span, exact, f"{figures} {readings[0].why}", readings[0].rule
            # The parse names a force ("the number of ISIS defenders at 7,000"): a head
            # count. A bare number whose noun the sentence before names ("... under
            # 5,000 and that will go to 2,500") is one too. Otherwise the sentence must
            # speak of people.
            bare = bool(readings) and all(r.counted is None for r in readings) and self._forces_before(span.start)
            if (
                not any(r.force for r in readings)
                and not (bare and not _year_like(whole, item.figures()))
                and not any(is_headcount(whole, n) for n in item.figures())
            ):
                figures = ", ".join(format_figure(n) for n in item.figures())
                return (
                    span,
                    exact,
                    f"{figures} is not a number of people in its sentence "
                    "(a date, an amount, a distance, a civilian toll?)",
                    None,
                )
        elif isinstance(item, Actor | Location) and not names(item.name, passage):
            return span, exact, f"quote does not mention {item.name!r}: copy a sentence that names it", None
        if len(_words(passage)) < _MIN_WORDS:
            return span, exact, "quote too short: copy the whole sentence that states it", None
        if any(addresses_the_model(self.text[a:b]) for a, b in self._paragraphs if a < span.end and span.start < b):
            return (
                span,
                exact,
                "the quote is from a passage addressed to an AI model, not reporting: leave it out",
                None,
            )
        for field, value in _own_words(item):
            if has_link_or_markup(value):
                return span, exact, f"{field} holds a link or markup: write it in plain words", None
        return span, exact, None, None

    def ground(self, extraction: ArticleExtraction) -> tuple[ArticleExtraction, list[UnverifiedItem]]:
        """Offsets for every item that holds; the others set apart with the reason.

        A kept item's ``quote`` is the article's text at ``start:end``, so what the
        brief shows is verbatim even when the model's copy was off by a word.
        """
        unverified: list[UnverifiedItem] = []
        kept: dict[str, list[dict[str, object]]] = {}
        for field, kind in _FIELDS.items():
            kept[field] = []
            for item in getattr(extraction, field):
                span, exact, reason, rule = self._vet(item)
                if span is None or reason:
                    dumped = item.model_dump(exclude={"start", "end", "match"})
                    unverified.append(UnverifiedItem(kind=kind, item=dumped, reason=reason or "", rule=rule))
                    continue
                passage = self.text[span.start : span.end]
                dumped = item.model_dump()
                if isinstance(item, TroopEstimate):
                    corrected, notes = correct_estimate(self.text, self._spans, item, (span.start, span.end))
                    dumped |= corrected
                    unverified += notes
                kept[field].append(
                    dumped
                    | {
                        "quote": passage,
                        "start": span.start,
                        "end": span.end,
                        "match": "exact" if exact else "near",
                    }
                )
        kept["actors"] += self._credited_actors(kept)
        return ArticleExtraction.model_validate(kept), unverified

    def _credited_actors(self, kept: dict[str, list[dict[str, object]]]) -> list[dict[str, object]]:
        """Who the kept figures are credited to and who reacts are actors of the story,
        whether or not the model listed them: the tool knows them already. Evidence is the
        first sentence naming them; anonymous sources, relaying outlets and a country's
        bare name are not added."""
        listed = [str(a["name"]) for a in kept["actors"]]
        wanted: list[tuple[str, str]] = []
        for est in kept["troop_estimates"]:
            attribution = est["attribution"]
            assert isinstance(attribution, dict)
            if attribution.get("kind") in ("unattributed", "anonymous", "media"):
                continue
            for key, kind in (("source", "person"), ("organization", "other")):
                name = attribution.get(key)
                if isinstance(name, str) and name:
                    wanted.append((name, kind if key == "organization" or " " in name else "other"))
        wanted += [(str(r["speaker"]), "person") for r in kept["official_reactions"]]
        # The bodies it names with their acronym ("Tehrik-i-Taliban Pakistan (TTP) militants").
        # Who speaks is the parse's (summarizer.text.mentions): the sentence-speaker patterns
        # that stood here added nothing on dev and cost held-out actors 0.01.
        wanted += [
            (m.group("long"), "other")
            for m in _DEFINED_BODY.finditer(self.text)
            if not _A_PLACE.search(m.group("long"))
        ]
        # Office holders the article names with their title ("President William Ruto",
        # "Defense Secretary Jim Mattis"): officials who act, whether or not they speak.
        wanted += [
            (name, "person")
            for m in _OFFICE_HOLDER.finditer(self.text)
            if len((name := _AFTER_NAME.sub("", m.group("name")).strip()).split()) >= 2 and _looks_like_a_person(name)
        ]
        added: list[dict[str, object]] = []
        for name, kind in dict.fromkeys(wanted):  # each name once, in order
            if (
                re.search(r"\b(?:officials?|sources?|reports?|spokes\w+|authorities)\b", name, re.IGNORECASE)
                or is_country(name)
                or is_outlet(name)
                or not _names_someone(name)
            ):
                continue
            if any(same_entity(name, known) for known in [*listed, *(str(a["name"]) for a in added)]):
                continue
            span = next(((a, b) for a, b in self._spans if names(name, self.text[a:b])), None)
            if span is None:
                continue
            # "Zelensky", "Mr Rutte": a surname the article gives a first name elsewhere
            surname = (
                re.search(rf"\b[A-Z][\w’'-]+\s+{re.escape(name.split()[-1])}\b", self.text) if name.split() else None
            )
            person = not name.isupper() and (  # "NATO" is never a surname
                _looks_like_a_person(name) or (surname is not None and _looks_like_a_person(surname.group(0)))
            )
            actor_kind = "person" if kind == "person" and person else "other"
            added.append(
                {
                    "name": name,
                    "kind": actor_kind,
                    "quote": self.text[span[0] : span[1]],
                    "start": span[0],
                    "end": span[1],
                    "match": "exact",
                }
            )
        return added

    def _without_unsourced_repeats(self, estimates: list[Evidenced]) -> list[Evidenced]:
        """An unattributed figure that restates one the article credits elsewhere (same
        figure, same status group) is the article repeating that claim, not a second,
        unsourced one: the headline over "the Pentagon said it has sent 2,000", or "the
        14,000" taken up again later. Such a repeat is dropped; any other unattributed
        statement stays."""
        figures = [e for e in estimates if isinstance(e, TroopEstimate)]
        sourced = {
            (tuple(e.figures()), STATUS_GROUPS[e.status])
            for e in figures
            if e.attribution.kind != "unattributed" and (e.attribution.source or e.attribution.organization)
        }
        headline_end = self.text.find("\n")
        if headline_end == -1 or len(self.text[:headline_end].split()) > 25:
            headline_end = 0

        def repeats(e: TroopEstimate) -> bool:
            if e.attribution.kind != "unattributed" or (tuple(e.figures()), STATUS_GROUPS[e.status]) not in sourced:
                return False
            if e.start is not None and e.start < headline_end:
                return True
            quote = e.quote or ""
            at = next((a for a, _ in figure_spans(quote, e.figures()[0])), None)
            return at is not None and _ANAPHORIC_BEFORE.search(quote[:at]) is not None

        return [e for e in estimates if not (isinstance(e, TroopEstimate) and repeats(e))]

    def ground_all(self, answers: list[ArticleExtraction]) -> tuple[ArticleExtraction, list[UnverifiedItem]]:
        """Ground several answers for the same article (the final one first) and keep
        every item that holds in any of them, once. Unverified items are reported from
        the first answer only, and only if no answer got that item right."""
        first, *others = answers
        merged, unverified = self.ground(first)
        fields: dict[str, list[Evidenced]] = {f: [] for f in _FIELDS}
        for grounded in [merged, *(self.ground(other)[0] for other in others)]:
            for f in _FIELDS:
                known = {_identity(i) for i in fields[f]}
                for item in getattr(grounded, f):  # also drops repeats within one answer
                    if _identity(item) not in known:
                        fields[f].append(item)
                        known.add(_identity(item))
        fields["troop_estimates"] = self._without_unsourced_repeats(fields["troop_estimates"])
        kept = {_identity(i)[:2] for items in fields.values() for i in items}
        unverified = [u for u in unverified if u.kind == "attribution" or _loose_identity(u) not in kept]
        return ArticleExtraction.model_validate({f: [i.model_dump() for i in v] for f, v in fields.items()}), unverified


_ANAPHORIC_BEFORE = re.compile(
    r"\b(?:the|those|these)\s+(?:(?:estimated|reported|some|about|roughly|nearly|almost)\s+)?$", re.I
)


def _own_words(item: Evidenced) -> list[tuple[str, str | None]]:
    """The fields the model writes in its own words (everything but the quote)."""
    if isinstance(item, TroopEstimate):
        a = item.attribution
        return [
            ("subject", item.subject),
            ("location", item.location),
            ("when", item.when),
            ("attribution.source", a.source),
            ("attribution.organization", a.organization),
            ("attribution.via", a.via),
        ]
    if isinstance(item, Actor):
        return [("name", item.name), ("role", item.role), ("affiliation", item.affiliation)]
    if isinstance(item, Location):
        return [("name", item.name), ("role", item.role)]
    if isinstance(item, OfficialReaction):
        return [
            ("speaker", item.speaker),
            ("role", item.role),
            ("affiliation", item.affiliation),
            ("summary", item.summary),
        ]
    return []


def _identity(item: Evidenced) -> tuple[object, ...]:
    """What makes two answers' items the same item."""
    if isinstance(item, TroopEstimate):
        return ("troop_estimate", tuple(item.figures()), item.start)
    if isinstance(item, Actor | Location):
        return (type(item).__name__, item.name.casefold())
    if isinstance(item, OfficialReaction):
        return ("official_reaction", item.speaker.casefold(), item.start)
    return (type(item).__name__, item.start)


def _loose_identity(u: UnverifiedItem) -> tuple[object, ...]:
    """The first two parts of the identity an unverified item would have had (it has
    no offsets): enough to tell that another answer got the same item right."""
    data = u.item
    if u.kind == "troop_estimate":
        figures = tuple(n for n in (data.get("count"), data.get("low"), data.get("high")) if n is not None)
        return ("troop_estimate", figures)
    if u.kind == "official_reaction":
        return ("official_reaction", str(data.get("speaker", "")).casefold())
    return ("Actor" if u.kind == "actor" else "Location", str(data.get("name", "")).casefold())


_FIELDS: dict[str, ItemKind] = {
    "troop_estimates": "troop_estimate",
    "official_reactions": "official_reaction",
    "actors": "actor",
    "locations": "location",
}


__all__ = ["Grounder", "Span", "normalize", "normalize_with_map"]


# "the Tehrik-i-Taliban Pakistan (TTP)": a body the article names and abbreviates; not a
# country or a place ("Democratic Republic of Congo (DRC)", "Line of Control (LoC)").
_DEFINED_BODY = re.compile(
    r"(?P<long>\b[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+)?[A-Z][\w’'-]*){1,6})\s+\((?P<acronym>[A-Z]{2,6})\)"
)
_OFFICE_HOLDER = re.compile(
    r"\b(?:(?:Vice\s+|Deputy\s+)?President|(?:Deputy\s+)?Prime\s+Minister|"
    r"(?:Foreign|Defen[cs]e|Interior|Home|War)\s+(?:Minister|Secretary)|Secretary\s+of\s+(?:State|Defen[cs]e)|"
    r"Minister|Chancellor|King|Crown\s+Prince|Emir|Senator|Governor|Ambassador|Secretary-General|"
    r"Spokes(?:man|woman|person)|Gen\.|General|Admiral|Adm\.|Col\.|Colonel)\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|(?:bin|al|el|de|van|von)-?(?:[A-Z][\w’'-]+)?)){1,3})"
)
# "President Joe Biden Monday authorized": a day, a month or a clause opener ends the name;
# "President Vladimir Putin's forces": the possessive is no part of it.
_AFTER_NAME = re.compile(
    r"[’']s$|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|On|In|At|As|And|But|The)\b.*$"
)
_A_PLACE = re.compile(r"^Line\b|\b(?:Line|Region|Province|Republic|Islands?|Strip|Bank|Sea|Valley|Airport|Zone)$")


# "the media"; "Government figures", "Pentagon data": a document, not who wrote it
_NOT_A_NAME_END = TITLES | {"media", "figures", "data", "statistics", "report", "reports", "estimates", "tally"}


def _names_someone(name: str) -> bool:
    """A name, not a description: capitalised, not a people ("Russian"), not a bare title
    ("DND chief"), not the media. A country's government or armed forces ("Israeli
    military", "Thai army") is a body that acts, as the annotation rule has it."""
    words = name.split()
    return bool(words) and words[0][:1].isupper() and not is_demonym(name) and words[-1].lower() not in _NOT_A_NAME_END


def _looks_like_a_person(name: str) -> bool:
    """Two or more capitalised words and no word of a body: 'John Kirby', 'Bashar al-Assad',
    not 'White House'."""
    words = [w for w in re.sub(r"\b(?:bin|al|el|de|van|von)-", "", name).split() if w[:1].isupper()]
    return len(words) >= 2 and not re.search(
        r"\b(?:House|Ministry|Department|Council|Agency|Service|Command|Forces|Army|Office|Group|Center|Centre|"
        r"Pentagon|Kremlin|Government|Administration|Committee|Intelligence)\b",
        name,
    )
