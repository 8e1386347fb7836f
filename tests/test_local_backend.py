"""The embedded local backend, end to end on a real (tiny) model: the machinery only.

Runs when llama-cpp-python is installed and ``SUMMARIZER_SMOKE_MODEL`` names a GGUF file
(.ci/run sets it to SmolLM2-135M from ``../shared/tools/local-model tiny``); under CI it
must run, not skip.
"""

from __future__ import annotations

import importlib.util
import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest
from pydantic import BaseModel, Field

from summarizer import backends
from summarizer.config import load_config

MODEL = os.environ.get("SUMMARIZER_SMOKE_MODEL", "")
READY = bool(MODEL) and Path(MODEL).is_file() and importlib.util.find_spec("llama_cpp") is not None

pytestmark = pytest.mark.skipif(
    not READY and not os.environ.get("CI"),
    reason="needs llama-cpp-python and SUMMARIZER_SMOKE_MODEL=path/to/model.gguf",
)


class Headline(BaseModel):
    subject: str = Field(description="Who the headline is about.")
    count: int = Field(description="The number in the headline.")


def port_open(url: str) -> bool:
    parsed = urlparse(url)
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((parsed.hostname or "127.0.0.1", parsed.port or 80)) == 0


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # loopback only: the local server
def test_local_backend_serves_one_schema_constrained_request(tmp_path: Path) -> None:
    assert READY, "CI must run this test: install .[local] and set SUMMARIZER_SMOKE_MODEL"
    config = load_config(
        overrides={"backend": "local", "model_path": MODEL, "n_ctx": 2048, "max_tokens": 128},
        env={},
        cwd=tmp_path,
    )
    with backends.connect(config) as client:
        base_url = str(client.client.base_url)  # type: ignore[union-attr]
        assert base_url.startswith("http://127.0.0.1:")
        assert port_open(base_url), "the server should be up inside the context"
        answer = client.create(
            model=config.model,
            messages=[{"role": "user", "content": "Headline: 'Pentagon says 10,000 troops sent'. Fill the fields."}],
            response_model=Headline,
            max_retries=1,
            max_tokens=config.max_tokens,
            temperature=0,
        )
        assert isinstance(answer, Headline)
    assert not port_open(base_url), "the server should be gone after the context"


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_server_does_not_outlive_a_killed_parent(tmp_path: Path) -> None:
    """A run killed with SIGKILL cannot stop its server; Linux's parent-death signal does."""
    import subprocess
    import sys
    import time

    assert READY, "CI must run this test: install .[local] and set SUMMARIZER_SMOKE_MODEL"
    script = (
        "import os, signal\n"
        "from summarizer.backends.local_server import LocalServer\n"
        f"s = LocalServer({MODEL!r}, n_ctx=512).start()\n"
        "print(s._proc.pid, s.base_url, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120).stdout
    pid, base_url = out.split()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.2)
    assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    assert not port_open(base_url)


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_the_server_starts_lean_and_a_restart_keeps_its_address() -> None:
    """No n_ctx x vocabulary logits array (llama_cpp.server's default would allocate one);
    a restart, which abandons a request the server is still generating, keeps the
    address the client was given."""
    from summarizer.backends.local_server import LocalServer

    assert READY, "CI must run this test: install .[local] and set SUMMARIZER_SMOKE_MODEL"
    with LocalServer(MODEL, n_ctx=512) as server:
        assert server._proc is not None
        cmdline = Path(f"/proc/{server._proc.pid}/cmdline").read_bytes().split(b"\0")
        assert cmdline[cmdline.index(b"--logits_all") + 1] == b"False"
        before, first_pid = server.base_url, server._proc.pid
        server.restart()
        assert server.base_url == before and server._proc.pid != first_pid
        assert port_open(server.base_url)
