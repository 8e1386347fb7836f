"""What a brief adds to an earlier one (``summarizer brief ... --since PREVIOUS.json``).

Claims are matched across the two briefs by what they say — the kind of troops, the
status group, a figure range that overlaps, and the sources — never by their ids,
which are renumbered on every run. Disagreements are matched the same way (subject,
kind, the figures on each side), actors and speakers by the alias rules the merger
uses, articles by their content id. So nothing the previous brief held is listed as
new, and a figure a source changed is listed once, as a revision, with who changed it.
"""

from __future__ import annotations

from collections.abc import Iterable

from schemas import Brief
from schemas.brief import (
    Changes,
    Claim,
    ClaimRef,
    Conflict,
    ConflictRef,
    CorroborationChange,
    ReactionChange,
    Revision,
)
from summarizer.briefing.wording import sides_text
from summarizer.text.aliases import same_entity

_NOTABLE = ("deny", "confirm", "condemn")


def _named(claim: Claim) -> list[str]:
    return [o.name for o in claim.origins if o.kind != "unattributed"]


def _shared(a: Iterable[str], b: Iterable[str]) -> list[str]:
    b = list(b)
    return [x for x in a if any(same_entity(x, y) for y in b)]


def _overlap(a: Claim, b: Claim) -> bool:
    return a.subject == b.subject and a.status_group == b.status_group and a.low <= b.high and b.low <= a.high


def _ref(claim: Claim, keep_id: bool = True) -> ClaimRef:
    return ClaimRef(
        claim_id=claim.id if keep_id else None,
        figure=claim.figure,
        subject=claim.subject,
        status_group=claim.status_group,
        origins=_named(claim),
        sources=claim.articles if keep_id else [],
    )


def match_claims(previous: list[Claim], current: list[Claim]) -> dict[str, Claim]:
    """current claim id -> the previous claim saying the same thing (one-to-one; the
    candidate sharing most sources wins)."""
    free = list(previous)
    matched: dict[str, Claim] = {}
    for claim in sorted(current, key=lambda c: (-len(c.origins), c.id)):
        candidates = [p for p in free if _overlap(p, claim)]
        if not candidates:
            continue
        best = max(candidates, key=lambda p: (len(_shared(_named(claim), _named(p))), -abs(p.low - claim.low)))
        matched[claim.id] = best
        free.remove(best)
    return matched


def _conflict_ranges(conflict: Conflict, claims: dict[str, Claim]) -> list[tuple[int, int]]:
    return [(claims[i].low, claims[i].high) for i in conflict.claim_ids if i in claims]


def _same_conflict(a: Conflict, a_claims: dict[str, Claim], b: Conflict, b_claims: dict[str, Claim]) -> bool:
    if a.subject.split(",")[0] != b.subject.split(",")[0] or a.kind != b.kind:
        return False
    ra, rb = _conflict_ranges(a, a_claims), _conflict_ranges(b, b_claims)

    def covered(xs: list[tuple[int, int]], ys: list[tuple[int, int]]) -> bool:
        return all(any(lo <= h and l2 <= hi for l2, h in ys) for lo, hi in xs)

    return covered(ra, rb) and covered(rb, ra)


def _conflict_ref(conflict: Conflict, keep_id: bool) -> ConflictRef:
    sides = [sides_text([s]) for s in conflict.sides] or list(conflict.claim_ids)
    return ConflictRef(
        conflict_id=conflict.id if keep_id else None, subject=conflict.subject, kind=conflict.kind, sides=sides
    )


def changes_since(previous: Brief, current: Brief) -> Changes:
    """Everything ``current`` adds to (or no longer has from) ``previous``."""
    out = Changes(since=previous.run.generated_at, previous_title=previous.title, previous_span=previous.date_span)
    known_articles = {s.article_id for s in previous.sources}
    out.new_articles = [s.n for s in current.sources if s.article_id not in known_articles]

    matched = match_claims(previous.claims, current.claims)
    matched_previous = {id(p) for p in matched.values()}
    for claim in current.claims:
        before = matched.get(claim.id)
        if before is None:
            revisions = _revisions(claim, previous.claims)
            if revisions:
                out.revised += revisions
            else:
                out.new_claims.append(_ref(claim))
            continue
        now, then = _named(claim), _named(before)
        gained = [o for o in now if not _shared([o], then)]
        lost = [o for o in then if not _shared([o], now)]
        change = CorroborationChange(
            claim=_ref(claim),
            before=before.independent_origins,
            after=claim.independent_origins,
            gained=gained,
            lost=lost,
        )
        if gained and claim.independent_origins > before.independent_origins:
            out.corroboration_up.append(change)
        elif lost and claim.independent_origins < before.independent_origins:
            out.corroboration_down.append(change)
    revised_from = {(r.subject, r.status_group, r.before) for r in out.revised}
    out.gone_claims = [
        _ref(p, keep_id=False)
        for p in previous.claims
        if id(p) not in matched_previous and (p.subject, p.status_group, p.figure) not in revised_from
    ]

    prev_claims = {c.id: c for c in previous.claims}
    cur_claims = {c.id: c for c in current.claims}
    out.new_conflicts = [
        _conflict_ref(x, keep_id=True)
        for x in current.conflicts
        if not any(_same_conflict(x, cur_claims, p, prev_claims) for p in previous.conflicts)
    ]
    out.ended_conflicts = [
        _conflict_ref(p, keep_id=False)
        for p in previous.conflicts
        if not any(_same_conflict(p, prev_claims, x, cur_claims) for x in current.conflicts)
    ]

    known_actors = [n for a in previous.actors for n in (a.name, *a.aliases)]
    out.new_actors = [a.name for a in current.actors if not _shared([a.name, *a.aliases], known_actors)]

    said_before = [(n, s.stance) for r in previous.reactions for n in (r.speaker, *r.aliases) for s in r.statements]
    new_reactions: list[ReactionChange] = []
    for entry in current.reactions:
        names = [entry.speaker, *entry.aliases]
        for st in entry.statements:
            if any(stance == st.stance and _shared(names, [name]) for name, stance in said_before):
                continue
            if any(r.speaker == entry.speaker and r.stance == st.stance for r in new_reactions):
                continue
            new_reactions.append(
                ReactionChange(
                    speaker=entry.speaker,
                    stance=st.stance,
                    summary=st.summary,
                    source_n=st.source_n,
                    notable=st.stance in _NOTABLE,
                )
            )
    out.new_reactions = sorted(new_reactions, key=lambda r: (not r.notable, r.source_n, r.speaker))
    return out


def _revisions(claim: Claim, previous: list[Claim]) -> list[Revision]:
    """A new figure from a source that gave another figure for the same thing before:
    that source revised it (old -> new)."""
    out = []
    for origin in _named(claim):
        for p in previous:
            if p.subject != claim.subject or p.status_group != claim.status_group:
                continue
            if _shared([origin], _named(p)) and not (p.low <= claim.high and claim.low <= p.high):
                out.append(
                    Revision(
                        origin=origin,
                        subject=claim.subject,
                        status_group=claim.status_group,
                        before=p.figure,
                        after=claim.figure,
                        claim_id=claim.id,
                        sources=claim.articles,
                    )
                )
                break
    return out
