"""Human-readable output. Every string that came from a model or an article is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas import Brief, VerifiedExtraction
from schemas.brief import Changes, Claim
from summarizer.briefing.wording import (
    INFERRED_NOTE,
    attribution_text,
    change_lines,
    conflict_summary,
    counted,
    date_span_text,
    figure_text,
    has_inferred,
    has_unattributed,
    has_unnamed,
    origin_label,
    over_time,
    series_text,
    unverified_label,
)

# md() output always lands inline (in a bullet or a table cell), so only inline markup
# matters: emphasis, code, links/images (via brackets), tables, strikethrough, raw HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: str | None) -> str:
    """Escape untrusted text for Markdown (and the HTML a Markdown renderer emits)."""
    if not text:
        return ""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """A Markdown code span: backslash escapes do not apply inside, so none are added;
    backticks and line breaks, which could end or break the span, are replaced."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def extraction_markdown(result: VerifiedExtraction) -> str:
    ex = result.extraction
    title = result.title or result.source
    lines = [f"## {md(title)}", ""]
    meta = [m for m in (result.outlet, result.published and result.published.isoformat()) if m]
    lines += [f"*{md(' · '.join(meta))}* — {code(result.source)}" if meta else code(result.source), ""]
    if ex.troop_estimates:
        lines += [
            "### Troop figures",
            "",
            "| figure | counts | status | claimed by | quote |",
            "|---|---|---|---|---|",
        ]
        for est in ex.troop_estimates:
            lines.append(
                f"| {md(figure_text(est))} | {md(est.subject)} | {md(est.status)} | "
                f"{md(attribution_text(est))} | “{md(est.quote)}” |"
            )
        lines.append("")
    if ex.official_reactions:
        lines += ["### Official reactions", ""]
        for r in ex.official_reactions:
            who = ", ".join(md(x) for x in (r.speaker, r.role, r.affiliation) if x)
            lines.append(f"- **{who}** ({md(r.stance)}): {md(r.summary)} — “{md(r.quote)}”")
        lines.append("")
    if ex.actors:
        lines += ["### Actors", ""]
        for a in ex.actors:
            extra = ", ".join(md(x) for x in (a.role, a.affiliation) if x)
            lines.append(f"- **{md(a.name)}** ({md(a.kind)}{', ' + extra if extra else ''})")
        lines.append("")
    if ex.locations:
        lines += ["### Locations", ""]
        lines += [
            f"- **{md(loc.name)}** ({md(loc.kind)}{', ' + md(loc.role) if loc.role else ''})" for loc in ex.locations
        ]
        lines.append("")
    if result.unverified:
        lines += ["### Unverified (quote not found in the article — do not rely on these)", ""]
        lines += [f"- {md(u.kind)}: {md(u.reason)}" for u in result.unverified]
        lines.append("")
    return "\n".join(lines)


def _cite(numbers: Iterable[int]) -> str:
    return " ".join(f"\\[{n}\\]" for n in sorted(set(numbers)))


def _corroboration(claim: Claim) -> str:
    text = f"{counted(claim.independent_origins, 'source')} · {counted(len(claim.articles), 'article')}"
    if has_unnamed(claim):
        text += " (+ unnamed)"
    if has_inferred(claim):
        text += " (+ inferred)"
    if has_unattributed(claim):
        text += " (+ unattributed)"
    return text


def _changes(changes: Changes) -> list[str]:
    out = [f"## What changed since {changes.since.date().isoformat()}", ""]
    out += [f"*Compared with the brief “{md(changes.previous_title)}” generated {changes.since.isoformat()}.*", ""]
    if changes.empty:
        return [*out, "Nothing new: the same figures, sources, disagreements and reactions.", ""]
    for line in change_lines(changes):
        cites = f" {_cite(line.sources)}" if line.sources else ""
        out.append(f"- {md(line.lead + line.text)}{cites}")
    return [*out, ""]


def _over_time(brief: Brief) -> list[str]:
    tables = over_time(brief)
    if not brief.evolution and not any(len(rows) > 1 for rows in tables.values()):
        return []
    out = ["## Over time", ""]
    if brief.evolution:
        out += ["Figures one source changed over time (growth, a revision, a target) — not disagreements:", ""]
        for s in brief.evolution:
            out.append(f"- **{s.id} · {md(s.subject)}** — {md(series_text(s))} {_cite(p.source_n for p in s.points)}")
        out.append("")
    for subject, rows in tables.items():
        if len(rows) < 2:
            continue
        out += [
            f"### {md(subject)}",
            "",
            "| date | figure as stated | status | origin | source |",
            "|---|---|---|---|---|",
        ]
        for r in rows:
            out.append(f"| {md(r.time)} | {md(r.figure)} | {md(r.status)} | {md(r.origin)} | \\[{r.source_n}\\] |")
        out.append("")
    return out


def brief_markdown(brief: Brief) -> str:
    out: list[str] = [f"# {md(brief.title)}", ""]
    if brief.date_span:
        out += [f"*Articles dated {date_span_text(brief.date_span)}.*", ""]
    if brief.changes is not None:
        out += _changes(brief.changes)

    out += ["## Key points", ""]
    out += [f"- {md(p.text)}" for p in brief.key_points]
    out.append("")

    out += ["## Troop figures", ""]
    if brief.claims:
        out += [
            "| id | figure | counts | status | originating source(s) | reported in | first seen | corroboration |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for c in brief.claims:
            origins = ", ".join(md(origin_label(o)) for o in c.origins)
            out.append(
                f"| {c.id} | {md(c.figure)} | {md(c.subject)} | {md(c.status)} | {origins} | {_cite(c.articles)} | "
                f"{c.first_seen.isoformat() if c.first_seen else '—'} | {_corroboration(c)} |"
            )
        if any(has_inferred(c) for c in brief.claims):
            out += ["", f"*{md(INFERRED_NOTE)}*"]
        out += ["", "### Evidence", ""]
        for c in brief.claims:
            out.append(f"**{c.id} · {md(c.figure)} {md(c.subject)}**")
            out.append("")
            for r in c.reports:
                out.append(f"- \\[{r.source_n}\\] {md(r.attributed_to)}: “{md(r.quote)}”")
            out.append("")
    else:
        out += ["No troop figure could be grounded in the articles.", ""]

    out += _over_time(brief)

    out += ["## Where sources disagree", ""]
    if brief.conflicts:
        by_id = {c.id: c for c in brief.claims}
        for x in brief.conflicts:
            out.append(f"**{x.id} · {md(x.subject)}** — {md(x.reason)}.")
            out.append("")
            if x.sides:
                for side in x.sides:
                    said = f", said {side.as_of.isoformat()}" if side.as_of else ""
                    out.append(
                        f"- {side.claim_id}: {md(side.figure)} ({md(side.status_group)}{said}) — "
                        f"{md(side.origin)} {_cite(side.sources)}"
                    )
            else:
                for cid in x.claim_ids:
                    c = by_id[cid]
                    who = ", ".join(md(o.name) for o in c.origins)
                    out.append(f"- {cid}: {md(c.figure)} ({md(c.status)}) — {who} {_cite(c.articles)}")
            window = (
                f" Statements at most {counted(x.window_days, 'day')} apart count as the same time."
                if x.window_days is not None
                else ""
            )
            out.append(f"- {md(conflict_summary(x))} No figure is taken as true.{window}")
            out.append("")
    else:
        out += [
            "No disagreement between the grounded figures: different figures, where any, are from different times.",
            "",
        ]

    out += ["## Actors", ""]
    for a in brief.actors:
        extra = "; ".join(md(x) for x in [*a.roles[:2], *a.affiliations[:2]])
        aka = f" — also: {', '.join(md(x) for x in a.aliases)}" if a.aliases else ""
        out.append(
            f"- **{md(a.name)}** ({md(a.kind)}{'; ' + extra if extra else ''}){aka} "
            f"{_cite(m.source_n for m in a.mentions)}"
        )
    out.append("")

    out += ["## Locations", ""]
    for loc in brief.locations:
        roles = f"; {', '.join(md(r) for r in loc.roles)}" if loc.roles else ""
        aka = f" — also: {', '.join(md(x) for x in loc.aliases)}" if loc.aliases else ""
        out.append(f"- **{md(loc.name)}** ({md(loc.kind)}{roles}){aka} {_cite(m.source_n for m in loc.mentions)}")
    out.append("")

    out += ["## Official reactions", ""]
    for entry in brief.reactions:
        who = ", ".join(md(x) for x in (entry.speaker, entry.role, entry.affiliation) if x)
        out.append(f"**{who}** — {', '.join(md(s) for s in entry.stances)}")
        out.append("")
        for st in entry.statements:
            out.append(f"- \\[{st.source_n}\\] {md(st.stance)}: {md(st.summary)} — “{md(st.quote)}”")
        out.append("")

    out += ["## Timeline", ""]
    role_text = {
        "evolution": " — change over time",
        "disagreement": " — disputed",
        "both": " — change over time; disputed",
    }
    for e in brief.timeline:
        when = e.date.isoformat() if e.date else "undated"
        stated = f" (stated: {md(e.when)})" if e.when else ""
        reported = f" (reported {e.reported.isoformat()})" if e.reported and e.reported != e.date else ""
        out.append(f"- {when}: {md(e.text)}{stated}{reported}{role_text.get(e.role or '', '')} \\[{e.source_n}\\]")
    out.append("")

    out += ["## Sources", ""]
    for s in brief.sources:
        parts = [md(s.title) if s.title else "(untitled)"]
        if s.outlet:
            parts.append(md(s.outlet))
        parts.append(s.published.isoformat() if s.published else "undated")
        same = f" (same story as \\[{s.same_story_as}\\])" if s.same_story_as else ""
        out.append(f"{s.n}. {' · '.join(parts)} — {code(s.source)}{same}")
    out.append("")

    if brief.unverified:
        out += [
            "## Unverified — not in the brief above",
            "",
            "The model returned these, but their quotes could not be found in the article or do not state "
            "what they claim. They are listed for review only; do not rely on them.",
            "",
        ]
        for u in brief.unverified:
            out.append(f"- \\[{u.source_n}\\] {md(u.kind)} {md(unverified_label(u))}: {md(u.reason)}")
        out.append("")

    if brief.failures:
        out += ["## Articles that failed", ""]
        out += [f"- {code(f.source)}: {md(f.error)}" for f in brief.failures]
        out.append("")

    run = brief.run
    out += [
        "---",
        f"*Generated {run.generated_at.isoformat()} by summarizer · backend {md(run.backend)} · model "
        f"{md(run.model)} · prompt {md(run.prompt_version)} · schema {md(run.schema_version)} · "
        f"{run.articles} article(s) ({run.from_cache} from cache, {run.duplicates} copies of another), "
        f"{run.model_calls} model call(s), {run.usage.total_tokens} tokens, "
        f"{run.seconds:.1f}s.*",
    ]
    return "\n".join(out) + "\n"
