"""Turn the model's citations into evidence the tool writes itself.

The model answers with sentence numbers (:class:`schemas.extraction.ArticleAnswer`); the
only text it copies is a figure as written, which the tool parses. Here each item gets
the article's own sentence as its ``quote`` and that sentence's offsets as
``start``/``end``, so evidence is verbatim by construction. A reaction's summary is its
sentence, shortened: the article's words, not the model's.
The :class:`~summarizer.grounding.grounder.Grounder` then vets and corrects the result
exactly as before (the sentence must state the figure, name the actor, not address the
model...).

What the text settles is not taken from the model:

- a figure cited on the wrong sentence is moved to the nearest sentence that states it
  (within ``_NEAR`` sentences), and the move is noted; a figure no sentence states is
  set apart as unverified;
- a range ("11 to 12,000") is read from the sentence, whatever the model gave;
- actors and places come from the parse (:mod:`summarizer.text.mentions`), vetted as
  names: the evidence is the first sentence that names them; a place given as a list
  ("Kharkiv, Donetsk") is split unless the name is a body's, and a place keeps its
  proper name ("Bakhmut battle" -> Bakhmut, "Donbass region of eastern Ukraine" ->
  Donbass region);
- a country's bare name ("Russia denies": who speaks for it is the actor), a demonym, a
  dateline or a news outlet is no actor; a person or a body ("Defense Secretary Chuck
  Hagel", "NATO", "White House") is no place;
- a reaction's stance is read from its sentence's words (:mod:`summarizer.text.stance`)
  and its speaker is who takes that stance (:mod:`summarizer.text.holders`); a cited
  sentence that only puts a number on troops is a figure statement and is set apart, and
  one whose words take no stance adds nothing the parse does not list;
- every stance the article states with a holder the parse reads ("Russia has denied
  ...", '"... it's unclear what the intent is," said John Kirby'), and every quoted
  statement with a named speaker, is a reaction even when the answer left it out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from schemas import ArticleExtraction, UnverifiedItem
from schemas.extraction import ArticleAnswer, CitedFigure, CitedReaction
from summarizer.text.aliases import as_written, names, same_entity
from summarizer.text.analysis import analyse
from summarizer.text.attribution import (
    open_quotation,
    sentence_speakers,
)
from summarizer.text.candidates import is_measure, troop_figures
from summarizer.text.countries import is_country, is_demonym
from summarizer.text.credit import read_credit
from summarizer.text.holders import Holder, is_title, reports_speech, stance_holders, states_a_view, titled_person
from summarizer.text.mentions import Mention, named_in
from summarizer.text.numbers import figures_in, format_figure, mentions, range_around, stated_spans
from summarizer.text.sentences import ends_a_sentence
from summarizer.text.sources import is_outlet, reads_as_a_name
from summarizer.text.stance import cues
from summarizer.text.vocabulary import (
    BODY_NAME_WORDS,
    PERSON_TITLE_WORDS,
    PLACE_NAME_WORDS,
    TITLE_ABBREVIATIONS,
    has_name_word,
    word_set,
)

_NEAR = 2  # how many sentences away a mis-cited figure or reaction may be found
_PROPER_NAMES = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*")
# A title and up to two more names before a name: "Defense Secretary Chuck Hagel", "Rep. Mike Turner".
_TITLED = (
    rf"\b(?:{'|'.join(w.capitalize() for w in sorted(PERSON_TITLE_WORDS | TITLE_ABBREVIATIONS))})"
    r"\.?\s+(?:[A-Z][\w.’'-]*\s+){0,2}"
)
_LIST = re.compile(r"\s*(?:,|\band\b|&|/)\s*")


# Equipment: "F-16 fighter jets", "MiG-29".
_EQUIPMENT = re.compile(r"\b[A-Z][A-Za-z]{0,2}-\d+")
# "Army", "military", "Marines", "Monitor": a force or a role, but whose?
_WHOSE_FORCE_UNSAID = frozenset(
    [
        "army",
        "navy",
        "military",
        "marines",
        "police",
        "government",
        "ministry",
        "monitor",
        "forces",
        "troops",
        "air force",
        "the army",
        "the military",
        "the government",
        "the ministry",
        "the police",
    ]
)


def _dateline_only(name: str, text: str) -> bool:
    """'ISLAMABAD': a capitals-only name that the article writes only as its dateline."""
    if not name.isupper() or len(name) < 4:
        return False
    uses = list(re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text))
    return (
        bool(uses)
        and all(re.match(r"\s*(?:[:,(–—-]|\d)", text[m.end() :]) for m in uses)
        and not re.search(rf"(?<![\w]){re.escape(name.title())}(?![\w])", text)
    )


def _one_per_speaker(reactions: list[dict[str, object]]) -> list[dict[str, object]]:
    """One reaction per speaker and stance: a speaker's statements that take no stance
    ("other") are dropped when another of theirs takes one, and kept once otherwise
    ("... meat grinder," Kirby said Friday. "... without a second thought.")."""
    kept: list[dict[str, object]] = []
    for reaction in reactions:
        speaker, stance = str(reaction["speaker"]), reaction["stance"]
        same = [r for r in reactions if same_entity(str(r["speaker"]), speaker)]
        if stance == "other" and any(r["stance"] != "other" for r in same):
            continue
        if any(same_entity(str(k["speaker"]), speaker) and k["stance"] == stance for k in kept):
            continue
        kept.append(reaction)
    return kept


def _place_names(name: str) -> list[str]:
    """'Kharkiv, Donetsk' -> both; 'Bakhmut battle' -> 'Bakhmut'; 'Donbass region of
    eastern Ukraine' -> 'Donbass region'. A place keeps its capitalised name and the
    common noun right after it (region, oblast...); descriptions are dropped."""
    name = re.sub(r"^the\s+", "", name.strip())
    if name[:1].islower():
        # A description around names: "border with Ukraine", "border between Ukraine and
        # Russia" -> the names; "eastern border" -> none.
        return [q for found in _PROPER_NAMES.findall(name) for q in _place_names(found)]
    name = re.split(r"\s+(?:of|in|near|along|on)\s+(?=[a-z])", name)[0]
    parts = [p for p in _LIST.split(name) if p]
    if len(parts) > 1 and all(p[:1].isupper() for p in parts):
        return [q for p in parts for q in _place_names(p)]
    words = name.split()
    # "Ladakh border", "Bakhmut battle" -> the place; "Gaza Strip", "Pangong Lake" stay.
    while len(words) > 1 and words[-1][:1].islower() and words[-1].lower() not in PLACE_NAME_WORDS:
        words.pop()
    return [" ".join(words)] if words else []


def _place_kind(name: str, label: str) -> str:
    """A place's kind as far as its name and the parser's label say: a country, a
    facility, a region (a geographic name, or one ending in "region", "province" ...),
    else other (the small pipeline does not tell a city from a region)."""
    if is_country(name):
        return "country"
    if label == "FAC":
        return "facility"
    if label == "LOC" or name.split()[-1].lower() in _REGION_WORDS:
        return "region"
    return "other"


_REGION_WORDS = word_set("region province oblast district governorate state territory border")


def _value(written: str) -> int | None:
    """The number a figure as written states: '10,000' and 'about 10 thousand' -> 10000;
    the larger end of a range ('11 to 12,000' -> 12000; the sentence gives the range)."""
    values = figures_in(written)
    return max(values) if values else None


def _gist(sentence: str, words: int = 15) -> str:
    """What a statement says, in the article's own words: its sentence, shortened."""
    kept = sentence.split()
    return " ".join(kept[:words]) + (" …" if len(kept) > words else "")


class Citations:
    """The sentences of one text, as the prompt numbered them."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.spans = list(spans)
        self._sentences = [text[a:b] for a, b in self.spans]

    def resolve(self, answer: ArticleAnswer) -> tuple[ArticleExtraction, list[UnverifiedItem], list[str]]:
        """The answer as evidenced items (quote = the cited sentence, with its offsets),
        the items no sentence supports, and notes on the citations that were repaired."""
        unverified: list[UnverifiedItem] = []
        notes: list[str] = []
        figures: list[dict[str, object]] = []
        reactions: list[dict[str, object]] = []
        for figure in answer.figures:
            count = _value(figure.figure)
            if count is None:
                reason = f"{figure.figure!r} is not a number"
                unverified.append(UnverifiedItem(kind="troop_estimate", item=figure.model_dump(), reason=reason))
                continue
            number, why = self._figure_sentence(figure.sentence, count)
            if number is not None and is_measure(self._sentences[number - 1], count):
                number, why = None, f"{figure.figure} in sentence {number} measures something else (miles, percent ...)"
            if number is None:
                unverified.append(UnverifiedItem(kind="troop_estimate", item=figure.model_dump(), reason=why))
                continue
            cited_elsewhere = {f.sentence for f in answer.figures if f is not figure}
            sourced = self._sourced_restatement(number, count)
            if sourced is not None and sourced not in cited_elsewhere:
                why = f"figure {figure.figure} cited on the heading; sentence {sourced} states it with its source"
                number = sourced
            if why:
                notes.append(why)
            figures.append(self._estimate(figure, count, number))
        for reaction in answer.reactions:
            problem = self._not_a_reaction(reaction)
            moved = (
                self._reaction_sentence(reaction) if problem is not None and self._heading(reaction.sentence) else None
            )
            if moved is not None:
                notes.append(
                    f"reaction of {reaction.speaker} cited on sentence {reaction.sentence}; it is sentence {moved}"
                )
                reaction = reaction.model_copy(update={"sentence": moved})
            elif problem is not None:
                unverified.append(UnverifiedItem(kind="official_reaction", item=reaction.model_dump(), reason=problem))
                continue
            stated, replaced = self._reaction(reaction)
            unverified += replaced
            if stated is None or stated["stance"] == "other":
                # the sentence's words take no stance: the quoted statements the article
                # states are listed from the parse below, and the answer's pick adds nothing
                # a reader can check (measured: dropping these raised reactions on dev and
                # held-out alike)
                continue
            reactions.append(stated)
        reactions += self._stated_reactions(reactions)
        reactions = _one_per_speaker(reactions)
        analysis = analyse(self.text)
        # the article's own analysis, unless these are one part's sentences
        found = analysis.mentions if tuple(self.spans) == analysis.spans else named_in(self.text, self.spans)
        actors, places = self._named([m for m in found if m.kind == "actor"], [m for m in found if m.kind == "place"])
        extraction = ArticleExtraction.model_validate(
            {"troop_estimates": figures, "official_reactions": reactions, "actors": actors, "locations": places}
        )
        return extraction, unverified, notes

    def _named(
        self, actor_mentions: list[Mention], place_mentions: list[Mention]
    ) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        """The actors and places the parse found, vetted as names (an outlet, a demonym, a
        country's bare name, a dateline, a place that is a body ...) and evidenced by the
        sentence the rule found them in (not a dateline that names them first). Each name
        is kept once."""
        actors: list[dict[str, object]] = []
        places: list[dict[str, object]] = []
        place_names = [n for m in place_mentions for n in _place_names(m.name)]
        actor_names = [m.name for m in actor_mentions]
        for kind, kept, items in (("actor", actors, actor_mentions), ("location", places, place_mentions)):
            for mention in items:
                full = mention.name
                # a border keeps its sides and its noun ("the Armenia-Azerbaijan border")
                plain = kind == "actor" or mention.rule == "place.border"
                if not plain and has_name_word(full, BODY_NAME_WORDS):
                    continue  # "the Organization for Security and Co-operation in Europe": a body, not a list of places
                for name in [full] if plain else _place_names(full):
                    listed_kind = "person" if mention.label == "PERSON" else "other"
                    wrong = self._misnamed(kind, name, place_names, actor_names, listed_kind, self.text)
                    wrong = wrong or (self._not_a_place(name) if kind == "location" else None)
                    if wrong or any(
                        same_entity(str(k["name"]), name, "place" if kind == "location" else None) for k in kept
                    ):
                        continue
                    number = mention.sentence + 1  # the sentence the rule read it in
                    what = listed_kind if kind == "actor" else _place_kind(name, mention.label)
                    kept.append({"name": name, "kind": what, "rule": mention.rule} | self._evidence(number))
        return actors, places

    # -- figures --------------------------------------------------------------------------
    def _figure_sentence(self, cited: int, count: int) -> tuple[int | None, str]:
        """The sentence that states the figure: the cited one, else the nearest one that
        does (with a note), else None (with the reason)."""
        if self._span(cited) is not None and mentions(self._sentences[cited - 1], count):
            return cited, ""
        stating = [n for n in range(1, len(self.spans) + 1) if mentions(self._sentences[n - 1], count)]
        near = [n for n in stating if abs(n - cited) <= _NEAR]
        shown = format_figure(count)
        if near:
            best = min(near, key=lambda n: (abs(n - cited), n))
            return best, f"figure {shown} cited on sentence {cited}; it is stated in sentence {best}"
        if len(stating) == 1:
            (only,) = stating
            return only, f"figure {shown} cited on sentence {cited}; the only sentence stating it is {only}"
        if stating:
            return None, f"sentence {cited} does not state {shown}, and several other sentences do: not guessed"
        return None, f"no sentence of the article states {shown}"

    def _sourced_restatement(self, number: int, count: int) -> int | None:
        """For a figure cited on a heading that credits nobody ("Monitor: 74 Kurdish-led
        fighters killed"), the first later sentence that states it and credits someone
        ("... has risen to 74, the Syrian Observatory for Human Rights said"): the
        statement the brief can attribute."""
        if not self._heading(number) or self._credited(number, count):
            return None
        return next(
            (n for n in range(number + 1, len(self.spans) + 1) if self._credited(n, count)),
            None,
        )

    def _credited(self, number: int, count: int) -> bool:
        start, _ = self.spans[number - 1]
        hits = stated_spans(self._sentences[number - 1], count)
        if not hits:
            return False
        credit, _ = read_credit(self.text, start + hits[0][0], start + hits[0][1], count, spans=self.spans)
        return credit is not None and bool(credit.name)

    def _estimate(self, figure: CitedFigure, count: int, number: int) -> dict[str, object]:
        sentence = self._sentences[number - 1]
        span = range_around(sentence, count)
        low, high = span if span is not None else (None, None)
        return {
            "count": None if span is not None else count,
            "low": low,
            "high": high,
            "qualifier": "exact",  # read from the sentence by the grounder
            "subject": figure.subject,
            "status": figure.status,
            "attribution": {
                "source": None,  # read from the sentence's credit forms by the grounding
                "organization": None,
                "kind": "unattributed",
                "via": None,
            },
            **self._evidence(number),
        }

    # -- reactions, names -----------------------------------------------------------------
    def _not_a_reaction(self, reaction: CitedReaction) -> str | None:
        n = reaction.sentence
        if self._span(n) is None:
            return f"cites sentence {n}, which the article does not have"
        sentence = self._sentences[n - 1]
        if cues(sentence):
            return None
        if troop_figures(sentence):
            return f"sentence {n} states a troop figure and no stance: a figure statement, not a reaction"
        if not reports_speech(sentence):
            return f"sentence {n} reports no statement (no quotation, no verb of saying): not a reaction"
        if not states_a_view(sentence):
            # "..., a military official said, declining to give numbers": what was said, no view of it
            return f"sentence {n} reports what was said, with no stance and none of the speaker's own words"
        return None

    def _heading(self, number: int) -> bool:
        return self._span(number) is not None and not ends_a_sentence(self._sentences[number - 1])

    def _reaction_sentence(self, reaction: CitedReaction) -> int | None:
        """For a reaction cited on a heading ("Broader Implications for Global Security"),
        the sentence near it that names the speaker saying something: the nearest, else None."""
        near = [
            n
            for n in range(reaction.sentence - _NEAR, reaction.sentence + _NEAR + 1)
            if n != reaction.sentence
            and self._span(n) is not None
            and names(reaction.speaker, self._sentences[n - 1])
            and self._not_a_reaction(reaction.model_copy(update={"sentence": n})) is None
        ]
        return min(near, key=lambda n: (abs(n - reaction.sentence), n)) if near else None

    def _reaction(self, reaction: CitedReaction) -> tuple[dict[str, object] | None, list[UnverifiedItem]]:
        """The reaction as the article states it, and the answer's speaker listed as
        unverified when the sentence credits someone else (as a replaced figure credit is);
        None when nobody the sentence names could have said it."""
        n = reaction.sentence
        sentence = self._sentences[n - 1]
        speaker = as_written(reaction.speaker, self.text)  # "john kirby" -> the article's "John Kirby"
        # '"... meat grinder," Kirby said' is Kirby's reaction, whoever the answer named,
        # unless the answer's speaker is one of the sentence's speakers ("Russia denied
        # it, while Biden warned ...": two reactions in one sentence).
        previous = self._sentences[n - 2] if n > 1 else ""
        holders = self._holders(n)
        # who speaks: the sentence's speakers and who takes its stances ("Ms Singh said
        # Lloyd Austin has already publicly cautioned ...": both)
        said_by = sentence_speakers(sentence, previous) + [h.name for h in holders if h.name]
        relayed = [h.name for h in holders if h.name and any(same_entity(speaker, r) for r in h.relayed_by)]
        if relayed:
            # 'Kirby said Shoygu assured Hagel "that they have no intention ..."': the
            # stance is Shoygu's; Kirby only relays it
            said_by = relayed
        replaced: list[UnverifiedItem] = []
        if not said_by and not _could_speak(speaker):
            # the answer named a dateline ("Irbil, Iraq (CNN)") or a clause, not who speaks
            reason = f"{reaction.speaker!r} is not a name the sentence's speaker could have"
            return None, [UnverifiedItem(kind="official_reaction", item=reaction.model_dump(), reason=reason)]
        if said_by and not any(same_entity(speaker, s) for s in said_by):
            speaker = as_written(said_by[0], self.text)
            reason = (
                f"the sentence credits {speaker!r}, not {reaction.speaker!r}; the reaction is kept as {speaker!r}'s"
            )
            replaced.append(UnverifiedItem(kind="official_reaction", item=reaction.model_dump(), reason=reason))
        stance, stance_rule = self._stance_of(speaker, holders, previous)
        return {
            "speaker": speaker,
            "role": None,
            "affiliation": None,
            "stance": stance,
            "summary": _gist(sentence),
            "rule": "answer",
            "stance_rule": stance_rule,
            **self._evidence(n),
        }, replaced

    def _holders(self, number: int) -> list[Holder]:
        """Who takes each stance sentence ``number`` states, titles resolved to the person
        an earlier sentence gave that title; holders the brief cannot name are None."""
        previous = self._sentences[number - 2] if number > 1 else ""
        found = stance_holders(
            self._sentences[number - 1],
            previous,
            self._sentences[number : number + 3],
            self._sentences[max(number - 4, 0) : max(number - 2, 0)],
        )
        return [replace(h, name=self._holder(h.name, number) if h.name else None) for h in found]

    @staticmethod
    def _stance_of(speaker: str, holders: list[Holder], previous: str) -> tuple[str, str | None]:
        """The stance the sentence's words give this speaker, and the cue's rule: the cue
        they hold ("Russia has insisted it will not ..., while Biden has warned": Biden
        warns), else the first cue a named holder takes, else ("other", None). A cue
        nobody takes is nobody's stance: "a militia that is accused of atrocities", "since
        the escalation of the conflict" (measured: dev reactions precision 0.73 -> 0.76,
        round 14 0.43 -> 0.47)."""
        for holder in holders:
            if holder.name is not None and same_entity(holder.name, speaker):
                return holder.stance, holder.cue
        if holders and holders[0].name is not None:
            return holders[0].stance, holders[0].cue
        # '“Fake news (…). Thai soldiers must stop laughing,” the spokesman told EFE': a
        # quotation the sentence before opened is the same speaker's words
        opened = open_quotation(previous)
        found = cues(previous[opened:]) if opened is not None else []
        return (found[0].stance, found[0].rule) if found else ("other", None)

    def _stated_reactions(self, known: list[dict[str, object]]) -> list[dict[str, object]]:
        """Reactions the article states and the answer left out, read from the parse: each
        stance cue with who takes it (:mod:`summarizer.text.holders`: "Russia has denied",
        '"... it's unclear what the intent is," said John Kirby'), and a quoted statement
        with no stance by the speaker the sentence names ("statement.quoted"). Confirming
        is left to the answer: "confirmed" mostly introduces a figure."""
        added: list[dict[str, object]] = []
        answered = {r["start"] for r in known}
        for n, sentence in enumerate(self._sentences, start=1):
            if self.spans[n - 1][0] in answered or not ends_a_sentence(sentence):
                continue  # a headline or subhead ("International Concern Mounts") is no statement
            previous = self._sentences[n - 2] if n > 1 else ""
            stated = [(h.stance, h.name, h.rule, h.cue) for h in self._holders(n) if h.name is not None]
            if not stated and any(mark in sentence for mark in '"“”') and not troop_figures(sentence):
                said = [who for who in sentence_speakers(sentence, previous) if _could_speak(who)]
                stated = [("other", who, "statement.quoted", None) for who in said[:1]]
            for stance, speaker, rule, stance_rule in stated:
                if speaker is None or stance == "confirm":
                    continue
                theirs = [r for r in [*known, *added] if same_entity(str(r["speaker"]), speaker)]
                if any(r["stance"] != "other" for r in theirs) or (theirs and stance == "other"):
                    continue  # a speaker with only stanceless lines takes the stance stated here instead
                summary = _gist(sentence)
                added.append(
                    {"speaker": speaker, "role": None, "affiliation": None, "stance": stance, "summary": summary}
                    | {"rule": rule, "stance_rule": stance_rule}
                    | self._evidence(n)
                )
        return added

    def _holder(self, name: str, number: int) -> str | None:
        """A stance holder as the brief names them: a title alone ("the prime minister")
        is the person an earlier sentence gave that title, or nobody when none did."""
        if not any(w[:1].isupper() for w in name.split()):
            return titled_person(name, self._sentences[: number - 1]) or (None if is_title(name) else name)
        return name

    @staticmethod
    def _misnamed(
        kind: str, name: str, place_names: list[str], actor_names: list[str], kind_of: str = "other", text: str = ""
    ) -> str | None:
        if kind == "actor":
            if name.strip().casefold() in _WHOSE_FORCE_UNSAID:
                return f"{name!r} does not say whose: not a name of anyone"
            if is_demonym(name):
                return f"{name!r} is what a people is called, not an actor"
            if _dateline_only(name, text):
                return f"{name!r} is the dateline: where the story was filed, not who acts"
            if kind_of == "person":
                return None  # a person the model also filed as a place is still a person
            if is_country(name):
                return f"{name!r} is a country: the actor is who speaks or acts for it"
            if is_outlet(name):
                return f"{name!r} is a news outlet: it shows as a figure's source or go-between, not as an actor"
            if any(same_entity(name, p, "place") and not has_name_word(name, BODY_NAME_WORDS) for p in place_names):
                return f"{name!r} is one of the places the answer lists: a place, not an actor"
            return None
        words = name.split()
        if has_name_word(name, PERSON_TITLE_WORDS) or (
            has_name_word(name, BODY_NAME_WORDS) and not has_name_word(name, PLACE_NAME_WORDS)
        ):
            return f"{name!r} names a person or a body, not a place"
        if _EQUIPMENT.search(name):
            return f"{name!r} is equipment, not a place"
        if is_demonym(name):
            return f"{name!r} is what a people is called, not a place"
        if any(
            same_entity(name, a) and len(words) > 1 and a != name
            for a in actor_names
            if has_name_word(a, PERSON_TITLE_WORDS)
        ):
            return f"{name!r} is a person the answer lists as an actor"
        return None

    def _not_a_place(self, name: str) -> str | None:
        """An outlet, or a name the article gives a title ("Defense Secretary Chuck
        Hagel", "Rep. Mike Turner"), is no place."""
        if is_outlet(name):
            return f"{name!r} is a news outlet, not a place"

        if re.search(_TITLED + re.escape(name) + r"\b", self.text) or re.search(_TITLED, name):
            return f"{name!r} is a person the article gives a title, not a place"
        return None

    def _span(self, number: int) -> tuple[int, int] | None:
        return self.spans[number - 1] if 1 <= number <= len(self.spans) else None

    def _evidence(self, number: int) -> dict[str, object]:
        start, end = self.spans[number - 1]
        return {"quote": self.text[start:end], "start": start, "end": end, "match": "exact"}


def _could_speak(name: str) -> bool:
    """Whether ``name`` can be who speaks: a noun phrase, not one that opens with a
    preposition ("into Chinese territory"), counts something ("Over 400 people at one
    point") or carries a dateline's parenthesis ("Irbil, Iraq (CNN)"), nor a clause;
    the text forms can return these from a sentence whose quotation they misread, and
    the answer from a headline or a dateline."""
    words = name.split()
    if not words or any(c.isdigit() or c in "()" for c in name):
        return False
    return reads_as_a_name(name)
