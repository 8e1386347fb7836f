"""The sentences every renderer shares: how a figure, a source, a conflict, a date span
and an unverified item are worded. Plain text; each renderer escapes it its own way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from schemas import Brief, TroopEstimate
from schemas.brief import Changes, Claim, Conflict, Origin, Series, SeriesPoint, Side, UnverifiedEntry
from summarizer.text.numbers import format_figure


def counted(n: int, noun: str) -> str:
    """'1 source', '3 sources'."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


def has_unattributed(claim: Claim) -> bool:
    """Whether some article states the claim's figure without crediting anyone."""
    return any(o.kind == "unattributed" for o in claim.origins)


def has_unnamed(claim: Claim) -> bool:
    """Whether some article credits the claim's figure to a source it leaves unnamed
    ("officials said"): shown, but not counted as independent."""
    return any(o.kind == "anonymous" for o in claim.origins)


def has_inferred(claim: Claim) -> bool:
    """Whether some origin of the claim is only the model's reading (no credit form in the
    text): shown, marked, and not counted as independent."""
    return any(o.inferred for o in claim.origins)


INFERRED_NOTE = (
    "inferred: the sentence gives the figure with no credit form ('according to', 'said', a quotation); "
    "the source is the model's reading of that sentence or the one before, not counted as corroboration — "
    "check the quote before forwarding it."
)


def origin_name(origin: Origin) -> str:
    """'Pentagon', or 'Pentagon (inferred)' where only the model's reading credits it."""
    return f"{origin.name} (inferred)" if origin.inferred else origin.name


def origin_label(origin: Origin) -> str:
    """'Pentagon (government)', 'Pentagon (government, inferred)', 'unattributed'."""
    if origin.kind == "unattributed":
        return origin.name
    return f"{origin.name} ({origin.kind}{', inferred' if origin.inferred else ''})"


def date_span_text(span: tuple[dt.date, dt.date]) -> str:
    """'2024-10-23' or '2024-10-23 – 2024-10-30'."""
    start, end = span
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


def unverified_label(u: UnverifiedEntry) -> str:
    """What an unverified item was about: its name, speaker or figure."""
    return str(u.item.get("name") or u.item.get("speaker") or u.item.get("count") or u.item.get("figure") or "")


def conflict_summary(conflict: Conflict) -> str:
    """'Range 1,500–10,000; most conservative: about 1,500 (C1).' or, when every side
    gives the same number, that they differ only on status."""
    if conflict.low == conflict.high:
        return f"Every side gives {format_figure(conflict.low)}; they differ on whether the troops are there yet."
    return (
        f"Range {format_figure(conflict.low)}–{format_figure(conflict.high)}; "
        f"most conservative: {conflict.most_conservative}."
    )


def figure_text(est: TroopEstimate) -> str:
    """'about 10,000', 'up to 11,000-12,000', '3,000'."""
    if est.low is not None and est.high is not None and est.low != est.high:
        number = f"{format_figure(est.low)}–{format_figure(est.high)}"
    else:
        number = format_figure(est.count or est.low or est.high or 0)
    return number if est.qualifier == "exact" else f"{est.qualifier} {number}"


def attribution_text(est: TroopEstimate) -> str:
    a = est.attribution
    if a.kind == "anonymous" and not (a.source or a.organization):
        return "an unnamed source [anonymous]" + (f" via {a.via}" if a.via else "")
    if a.kind == "unattributed" or not (a.source or a.organization):
        return "unattributed (no source given in its sentence)"
    who = a.source or a.organization or ""
    if a.source and a.organization and a.organization.lower() not in a.source.lower():
        who = f"{a.source} ({a.organization})"
    if a.via:
        who += f" via {a.via}"
    return f"{who} [{a.kind}{', inferred' if a.basis == 'inferred' else ''}]"


def time_text(when: str | None, day: dt.date | None, kind: str = "reported") -> str:
    """How a statement's time is shown: the words as written, with the date they give
    ('last week, 2024-10-23'; 'by December, 2024-12-31'; 'previously')."""
    parts = [when] if when else []
    if day is not None and kind != "before":
        parts.append(day.isoformat())
    return ", ".join(parts)


def point_text(point: SeriesPoint) -> str:
    """'about 1,500 (last week, 2024-10-23)', '10,000 expected (by December, 2024-12-31)'."""
    status = "" if point.status_group == "sent or in place" else f" {point.status}"
    when = time_text(point.when, point.as_of, point.time_kind)
    return f"{point.figure}{status}" + (f" ({when})" if when else "")


def series_text(series: Series) -> str:
    """'NIS: about 1,500 (last week) → 3,000 (2024-10-30) → 10,000 planned (by December)'."""
    return f"{series.origin}: " + " → ".join(point_text(p) for p in series.points)


_SIDE_STATUS = {"sent or in place": "already there", "expected or planned": "still to come"}


def sides_text(sides: list[Side]) -> str:
    """'3,000 (NIS, U.S. officials) vs 12,000 (Ukraine)': each figure with who gives it;
    where the sides differ on status, 'already there' / 'still to come' says which."""
    by_claim: dict[str, list[Side]] = {}
    for side in sides:
        by_claim.setdefault(side.claim_id, []).append(side)
    mixed = len({s.status_group for s in sides}) > 1
    parts = []
    for group in by_claim.values():
        who = ", ".join(dict.fromkeys(s.origin for s in group))
        status = f" {_SIDE_STATUS.get(group[0].status_group, group[0].status_group)}" if mixed else ""
        parts.append(f"{group[0].figure}{status} ({who})")
    return " vs ".join(parts)


@dataclass(frozen=True)
class TimeRow:
    """One statement in a subject's 'over time' table or chart."""

    day: dt.date | None
    time: str
    figure: str
    low: int
    high: int
    status: str
    status_group: str
    origin: str
    source_n: int
    quote: str
    claim_id: str
    earlier: bool = False  # "previously": before its article, by an unknown amount


def over_time(brief: Brief) -> dict[str, list[TimeRow]]:
    """Per kind of troops (casualties apart), every statement at the time it holds: an
    expected figure at its target date, 'previously' at no date; sorted by time."""
    origins = {(c.id, o.key): origin_name(o) for c in brief.claims for o in c.origins}
    published = {s.n: s.published for s in brief.sources}
    tables: dict[str, list[TimeRow]] = {}
    seen: set[tuple[object, ...]] = set()
    for c in brief.claims:
        name = f"{c.subject} — casualties" if c.status_group == "casualties" else c.subject
        for r in c.reports:
            day = r.as_of if r.time_kind != "before" else None
            key = (name, c.id, r.origin_key, r.source_n, day)
            if key in seen:
                continue
            seen.add(key)
            reported = published.get(r.source_n)
            when = time_text(r.when, day, r.time_kind) or (
                f"reported {reported.isoformat()}" if reported else "undated"
            )
            tables.setdefault(name, []).append(
                TimeRow(
                    day=day,
                    time=when,
                    figure=r.figure,
                    low=c.low,
                    high=c.high,
                    status=r.status,
                    status_group=c.status_group,
                    origin=origins[(c.id, r.origin_key)],
                    source_n=r.source_n,
                    quote=r.quote,
                    claim_id=c.id,
                    earlier=r.time_kind == "before",
                )
            )
    for rows in tables.values():
        # "Previously" first, then by date, undated last.
        rows.sort(key=lambda r: (0 if r.earlier else 1 if r.day else 2, r.day or dt.date.min, r.source_n, r.low))
    return tables


@dataclass(frozen=True)
class ChangeLine:
    """One line of 'What changed': ``lead + text`` is the sentence (Markdown shows it);
    ``tag`` and ``kind`` are the badge and its style in the HTML page, shown before ``text``."""

    tag: str
    kind: str
    lead: str
    text: str
    sources: tuple[int, ...] = ()
    claim_id: str | None = None


def change_lines(changes: Changes) -> list[ChangeLine]:
    """The 'What changed' list, in the order both renderers show it."""
    lines = []
    if changes.new_articles:
        lines.append(ChangeLine("new articles", "new", "New articles:", "", tuple(changes.new_articles)))
    for c in changes.new_claims:
        who = ", ".join(c.origins) or "no named source"
        text = f"{c.figure} {c.subject} ({c.status_group}) — {who}"
        lines.append(ChangeLine("new", "new", "New figure: ", text, tuple(c.sources), c.claim_id))
    for r in changes.revised:
        text = f"by {r.origin}: {r.subject} ({r.status_group}) {r.before} → {r.after}"
        lines.append(ChangeLine("revised", "revised", "Revised ", text, tuple(r.sources), r.claim_id))
    for up in changes.corroboration_up:
        claim = up.claim
        text = f"{claim.figure} {claim.subject} ({claim.status_group}): {up.before} → {up.after}, now also "
        text += ", ".join(up.gained)
        lines.append(ChangeLine("more sources", "up", "More sources for ", text, tuple(claim.sources)))
    for down in changes.corroboration_down:
        claim = down.claim
        text = f"{claim.figure} {claim.subject} ({claim.status_group}): {down.before} → {down.after}, no longer "
        text += ", ".join(down.lost)
        lines.append(ChangeLine("fewer sources", "down", "Fewer sources for ", text))
    for c in changes.gone_claims:
        lines.append(
            ChangeLine("gone", "down", "No longer in the articles: ", f"{c.figure} {c.subject} ({c.status_group})")
        )
    for new in changes.new_conflicts:
        ident = f"{new.conflict_id}: " if new.conflict_id else ""
        text = f"{ident}{new.subject} — {' vs '.join(new.sides)}"
        lines.append(ChangeLine("new disagreement", "conflict", "New disagreement ", text))
    for ended in changes.ended_conflicts:
        text = f"{ended.subject} — {' vs '.join(ended.sides)}"
        lines.append(ChangeLine("no longer disputed", "", "Disagreement no longer current: ", text))
    if changes.new_actors:
        lines.append(ChangeLine("new actors", "new", "New actors: ", ", ".join(changes.new_actors)))
    for said in changes.new_reactions:
        text = f"{said.speaker} ({said.stance}): {said.summary}"
        kind = "conflict" if said.notable else ""
        lines.append(ChangeLine(said.stance, kind, "New reaction: ", text, (said.source_n,)))
    return lines
