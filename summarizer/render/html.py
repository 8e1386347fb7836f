"""The brief as one self-contained HTML page (``summarizer brief --format html``).

Everything the page needs is inside the file: styles, a small script and an inline SVG
timeline; it loads nothing from the network. Every string that came from an article or
a model goes through :func:`html.escape`, and a Content-Security-Policy meta tag allows
only this page's own style and script (by hash), so even a missed escape could not run
a script or fetch anything.

Each source article is shown in full with its grounded quotes highlighted at their
stored offsets, coloured by kind (figure, actor, place, reaction). Clicking a claim
highlights and scrolls to its quotes in every article that carries it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources

from schemas import Article, Brief
from schemas.brief import Changes, Claim, SourceRef
from summarizer.briefing.wording import (
    INFERRED_NOTE,
    TimeRow,
    change_lines,
    conflict_summary,
    counted,
    date_span_text,
    has_inferred,
    has_unattributed,
    has_unnamed,
    over_time,
    series_text,
    unverified_label,
)

KINDS = ("figure", "reaction", "actor", "location")  # highlight priority, strongest first

# The page's own style and script: package files, inlined and allowed by hash in the CSP.
_STYLE = (resources.files(__package__) / "brief.css").read_text(encoding="utf-8")
_SCRIPT = (resources.files(__package__) / "brief.js").read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_csp_hash(_STYLE)}; script-src {_csp_hash(_SCRIPT)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def e(text: object) -> str:
    """Escape for HTML text and quoted attribute values."""
    return escape("" if text is None else str(text), quote=True)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    label: str
    claim: str | None = None


def brief_html(brief: Brief, articles: Sequence[Article] = ()) -> str:
    """The page. ``articles`` supply the texts the quotes are highlighted in; a source
    whose text is not given is listed with its quotes only."""
    texts = {a.id: a.text for a in articles}
    marks = _marks(brief)
    body = [
        _header(brief),
        "<nav>"
        + ('<a href="#changes">What changed</a>' if brief.changes is not None else "")
        + '<a href="#key-points">Key points</a><a href="#figures">Troop figures</a>'
        '<a href="#over-time">Over time</a><a href="#timeline">Timeline</a><a href="#conflicts">Disagreements</a>'
        '<a href="#people">Actors &amp; places</a>'
        '<a href="#reactions">Reactions</a><a href="#sources">Sources</a>'
        + ('<a href="#unverified">Unverified</a>' if brief.unverified else "")
        + '<span id="focus-status" role="status"></span></nav>',
        "<main>",
        _changes(brief.changes) if brief.changes is not None else "",
        _key_points(brief),
        _figures(brief),
        _over_time(brief),
        _timeline(brief),
        _conflicts(brief),
        _people_and_places(brief),
        _reactions(brief),
        _sources(brief, texts, marks),
        _unverified(brief),
        _failures(brief),
        "</main>",
        _footer(brief),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{e(brief.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


# -- sections -------------------------------------------------------------------------


def _header(brief: Brief) -> str:
    span = date_span_text(brief.date_span) if brief.date_span else ""
    meta = f"{len(brief.sources)} article(s)" + (f" dated {span}" if span else "")
    note = "every item below is quoted from its article"
    return f'<header class="top"><h1>{e(brief.title)}</h1><p>{e(meta)} · {note}</p></header>'


def _claim_button(claim_id: str) -> str:
    ident = e(claim_id)
    return f'<button type="button" class="claim" data-show="{ident}" title="highlight its quotes">{ident}</button>'


def _section(ident: str, heading: str, inner: str) -> str:
    return f'<section id="{ident}"><h2>{heading}</h2>{inner}</section>'


def _cites(numbers: Iterable[int]) -> str:
    return " ".join(f'<a class="cite" href="#src-{n}">[{n}]</a>' for n in sorted(set(numbers)))


def _key_points(brief: Brief) -> str:
    items = []
    for p in brief.key_points:
        claims = " ".join(_claim_button(c) for c in p.claim_ids)
        # The key point's text cites its sources as [n] already; links are added when it does not.
        cites = "" if "]" in p.text else _cites(p.sources)
        items.append(f"<li>{e(p.text)} {claims} {cites}</li>")
    return f'<section id="key-points"><h2>Key points</h2><ul>{"".join(items)}</ul></section>'


def _corroboration(claim: Claim) -> str:
    n = claim.independent_origins
    articles = len(claim.articles)
    strong = " strong" if n >= 2 else ""
    badges = (
        f'<span class="badge origins{strong}" title="independent originating sources">'
        f"{counted(n, 'independent source')}</span>"
        f'<span class="badge outlets" title="articles that carry it">'
        f"{counted(articles, 'article')}</span>"
    )
    if has_unnamed(claim):
        badges += (
            '<span class="badge unattributed" title="unnamed sources are not counted as independent">+ unnamed</span>'
        )
    if has_inferred(claim):
        badges += f'<span class="badge unattributed" title="{e(INFERRED_NOTE)}">+ inferred</span>'
    if has_unattributed(claim):
        badges += '<span class="badge unattributed">+ unattributed</span>'
    return badges


def _figures(brief: Brief) -> str:
    if not brief.claims:
        return _section("figures", "Troop figures", "<p>No troop figure could be grounded in the articles.</p>")
    rows = []
    for c in brief.claims:
        origins = ", ".join(
            f'<span class="origin">{e(o.name)}'
            + ("" if o.kind == "unattributed" else f' <span class="kind">{e(o.kind)}</span>')
            + (f' <span class="kind inferred" title="{e(INFERRED_NOTE)}">inferred</span>' if o.inferred else "")
            + "</span>"
            for o in c.origins
        )
        rows.append(
            f'<tr id="claim-{e(c.id)}"><td>{_claim_button(c.id)}</td><td><strong>{e(c.figure)}</strong></td>'
            f"<td>{e(c.subject)}</td><td>{e(c.status)}</td><td>{origins}</td><td>{_cites(c.articles)}</td>"
            f"<td>{e(c.first_seen.isoformat() if c.first_seen else '—')}</td><td>{_corroboration(c)}</td></tr>"
        )
    evidence = []
    for c in brief.claims:
        quotes = "".join(
            f"<li>{_cites([r.source_n])} {e(r.attributed_to)}: <q>{e(r.quote)}</q></li>" for r in c.reports
        )
        evidence.append(f'<h3>{_claim_button(c.id)} {e(c.figure)} {e(c.subject)}</h3><ul class="quotes">{quotes}</ul>')
    return (
        '<section id="figures"><h2>Troop figures</h2>'
        "<table><thead><tr><th>id</th><th>figure</th><th>counts</th><th>status</th><th>originating source(s)</th>"
        "<th>reported in</th><th>first seen</th><th>corroboration</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        + (f'<p class="note">{e(INFERRED_NOTE)}</p>' if any(has_inferred(c) for c in brief.claims) else "")
        + f"<h3>Evidence</h3>{''.join(evidence)}</section>"
    )


def _timeline(brief: Brief) -> str:
    dated = [t for t in brief.timeline if t.date is not None and t.claim_id]
    if not dated:
        listing = "".join(f"<li>{e(t.text)} {_cites([t.source_n])}</li>" for t in brief.timeline)
        return f'<section id="timeline"><h2>Timeline</h2><p>No dated claims.</p><ul>{listing}</ul></section>'
    claims = {c.id: c for c in brief.claims}
    rows = list(dict.fromkeys(t.claim_id for t in dated if t.claim_id))
    days = sorted({t.date for t in dated if t.date})
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    left, right, top, row_h = 230, 40, 34, 28
    width = 900
    height = top + row_h * len(rows) + 16

    def x(day: dt.date) -> float:
        if first == last:
            return left + (width - left - right) / 2
        return left + (width - left - right) * (day - first).days / span

    parts = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" aria-label="Dated claims by report date">',
        f'<line class="axis" x1="{left}" y1="{top - 10}" x2="{width - right}" y2="{top - 10}"/>',
    ]
    for day in days:
        parts.append(f'<text x="{x(day):.1f}" y="{top - 16}" text-anchor="middle">{e(day.isoformat())}</text>')
    for i, claim_id in enumerate(rows):
        y = top + row_h * i + row_h / 2
        claim = claims.get(claim_id)
        label = f"{claim_id} · {claim.figure}" if claim else claim_id
        label = label if len(label) <= 30 else label[:29] + "…"
        parts.append(f'<text x="8" y="{y + 4:.1f}">{e(label)}<title>{e(claim.figure if claim else "")}</title></text>')
        parts.append(f'<line class="axis" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>')
        sent = claim is not None and claim.status_group == "sent or in place"
        for t in dated:
            if t.claim_id == claim_id and t.date is not None:
                tip = f"{t.date.isoformat()} [{t.source_n}] {t.text}" + (f" (stated: {t.when})" if t.when else "")
                parts.append(
                    f'<circle class="dot{" sent" if sent else ""}" cx="{x(t.date):.1f}" cy="{y:.1f}" r="6">'
                    f"<title>{e(tip)}</title></circle>"
                )
    parts.append("</svg>")
    undated = [t for t in brief.timeline if t.date is None or not t.claim_id]
    extra = "".join(f"<li>{e(t.text)} {_cites([t.source_n])}</li>" for t in undated)
    note = (
        '<p class="kind">Each dot is an article reporting the claim, on that article\'s date; '
        "red: already sent or in place.</p>"
    )
    return (
        f'<section id="timeline"><h2>Timeline</h2>{"".join(parts)}{note}'
        + (f"<h3>Undated</h3><ul>{extra}</ul>" if extra else "")
        + "</section>"
    )


def _conflicts(brief: Brief) -> str:
    if not brief.conflicts:
        return _section("conflicts", "Where sources disagree", "<p>No disagreement between the grounded figures.</p>")
    claims = {c.id: c for c in brief.claims}
    blocks = []
    for x in brief.conflicts:
        sides = []
        for side in x.sides:
            said = f", said {side.as_of.isoformat()}" if side.as_of else ""
            sides.append(
                f'<div class="side"><div>{_claim_button(side.claim_id)} '
                f'<span class="kind">{e(side.status_group)}{e(said)}</span></div>'
                f'<div class="figure">{e(side.figure)}</div><div>{e(side.origin)}</div>'
                f"<div>{_cites(side.sources)}</div></div>"
            )
        for cid in x.claim_ids if not x.sides else ():
            c = claims[cid]
            who = ", ".join(e(o.name) for o in c.origins)
            sides.append(
                f'<div class="side"><div>{_claim_button(cid)} <span class="kind">{e(c.status)}</span></div>'
                f'<div class="figure">{e(c.figure)}</div><div>{who}</div><div>{_cites(c.articles)}</div></div>'
            )
        blocks.append(
            f'<h3>{e(x.id)} · {e(x.subject)} — {e(x.reason)}</h3><div class="sides">{"".join(sides)}</div>'
            f'<p class="verdict">{e(conflict_summary(x))} No figure is taken as true.</p>'
        )
    return f'<section id="conflicts"><h2>Where sources disagree</h2>{"".join(blocks)}</section>'


def _changes(changes: Changes) -> str:
    since = changes.since.date().isoformat()
    items = [
        # A line that is all lead ("New articles:") is shown as its sentence, without a badge.
        f'<li><span class="tag {line.kind}">{e(line.tag)}</span> {e(line.text)} '
        f"{_claim_button(line.claim_id) if line.claim_id else ''} {_cites(line.sources)}</li>"
        if line.text
        else f"<li>{e(line.lead)} {_cites(line.sources)}</li>"
        for line in change_lines(changes)
    ]
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>Nothing new since then.</p>"
    return (
        f'<section id="changes" class="changes"><h2>What changed since {e(since)}</h2>'
        f'<p class="kind">Compared with “{e(changes.previous_title)}”, generated {e(changes.since.isoformat())}; '
        f"claims matched by what they say, not by id.</p>{body}</section>"
    )


_PALETTE = 8


def _over_time(brief: Brief) -> str:
    tables = over_time(brief)
    if not brief.evolution and not any(len(rows) > 1 for rows in tables.values()):
        return ""
    parts = ['<section id="over-time"><h2>Figures over time</h2>']
    if brief.evolution:
        items = "".join(
            f"<li><strong>{e(s.id)}</strong> {e(s.subject)} — {e(series_text(s))} "
            f"{_cites(p.source_n for p in s.points)}</li>"
            for s in brief.evolution
        )
        parts.append(f'<p class="kind">Figures one source changed over time — not disagreements:</p><ul>{items}</ul>')
    for subject, rows in tables.items():
        dated = [r for r in rows if r.day is not None]
        if len({(r.day, r.low) for r in dated}) >= 2:
            parts.append(f"<h3>{e(subject)}</h3>" + _chart(subject, dated))
        undated = [r for r in rows if r.day is None]
        if undated:
            listing = "".join(
                f"<li>{e(r.figure)} ({e(r.status)}) — {e(r.origin)}, {e(r.time)} {_cites([r.source_n])}</li>"
                for r in undated
            )
            summary = f"{e(subject)}: {len(undated)} undated statement(s)"
            parts.append(f"<details><summary>{summary}</summary><ul>{listing}</ul></details>")
    parts.append(
        '<p class="kind">Each point is a statement at the time it holds (an expected figure at the date it is '
        "expected by); filled: already there, hollow: expected or planned; one line per source. Hover a point for "
        "its statement.</p></section>"
    )
    return "".join(parts)


def _chart(subject: str, rows: list[TimeRow]) -> str:
    """Date on x, figure on y (log scale when the figures span more than 20x), one
    coloured line per origin; inline SVG, nothing loaded."""
    width, height, left, right, top, bottom = 900, 300, 70, 200, 20, 40
    days = sorted({r.day for r in rows if r.day})
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    values = [v for r in rows for v in (r.low, r.high) if v > 0]
    lo, hi = min(values), max(values)
    log = hi / max(lo, 1) > 20

    def x(day: dt.date) -> float:
        if first == last:
            return left + (width - left - right) / 2
        return left + (width - left - right) * (day - first).days / span

    def y(v: int) -> float:
        if hi == lo:
            return top + (height - top - bottom) / 2
        share = (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) if log else v / hi
        return height - bottom - share * (height - top - bottom)

    origins = list(dict.fromkeys(r.origin for r in sorted(rows, key=lambda r: (r.day, r.origin))))
    colour = {o: i % _PALETTE for i, o in enumerate(origins)}
    scale = "log scale" if log else "linear scale"
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{e(subject)}: figures by date, one line per source ({scale})">',
        f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}"/>',
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}"/>',
    ]
    ticks = sorted({lo, hi, *(r.low for r in rows)})
    shown: list[float] = []
    for v in ticks:
        ty = y(v)
        if all(abs(ty - s) > 12 for s in shown):
            shown.append(ty)
            parts.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end">{v:,}</text>')
    placed: list[float] = []
    for day in days:
        if all(abs(x(day) - px) >= 80 for px in placed):  # labels never overlap
            placed.append(x(day))
            parts.append(
                f'<text x="{x(day):.1f}" y="{height - bottom + 16}" text-anchor="middle">{e(day.isoformat())}</text>'
            )
    for origin in origins:
        own = sorted((r for r in rows if r.origin == origin and r.day), key=lambda r: (r.day, r.low))
        c = colour[origin]
        if len(own) > 1:
            path = " ".join(f"{x(r.day):.1f},{y(r.low):.1f}" for r in own if r.day)
            parts.append(f'<polyline class="series s{c}" points="{path}"/>')
        for r in own:
            if r.day is None:
                continue
            to_come = r.status_group == "expected or planned"
            tip = f"{r.figure} ({r.status}) — {r.origin}, {r.time} [{r.source_n}]: “{r.quote}”"
            if r.high != r.low:
                parts.append(
                    f'<line class="range s{c}" x1="{x(r.day):.1f}" y1="{y(r.low):.1f}" '
                    f'x2="{x(r.day):.1f}" y2="{y(r.high):.1f}"/>'
                )
            parts.append(
                f'<circle class="point s{c}{" to-come" if to_come else ""}" cx="{x(r.day):.1f}" cy="{y(r.low):.1f}" '
                f'r="6" data-claim="{e(r.claim_id)}"><title>{e(tip)}</title></circle>'
            )
    for i, origin in enumerate(origins):
        ly = top + 14 + i * 18
        label = origin if len(origin) <= 27 else origin[:26] + "…"
        parts.append(
            f'<circle class="point s{colour[origin]}" cx="{width - right + 16}" cy="{ly - 4}" r="5"/>'
            f'<text x="{width - right + 26}" y="{ly}">{e(label)}<title>{e(origin)}</title></text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _people_and_places(brief: Brief) -> str:
    actors = "".join(
        f'<li><strong>{e(a.name)}</strong> <span class="kind">{e(a.kind)}</span>'
        + (f" — also: {e(', '.join(a.aliases))}" if a.aliases else "")
        + f" {_cites(m.source_n for m in a.mentions)}</li>"
        for a in brief.actors
    )
    places = "".join(
        f'<li><strong>{e(p.name)}</strong> <span class="kind">{e(p.kind)}</span>'
        + (f" — also: {e(', '.join(p.aliases))}" if p.aliases else "")
        + f" {_cites(m.source_n for m in p.mentions)}</li>"
        for p in brief.locations
    )
    return (
        '<section id="people"><h2>Actors &amp; places</h2><div class="sides">'
        f"<div><h3>Actors</h3><ul>{actors or '<li>none grounded</li>'}</ul></div>"
        f"<div><h3>Places</h3><ul>{places or '<li>none grounded</li>'}</ul></div></div></section>"
    )


def _reactions(brief: Brief) -> str:
    blocks = []
    for r in brief.reactions:
        who = ", ".join(e(x) for x in (r.speaker, r.role, r.affiliation) if x)
        quotes = "".join(
            f"<li>{_cites([s.source_n])} <em>{e(s.stance)}</em>: {e(s.summary)} — <q>{e(s.quote)}</q></li>"
            for s in r.statements
        )
        blocks.append(
            f'<h3>{who} <span class="kind">{e(", ".join(r.stances))}</span></h3><ul class="quotes">{quotes}</ul>'
        )
    return f'<section id="reactions"><h2>Official reactions</h2>{"".join(blocks) or "<p>None grounded.</p>"}</section>'


def _sources(brief: Brief, texts: dict[str, str], marks: dict[int, list[Mark]]) -> str:
    legend = (
        '<p class="legend">Highlighted: <span class="k-figure">troop figure</span><span class="k-actor">actor</span>'
        '<span class="k-location">place</span><span class="k-reaction">reaction</span>'
        " — click a claim id to outline its quotes.</p>"
    )
    parts = []
    for s in brief.sources:
        text = texts.get(s.article_id)
        body = (
            f'<div class="text">{highlight(text, marks.get(s.n, []))}</div>'
            if text is not None
            else '<p class="kind">The article text was not given to the renderer; its quotes are listed above.</p>'
        )
        parts.append(
            f'<article class="source" id="src-{s.n}"><h3>[{s.n}] {e(s.title or "(untitled)")}</h3>'
            f"{_source_meta(s)}{body}</article>"
        )
    return f'<section id="sources"><h2>Sources</h2>{legend}{"".join(parts)}</section>'


def _source_meta(s: SourceRef) -> str:
    bits = [
        e(s.outlet) if s.outlet else "",
        e(s.published.isoformat()) if s.published else "undated",
        f"<code>{e(s.source)}</code>",
    ]
    if s.same_story_as:
        bits.append(f'same story as <a class="cite" href="#src-{s.same_story_as}">[{s.same_story_as}]</a>')
    return f'<div class="meta">{" · ".join(b for b in bits if b)}</div>'


def _unverified(brief: Brief) -> str:
    if not brief.unverified:
        return ""
    items = []
    for u in brief.unverified:
        label = unverified_label(u)
        items.append(f"<li>{_cites([u.source_n])} <strong>{e(u.kind)}</strong> {e(label)}: {e(u.reason)}</li>")
    return (
        '<section class="unverified" id="unverified"><h2>Unverified — not part of the brief</h2>'
        '<p class="warn">The model returned these, but the article text does not support them as given. '
        "They are listed for review only; do not rely on them.</p>"
        f"<ul>{''.join(items)}</ul></section>"
    )


def _failures(brief: Brief) -> str:
    if not brief.failures:
        return ""
    items = "".join(f"<li><code>{e(f.source)}</code>: {e(f.error)}</li>" for f in brief.failures)
    return f'<section class="unverified" id="failures"><h2>Articles that failed</h2><ul>{items}</ul></section>'


def _footer(brief: Brief) -> str:
    run = brief.run
    return (
        f"<footer>Generated {e(run.generated_at.isoformat(timespec='seconds'))} by summarizer · "
        f"backend {e(run.backend)} · "
        f"model {e(run.model)} · prompt {e(run.prompt_version)} · schema {e(run.schema_version)} · "
        f"{run.articles} article(s) ({run.from_cache} from cache, {run.duplicates} copies of another), "
        f"{run.model_calls} model call(s), "
        f"{run.usage.total_tokens} tokens, {run.seconds:.1f}s</footer>"
    )


# -- highlighting -------------------------------------------------------------------------


def _marks(brief: Brief) -> dict[int, list[Mark]]:
    """Every grounded span in the brief, by source number."""
    out: dict[int, list[Mark]] = defaultdict(list)
    for c in brief.claims:
        for r in c.reports:
            if r.start is not None and r.end is not None:
                out[r.source_n].append(Mark(r.start, r.end, "figure", f"{c.id} {r.figure}", c.id))
    for a in brief.actors:
        for m in a.mentions:
            if m.start is not None and m.end is not None:
                out[m.source_n].append(Mark(m.start, m.end, "actor", a.name))
    for p in brief.locations:
        for m in p.mentions:
            if m.start is not None and m.end is not None:
                out[m.source_n].append(Mark(m.start, m.end, "location", p.name))
    for rx in brief.reactions:
        for s in rx.statements:
            if s.start is not None and s.end is not None:
                out[s.source_n].append(Mark(s.start, s.end, "reaction", f"{rx.speaker}: {s.stance}"))
    return out


def highlight(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, with each span of ``marks`` wrapped in ``<mark>``; where spans
    overlap, the piece carries every kind and claim that covers it."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = e(text[a:b])
        covering = [m for m in valid if m.start <= a and b <= m.end]
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in covering}, key=KINDS.index)
        claims = sorted({m.claim for m in covering if m.claim})
        title = "; ".join(dict.fromkeys(f"{m.kind}: {m.label}" for m in covering))
        attrs = f'class="{" ".join("k-" + k for k in kinds)}" title="{e(title)}"'
        if claims:
            attrs += f' data-claims="{e(" ".join(claims))}"'
        out.append(f"<mark {attrs}>{piece}</mark>")
    return "".join(out)
