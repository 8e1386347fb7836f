"""When a run does its own work in worker processes (:mod:`summarizer.extraction.procs`).

Against a server that answers many requests at once (vLLM, a provider), the tool's own
work per article (rendering the request, the client's building and checking of it,
reading and grounding the answer) is what caps a run on one core. Worker processes pay
when several articles are in flight (``concurrency`` > 1), there is more than one of
them (``workers``, default one per core), and there are at least
:data:`POOL_MIN_ARTICLES` articles to extract: starting a worker costs about a second of
CPU, and its first article another.
"""

from __future__ import annotations

import os

from summarizer.config import Config

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
    """Whether worker processes are worth starting for ``articles`` to extract."""
    return config.concurrency > 1 and worker_count(config) > 1 and articles >= POOL_MIN_ARTICLES


__all__ = ["POOL_MIN_ARTICLES", "pays", "worker_count"]
