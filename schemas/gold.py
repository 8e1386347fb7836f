"""Hand-made reference annotations ("gold") for one article, used by ``summarizer eval``.

One JSON file per article, named anything ending in ``.json``, in a gold directory::

    {
      "article": "000_a5fcda978374dbd1.txt",        # file name of the article it describes
      "story": "north-korea-troops",                # which story (sets are split by story)
      "url": "https://...",                         # where the text was taken from
      "figures": [
        {"count": 10000, "qualifier": "about", "subject": "troops",
         "status": ["expected"], "source": ["Pentagon", "Sabrina Singh"],
         "evidence": "about 10,000 North Korean troops are expected in Russia within weeks"}
      ],
      "actors":    [{"name": "Mark Rutte", "also": ["Rutte"], "evidence": "..."}],
      "locations": [{"name": "Kursk region", "evidence": "..."}],
      "reactions": [{"speaker": "Mark Rutte", "stance": ["warn", "concern"], "evidence": "..."}]
    }

- ``figures``: every number of troops the article states, one entry per figure per
  originating source. ``count`` or ``low``/``high`` as in the extraction schema.
  ``status`` lists the statuses a careful reader would accept (compared by status group:
  already sent or in place / expected or planned / casualties / other). ``source`` lists
  the names of the originating source as the article gives them (the person and the
  body they speak for); an empty list means the article attributes the figure to nobody.
- ``actors`` and ``locations``: names, with ``also`` for other forms the article uses.
- ``reactions``: one per official who reacts, with the stances that fit the wording.
- Every entry has ``evidence``, a verbatim passage of the article (checked when loaded),
  and ``required`` (default true). A non-required entry is a reasonable answer that the
  gold does not demand: finding it is neither a hit nor a false positive, missing it is
  not a miss (a photo caption's place, a headline restating a figure).

This module depends on nothing else in the project.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.extraction import Qualifier, Stance, TroopStatus


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")

    evidence: str = Field(min_length=1, description="Verbatim passage of the article.")
    required: bool = True
    note: str | None = None


class GoldFigure(_Gold):
    count: int | None = Field(default=None, ge=1)
    low: int | None = Field(default=None, ge=1)
    high: int | None = Field(default=None, ge=1)
    qualifier: Qualifier = "exact"
    subject: str = "troops"
    status: list[TroopStatus] = Field(min_length=1)
    source: list[str] = Field(default_factory=list, description="Names of the originating source; [] = nobody.")

    @model_validator(mode="after")
    def _has_a_figure(self) -> GoldFigure:
        if (self.count is None) == (self.low is None or self.high is None):
            raise ValueError("give either count or both low and high")
        return self

    def figures(self) -> tuple[int, ...]:
        return (self.count,) if self.count is not None else (self.low or 0, self.high or 0)


class GoldName(_Gold):
    name: str
    also: list[str] = Field(default_factory=list)

    def names(self) -> list[str]:
        return [self.name, *self.also]


class GoldReaction(_Gold):
    speaker: str
    also: list[str] = Field(default_factory=list)
    stance: list[Stance] = Field(min_length=1)

    def names(self) -> list[str]:
        return [self.speaker, *self.also]


class GoldArticle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article: str = Field(description="File name of the article (its stem is matched).")
    story: str | None = Field(default=None, description="The story it belongs to; dev/test splits are by story.")
    url: str | None = Field(default=None, description="Public page the excerpt was taken from.")
    notes: str | None = None
    figures: list[GoldFigure] = Field(default_factory=list)
    actors: list[GoldName] = Field(default_factory=list)
    locations: list[GoldName] = Field(default_factory=list)
    reactions: list[GoldReaction] = Field(default_factory=list)


class GoldCredit(BaseModel):
    """One figure of a :class:`GoldPassage` and who the passage credits it to."""

    model_config = ConfigDict(extra="forbid")

    figure: int = Field(ge=1, description="The number as stated (the low end of a range), digits or words.")
    at: str = Field(min_length=1, description="Verbatim words of the figure's sentence, from near the figure.")
    source: list[str] = Field(default_factory=list, description="Names of the originating source; [] = nobody.")
    note: str | None = None


class GoldPassage(BaseModel):
    """A short verbatim passage of a news page (the figure's sentence and what its
    credit needs around it: the headline, the sentence before or after) with the credit
    of each troop figure in it. Many outlets, few figures each: a corpus that samples
    the ways news copy attributes a number, scored without the model
    (``python -m scripts.credits``). The half is fixed by the page's site, not chosen."""

    model_config = ConfigDict(extra="forbid")

    url: str
    text: str = Field(min_length=1)
    credits: list[GoldCredit] = Field(min_length=1)

    @model_validator(mode="after")
    def _each_figure_is_in_the_text(self) -> GoldPassage:
        for credit in self.credits:
            if credit.at not in self.text:
                raise ValueError(f"{credit.at!r} is not in the passage's text")
        return self

    def site(self) -> str:
        host = self.url.split("//", 1)[-1].split("/", 1)[0].lower()
        return host.removeprefix("www.")

    def half(self) -> Literal["dev", "test"]:
        """'dev' or 'test', from a hash of the site: one outlet's house style stays on one side."""
        return "test" if hashlib.sha256(self.site().encode()).digest()[0] % 2 else "dev"
