"""The sentences every renderer shares: how a figure, a source, a conflict, a date span
and an unverified item are worded. Plain text; each renderer escapes it its own way."""

from __future__ import annotations

import datetime as dt

from schemas import TroopEstimate
from schemas.brief import Claim, Conflict, UnverifiedEntry
from summarizer.text.numbers import format_figure


def counted(n: int, noun: str) -> str:
    """'1 source', '3 sources'."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


def has_unattributed(claim: Claim) -> bool:
    """Whether some article states the claim's figure without crediting anyone."""
    return any(o.kind == "unattributed" for o in claim.origins)


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
    if a.kind == "unattributed" or not (a.source or a.organization):
        return "unattributed (the article's own statement)"
    who = a.source or a.organization or ""
    if a.source and a.organization and a.organization.lower() not in a.source.lower():
        who = f"{a.source} ({a.organization})"
    if a.via:
        who += f" via {a.via}"
    return f"{who} [{a.kind}]"
