"""The library API: what the CLI calls, and what a Python user calls directly.

>>> import summarizer
>>> cfg = summarizer.load_config(overrides={"backend": "compatible", "base_url": "http://127.0.0.1:8080/v1"})
>>> brief = summarizer.brief(["seeds/"], cfg)
>>> print(summarizer.brief_markdown(brief))
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas import Article, Brief, VerifiedExtraction
from schemas.brief import FailedArticle
from summarizer import backends, briefing
from summarizer.cache import ExtractionCache, cache_key, default_cache_dir
from summarizer.config import Config, load_config
from summarizer.duplicates import copy_result, duplicate_groups
from summarizer.errors import BackendError, ConfigError, InputError, SummarizerError
from summarizer.evaluate import EvalReport, check_gold, load_gold, stem
from summarizer.evaluate import evaluate as score
from summarizer.extract import Extractor
from summarizer.ingest import OnSkip, load_articles
from summarizer.merge import merge
from summarizer.prompting import load_prompt

Failure = FailedArticle
OnStart = Callable[[int, Article], None]
OnDone = Callable[[int, Article, "VerifiedExtraction | Failure", bool], None]


@dataclass
class ExtractionRun:
    results: list[VerifiedExtraction] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    cached_ids: set[str] = field(default_factory=set)

    @property
    def cached(self) -> int:
        return len(self.cached_ids)


def as_articles(items: Iterable[str | Article], *, pattern: str = "*", on_skip: OnSkip | None = None) -> list[Article]:
    """Articles as given, and those read from paths (files, directories searched for
    names matching ``pattern``, URLs, '-'), in order; empty ones skipped via ``on_skip``."""
    out: list[Article] = []
    for item in items:
        out.extend([item] if isinstance(item, Article) else load_articles([item], pattern=pattern, on_skip=on_skip))
    return out


def open_cache(config: Config) -> ExtractionCache | None:
    if not config.cache:
        return None
    folder = Path(config.cache_dir) if config.cache_dir else default_cache_dir()
    return ExtractionCache(folder / "extractions.sqlite")


def extract_all(
    articles: Sequence[Article],
    config: Config,
    extractor: Extractor | None = None,
    cache: ExtractionCache | None = None,
    on_start: OnStart | None = None,
    on_done: OnDone | None = None,
    *,
    dedupe: bool = True,
) -> ExtractionRun:
    """Extract every article; see :func:`aextract_all` (this runs it to completion)."""
    return asyncio.run(aextract_all(articles, config, extractor, cache, on_start, on_done, dedupe=dedupe))


async def aextract_all(
    articles: Sequence[Article],
    config: Config,
    extractor: Extractor | None = None,
    cache: ExtractionCache | None = None,
    on_start: OnStart | None = None,
    on_done: OnDone | None = None,
    *,
    dedupe: bool = True,
) -> ExtractionRun:
    """Extract every article, ``config.concurrency`` at a time, reusing and filling
    ``cache`` (each result is stored the moment it is done, so an interrupted run loses
    no finished article). One article's failure is recorded, not raised.

    Copies of the same story (:mod:`summarizer.duplicates`) are extracted once; each copy
    gets the original's items grounded again in its own text, with no model call
    (``dedupe=False`` extracts every article, copies included).
    Errors that would fail every article the same way (bad configuration, bad key,
    unknown model, server unreachable) stop the run at once instead.
    """
    prompt_version = load_prompt("extract").version
    copies = duplicate_groups(articles) if dedupe else {}
    outcomes: dict[int, VerifiedExtraction | Failure] = {}
    cached: set[int] = set()
    limit = asyncio.Semaphore(config.concurrency)
    with ExitStack() as stack:  # a local model server, if one is started, stops with the run
        worker: list[Extractor] = [extractor] if extractor is not None else []

        def current() -> Extractor:  # connect only once a model call is needed
            if not worker:
                worker.append(Extractor(stack.enter_context(backends.serving(config))))
            return worker[0]

        async def one(i: int, article: Article) -> None:
            async with limit:
                if on_start:
                    on_start(i, article)
                key = cache_key(article.id, config.backend, config.model, prompt_version)
                hit = cache.get(key) if cache is not None else None
                outcome: VerifiedExtraction | Failure
                if hit is not None:
                    outcome = hit.model_copy(update={"source": article.source})
                    cached.add(i)
                else:
                    try:
                        outcome = await current().aextract(article)
                        if cache is not None:
                            cache.put(key, outcome)
                    except ConfigError:
                        raise
                    except BackendError as exc:
                        if exc.affects_every_request:
                            raise
                        outcome = Failure(source=article.source, error=str(exc))
                    except SummarizerError as exc:
                        outcome = Failure(source=article.source, error=str(exc))
                outcomes[i] = outcome
                if on_done:
                    on_done(i, article, outcome, hit is not None)

        try:
            await _all([one(i, a) for i, a in enumerate(articles) if i not in copies])
        finally:
            if worker:
                await worker[0].aclose()
        for i, original in sorted(copies.items()):
            if on_start:
                on_start(i, articles[i])
            first = outcomes[original]
            outcomes[i] = (
                copy_result(first, articles[i])
                if isinstance(first, VerifiedExtraction)
                else Failure(source=articles[i].source, error=f"same story as {first.source}, which failed")
            )
            if on_done:
                on_done(i, articles[i], outcomes[i], False)
    run = ExtractionRun()
    for i in range(len(articles)):
        outcome = outcomes[i]
        if isinstance(outcome, VerifiedExtraction):
            run.results.append(outcome)
            if i in cached:
                run.cached_ids.add(outcome.article_id)
        else:
            run.failures.append(outcome)
    return run


async def _all(jobs: list[Coroutine[Any, Any, None]]) -> None:
    """Run every job; on the first error, cancel the rest and raise that error."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        for finished in asyncio.as_completed(tasks):
            await finished
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def extract(paths_or_articles: Iterable[str | Article], config: Config | None = None) -> list[VerifiedExtraction]:
    """Extract and ground each article; raises if any article fails."""
    config = config or load_config()
    run = extract_all(as_articles(paths_or_articles), config, cache=open_cache(config))
    if run.failures:
        first = run.failures[0]
        raise SummarizerError(f"{len(run.failures)} article(s) failed; first: {first.source}: {first.error}")
    return run.results


def brief_from(run: ExtractionRun, config: Config, seconds: float = 0.0) -> Brief:
    """The brief for extractions already made."""
    return briefing.compose(
        merge(run.results),
        run.results,
        backend=config.backend,
        model=config.model,
        prompt_version=load_prompt("extract").version,
        seconds=seconds,
        failures=run.failures,
        cached_ids=run.cached_ids,
    )


def brief(
    paths_or_articles: Iterable[str | Article],
    config: Config | None = None,
    *,
    on_start: OnStart | None = None,
    on_done: OnDone | None = None,
) -> Brief:
    """Read, extract (or reuse cached extractions), merge and compose a brief.

    Articles that fail are listed in ``brief.failures``; the rest are merged.
    """
    config = config or load_config()
    started = time.perf_counter()
    articles = as_articles(paths_or_articles)
    cache = open_cache(config)
    try:
        run = extract_all(articles, config, cache=cache, on_start=on_start, on_done=on_done)
    finally:
        if cache is not None:
            cache.close()
    return brief_from(run, config, time.perf_counter() - started)


def read_extractions(path: str | Path) -> list[VerifiedExtraction]:
    """The JSON lines ``summarizer extract`` writes."""
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}") from exc
    out = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            out.append(VerifiedExtraction.model_validate_json(line))
        except ValueError as exc:
            raise InputError(
                f"{file}:{n} is not an extraction: write the file with `summarizer extract ... --format json`"
            ) from exc
    return out


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
    gold = load_gold(gold_dir)
    wanted = {stem(g.article) for g in gold}
    texts = [a for a in as_articles(articles) if stem(a.source) in wanted] if articles else []
    by_stem = {stem(a.source): a for a in texts}
    problems = [p for g in gold if stem(g.article) in by_stem for p in check_gold(g, by_stem[stem(g.article)])]
    if problems:
        raise InputError("the gold annotations do not match the articles:\n  " + "\n  ".join(problems))
    if against is not None:
        return score(gold, read_extractions(against))
    missing = sorted(wanted - set(by_stem))
    if missing:
        raise InputError(f"no article for gold {', '.join(missing)}: pass the folder holding them (--articles DIR)")
    config = config or load_config()
    cache = open_cache(config)
    try:
        run = extract_all(texts, config, cache=cache, on_start=on_start, on_done=on_done)
    finally:
        if cache is not None:
            cache.close()
    return score(gold, run.results)
