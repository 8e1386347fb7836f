"""Run a GGUF model behind llama.cpp's OpenAI-compatible server, as a managed subprocess.

The server is ``python -m llama_cpp.server`` (from ``llama-cpp-python[server]``), started
with ``--chat_format chatml-function-calling`` so that instructor's TOOLS mode gets
grammar-constrained JSON that matches the response schema. It listens on a free
loopback port, is polled until it answers, and is stopped when the context exits.
Requests then go through the same OpenAI client path as any other backend.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from summarizer.errors import BackendError, ConfigError

_LINUX = sys.platform.startswith("linux")
_PREFIX_HIT = re.compile(r"Llama\.generate: (\d+) prefix-match hit")
log = logging.getLogger(__name__)


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM the server if we die without
    stopping it (killed, crashed), so no model server is left eating the CPU."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def threads(n_threads: int | None) -> int:
    """The CPU threads llama.cpp is started with: ``n_threads`` if set, else every core
    but one. llama.cpp's threads wait on each other, so a core taken by anything else
    costs more than its share: on 2 cores, seed 001 took 32-33 s with 2 threads and 38 s
    with 1 on an idle machine, but 88 s with 2 and 51-52 s with 1 while a steady loop
    kept one core busy (``make bench MODEL_PATH=... THREADS=001``)."""
    return n_threads or max(1, (os.cpu_count() or 1) - 1)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """``with LocalServer(path) as server: ... server.base_url ...``"""

    def __init__(
        self,
        model_path: str | Path,
        n_ctx: int = 8192,
        n_threads: int | None = None,
        startup_timeout: float = 180.0,
        python: str = sys.executable,
    ) -> None:
        self.model_path = Path(model_path)
        self.n_ctx = n_ctx
        self.n_threads = threads(n_threads)
        self.startup_timeout = startup_timeout
        self.python = python
        self.port = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> LocalServer:
        if not self.model_path.is_file():
            raise ConfigError(
                f"model file {self.model_path} does not exist: set model_path in summarizer.toml to a .gguf file"
            )
        if self.python == sys.executable and importlib.util.find_spec("llama_cpp") is None:
            raise ConfigError("the local backend needs llama-cpp-python: pip install 'llama-cpp-python[server]'")
        self.port = self.port or free_port()
        cmd = [
            self.python, "-m", "llama_cpp.server",
            "--model", str(self.model_path),
            "--chat_format", "chatml-function-calling",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--n_ctx", str(self.n_ctx), "--n_threads", str(self.n_threads),
            # The server's default (True) keeps an n_ctx x vocabulary float32 array of
            # scores (~5 GB at 8k tokens) and slows every prompt; we never ask for logprobs.
            "--logits_all", "False",
        ]  # fmt: skip
        self._proc = subprocess.Popen(
            cmd, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent if _LINUX else None
        )
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                raise BackendError(f"llama.cpp server exited at start-up:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base_url + "/models", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.25)
        self.stop()
        raise BackendError(
            f"llama.cpp server did not answer within {self.startup_timeout:.0f}s; last output:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 15) -> str:
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace")
        return "\n".join(text.splitlines()[-lines:])

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def exit_report(self) -> str | None:
        """How the server stopped, if it has ("killed by signal 11", then its last output); None
        while it runs."""
        code = self._proc.poll() if self._proc is not None else None
        if code is None:
            return None
        how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        return f"{how}\nlast output:\n{self.log_tail(5)}"

    def restart(self) -> None:
        """Stop the server and start it again on the same port: the only way to abandon a
        request it is still generating (it does not notice a client that gave up)."""
        self.stop()
        self.start()

    def prefix_reuse(self) -> tuple[int, int]:
        """(requests whose prompt started with the previous one's, prompt tokens so skipped),
        from the server's log."""
        self._log.seek(0)
        hits = [int(m.group(1)) for m in _PREFIX_HIT.finditer(self._log.read().decode("utf-8", "replace"))]
        return len(hits), sum(hits)

    def stop(self) -> None:
        if self._proc is None:
            return
        requests, tokens = self.prefix_reuse()
        if requests:
            log.info(
                "llama.cpp reused the cached prompt prefix on %d request(s), %d tokens not read again", requests, tokens
            )
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
        self._log.close()
