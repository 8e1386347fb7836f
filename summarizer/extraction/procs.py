"""Whole extractions in worker processes: each worker runs its own event loop and client
and extracts the articles it is given, ``concurrency / workers`` at a time; the main
process keeps the order of work, the store and the output.

This scales all of the tool's work per article with the cores — rendering the request,
the client's own work (instructor builds and checks each request and answer), reading
and grounding the answer — where a pool that only grounds leaves the rest on one core.

Messages go over pipes; a thread on each side reads them as they come, so neither side
ever waits on a full pipe. An error raised in a worker comes back as the same kind of
:class:`SummarizerError` with the same message; an article the main process gives up on
(``article_timeout``, Ctrl-C) is cancelled in its worker too.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

from schemas import Article, VerifiedExtraction
from summarizer import errors
from summarizer.config import Config
from summarizer.errors import BackendError, ExtractionError, SummarizerError
from summarizer.extraction.extractor import Extractor

log = logging.getLogger(__name__)


def _error_message(exc: BaseException) -> tuple[str, str, bool, bool]:
    if isinstance(exc, SummarizerError):
        backend = exc if isinstance(exc, BackendError) else None
        return (
            type(exc).__name__,
            str(exc),
            bool(backend and backend.affects_every_request),
            bool(backend and backend.timed_out),
        )
    return "ExtractionError", f"{type(exc).__name__}: {exc}", False, False


def _error_from(kind: str, message: str, every: bool, timed_out: bool) -> SummarizerError:
    if kind == "BackendError":
        return BackendError(message, affects_every_request=every, timed_out=timed_out)
    found = getattr(errors, kind, None)
    if isinstance(found, type) and issubclass(found, SummarizerError):
        return found(message)
    return ExtractionError(message)


# -- the worker ---------------------------------------------------------------------------------


def _worker(conn: Connection, config: Config) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    asyncio.run(_work(conn, config))


async def _work(conn: Connection, config: Config) -> None:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[Any] = asyncio.Queue()
    send_lock = threading.Lock()

    def read() -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                message = None
            loop.call_soon_threadsafe(inbox.put_nowait, message)
            if message is None:
                return

    def send(message: Any) -> None:
        with send_lock, contextlib.suppress(OSError):
            conn.send(message)

    threading.Thread(target=read, daemon=True).start()
    extractor = Extractor(config)
    send((-1, "ready", None, 0))
    tasks: dict[int, asyncio.Task[None]] = {}

    async def one(job: int, article: Article) -> None:
        try:
            result = await extractor.aextract(article)
        except asyncio.CancelledError:
            return
        except BaseException as exc:  # every error goes back to the main process
            await asyncio.to_thread(send, (job, "error", _error_message(exc), extractor.requests))
        else:
            await asyncio.to_thread(send, (job, "done", result, extractor.requests))
        finally:
            tasks.pop(job, None)

    try:
        while (message := await inbox.get()) is not None:
            what, job, *rest = message
            if what == "extract":
                tasks[job] = asyncio.create_task(one(job, rest[0]))
            elif what == "cancel" and job in tasks:
                tasks[job].cancel()
    finally:
        for task in list(tasks.values()):
            task.cancel()
        await asyncio.gather(*tasks.values(), return_exceptions=True)
        await extractor.aclose()


# -- the main process -----------------------------------------------------------------------------


class _Worker:
    def __init__(self, config: Config) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.load = 0
        self.requests = 0  # model requests it has sent, as of its last answer
        self.lock = threading.Lock()
        self.ready = threading.Event()  # set once it has started: its start is no article's time

    def send(self, message: Any) -> None:
        with self.lock:
            self.conn.send(message)


class ProcessExtractor(Extractor):
    """An :class:`Extractor` whose articles are extracted in ``workers`` processes. Use it
    inside :func:`process_extractor` (it starts and stops them)."""

    def __init__(self, config: Config, workers: int) -> None:
        self._started: list[_Worker] = []  # dead ones included: their requests were sent
        super().__init__(config)
        self._workers = [_Worker(config) for _ in range(workers)]
        self._started.extend(self._workers)
        self._jobs = itertools.count()
        self._waiting: dict[int, tuple[asyncio.AbstractEventLoop, asyncio.Future[Any]]] = {}
        self._readers = [threading.Thread(target=self._read, args=(w,), daemon=True) for w in self._workers]
        for reader in self._readers:
            reader.start()

    @property
    def requests(self) -> int:
        """Model requests sent by this process and the workers (as of their last answers)."""
        return self._own_requests + sum(w.requests for w in self._started)

    @requests.setter
    def requests(self, value: int) -> None:
        self._own_requests = value

    def _read(self, worker: _Worker) -> None:
        while True:
            try:
                job, how, payload, requests = worker.conn.recv()
            except (EOFError, OSError):
                worker.ready.set()
                self._lost(worker)
                return
            worker.requests = requests
            if how == "ready":
                worker.ready.set()
                continue
            waiting = self._waiting.pop(job, None)
            if waiting is not None:
                loop, future = waiting
                loop.call_soon_threadsafe(_settle, future, how, payload)

    def _lost(self, worker: _Worker) -> None:
        """A worker that died (killed, out of memory) fails what it held, not the run."""
        if worker in self._workers:
            self._workers.remove(worker)
        for job, (loop, future) in list(self._waiting.items()):
            if getattr(future, "_worker", None) is worker:
                self._waiting.pop(job, None)
                message = ("ExtractionError", "a worker process stopped during this article", False, False)
                loop.call_soon_threadsafe(_settle, future, "error", message)

    async def aextract(self, article: Article) -> VerifiedExtraction:
        if not self._workers:
            return await super().aextract(article)
        worker = min(self._workers, key=lambda w: w.load)
        if not worker.ready.is_set():
            await asyncio.to_thread(worker.ready.wait)
        job = next(self._jobs)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        future._worker = worker  # type: ignore[attr-defined]
        self._waiting[job] = (loop, future)
        worker.load += 1
        try:
            await asyncio.to_thread(worker.send, ("extract", job, article))
            result: VerifiedExtraction = await future
            return result
        except asyncio.CancelledError:
            self._waiting.pop(job, None)
            with contextlib.suppress(OSError, ValueError):
                worker.send(("cancel", job))
            raise
        finally:
            worker.load -= 1

    def stop(self) -> None:
        for worker in self._workers:
            with contextlib.suppress(OSError, ValueError):
                worker.send(None)
        for worker in self._workers:
            worker.process.join(10)
            if worker.process.is_alive():
                worker.process.terminate()
            worker.conn.close()


def _settle(future: asyncio.Future[Any], how: str, payload: Any) -> None:
    if future.done():
        return
    if how == "done":
        future.set_result(payload)
    else:
        future.set_exception(_error_from(*payload))


@contextmanager
def process_extractor(config: Config, workers: int) -> Iterator[ProcessExtractor]:
    """Extraction in ``workers`` processes, stopped on exit. The main process keeps at most
    ``concurrency`` articles in flight in all, each sent to the least busy worker."""
    extractor = ProcessExtractor(config, workers)
    try:
        for worker in list(extractor._workers):  # started before any article's time runs
            worker.ready.wait(120)
        yield extractor
    finally:
        extractor.stop()


__all__ = ["ProcessExtractor", "process_extractor"]
