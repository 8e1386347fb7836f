"""Assemble a :class:`Brief` from merged data: title, date span, key points, run info.

Key points are composed deterministically from the merged claims and conflicts, so
every bullet says only what the merged data holds and cites the claims and sources
it comes from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Collection, Sequence

from schemas import Brief, VerifiedExtraction
from schemas.brief import Claim, FailedArticle, KeyPoint, RunInfo
from schemas.extraction import SCHEMA_VERSION, Usage
from summarizer.briefing.merge import Merged
from summarizer.briefing.wording import conflict_summary, origin_name, series_text, sides_text

_MAX_CLAIM_POINTS = 3
_MAX_CONFLICT_POINTS = 2
_MAX_SERIES_POINTS = 2


def _origins_text(claim: Claim) -> str:
    named = [origin_name(o) for o in claim.origins if o.kind != "unattributed"]
    if not named:
        return "no named source"
    return ", ".join(named)


def _cites(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in sorted(set(numbers)))


def key_points(merged: Merged) -> list[KeyPoint]:
    points: list[KeyPoint] = []
    dated = sorted(s.published for s in merged.sources if s.published)
    outlets = sorted({s.outlet for s in merged.sources if s.outlet})
    span = f", dated {dated[0].isoformat()} to {dated[-1].isoformat()}" if dated else ""
    outlet_text = f" (outlets named: {', '.join(outlets)})" if outlets else ""
    points.append(
        KeyPoint(
            text=f"{len(merged.sources)} article(s){outlet_text}{span}; "
            f"{len(merged.claims)} distinct troop figure(s), {len(merged.evolution)} source(s) whose figures "
            f"changed over time, {len(merged.conflicts)} disagreement(s).",
            sources=[s.n for s in merged.sources],
        )
    )
    ranked = sorted(merged.claims, key=lambda c: (-c.independent_origins, -len(c.articles), -c.high, c.id))
    for claim in ranked[:_MAX_CLAIM_POINTS]:
        points.append(
            KeyPoint(
                text=f"{claim.figure} {claim.subject} ({claim.status_group}): from {_origins_text(claim)}; "
                f"{claim.independent_origins} independent source(s), reported in {len(claim.articles)} "
                f"article(s) {_cites(claim.articles)}.",
                claim_ids=[claim.id],
                sources=claim.articles,
            )
        )
    longest = sorted(merged.evolution, key=lambda s: (-len(s.points), s.id))
    for series in longest[:_MAX_SERIES_POINTS]:
        articles = [p.source_n for p in series.points]
        points.append(
            KeyPoint(
                text=f"Change over time, not a disagreement — {series_text(series)} {_cites(articles)}",
                claim_ids=list(dict.fromkeys(p.claim_id for p in series.points)),
                sources=sorted(set(articles)),
            )
        )
    by_id = {c.id: c for c in merged.claims}
    for conflict in merged.conflicts[:_MAX_CONFLICT_POINTS]:
        sides = [by_id[i] for i in conflict.claim_ids]
        if conflict.sides:
            articles = [n for s in conflict.sides for n in s.sources]
            described = sides_text(conflict.sides)
        else:
            articles = [n for c in sides for n in c.articles]
            described = "; ".join(f"{c.figure} ({c.status}, {_origins_text(c)})" for c in sides)
        lead = (
            "Sources disagree on whether troops are already there"
            if conflict.kind == "sent vs to come"
            else f"Sources disagree on {conflict.subject} at the same time"
        )
        points.append(
            KeyPoint(
                text=f"{lead}: {described}. {conflict_summary(conflict)} {_cites(articles)}",
                claim_ids=conflict.claim_ids,
                sources=sorted(set(articles)),
            )
        )
    return points


def title(merged: Merged) -> str:
    places = [loc.name for loc in merged.locations[:3]]
    return "Cross-source brief" + (f": {', '.join(places)}" if places else "")


def compose(
    merged: Merged,
    results: Sequence[VerifiedExtraction],
    *,
    backend: str,
    model: str,
    prompt_version: str,
    seconds: float,
    failures: Sequence[FailedArticle] = (),
    cached_ids: Collection[str] = (),
    model_calls: int | None = None,
    stopped: str | None = None,
    now: dt.datetime | None = None,
) -> Brief:
    """The brief of merged results. ``model_calls`` is what the run sent, failed requests
    included; without it, the calls the fresh results took."""
    # Tokens and calls are this run's: a stored extraction cost nothing now.
    fresh = [r for r in results if r.article_id not in cached_ids]
    usage = Usage()
    for r in fresh:
        usage.prompt_tokens += r.usage.prompt_tokens
        usage.completion_tokens += r.usage.completion_tokens
    dated = sorted(s.published for s in merged.sources if s.published)
    versions = Counter(r.prompt_version for r in results)
    return Brief(
        title=title(merged),
        date_span=(dated[0], dated[-1]) if dated else None,
        key_points=key_points(merged),
        **{f.name: getattr(merged, f.name) for f in dataclasses.fields(merged)},
        failures=list(failures),
        run=RunInfo(
            generated_at=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
            backend=backend,
            model=model,
            prompt_version=", ".join(sorted(versions)) or prompt_version,
            schema_version=SCHEMA_VERSION,
            articles=len(results),
            usage=usage,
            model_calls=sum(r.attempts for r in fresh) if model_calls is None else model_calls,
            from_cache=len(results) - len(fresh),
            duplicates=sum(1 for r in results if r.duplicate_of),
            seconds=round(seconds, 2),
            stopped=stopped,
        ),
    )
