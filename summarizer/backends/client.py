"""Turn a :class:`Config` into an instructor client. The only module that knows providers.

Every backend speaks the OpenAI chat-completions protocol; they differ only in base URL,
key and instructor mode. Everything after the client (re-asks, retries, grounding) is
shared, so a recording made against one server exercises the code users run on another.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import instructor
import openai

from summarizer.backends.local_server import LocalServer
from summarizer.backends.model_file import resolve_model_path
from summarizer.config import Config
from summarizer.errors import ConfigError

log = logging.getLogger(__name__)

_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}

# Sent to servers that need no key: the OpenAI client refuses an empty one.
_NO_KEY = "not-needed"


@dataclass(frozen=True)
class Served:
    """A backend that answers: ``config`` carries its base URL."""

    config: Config
    server: LocalServer | None = None

    def abandon_requests(self) -> None:
        """Make the server drop whatever it is still generating for a client that gave up
        (a timeout). llama.cpp's server does not notice, so the embedded one is restarted
        on the same address; a remote server cancels by itself."""
        if self.server is not None:
            log.warning("restarting the embedded llama.cpp server to abandon a timed-out request")
            self.server.restart()

    def recover(self) -> str | None:
        """If the embedded server has stopped under a request (a crash), how it stopped,
        and it is started again for the articles still to come; None while it runs, and
        for a remote server."""
        if self.server is None:
            return None
        report = self.server.exit_report()
        if report is not None:
            log.warning("the embedded llama.cpp server stopped (%s); starting it again", report)
            self.server.restart()
        return report


# What to do when the embedded server stops under every request: its build does not suit
# this CPU (measured: a wheel built with AMX kernels faults on a machine that does not let
# a process use AMX).
CRASH_FIX = (
    "if it stops on every article, rebuild llama-cpp-python for this CPU: "
    'CMAKE_ARGS="-DGGML_NATIVE=OFF" pip install --force-reinstall --no-cache-dir llama-cpp-python'
)


@contextmanager
def connect(config: Config) -> Iterator[instructor.Instructor]:
    """An instructor client for the configured backend, valid inside the ``with``.

    For ``local`` a llama.cpp server is started on a free loopback port for the
    duration and stopped after, so every backend shares the same request path.
    """
    with serving(config) as served:
        yield make_client(served.config)


@contextmanager
def serving(config: Config) -> Iterator[Served]:
    """The configured backend, answering: for ``local``, a llama.cpp server started on a
    free loopback port for the duration of the ``with``; other backends as given."""
    if config.backend != "local":
        yield Served(config)
        return
    model = resolve_model_path(config.model_path)
    log.info("starting llama.cpp on %s", model)
    started = time.perf_counter()
    with LocalServer(model, n_ctx=config.n_ctx, n_threads=config.n_threads) as server:
        log.info("llama.cpp ready at %s in %.1fs", server.base_url, time.perf_counter() - started)
        yield Served(config.model_copy(update={"base_url": server.base_url}), server)


def make_client(config: Config) -> instructor.Instructor:
    """An instructor client for the configured backend (transient retries are ours)."""
    _check(config)
    raw = openai.OpenAI(**_client_args(config))
    return instructor.from_openai(raw, mode=_MODES[config.mode])


def _check(config: Config) -> None:
    """What every client needs before it may send anything."""
    if config.backend == "local" and not config.base_url:
        # Without this, a local config would silently fall through to api.openai.com.
        raise ConfigError(
            "the local backend's server is started by summarizer.backends.connect(config); "
            "use it (or summarizer.brief / extract) rather than make_client"
        )
    if config.api_key_env and not config.api_key():
        if config.backend == "openai":
            fix = 'or choose backend = "compatible" with a base_url in summarizer.toml for a server of your own'
        else:
            fix = "or, if the server at base_url needs no key, remove api_key_env from summarizer.toml"
        raise ConfigError(f"{config.api_key_env} is not set: export {config.api_key_env}=... {fix}")


def make_async_client(config: Config) -> instructor.AsyncInstructor:
    """The same client for concurrent extraction (``config.concurrency`` at a time)."""
    _check(config)
    raw = openai.AsyncOpenAI(**_client_args(config))
    return instructor.from_openai(raw, mode=_MODES[config.mode])


def _client_args(config: Config) -> dict[str, Any]:
    return {
        "api_key": config.api_key() or _NO_KEY,
        "base_url": config.base_url,
        "timeout": config.timeout,
        "max_retries": 0,  # tenacity in summarizer.extraction.extractor owns retrying, with jitter
    }
