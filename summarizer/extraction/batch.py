"""Extract a batch of articles: a concurrency limit, the store of finished results, one
model server and client for the whole batch, and wire copies extracted once.

``aextract_all`` is the one path; ``extract_all`` runs it to completion for callers
without an event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from schemas import Article, VerifiedExtraction
from schemas.brief import FailedArticle
from summarizer import backends
from summarizer.cache import CacheUnavailable, ExtractionCache, cache_key
from summarizer.config import Config
from summarizer.errors import BackendError, ConfigError, SummarizerError
from summarizer.extraction import procs, workers
from summarizer.extraction.duplicates import copy_result, duplicate_groups
from summarizer.extraction.extractor import Extractor, ready_parser
from summarizer.extraction.prompting import load_prompt
from summarizer.grounding import GROUNDING_VERSION

log = logging.getLogger(__name__)
_P = ParamSpec("_P")
_R = TypeVar("_R")
OnStart = Callable[[int, Article], None]
OnDone = Callable[[int, Article, "VerifiedExtraction | FailedArticle", bool], None]


@dataclass
class ExtractionRun:
    results: list[VerifiedExtraction] = field(default_factory=list)
    failures: list[FailedArticle] = field(default_factory=list)
    cached_ids: set[str] = field(default_factory=set)
    extracted: int = 0  # articles with a result, kept in ``results`` or not (``keep_results``)
    requests: int = 0  # model requests actually sent, failed ones and re-asks included
    # The error that stopped the run because it would fail every article alike (a rejected
    # key, nothing listening): the articles it left are in ``failures`` with its message.
    stopped_by: BackendError | None = None

    @property
    def cached(self) -> int:
        return len(self.cached_ids)


def stored_key(article_id: str, config: Config, prompt_version: str) -> str:
    """What a finished extraction is stored under: the article, the model that read it, the
    prompt, and the rules and parser that grounded it (another parser may read otherwise)."""
    grounding = f"{GROUNDING_VERSION}+{config.parser_model}"
    return cache_key(article_id, config.backend, config.model, prompt_version, grounding=grounding)


def open_cache(config: Config) -> ExtractionCache | None:
    """The store of finished extractions, or None when ``cache = false``."""
    if not config.cache:
        return None
    try:
        return ExtractionCache(config.cache_folder() / "extractions.sqlite")
    except CacheUnavailable as exc:
        log.warning("%s: running without it (set cache_dir in summarizer.toml, or cache = false)", exc)
        return None


def run_batch(
    articles: Sequence[Article],
    config: Config,
    on_start: OnStart | None = None,
    on_done: OnDone | None = None,
    *,
    keep_results: bool = True,
) -> ExtractionRun:
    """Extract ``articles`` with the configured store, opened and closed here."""
    cache = open_cache(config)
    try:
        return extract_all(articles, config, cache=cache, on_start=on_start, on_done=on_done, keep_results=keep_results)
    finally:
        if cache is not None:
            cache.close()


def _blocking(coroutine: Callable[_P, Coroutine[Any, Any, _R]]) -> Callable[_P, _R]:
    """The same call for code without an event loop: runs the coroutine to completion."""

    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        return asyncio.run(coroutine(*args, **kwargs))

    run.__doc__ = f"Runs :func:`{coroutine.__name__}` to completion.\n\n{coroutine.__doc__}"
    return run


async def aextract_all(
    articles: Sequence[Article],
    config: Config,
    extractor: Extractor | None = None,
    cache: ExtractionCache | None = None,
    on_start: OnStart | None = None,
    on_done: OnDone | None = None,
    *,
    dedupe: bool = True,
    keep_results: bool = True,
) -> ExtractionRun:
    """Extract every article, ``config.concurrency`` at a time, reusing and filling
    ``cache`` (each result is stored the moment it is done, so an interrupted run loses
    no finished article). One article's failure is recorded, not raised.

    Copies of the same story (:mod:`summarizer.extraction.duplicates`) are extracted once; each copy
    gets the original's items grounded again in its own text, with no model call
    (``dedupe=False`` extracts every article, copies included).
    Errors that would fail every article the same way (bad key, unknown model, nothing
    listening) stop the run at once: the articles not yet done are failed with that error,
    the finished ones kept. A bad configuration raises.

    Memory stays flat with the number of articles: at most ``concurrency`` articles are
    in flight, and with ``keep_results=False`` a result is handed to ``on_done`` (to be
    written out) and not kept (``run.results`` stays empty; ``run.extracted`` counts).
    With many articles and several cores, the tool's own work per article runs in worker
    processes (:mod:`summarizer.extraction.workers`).
    """
    prompt_version = load_prompt("extract").version
    ready_parser(config)  # before any article: grounding parses, stored results and copies too

    copies = duplicate_groups(articles) if dedupe else {}
    originals = set(copies.values())
    outcomes: dict[int, VerifiedExtraction | FailedArticle] = {}
    finished: set[int] = set()
    run = ExtractionRun()
    todo = [i for i in range(len(articles)) if i not in copies]

    def record(i: int, outcome: VerifiedExtraction | FailedArticle, from_cache: bool) -> None:
        """Keep what the run reports; a result only if asked to, or if copies need it."""
        finished.add(i)
        if isinstance(outcome, FailedArticle) or keep_results or i in originals:
            outcomes[i] = outcome
        if isinstance(outcome, VerifiedExtraction):
            run.extracted += 1
            if from_cache:
                run.cached_ids.add(outcome.article_id)

    with ExitStack() as stack:  # a local model server, if one is started, stops with the run
        worker: list[Extractor] = [extractor] if extractor is not None else []
        sent_before = extractor.requests if extractor is not None else 0
        served: list[backends.Served] = []

        def current() -> Extractor:  # connect only once a model call is needed
            if not worker:
                served.append(stack.enter_context(backends.serving(config)))
                if workers.pays(config, len(todo)):
                    count = workers.worker_count(config)
                    worker.append(stack.enter_context(procs.process_extractor(served[0].config, count)))
                else:
                    worker.append(Extractor(served[0].config))
            return worker[0]

        async def timed_out(article: Article, why: str) -> FailedArticle:
            # The embedded server is still generating the request we gave up on.
            if served:
                await asyncio.to_thread(served[0].abandon_requests)
            return FailedArticle(source=article.source, error=why)

        stopping: list[BackendError] = []  # set by an error every article would hit: start no other
        crashes: list[str] = []  # the embedded server stopped under these articles, one after another

        async def crashed(article: Article) -> FailedArticle | None:
            """The article the embedded server stopped under fails alone, and the server is
            started again for the rest; stopping under two articles in a row stops the run."""
            report = await asyncio.to_thread(served[0].recover) if served else None
            if report is None:
                crashes.clear()
                return None
            crashes.append(article.source)
            why = f"the embedded llama.cpp server stopped while reading this article ({report.splitlines()[0]})"
            if len(crashes) >= 2:
                stopping.append(BackendError(f"{why}, as it did under the article before: {backends.CRASH_FIX}"))
                raise stopping[-1]
            return FailedArticle(source=article.source, error=f"{why}; it was started again: {backends.CRASH_FIX}")

        async def one(i: int, article: Article) -> None:
            if stopping:
                return
            announced = False

            def announce() -> None:  # once per article, and only once its model is ready
                nonlocal announced
                if on_start and not announced:
                    announced = True
                    on_start(i, article)

            key = stored_key(article.id, config, prompt_version)
            hit = cache.get(key) if cache is not None else None
            outcome: VerifiedExtraction | FailedArticle
            if hit is not None:
                outcome = hit.model_copy(update={"source": article.source})
            elif len(article.text) > config.max_article_chars:
                outcome = FailedArticle(
                    source=article.source,
                    error=f"{len(article.text):,} characters, over max_article_chars={config.max_article_chars:,}: "
                    "raise max_article_chars in summarizer.toml if it really is one article",
                )
            else:
                try:
                    # Started before the article's time runs: a model server's or the worker
                    # processes' start (each loading the parser) is no article's time.
                    extracting = current()
                    # Announced once the model is there: a model that cannot be fetched or
                    # started fails the run before any article reads as being extracted.
                    announce()
                    # asyncio.timeout, not wait_for: the extraction stays in this task, so a
                    # finished article is stored before anything else (Ctrl-C) can run.
                    async with asyncio.timeout(config.article_timeout):
                        outcome = await extracting.aextract(article)
                    crashes.clear()
                    if cache is not None:
                        cache.put(key, outcome)
                except ConfigError:
                    raise
                except TimeoutError:
                    why = (
                        f"not finished after article_timeout={config.article_timeout:g}s: raise article_timeout "
                        "in summarizer.toml, or split the article"
                    )
                    outcome = await timed_out(article, why)
                except BackendError as exc:
                    failed = await crashed(article)
                    if failed is not None:
                        outcome = failed
                    elif exc.affects_every_request:
                        stopping.append(exc)
                        raise
                    else:
                        outcome = (
                            await timed_out(article, str(exc))
                            if exc.timed_out
                            else FailedArticle(source=article.source, error=str(exc))
                        )
                except SummarizerError as exc:
                    outcome = FailedArticle(source=article.source, error=str(exc))
            announce()
            record(i, outcome, hit is not None)
            if on_done:
                on_done(i, article, outcome, hit is not None)

        stopped_by: BackendError | None = None
        try:
            await _each(todo, lambda i: one(i, articles[i]), config.concurrency)
        except BackendError as exc:
            # It would fail every article the same way (a bad key, nothing listening): the
            # rest are not tried, and what finished before is kept. The cause is the run's,
            # said once by the caller (``stopped_by``), not once per article.
            stopped_by = exc
            for i in todo:
                if i not in finished:
                    record(i, FailedArticle(source=articles[i].source, error=str(exc)), False)
        finally:
            requests = worker[0].requests - sent_before if worker else 0
            if worker:
                await worker[0].aclose()
        for i, original in sorted(copies.items()):
            if on_start:
                on_start(i, articles[i])
            first = outcomes[original]
            copied = (
                copy_result(first, articles[i])
                if isinstance(first, VerifiedExtraction)
                else FailedArticle(source=articles[i].source, error=f"same story as {first.source}, which failed")
            )
            record(i, copied, False)
            if on_done and not (stopped_by and isinstance(copied, FailedArticle)):
                on_done(i, articles[i], copied, False)
    run.requests = requests
    run.stopped_by = stopped_by
    for i in range(len(articles)):
        outcome = outcomes.get(i)
        if isinstance(outcome, FailedArticle):
            run.failures.append(outcome)
        elif outcome is not None and keep_results:
            run.results.append(outcome)
    return run


extract_all = _blocking(aextract_all)


async def _each(items: Sequence[int], job: Callable[[int], Coroutine[Any, Any, None]], limit: int) -> None:
    """``job(item)`` for every item, ``limit`` at a time: as many tasks as the limit, each
    taking the next item when it is done (not one task per article). On the first error,
    cancel the rest and raise that error."""
    queue = iter(items)

    async def take() -> None:
        for item in queue:
            await job(item)

    tasks = [asyncio.ensure_future(take()) for _ in range(min(limit, len(items)))]
    try:
        for finished in asyncio.as_completed(tasks):
            await finished
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
