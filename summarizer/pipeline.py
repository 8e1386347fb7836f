"""The library API: what the CLI calls, and what a Python user calls directly.

>>> import summarizer
>>> cfg = summarizer.load_config(overrides={"backend": "compatible", "base_url": "http://127.0.0.1:8080/v1"})
>>> brief = summarizer.brief(["seeds/"], cfg)
>>> print(summarizer.brief_markdown(brief))

The stages, in order: :mod:`summarizer.ingest` (paths to articles),
:mod:`summarizer.extraction` (one model call per article, batched),
:mod:`summarizer.grounding` (evidence checked; run inside extraction),
:mod:`summarizer.briefing` (merged into claims) and :mod:`summarizer.render`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError

from schemas import Article, Brief, VerifiedExtraction
from schemas.brief import BRIEF_FORMAT, FailedArticle
from summarizer import briefing
from summarizer.config import Config, load_config
from summarizer.errors import InputError, SummarizerError
from summarizer.extraction.batch import ExtractionRun, OnDone, OnStart, extract_all, open_cache, run_batch
from summarizer.extraction.batch_api import OnProgress, OnSubmit, run_batch_job
from summarizer.extraction.extractor import ready_parser
from summarizer.extraction.prompting import load_prompt
from summarizer.extraction.shards import parse_shard, select
from summarizer.ingest import OnSkip, load_articles
from summarizer.jsonl import read_models
from summarizer.scoring import EvalReport, check_gold, load_gold, score, stem

__all__ = [
    "ExtractionRun",
    "as_articles",
    "brief",
    "brief_from",
    "brief_from_extractions",
    "evaluate",
    "extract",
    "extract_all",
    "open_cache",
    "read_brief",
    "read_extractions",
    "run_batch",
    "run_batch_job",
    "shard",
]


def as_articles(items: Iterable[str | Article], *, pattern: str = "*", on_skip: OnSkip | None = None) -> list[Article]:
    """Articles as given, and those read from paths (files, directories searched for
    names matching ``pattern``, URLs, '-'), in order; empty ones skipped via ``on_skip``."""
    out: list[Article] = []
    for item in items:
        out.extend([item] if isinstance(item, Article) else load_articles([item], pattern=pattern, on_skip=on_skip))
    return out


def extract(paths_or_articles: Iterable[str | Article], config: Config | None = None) -> list[VerifiedExtraction]:
    """Extract and ground each article; raises if any article fails."""
    config = config or load_config()
    run = run_batch(as_articles(paths_or_articles), config)
    if run.failures:
        first = run.failures[0]
        raise SummarizerError(f"{len(run.failures)} article(s) failed; first: {first.source}: {first.error}")
    return run.results


def brief_from(run: ExtractionRun, config: Config, seconds: float = 0.0, *, since: Brief | None = None) -> Brief:
    """The brief for extractions already made (``run.failures`` listed in it); with
    ``since`` (an earlier brief), what changed since that one is in ``brief.changes``."""
    result = briefing.compose(
        briefing.merge(run.results, window_days=config.window_days),
        run.results,
        backend=config.backend,
        model=config.model,
        prompt_version=load_prompt("extract").version,
        seconds=seconds,
        failures=run.failures,
        cached_ids=run.cached_ids,
        model_calls=run.requests,
        stopped=str(run.stopped_by) if run.stopped_by is not None else None,
    )
    if since is not None:
        result.changes = briefing.changes_since(since, result)
    return result


def brief(
    paths_or_articles: Iterable[str | Article],
    config: Config | None = None,
    *,
    on_start: OnStart | None = None,
    on_done: OnDone | None = None,
    unread: Sequence[FailedArticle] = (),
    since: Brief | None = None,
    batch: bool = False,
    resume_batch: str | None = None,
    on_submit: OnSubmit | None = None,
    on_progress: OnProgress | None = None,
) -> Brief:
    """Read, extract (or reuse cached extractions), merge and compose a brief.

    Articles that fail are listed in ``brief.failures``, after the inputs that could not
    be read (``unread``, from the caller's reading); the rest are merged. ``since`` (an
    earlier brief, see :func:`read_brief`) adds what changed since it. With ``batch``
    (or ``resume_batch``, a job id) the articles go through one OpenAI Batch API job
    (:mod:`summarizer.extraction.batch_api`).
    """
    config = config or load_config()
    started = time.perf_counter()
    articles = as_articles(paths_or_articles)
    if batch or resume_batch:
        run = run_batch_job(articles, config, resume=resume_batch, on_submit=on_submit, on_progress=on_progress)
    else:
        run = run_batch(articles, config, on_start, on_done)
    run.failures[:0] = unread
    return brief_from(run, config, time.perf_counter() - started, since=since)


def read_brief(path: str | Path) -> Brief:
    """An earlier brief written with ``--format json``, to compare a new one against.
    The file is untrusted: anything but a readable brief of this version is an
    :class:`InputError` with one line saying what to do."""
    file = Path(path)
    again = "write it again with `summarizer brief ... --format json -o FILE`"
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the previous brief {file}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise InputError(f"{file} is not JSON: {again}") from exc
    if not isinstance(data, dict) or "claims" not in data or "run" not in data:
        raise InputError(f"{file} is not a brief: {again}")
    found = data.get("format")
    if found != BRIEF_FORMAT:
        version = f"version {found!r}" if isinstance(found, str) else "an older version"
        raise InputError(f"{file} is a brief of {version[:60]}, this summarizer reads {BRIEF_FORMAT}: {again}")
    try:
        return Brief.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{file} is not a valid brief ({exc.error_count()} problem(s)): {again}") from exc


def read_extractions(path: str | Path) -> list[VerifiedExtraction]:
    """The JSON lines ``summarizer extract`` writes."""
    fix = "write the file with `summarizer extract ... --format json`"
    return read_models(path, VerifiedExtraction, what="an extraction", fix=fix)


def shard(articles: Sequence[Article], spec: str) -> list[Article]:
    """The articles of shard ``spec`` ("K/N"): split by content id, the same on every
    machine and re-run; copies of one story stay together (:mod:`summarizer.extraction.shards`)."""
    k, n = parse_shard(spec)
    return select(articles, k, n)


def brief_from_extractions(
    paths: Sequence[str | Path], config: Config | None = None, *, since: Brief | None = None
) -> Brief:
    """The brief of extraction files (``summarizer extract --format json``, one or one per
    shard), with no model and no server: the same claims, sources and disagreements as
    the brief of the same articles extracted in one run. An article found in several
    files (shards that overlap, a file given twice) counts once."""
    config = config or load_config()
    started = time.perf_counter()
    if not paths:
        raise InputError("no extraction file given: pass the files `summarizer extract ... -o FILE` wrote")
    seen: set[tuple[str, str]] = set()
    results: list[VerifiedExtraction] = []
    for path in paths:
        for result in read_extractions(path):
            if (result.article_id, result.source) not in seen:
                seen.add((result.article_id, result.source))
                results.append(result)
    if not results:
        raise InputError(f"no extraction in {', '.join(map(str, paths))}: each file is empty")
    results.sort(key=lambda r: r.source)
    models = sorted({r.model for r in results})
    run = ExtractionRun(results=results, cached_ids={r.article_id for r in results}, extracted=len(results))
    made = config.model_copy(update={"model": ", ".join(models)})
    return brief_from(run, made, time.perf_counter() - started, since=since)


def evaluate(
    gold_dir: str | Path,
    config: Config | None = None,
    *,
    against: str | Path | None = None,
    articles: Sequence[str | Article] = (),
    on_start: OnStart | None = None,
    on_done: OnDone | None = None,
) -> EvalReport:
    """Score extractions against the gold annotations in ``gold_dir``.

    With ``against`` (a JSON-lines file from ``summarizer extract``) nothing is run;
    otherwise the configured model extracts the gold's articles, found in ``articles``
    (paths or :class:`Article` objects; the cache applies). Gold evidence is checked
    against the article text when the articles are at hand.
    """
    config = config or load_config()
    ready_parser(config)  # scoring reads the text's credits from the parse too
    gold = load_gold(gold_dir)
    wanted = {stem(g.article) for g in gold}
    texts = [a for a in as_articles(articles) if stem(a.source) in wanted] if articles else []
    by_stem = {stem(a.source): a for a in texts}
    problems = [p for g in gold if stem(g.article) in by_stem for p in check_gold(g, by_stem[stem(g.article)])]
    if problems:
        raise InputError("the gold annotations do not match the articles:\n  " + "\n  ".join(problems))
    by_text = {name: article.text for name, article in by_stem.items()}
    if against is not None:
        return score(gold, read_extractions(against), by_text)
    missing = sorted(wanted - set(by_stem))
    if missing:
        raise InputError(f"no article for gold {', '.join(missing)}: pass the folder holding them (--articles DIR)")
    run = run_batch(texts, config, on_start, on_done)
    return score(gold, run.results, by_text)
