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
- actors and places are found by name in the article: the evidence is the first sentence
  that names them; a name the article never uses is set apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from schemas import ArticleExtraction, UnverifiedItem
from schemas.extraction import ArticleAnswer, CitedFigure, CitedReaction, ItemKind, NamedActor, NamedPlace
from summarizer.text.aliases import names
from summarizer.text.attribution import source_kind
from summarizer.text.numbers import figures_in, format_figure, mentions, range_around

_NEAR = 2  # how many sentences away a mis-cited figure may be found


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
        actors: list[dict[str, object]] = []
        places: list[dict[str, object]] = []
        for figure in answer.figures:
            count = _value(figure.figure)
            if count is None:
                reason = f"{figure.figure!r} is not a number"
                unverified.append(UnverifiedItem(kind="troop_estimate", item=figure.model_dump(), reason=reason))
                continue
            number, why = self._figure_sentence(figure.sentence, count)
            if number is None:
                unverified.append(UnverifiedItem(kind="troop_estimate", item=figure.model_dump(), reason=why))
                continue
            if why:
                notes.append(why)
            figures.append(self._estimate(figure, count, number))
        for reaction in answer.reactions:
            if self._span(reaction.sentence) is None:
                reason = f"cites sentence {reaction.sentence}, which the article does not have"
                unverified.append(UnverifiedItem(kind="official_reaction", item=reaction.model_dump(), reason=reason))
                continue
            reactions.append(self._reaction(reaction))
        named: list[tuple[ItemKind, list[dict[str, object]], Sequence[NamedActor | NamedPlace]]] = [
            ("actor", actors, answer.actors),
            ("location", places, answer.places),
        ]
        for kind, kept, items in named:
            for item in items:
                number = self._first_naming(item.name)
                if number is None:
                    reason = f"{item.name!r} is not named in the article"
                    unverified.append(UnverifiedItem(kind=kind, item=item.model_dump(), reason=reason))
                    continue
                kept.append({**item.model_dump(), **self._evidence(number)})
        extraction = ArticleExtraction.model_validate(
            {"troop_estimates": figures, "official_reactions": reactions, "actors": actors, "locations": places}
        )
        return extraction, unverified, notes

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
                "source": figure.source,
                "organization": figure.organization,
                "kind": source_kind(figure.source, figure.organization),
                "via": None,
            },
            **self._evidence(number),
        }

    # -- reactions, names -----------------------------------------------------------------
    def _reaction(self, reaction: CitedReaction) -> dict[str, object]:
        return {
            "speaker": reaction.speaker,
            "role": None,
            "affiliation": None,
            "stance": reaction.stance,
            "summary": _gist(self._sentences[reaction.sentence - 1]),
            **self._evidence(reaction.sentence),
        }

    def _first_naming(self, name: str) -> int | None:
        for n, sentence in enumerate(self._sentences, start=1):
            if names(name, sentence):
                return n
        return None

    # -- shared ---------------------------------------------------------------------------
    def _span(self, number: int) -> tuple[int, int] | None:
        return self.spans[number - 1] if 1 <= number <= len(self.spans) else None

    def _evidence(self, number: int) -> dict[str, object]:
        start, end = self.spans[number - 1]
        return {"quote": self.text[start:end], "start": start, "end": end, "match": "exact"}
