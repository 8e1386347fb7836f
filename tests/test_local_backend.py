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
