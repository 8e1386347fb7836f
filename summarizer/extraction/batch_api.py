"""Extract through the OpenAI Batch API (``--batch``): half the price, no rate limits,
answers within hours; a run survives the laptop being closed.

1. Every article not in the store is planned as a live run would (parts included) and
   its request bodies written exactly as the live client writes them (the same
   instructor client, answered in process), one JSON line each, with ``custom_id`` =
   the article's store key and its part.
2. The file is uploaded, the job created and its id printed and kept in the store
   beside the extractions, under a key made of the requests: re-running the same
   command finds it and waits for it instead of submitting again; ``--resume-batch ID``
   names it.
3. The job is polled every ``batch_poll`` seconds (a progress line each time); Ctrl-C
   stops waiting, not the job.
4. Its answers are read and grounded by the same code as live answers (a malformed one
   keeps its valid items, as live), stored, and the job forgotten. A request the job
   failed or left when it expired is listed with its reason; running the command again
   submits only those.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas import Article, VerifiedExtraction
from schemas.brief import FailedArticle
from summarizer.backends import batch_jobs
from summarizer.backends.batch_jobs import JobStatus
from summarizer.cache import ExtractionCache
from summarizer.config import Config
from summarizer.errors import ConfigError, SummarizerError
from summarizer.extraction.batch import ExtractionRun, open_cache, stored_key
from summarizer.extraction.chunking import plan
from summarizer.extraction.duplicates import copy_result, duplicate_groups
from summarizer.extraction.extractor import Extractor, ready_parser
from summarizer.extraction.prompting import load_prompt

OnSubmit = Callable[[str, int, bool], None]  # job id, requests, resumed
OnProgress = Callable[[JobStatus], None]
_sleep = time.sleep
_RETRY = "run the same command again to submit it in a new batch"


class PendingJobs:
    """Jobs submitted and not yet collected, in the store's own file."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, timeout=30)
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS batch_jobs "
                "(id TEXT PRIMARY KEY, run_key TEXT NOT NULL, requests INTEGER NOT NULL, created REAL NOT NULL)"
            )

    def find(self, run_key: str) -> str | None:
        row = self._db.execute(
            "SELECT id FROM batch_jobs WHERE run_key = ? ORDER BY created DESC", (run_key,)
        ).fetchone()
        return str(row[0]) if row else None

    def add(self, job_id: str, run_key: str, requests: int) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO batch_jobs VALUES (?, ?, ?, ?)", (job_id, run_key, requests, time.time())
            )

    def forget(self, job_id: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM batch_jobs WHERE id = ?", (job_id,))

    def close(self) -> None:
        self._db.close()


@dataclass
class _Asked:
    index: int
    article: Article
    key: str
    bodies: list[dict[str, Any]] = field(default_factory=list)

    def custom_id(self, part: int) -> str:
        return f"{self.key[:40]}.{part}"


class _Stop(Exception):
    """Ends an in-process call once its request is written."""


def _offline(config: Config) -> Config:
    # One answer per request: nothing to re-ask or retry in process.
    return config.model_copy(update={"max_retries": 0, "http_retries": 0})


async def _bodies(config: Config, asked: list[_Asked]) -> None:
    prompt = load_prompt("extract")
    for item in asked:

        def keep(body: dict[str, Any], into: list[dict[str, Any]] = item.bodies) -> dict[str, Any]:
            into.append(body)
            raise _Stop

        extractor = Extractor(_offline(config), aclient=batch_jobs.offline_client(config, keep), prompt=prompt)
        try:
            for part in plan(item.article, prompt, config.context_window(), config.max_tokens):
                with contextlib.suppress(SummarizerError):  # stopped at the transport, once the body is written
                    await extractor._extract_part(part)
        finally:
            await extractor.aclose()


async def _ground(config: Config, article: Article, answers: list[dict[str, Any]]) -> VerifiedExtraction:
    """The answers of one article's requests, read and grounded as live answers are."""
    queue = iter(answers)

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        found = next(queue, None)
        if found is None:  # a re-ask, which a batch cannot make
            raise _Stop
        return found

    extractor = Extractor(_offline(config), aclient=batch_jobs.offline_client(config, answer))
    try:
        return await extractor.aextract(article)
    finally:
        await extractor.aclose()


def _lines(raw: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def _reason(line: dict[str, Any]) -> str:
    error = line.get("error") or {}
    if error:
        return f"{error.get('code', 'error')}: {error.get('message', '')}".strip()
    response = line.get("response") or {}
    detail = ((response.get("body") or {}).get("error") or {}).get("message", "")
    return f"the server answered {response.get('status_code')}{': ' + detail if detail else ''}"


def run_batch_job(
    articles: Sequence[Article],
    config: Config,
    *,
    resume: str | None = None,
    on_submit: OnSubmit | None = None,
    on_progress: OnProgress | None = None,
) -> ExtractionRun:
    """Extract ``articles`` through one Batch API job (stored ones need none)."""
    cache = open_cache(config)
    if cache is None:
        raise ConfigError("--batch keeps its job and its answers in the store: set cache = true (and drop --no-cache)")
    try:
        return _run(articles, config, cache, resume, on_submit, on_progress)
    finally:
        cache.close()


def _run(
    articles: Sequence[Article],
    config: Config,
    cache: ExtractionCache,
    resume: str | None,
    on_submit: OnSubmit | None,
    on_progress: OnProgress | None,
) -> ExtractionRun:
    version = load_prompt("extract").version
    ready_parser(config)  # before any answer is grounded or copy regrounded
    copies = duplicate_groups(articles)
    outcomes: dict[int, VerifiedExtraction | FailedArticle] = {}
    run = ExtractionRun()
    asked: list[_Asked] = []
    for i, article in enumerate(articles):
        if i in copies:
            continue
        key = stored_key(article.id, config, version)
        hit = cache.get(key)
        if hit is not None:
            outcomes[i] = hit.model_copy(update={"source": article.source})
            run.cached_ids.add(hit.article_id)
        else:
            asked.append(_Asked(i, article, key))
    if asked or resume:
        run.requests = _collect(asked, config, cache, resume, on_submit, on_progress, outcomes)
    for i, original in sorted(copies.items()):
        first = outcomes[original]
        outcomes[i] = (
            copy_result(first, articles[i])
            if isinstance(first, VerifiedExtraction)
            else FailedArticle(source=articles[i].source, error=f"same story as {first.source}, which failed")
        )
    for i in range(len(articles)):
        outcome = outcomes[i]
        if isinstance(outcome, VerifiedExtraction):
            run.results.append(outcome)
            run.extracted += 1
        else:
            run.failures.append(outcome)
    return run


def _collect(
    asked: list[_Asked],
    config: Config,
    cache: ExtractionCache,
    resume: str | None,
    on_submit: OnSubmit | None,
    on_progress: OnProgress | None,
    outcomes: dict[int, VerifiedExtraction | FailedArticle],
) -> int:
    """Submit (or find) the job of ``asked``, wait for it, and fill ``outcomes``; returns
    the number of requests the job holds (the run's model calls)."""
    asyncio.run(_bodies(config, asked))
    ids = sorted(item.custom_id(n) for item in asked for n in range(len(item.bodies)))
    run_key = hashlib.sha256("\n".join([config.base_url or "openai", config.model, *ids]).encode()).hexdigest()
    jobs = PendingJobs(cache.path)
    try:
        job_id = resume or jobs.find(run_key)
        if job_id is None:
            lines = [
                json.dumps({"custom_id": item.custom_id(n), "method": "POST", "url": batch_jobs.ENDPOINT, "body": body})
                for item in asked
                for n, body in enumerate(item.bodies)
            ]
            job_id = batch_jobs.submit(config, ("\n".join(lines) + "\n").encode(), {"summarizer": run_key[:16]})
            jobs.add(job_id, run_key, len(lines))
            if on_submit:
                on_submit(job_id, len(lines), False)
        elif on_submit:
            on_submit(job_id, len(ids), True)
        job = batch_jobs.status(config, job_id)
        while not job.done:
            if on_progress:
                on_progress(job)
            _sleep(config.batch_poll)
            job = batch_jobs.status(config, job_id)
        if on_progress:
            on_progress(job)
        answers: dict[str, dict[str, Any]] = {}
        reasons: dict[str, str] = {}
        if job.output_file_id:
            for line in _lines(batch_jobs.download(config, job.output_file_id)):
                response = line.get("response") or {}
                if response.get("status_code") == 200 and not line.get("error"):
                    answers[line["custom_id"]] = response["body"]
                else:
                    reasons[line["custom_id"]] = _reason(line)
        if job.error_file_id:
            for line in _lines(batch_jobs.download(config, job.error_file_id)):
                reasons[line["custom_id"]] = _reason(line)
        whole = "; ".join(job.errors) or f"the batch ended {job.status}"
        for item in asked:
            outcomes[item.index] = _outcome(item, config, cache, job, answers, reasons, whole)
        jobs.forget(job_id)
        return len(ids)
    finally:
        jobs.close()


def _outcome(
    item: _Asked,
    config: Config,
    cache: ExtractionCache,
    job: JobStatus,
    answers: dict[str, dict[str, Any]],
    reasons: dict[str, str],
    whole: str,
) -> VerifiedExtraction | FailedArticle:
    ids = [item.custom_id(n) for n in range(len(item.bodies))]
    missing = [cid for cid in ids if cid not in answers]
    if missing:
        why = reasons.get(missing[0]) or (
            "not in the batch's answers" + (f" ({whole})" if job.status != "completed" else "")
        )
        return FailedArticle(source=item.article.source, error=f"batch {job.id}: {why}; {_RETRY}")
    try:
        result = asyncio.run(_ground(config, item.article, [answers[cid] for cid in ids]))
    except SummarizerError as exc:
        return FailedArticle(source=item.article.source, error=f"batch {job.id}: {exc}; {_RETRY}")
    cache.put(item.key, result)
    return result


__all__ = ["PendingJobs", "run_batch_job"]
