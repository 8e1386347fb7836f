"""The tool's own CPU work for many articles at once, in a pool of worker processes.

Against a server that answers many requests at once (vLLM, a provider), the tool's own
work per article (rendering the request, reading and grounding the answer) is what caps
a run on one core. :class:`PooledExtractor` does that work in worker processes, while
the main process keeps the event loop, the HTTP client, the store and the output.

The pool is started only when it pays: several articles in flight (``concurrency`` > 1),
more than one worker (``workers``, default one per core) and at least
:data:`POOL_MIN_ARTICLES` articles to extract (starting a worker costs about a second of
CPU). Workers are spawned, not forked (the main process has threads), and ignore Ctrl-C:
the main process handles it and stops them.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

from schemas import Article, VerifiedExtraction
from schemas.extraction import ArticleAnswer
from summarizer.config import Config
from summarizer.extraction.chunking import Part, plan
from summarizer.extraction.extractor import _ITEMS, Extractor, _CallStats
from summarizer.extraction.prompting import Prompt

log = logging.getLogger(__name__)

POOL_MIN_ARTICLES = 100


def worker_count(config: Config) -> int:
    """Processes the configured run may use for its own work: ``workers``, else the
    cores this process may run on."""
    if config.workers is not None:
        return config.workers
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pays(config: Config, articles: int) -> bool:
    """Whether a pool is worth starting for ``articles`` to extract."""
    return config.concurrency > 1 and worker_count(config) > 1 and articles >= POOL_MIN_ARTICLES


@contextmanager
def process_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """``workers`` spawned processes, stopped (without waiting for queued work) on exit."""
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_ctrl_c
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _answer_items(answer: ArticleAnswer) -> dict[str, list[dict[str, Any]]]:
    """The answer as plain data: its class is made per request (``answer_model``) and
    cannot be pickled by name."""
    return {field: [item.model_dump() for item in getattr(answer, field)] for field in _ITEMS}


def _answer_from(items: dict[str, list[dict[str, Any]]]) -> ArticleAnswer:
    kept: dict[str, list[BaseModel]] = {
        field: [model.model_validate(x) for x in items[field]] for field, model in _ITEMS.items()
    }
    return ArticleAnswer.model_construct(**kept)  # type: ignore[arg-type]


# -- what runs in a worker ------------------------------------------------------------------


def _plan_in_worker(config: Config, prompt: Prompt, article: Article) -> list[Part]:
    return plan(article, prompt, config.context_window(), config.max_tokens)


def _ground_in_worker(
    config: Config,
    prompt: Prompt,
    part: Part,
    items: dict[str, list[dict[str, Any]]],
    cost: tuple[int, dict[str, int]],
    notes: list[str],
) -> VerifiedExtraction:
    stats = _CallStats(part.max_tokens)
    stats.attempts = cost[0]
    stats.usage = stats.usage.model_validate(cost[1])
    return Extractor(config, prompt=prompt)._ground(part, _answer_from(items), stats, notes)


class PooledExtractor(Extractor):
    """An :class:`Extractor` whose requests are rendered and answers grounded in ``pool``.
    A pool that breaks (a worker killed) is left, and the work done here instead."""

    def __init__(self, config: Config, pool: ProcessPoolExecutor, **kwargs: Any) -> None:
        super().__init__(config, **kwargs)
        self.pool: ProcessPoolExecutor | None = pool

    async def _aplan(self, article: Article) -> list[Part]:
        if self.pool is not None:
            try:
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(self.pool, _plan_in_worker, self.config, self.prompt, article)
            except BrokenProcessPool:
                self._broken()
        return await super()._aplan(article)

    async def _aground(
        self, part: Part, answer: ArticleAnswer, stats: _CallStats, notes: list[str]
    ) -> VerifiedExtraction:
        if self.pool is not None:
            cost = (stats.attempts, stats.usage.model_dump())
            try:
                loop = asyncio.get_running_loop()
                return await loop.run_in_executor(
                    self.pool, _ground_in_worker, self.config, self.prompt, part, _answer_items(answer), cost, notes
                )
            except BrokenProcessPool:
                self._broken()
        return await super()._aground(part, answer, stats, notes)

    def _broken(self) -> None:
        if self.pool is not None:
            log.warning("a worker process stopped: the rest of the run does its work in the main process")
            self.pool = None


__all__ = ["POOL_MIN_ARTICLES", "PooledExtractor", "pays", "process_pool", "worker_count"]
