"""The cross-source brief: what is known, who says so, and where the sources disagree."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from schemas.extraction import ItemKind, SourceKind, Usage


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
    when: str | None = None
    location: str | None = None


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
        return len([o for o in self.origins if o.kind != "unattributed"])

    @property
    def articles(self) -> list[int]:
        return sorted({r.source_n for r in self.reports})


class Conflict(BaseModel):
    """Claims on the same subject that disagree. No 'true' figure is picked."""

    id: str
    subject: str
    reason: str
    claim_ids: list[str]
    low: int
    high: int
    most_conservative: str = Field(description="The lowest figure, with its claim id.")


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
    date: dt.date | None = Field(description="The reporting article's date; None when unknown.")
    when: str | None = Field(default=None, description="A time the article states, as worded.")
    text: str
    claim_id: str | None = None
    source_n: int


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


class Brief(BaseModel):
    title: str
    date_span: tuple[dt.date, dt.date] | None = None
    key_points: list[KeyPoint]
    claims: list[Claim]
    conflicts: list[Conflict]
    actors: list[ActorEntry]
    locations: list[LocationEntry]
    reactions: list[ReactionEntry]
    timeline: list[TimelineEvent]
    sources: list[SourceRef]
    unverified: list[UnverifiedEntry]
    failures: list[FailedArticle] = Field(default_factory=list)
    run: RunInfo
