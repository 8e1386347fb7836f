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
- A **conflict** is either several claims about the same kind of troops in the same
  status group with figures that do not overlap, or one figure described as already
  there by some sources and as still to come by others. Conflicts show every side and
  name the most conservative (lowest) figure; none is declared true.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

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
    SourceRef,
    Statement,
    TimelineEvent,
    UnverifiedEntry,
)
from summarizer.briefing.wording import attribution_text, figure_text
from summarizer.text.aliases import AliasResolver, Entity
from summarizer.text.numbers import format_figure

_Item = TypeVar("_Item", Actor, Location, OfficialReaction)
_Groups: TypeAlias = list[tuple[Entity, list[tuple[int, _Item]]]]

STATUS_GROUPS = {
    "sent": "sent or in place",
    "arrived": "sent or in place",
    "deployed": "sent or in place",
    "in training": "sent or in place",
    "expected": "expected or planned",
    "planned": "expected or planned",
    "killed": "casualties",
    "wounded": "casualties",
    "casualties": "casualties",
    "other": "other",
}
_ELITE = ("special", "elite", "commando", "sniper")


@dataclass
class Merged:
    """The merged data; each field is the :class:`Brief` field of the same name."""

    sources: list[SourceRef]
    claims: list[Claim]
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
        reports: list[Report] = []
        for ref, est in items:
            origin = self.origin(est)
            origin = origin or Origin(key="unattributed", name="unattributed", kind="unattributed")
            origins.setdefault(origin.key, origin)
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
                    when=est.when,
                    location=est.location,
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
            origins=sorted(origins.values(), key=lambda o: (o.kind == "unattributed", o.name)),
            reports=reports,
            first_seen=min(dates) if dates else None,
        )

    # -- conflicts -------------------------------------------------------------------
    @staticmethod
    def conflicts(claims: list[Claim]) -> list[Conflict]:
        conflicts: list[Conflict] = []
        by_subject: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for c in claims:
            by_subject[(c.subject, c.status_group)].append(c)
        for (subject, group), group_claims in sorted(by_subject.items()):
            if len(group_claims) > 1 and group != "other":
                conflicts.append(_conflict(f"{subject}, {group}", "sources give different figures", group_claims))
        in_place = [c for c in claims if c.status_group == "sent or in place"]
        to_come = [c for c in claims if c.status_group == "expected or planned"]
        for a in in_place:
            for b in to_come:
                if a.subject == b.subject and a.low <= b.high and b.low <= a.high:
                    conflicts.append(
                        _conflict(
                            f"{a.subject}, {format_figure(a.low)}",
                            "the same figure is reported as already sent by some sources "
                            "and as still to come by others",
                            [a, b],
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

    def timeline(self, claims: list[Claim]) -> list[TimelineEvent]:
        dates = {ref.n: ref.published for ref, _ in self.numbered}
        origins = {(c.id, o.key): o.name for c in claims for o in c.origins}
        seen: set[tuple[object, ...]] = set()
        events = []
        for c in claims:
            for rep in c.reports:
                who = origins[(c.id, rep.origin_key)]
                key = (dates[rep.source_n], c.id, rep.origin_key, rep.when)
                if key in seen:
                    continue
                seen.add(key)
                events.append(
                    TimelineEvent(
                        date=dates[rep.source_n],
                        when=rep.when,
                        text=f"{who}: {rep.figure} {c.subject} ({rep.status})",
                        claim_id=c.id,
                        source_n=rep.source_n,
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


def _conflict(subject: str, reason: str, claims: list[Claim]) -> Conflict:
    lowest = min(claims, key=lambda c: (c.low, c.id))
    return Conflict(
        id="",
        subject=subject,
        reason=reason,
        claim_ids=[c.id for c in claims],
        low=min(c.low for c in claims),
        high=max(c.high for c in claims),
        most_conservative=f"{lowest.figure} ({lowest.id})",
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


def merge(results: Sequence[VerifiedExtraction]) -> Merged:
    m = _Merger(results)
    claims = m.claims()
    return Merged(
        sources=[ref for ref, _ in m.numbered],
        claims=claims,
        conflicts=m.conflicts(claims),
        actors=m.actors(),
        locations=m.locations(),
        reactions=m.reactions(),
        timeline=m.timeline(claims),
        unverified=m.unverified(),
    )
