"""Plain-data builders for merger and rendering tests: no model involved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from schemas import ArticleExtraction, VerifiedExtraction


def est(
    count: int | None = None,
    *,
    source: str | None = None,
    org: str | None = None,
    kind: str = "government",
    status: str = "sent",
    subject: str = "troops",
    qualifier: str = "about",
    low: int | None = None,
    high: int | None = None,
    quote: str | None = None,
    when: str | None = None,
    basis: str | None = None,
) -> dict[str, Any]:
    figure = f"{count:,}" if count else f"{low:,} to {high:,}"
    return {
        "quote": quote or f"{source or org or 'Officials'} said {figure} {subject} were {status}.",
        "count": count,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "subject": subject,
        "status": status,
        "when": when,
        "attribution": {"source": source, "organization": org, "kind": kind, "basis": basis},
        "start": 0,
        "end": 10,
    }


def actor(name: str, kind: str = "person", role: str | None = None, affiliation: str | None = None) -> dict[str, Any]:
    return {"quote": f"{name} spoke.", "name": name, "kind": kind, "role": role, "affiliation": affiliation}


def place(name: str, kind: str = "region") -> dict[str, Any]:
    return {"quote": f"Troops are in {name}.", "name": name, "kind": kind}


def reaction(speaker: str, stance: str = "concern", summary: str = "said something") -> dict[str, Any]:
    return {"quote": f"{speaker} said it.", "speaker": speaker, "stance": stance, "summary": summary}


def result(
    source: str,
    *,
    published: dt.date | None = None,
    estimates: list[dict[str, Any]] = (),  # type: ignore[assignment]
    actors: list[dict[str, Any]] = (),  # type: ignore[assignment]
    places: list[dict[str, Any]] = (),  # type: ignore[assignment]
    reactions: list[dict[str, Any]] = (),  # type: ignore[assignment]
    outlet: str | None = None,
) -> VerifiedExtraction:
    return VerifiedExtraction(
        article_id=source,
        source=source,
        outlet=outlet,
        published=published,
        extraction=ArticleExtraction.model_validate(
            {
                "troop_estimates": list(estimates),
                "actors": list(actors),
                "locations": list(places),
                "official_reactions": list(reactions),
            }
        ),
        model="test",
        prompt_version="test",
    )
