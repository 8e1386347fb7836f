"""Combine per-article extractions into cross-source claims, conflicts and indexes.

Plain, deterministic Python over schema objects: no model, no I/O. The rules:

- Articles are numbered [1..n] by date, then source, for citations.
- Names go through one :class:`AliasResolver` for people and bodies (actors, speakers
  and the sources figures are attributed to) and one for places.
- A troop estimate's **origin** is the body that the article credits: the attributed
  organization if named, else the attributed person (or the organization that person
  is known, from the actors lists, to speak for). Unattributed statements have no
  origin and do not count as corroboration.
- A **claim** groups estimates with overlapping figures, the same kind of troops
  (special forces vs. troops in general) and the same status group (already sent /
  in Russia, expected or planned, casualties, other). Its corroboration is the number
  of independent origins; the number of articles is shown beside it.
- Every report carries a **reference time**: the article's date moved by the time words
  of its sentence ("last week", "on Wednesday", "by December" = a target,
  "previously" = earlier, by how much unknown; :mod:`summarizer.text.when`).
- **Evolution**: one origin's figures for one kind of troops, in time order, when they
  change (growth, a revision, a target). A count that grows is a series, not a
  disagreement.
- A **conflict** (disagreement) is different origins whose *current* figures (each
  origin's latest statement) for the same kind of troops and status group do not
  overlap, said within ``window_days`` of each other; or one figure described as
  already there by some sources and as still to come by others at the same time.
  Conflicts show every side and name the most conservative (lowest) figure; none is
  declared true. Unattributed statements are no side: they have no origin.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, TypeVar

from schemas import Actor, Location, OfficialReaction, TroopEstimate, VerifiedExtraction
from schemas.brief import (
    ActorEntry,
    Claim,
    Conflict,
    LocationEntry,
    Mention,
    Origin,
    ReactionEntry,
    Report,
    Series,
    SeriesPoint,
    Side,
    SourceRef,
    Statement,
    TimelineEvent,
    UnverifiedEntry,
)
from schemas.extraction import STATUS_GROUPS
from summarizer.briefing.wording import attribution_text, figure_text, origin_name
from summarizer.text.aliases import AliasResolver, Entity
from summarizer.text.numbers import format_figure
from summarizer.text.when import reference_time

_Item = TypeVar("_Item", Actor, Location, OfficialReaction)
_Groups: TypeAlias = list[tuple[Entity, list[tuple[int, _Item]]]]

_ELITE = ("special", "elite", "commando", "sniper")
_DISPUTABLE = ("sent or in place", "expected or planned", "casualties")
WINDOW_DAYS = 7
"""Default: statements at most a week apart are about the same time."""


@dataclass
class Merged:
    """The merged data; each field is the :class:`Brief` field of the same name."""

    sources: list[SourceRef]
    claims: list[Claim]
    evolution: list[Series]
    conflicts: list[Conflict]
    actors: list[ActorEntry]
    locations: list[LocationEntry]
    reactions: list[ReactionEntry]
    timeline: list[TimelineEvent]
    unverified: list[UnverifiedEntry]


def subject_group(subject: str) -> str:
    return "special forces" if any(w in subject.lower() for w in _ELITE) else "troops"


def _range(est: TroopEstimate) -> tuple[int, int]:
    if est.low is not None and est.high is not None:
        return est.low, est.high
    n = est.count or est.low or est.high or 0
    return n, n


def number_sources(results: Sequence[VerifiedExtraction]) -> list[tuple[SourceRef, VerifiedExtraction]]:
    """Citation numbers: oldest article first, undated last, then by source name."""
    ordered = sorted(results, key=lambda r: (r.published is None, r.published or dt.date.min, r.source))
    number = {r.source: i for i, r in enumerate(ordered, start=1)}
    return [
        (
            SourceRef(
                n=i,
                article_id=r.article_id,
                source=r.source,
                title=r.title,
                outlet=r.outlet,
                published=r.published,
                same_story_as=number.get(r.duplicate_of) if r.duplicate_of else None,
            ),
            r,
        )
        for i, r in enumerate(ordered, start=1)
    ]


class _Merger:
    def __init__(self, results: Sequence[VerifiedExtraction]) -> None:
        self.numbered = number_sources(results)
        self.people = AliasResolver("A")
        self.places = AliasResolver("L")
        names: list[tuple[str, str | None]] = []
        for _, r in self.numbered:
            ex = r.extraction
            names += [(a.name, _actor_kind(a.kind)) for a in ex.actors]
            names += [(x.speaker, None) for x in ex.official_reactions]
            for est in ex.troop_estimates:
                names += [(n, None) for n in (est.attribution.source, est.attribution.organization) if n]
        self.people.resolve_all(names)
        self.places.resolve_all([(loc.name, "place") for _, r in self.numbered for loc in r.extraction.locations])
        self._affiliation = self._affiliations()

    # -- origins ---------------------------------------------------------------------
    def _affiliations(self) -> dict[str, Entity]:
        """person entity key -> the body they speak for, as the articles pair them: an
        actor's affiliation, or an attribution naming both the person and the body."""
        pairs: list[tuple[str | None, str | None]] = []
        for _, r in self.numbered:
            pairs += [(a.name, a.affiliation) for a in r.extraction.actors if _actor_kind(a.kind) == "person"]
            pairs += [(e.attribution.source, e.attribution.organization) for e in r.extraction.troop_estimates]
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for name, affiliation in pairs:
            if name and affiliation:
                person, body = self.people.find(name), self.people.find(affiliation)
                if person and body and body.key != person.key:
                    votes[person.key][body.key] += 1
        by_key = {e.key: e for e in self.people.entities}
        return {p: by_key[c.most_common(1)[0][0]] for p, c in votes.items()}

    def origin(self, est: TroopEstimate) -> Origin | None:
        a = est.attribution
        if a.kind == "unattributed" or not (a.source or a.organization):
            return None
        entity = None
        if a.organization:
            entity = self.people.find(a.organization)
        if entity is None and a.source:
            person = self.people.find(a.source)
            entity = self._affiliation.get(person.key, person) if person else None
        if entity is None:  # resolve_all saw every attribution name, so this is a safety net
            entity = self.people.resolve(a.organization or a.source or "")
        return Origin(key=entity.key, name=entity.name, kind=a.kind)

    # -- claims ----------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        buckets: dict[tuple[str, str], list[tuple[SourceRef, TroopEstimate]]] = defaultdict(list)
        for ref, r in self.numbered:
            for est in r.extraction.troop_estimates:
                key = (subject_group(est.subject), STATUS_GROUPS[est.status])
                buckets[key].append((ref, est))
        claims: list[Claim] = []
        for (subject, group), items in buckets.items():
            for cluster in _overlapping(items):
                claims.append(self._claim(subject, group, cluster))
        claims.sort(key=lambda c: (c.low, c.high, c.subject, c.status_group))
        for i, claim in enumerate(claims, start=1):
            claim.id = f"C{i}"
        return claims

    def _claim(self, subject: str, group: str, items: list[tuple[SourceRef, TroopEstimate]]) -> Claim:
        origins: dict[str, Origin] = {}
        stated: set[str] = set()  # origins some article's wording credits, not only the model
        reports: list[Report] = []
        for ref, est in items:
            origin = self.origin(est)
            origin = origin or Origin(key="unattributed", name="unattributed", kind="unattributed")
            origins.setdefault(origin.key, origin)
            if est.attribution.basis != "inferred":
                stated.add(origin.key)
            time = reference_time(est.quote, ref.published, est.count or est.low or est.high)
            reports.append(
                Report(
                    source_n=ref.n,
                    figure=figure_text(est),
                    status=est.status,
                    attributed_to=attribution_text(est),
                    origin_key=origin.key,
                    quote=est.quote,
                    start=est.start,
                    end=est.end,
                    when=time.text or est.when,
                    location=est.location,
                    as_of=time.date,
                    time_kind=time.kind,
                )
            )
        reports.sort(key=lambda r: (r.source_n, r.start or 0))
        lows, highs = zip(*(_range(est) for _, est in items), strict=True)
        wordings = Counter(r.figure for r in reports)
        statuses = Counter(r.status for r in reports)
        dates = [ref.published for ref, _ in items if ref.published]
        return Claim(
            id="",
            figure=" / ".join(w for w, _ in sorted(wordings.items(), key=lambda kv: (-kv[1], kv[0]))),
            low=min(lows),
            high=max(highs),
            subject=subject,
            status=sorted(statuses.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
            status_group=group,
            origins=sorted(
                (o.model_copy(update={"inferred": o.key not in stated}) for o in origins.values()),
                key=lambda o: (o.kind == "unattributed", o.name),
            ),
            reports=reports,
            first_seen=min(dates) if dates else None,
        )

    # -- over time: evolution and disagreement --------------------------------------
    def _said(self, claims: list[Claim]) -> list[_Said]:
        published = {ref.n: ref.published for ref, _ in self.numbered}
        # A side or series whose credit is only the model's reading says so where it is shown.
        names = {(c.id, o.key): origin_name(o) for c in claims for o in c.origins}
        return [
            _Said(c, r, names[(c.id, r.origin_key)], published[r.source_n])
            for c in claims
            for r in c.reports
            if r.origin_key != "unattributed"
        ]

    def evolution(self, claims: list[Claim]) -> list[Series]:
        """Per origin and kind of troops, the figures in time order, where they change."""
        lines: dict[tuple[str, bool, str], list[_Said]] = defaultdict(list)
        for s in self._said(claims):
            if s.claim.status_group == "other":
                continue
            casualties = s.claim.status_group == "casualties"
            lines[(s.claim.subject, casualties, s.report.origin_key)].append(s)
        series: list[Series] = []
        for (subject, _, origin_key), said in lines.items():
            if len({(s.claim.low, s.claim.high) for s in said}) < 2:
                continue  # one figure, however many statuses: not a count that moves
            first: dict[str, _Said] = {}
            for s in sorted(said, key=_Said.series_key):
                first.setdefault(s.claim.id, s)
            points = [
                SeriesPoint(
                    claim_id=s.claim.id,
                    source_n=s.report.source_n,
                    figure=s.report.figure,
                    status=s.report.status,
                    status_group=s.claim.status_group,
                    as_of=s.report.as_of,
                    when=s.report.when,
                    time_kind=s.report.time_kind,
                    quote=s.report.quote,
                )
                for s in sorted(first.values(), key=_Said.series_key)
            ]
            series.append(Series(id="", subject=subject, origin_key=origin_key, origin=said[0].origin, points=points))
        series.sort(key=lambda x: (x.subject, x.origin))
        for i, item in enumerate(series, start=1):
            item.id = f"E{i}"
        return series

    def conflicts(self, claims: list[Claim], window_days: int = WINDOW_DAYS) -> list[Conflict]:
        said = self._said(claims)
        by_id = {c.id: c for c in claims}
        conflicts: list[Conflict] = []
        # The same figure, already there for some and still to come for others, at the same time.
        in_place = [s for s in said if s.claim.status_group == "sent or in place"]
        to_come = [s for s in said if s.claim.status_group == "expected or planned"]
        pairs: dict[tuple[str, str], list[_Said]] = defaultdict(list)
        for a in in_place:
            for b in to_come:
                ca, cb = a.claim, b.claim
                if ca.subject == cb.subject and ca.low <= cb.high and cb.low <= ca.high and a.close(b, window_days):
                    pairs[(ca.id, cb.id)] += [x for x in (a, b) if x not in pairs[(ca.id, cb.id)]]
        status_disputed = {
            id(s) for sides in pairs.values() for s in sides if s.claim.status_group == "sent or in place"
        }
        # Different origins, incompatible figures, same time. A figure whose status is itself
        # disputed above is shown there, not counted again as troops in place.
        groups: dict[tuple[str, str], list[_Said]] = defaultdict(list)
        for s in said:
            if s.claim.status_group in _DISPUTABLE and id(s) not in status_disputed:
                groups[(s.claim.subject, s.claim.status_group)].append(s)
        for (subject, group), items in sorted(groups.items()):
            sides = _disagreeing(_current(items), window_days)
            if sides:
                involved = sorted({s.claim.id for s in sides}, key=_claim_number)
                conflicts.append(
                    _conflict(
                        f"{subject}, {group}",
                        "different sources give incompatible figures for the same time",
                        [by_id[i] for i in involved],
                        sides=_sides(sides),
                        window_days=window_days,
                    )
                )
        for (there, to_be), both in pairs.items():
            here, later = by_id[there], by_id[to_be]
            conflicts.append(
                _conflict(
                    f"{here.subject}, {format_figure(here.low)}",
                    "the same figure is reported as already sent by some sources and as still to come by others",
                    [here, later],
                    kind="sent vs to come",
                    sides=_sides(both),
                    window_days=window_days,
                )
            )
        for i, conflict in enumerate(conflicts, start=1):
            conflict.id = f"X{i}"
        return conflicts

    # -- indexes ---------------------------------------------------------------------
    @staticmethod
    def _by_entity(items: Iterable[tuple[int, _Item]], entity_of: Callable[[_Item], Entity | None]) -> _Groups[_Item]:
        """(entity, [(source_n, item), ...]) for every entity the items resolve to."""
        grouped: dict[str, tuple[Entity, list[tuple[int, _Item]]]] = {}
        for n, item in items:
            entity = entity_of(item)
            if entity is not None:
                grouped.setdefault(entity.key, (entity, []))[1].append((n, item))
        return list(grouped.values())

    def _all(self, field: str) -> list[tuple[int, Any]]:
        return [(ref.n, item) for ref, r in self.numbered for item in getattr(r.extraction, field)]

    def actors(self) -> list[ActorEntry]:
        groups: _Groups[Actor] = self._by_entity(
            self._all("actors"), lambda a: self.people.find(a.name, _actor_kind(a.kind))
        )
        entries = [
            ActorEntry(
                name=entity.name,
                aliases=entity.aliases,
                kind=_most_common(a.kind for _, a in items) or "other",
                roles=_unique(a.role for _, a in items),
                affiliations=_unique(a.affiliation for _, a in items),
                mentions=_mentions(items),
            )
            for entity, items in groups
        ]
        return sorted(entries, key=lambda e: (-len({m.source_n for m in e.mentions}), e.name))

    def locations(self) -> list[LocationEntry]:
        groups: _Groups[Location] = self._by_entity(
            self._all("locations"), lambda loc: self.places.find(loc.name, "place")
        )
        entries = [
            LocationEntry(
                name=entity.name,
                aliases=entity.aliases,
                kind=_most_common(loc.kind for _, loc in items) or "other",
                roles=_unique(loc.role for _, loc in items),
                mentions=_mentions(items),
            )
            for entity, items in groups
        ]
        return sorted(entries, key=lambda e: (-len({m.source_n for m in e.mentions}), e.name))

    def reactions(self) -> list[ReactionEntry]:
        groups: _Groups[OfficialReaction] = self._by_entity(
            self._all("official_reactions"), lambda x: self.people.find(x.speaker)
        )
        entries = [
            ReactionEntry(
                speaker=entity.name,
                aliases=entity.aliases,
                role=_most_common(x.role for _, x in items),
                affiliation=_most_common(x.affiliation for _, x in items),
                stances=_unique(x.stance for _, x in items),
                statements=[
                    Statement(source_n=n, stance=x.stance, summary=x.summary, quote=x.quote, start=x.start, end=x.end)
                    for n, x in items
                ],
            )
            for entity, items in groups
        ]
        return sorted(entries, key=lambda e: (-len(e.statements), e.speaker))

    def timeline(self, claims: list[Claim], evolution: list[Series], conflicts: list[Conflict]) -> list[TimelineEvent]:
        """Every statement at the time it holds (an expected figure at its target date),
        marked as part of a series over time, of a disagreement, or both."""
        dates = {ref.n: ref.published for ref, _ in self.numbered}
        origins = {(c.id, o.key): o.name for c in claims for o in c.origins}
        growing = {(p.claim_id, s.origin_key) for s in evolution for p in s.points}
        disputed = {(side.claim_id, side.origin) for x in conflicts for side in x.sides}
        seen: set[tuple[object, ...]] = set()
        events = []
        for c in claims:
            for rep in c.reports:
                who = origins[(c.id, rep.origin_key)]
                key = (dates[rep.source_n], c.id, rep.origin_key, rep.when)
                if key in seen:
                    continue
                seen.add(key)
                in_series = (c.id, rep.origin_key) in growing
                in_dispute = (c.id, who) in disputed
                role = "both" if in_series and in_dispute else "evolution" if in_series else None
                role = "disagreement" if in_dispute and not in_series else role
                events.append(
                    TimelineEvent(
                        date=None if rep.time_kind == "before" else rep.as_of or dates[rep.source_n],
                        when=rep.when,
                        text=f"{who}: {rep.figure} {c.subject} ({rep.status})",
                        claim_id=c.id,
                        source_n=rep.source_n,
                        reported=dates[rep.source_n],
                        role=role,
                    )
                )
        return sorted(events, key=lambda e: (e.date is None, e.date or dt.date.min, e.source_n, e.text))

    def unverified(self) -> list[UnverifiedEntry]:
        return [
            UnverifiedEntry(source_n=ref.n, kind=u.kind, item=u.item, reason=u.reason)
            for ref, r in self.numbered
            for u in r.unverified
        ]


def _overlapping(
    items: list[tuple[SourceRef, TroopEstimate]],
) -> list[list[tuple[SourceRef, TroopEstimate]]]:
    """Cluster estimates whose figure ranges overlap (transitively)."""
    ordered = sorted(items, key=lambda it: (_range(it[1]), it[0].n))
    clusters: list[list[tuple[SourceRef, TroopEstimate]]] = []
    high = -1
    for item in ordered:
        lo, hi = _range(item[1])
        if clusters and lo <= high:
            clusters[-1].append(item)
            high = max(high, hi)
        else:
            clusters.append([item])
            high = hi
    return clusters


@dataclass
class _Said:
    """One origin's statement of a claim, with when it holds."""

    claim: Claim
    report: Report
    origin: str
    published: dt.date | None

    @property
    def said_on(self) -> dt.date | None:
        """When it was said: a target's date is the future, not when it was said."""
        if self.report.time_kind in ("target", "before"):
            return self.published
        return self.report.as_of or self.published

    @property
    def rank(self) -> int:
        """Order within one article: 'previously' < a stated (usually past) time < the
        article's own time < a target."""
        return {"before": -2, "stated": -1, "reported": 0, "since": 0, "target": 1}[self.report.time_kind]

    def series_key(self) -> tuple[bool, bool, dt.date, int, int]:
        """'Previously' first; targets after counts; then by date (undated last, and
        among those, smaller counts first: a deployment's count grows)."""
        day = self.report.as_of if self.report.time_kind != "before" else None
        return (
            self.report.time_kind != "before",
            self.claim.status_group == "expected or planned",
            day or self.published or dt.date.max,
            self.rank,
            self.claim.low,
        )

    def later_than(self, other: _Said) -> int:
        """1: known to hold later than ``other``; -1: known earlier; 0: unknown."""
        if self.report.source_n == other.report.source_n and self.rank != other.rank:
            return 1 if self.rank > other.rank else -1
        a = self.report.as_of if self.report.time_kind != "before" else None
        b = other.report.as_of if other.report.time_kind != "before" else None
        if a is not None and b is not None and a != b:
            return 1 if a > b else -1
        return 0

    def close(self, other: _Said, window_days: int) -> bool:
        """Whether two statements are about the same time. A figure said to be an earlier
        one ("previously", "originally") is history, not a current side; an unknown
        time cannot be told apart from any other."""
        if "before" in (self.report.time_kind, other.report.time_kind):
            return False
        a, b = self.said_on, other.said_on
        if a is None or b is None:
            return True
        return abs((a - b).days) <= window_days


def _current(items: list[_Said]) -> dict[str, list[_Said]]:
    """Each origin's current statements: those no other figure of its supersedes. A
    figure known to hold later supersedes; where the order is unknown (undated
    articles), the higher count does: counts of a deployment or a toll grow."""
    by_origin: dict[str, list[_Said]] = defaultdict(list)
    for s in items:
        by_origin[s.report.origin_key].append(s)
    current = {}
    for key, said in by_origin.items():

        def superseded(s: _Said, said: list[_Said] = said) -> bool:
            for t in said:
                if t.claim.id == s.claim.id:
                    continue
                order = t.later_than(s)
                if order > 0 or (order == 0 and t.claim.low > s.claim.high):
                    return True
            return False

        current[key] = [s for s in said if not superseded(s)] or said
    return current


def _disagreeing(current: dict[str, list[_Said]], window_days: int) -> list[_Said]:
    """The statements of origins whose current figures share no claim with another
    origin's current figures, said close enough in time."""
    out: list[_Said] = []
    keys = sorted(current)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            ids_a = {s.claim.id for s in current[a]}
            ids_b = {s.claim.id for s in current[b]}
            if ids_a & ids_b:
                continue
            close = [(x, y) for x in current[a] for y in current[b] if x.close(y, window_days)]
            for x, y in close:
                out += [s for s in (x, y) if s not in out]
    return out


def _sides(said: list[_Said]) -> list[Side]:
    sides: dict[tuple[str, str], Side] = {}
    for s in said:
        key = (s.claim.id, s.origin)
        side = sides.setdefault(
            key,
            Side(
                claim_id=s.claim.id,
                origin=s.origin,
                figure=s.report.figure,
                status_group=s.claim.status_group,
                as_of=s.said_on,
                sources=[],
            ),
        )
        if s.report.source_n not in side.sources:
            side.sources.append(s.report.source_n)
    return sorted(
        sides.values(), key=lambda x: (x.status_group != "sent or in place", _claim_number(x.claim_id), x.origin)
    )


def _claim_number(claim_id: str) -> int:
    return int(claim_id.lstrip("C") or 0)


def _conflict(
    subject: str,
    reason: str,
    claims: list[Claim],
    *,
    kind: Literal["figures differ", "sent vs to come"] = "figures differ",
    sides: list[Side] | None = None,
    window_days: int | None = None,
) -> Conflict:
    lowest = min(claims, key=lambda c: (c.low, c.id))
    return Conflict(
        id="",
        kind=kind,
        subject=subject,
        reason=reason,
        claim_ids=[c.id for c in claims],
        sides=sides or [],
        low=min(c.low for c in claims),
        high=max(c.high for c in claims),
        most_conservative=f"{lowest.figure} ({lowest.id})",
        window_days=window_days,
    )


def _mentions(items: Sequence[tuple[int, Actor | Location]]) -> list[Mention]:
    return [Mention(source_n=n, quote=i.quote, start=i.start, end=i.end) for n, i in items]


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _actor_kind(kind: str) -> str:
    return "person" if kind == "person" else "body"


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v.lower() not in {s.lower() for s in seen}:
            seen[v] = None
    return list(seen)


def merge(results: Sequence[VerifiedExtraction], *, window_days: int = WINDOW_DAYS) -> Merged:
    """Merge per-article results; statements at most ``window_days`` apart are taken to
    be about the same time when deciding what is a disagreement."""
    m = _Merger(results)
    claims = m.claims()
    evolution = m.evolution(claims)
    conflicts = m.conflicts(claims, window_days)
    return Merged(
        sources=[ref for ref, _ in m.numbered],
        claims=claims,
        evolution=evolution,
        conflicts=conflicts,
        actors=m.actors(),
        locations=m.locations(),
        reactions=m.reactions(),
        timeline=m.timeline(claims, evolution, conflicts),
        unverified=m.unverified(),
    )
