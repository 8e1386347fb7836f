"""The cross-source brief: what is known, who says so, and where the sources disagree."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from schemas.extraction import ItemKind, SourceKind, Usage

BRIEF_FORMAT = "brief-3"
"""Version of the brief's JSON. ``--since`` reads only briefs of this version: a claim's
reference time and the evolution/disagreement split are what it compares."""

TimeKind = Literal["reported", "stated", "before", "since", "target"]


class SourceRef(BaseModel):
    """One article, numbered for citations: [n]."""

    n: int
    article_id: str
    source: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    same_story_as: int | None = Field(default=None, description="The source [n] this article copies (same wire story).")


class Origin(BaseModel):
    """Who a figure ultimately comes from: outlets repeating it do not add origins."""

    key: str
    name: str
    kind: SourceKind
    inferred: bool = Field(
        default=False,
        description="No article's wording ties the figure to this origin ('according to', 'said'): every "
        "report of it is the model's reading of a sentence that names it. Shown, not counted as independent.",
    )


class Report(BaseModel):
    """One article carrying a claim, with its evidence."""

    source_n: int
    figure: str = Field(description="The figure as this article states it, hedge included.")
    status: str
    attributed_to: str
    origin_key: str
    quote: str
    start: int | None = None
    end: int | None = None
    when: str | None = Field(default=None, description="The time the sentence gives, as worded ('last week').")
    location: str | None = None
    as_of: dt.date | None = Field(
        default=None,
        description="When the figure holds: the article's date moved by the sentence's time words; "
        "for an expected figure, the date it is expected by. None: undated or not placeable.",
    )
    time_kind: TimeKind = Field(
        default="reported",
        description="reported: as of the article's date; stated: a date the sentence gives; before: earlier "
        "than the article by an unknown amount; since: accumulated since a start; target: expected by as_of.",
    )


class Claim(BaseModel):
    """The same figure (or overlapping range) about the same kind of troops, same status."""

    id: str
    figure: str = Field(description="As stated: 'about 10,000'; several wordings joined by ' / '.")
    low: int
    high: int
    subject: str
    status: str
    status_group: str
    origins: list[Origin]
    reports: list[Report]
    first_seen: dt.date | None = None

    @property
    def independent_origins(self) -> int:
        """Origins that can corroborate each other: named ones the text credits. An unnamed
        source ("officials said", "recent reports") may be any of the others relayed, and a
        credit only inferred may be wrong, so neither is counted."""
        return len([o for o in self.origins if o.kind not in ("unattributed", "anonymous") and not o.inferred])

    @property
    def articles(self) -> list[int]:
        return sorted({r.source_n for r in self.reports})


class Side(BaseModel):
    """One origin's figure in a disagreement, as of when it held."""

    claim_id: str
    origin: str
    figure: str
    status_group: str
    as_of: dt.date | None = Field(default=None, description="When it was said.")
    sources: list[int]


class Conflict(BaseModel):
    """Different origins giving incompatible figures for the same thing at the same time,
    or one figure said to be there already by some and still to come by others. No
    'true' figure is picked."""

    id: str
    kind: Literal["figures differ", "sent vs to come"] = "figures differ"
    subject: str
    reason: str
    claim_ids: list[str]
    sides: list[Side] = Field(default_factory=list)
    low: int
    high: int
    most_conservative: str = Field(description="The lowest figure, with its claim id.")
    window_days: int | None = Field(default=None, description="How close in time the sides are taken to be.")


class SeriesPoint(BaseModel):
    claim_id: str
    source_n: int
    figure: str
    status: str
    status_group: str
    as_of: dt.date | None = None
    when: str | None = None
    time_kind: TimeKind = "reported"
    quote: str


class Series(BaseModel):
    """One origin's figures for one subject, in time order: a count that moves (growth,
    a revision, a target) is shown as a series, not as a disagreement."""

    id: str
    subject: str
    origin_key: str
    origin: str
    points: list[SeriesPoint]


class Mention(BaseModel):
    source_n: int
    quote: str
    start: int | None = None
    end: int | None = None


class ActorEntry(BaseModel):
    name: str
    aliases: list[str]
    kind: str
    roles: list[str]
    affiliations: list[str]
    mentions: list[Mention]


class LocationEntry(BaseModel):
    name: str
    aliases: list[str]
    kind: str
    roles: list[str]
    mentions: list[Mention]


class Statement(BaseModel):
    source_n: int
    stance: str
    summary: str
    quote: str
    start: int | None = None
    end: int | None = None


class ReactionEntry(BaseModel):
    speaker: str
    aliases: list[str]
    role: str | None = None
    affiliation: str | None = None
    stances: list[str]
    statements: list[Statement]


class TimelineEvent(BaseModel):
    date: dt.date | None = Field(description="When the statement holds (see Report.as_of); None when unknown.")
    when: str | None = Field(default=None, description="A time the article states, as worded.")
    text: str
    claim_id: str | None = None
    source_n: int
    reported: dt.date | None = Field(default=None, description="The reporting article's date.")
    role: Literal["evolution", "disagreement", "both"] | None = Field(
        default=None, description="Whether the statement is part of a series over time, of a disagreement, or both."
    )


class KeyPoint(BaseModel):
    text: str
    claim_ids: list[str] = Field(default_factory=list)
    sources: list[int] = Field(default_factory=list)


class UnverifiedEntry(BaseModel):
    source_n: int
    kind: ItemKind
    item: dict[str, object]
    reason: str


class FailedArticle(BaseModel):
    source: str
    error: str


class RunInfo(BaseModel):
    generated_at: dt.datetime
    backend: str
    model: str
    prompt_version: str
    schema_version: str
    articles: int
    usage: Usage
    model_calls: int = Field(description="Calls made in this run (stored extractions cost none).")
    from_cache: int = Field(default=0, description="Articles whose stored extraction was reused.")
    duplicates: int = Field(default=0, description="Articles found to copy another: extracted once, not again.")
    seconds: float
    stopped: str | None = Field(
        default=None,
        description="Why the run stopped before trying every article: a cause that fails every request alike "
        "(a rejected key, nothing listening); the articles it left are in failures.",
    )


class ClaimRef(BaseModel):
    """A claim as the change list names it: enough to read it without the other brief."""

    claim_id: str | None = Field(default=None, description="Its id in this brief; None if it is gone.")
    figure: str
    subject: str
    status_group: str
    origins: list[str]
    sources: list[int] = Field(default_factory=list, description="Articles in this brief carrying it.")


class Revision(BaseModel):
    origin: str
    subject: str
    status_group: str
    before: str
    after: str
    claim_id: str
    sources: list[int]


class CorroborationChange(BaseModel):
    claim: ClaimRef
    before: int
    after: int
    gained: list[str] = Field(default_factory=list)
    lost: list[str] = Field(default_factory=list)


class ConflictRef(BaseModel):
    conflict_id: str | None = None
    subject: str
    kind: str
    sides: list[str]


class ReactionChange(BaseModel):
    speaker: str
    stance: str
    summary: str
    source_n: int
    notable: bool = Field(description="A denial, a confirmation or a condemnation: listed first.")


class Changes(BaseModel):
    """What a brief adds to an earlier one, matched by content (ids are renumbered)."""

    since: dt.datetime = Field(description="When the previous brief was generated.")
    previous_title: str
    previous_span: tuple[dt.date, dt.date] | None = None
    new_articles: list[int] = Field(default_factory=list)
    new_claims: list[ClaimRef] = Field(default_factory=list)
    revised: list[Revision] = Field(default_factory=list)
    corroboration_up: list[CorroborationChange] = Field(default_factory=list)
    corroboration_down: list[CorroborationChange] = Field(default_factory=list)
    gone_claims: list[ClaimRef] = Field(default_factory=list)
    new_conflicts: list[ConflictRef] = Field(default_factory=list)
    ended_conflicts: list[ConflictRef] = Field(default_factory=list)
    new_actors: list[str] = Field(default_factory=list)
    new_reactions: list[ReactionChange] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing listed: every field but the previous brief's own description is empty."""
        described = ("since", "previous_title", "previous_span")
        return not any(getattr(self, f) for f in type(self).model_fields if f not in described)


class Brief(BaseModel):
    format: str = BRIEF_FORMAT
    title: str
    date_span: tuple[dt.date, dt.date] | None = None
    changes: Changes | None = Field(default=None, description="Set with --since: what is new since that brief.")
    key_points: list[KeyPoint]
    claims: list[Claim]
    evolution: list[Series] = Field(default_factory=list)
    conflicts: list[Conflict]
    actors: list[ActorEntry]
    locations: list[LocationEntry]
    reactions: list[ReactionEntry]
    timeline: list[TimelineEvent]
    sources: list[SourceRef]
    unverified: list[UnverifiedEntry]
    failures: list[FailedArticle] = Field(default_factory=list)
    run: RunInfo
