"""Where one request's time goes on the embedded server: a recorded request replayed
against ``llama_cpp.server`` started with the embedded flags, wall time beside
llama.cpp's own timers (prompt, generation, total), for the full answer and for the same
request cut at fewer tokens.

    python -m scripts.request_time MODEL.gguf [--cassette PATH] [--threads N]

What the timers leave out grows with the tokens written when the request carries the
tool schema (the grammar), and is absent without it.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx2
import yaml

from summarizer.backends.local_server import free_port, threads
from tests.helpers import ROOT

SEED_001 = "test_extract_recorded/test_seed_extraction_is_grounded[001_14f0491d8cf91e8c].yaml"
_TIMER = re.compile(r"(prompt eval|eval|total) time =\s+([\d.]+) ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--cassette", default=str(ROOT / "tests" / "cassettes" / SEED_001))
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    recorded = yaml.safe_load(Path(args.cassette).read_text())["interactions"][0]["request"]["body"]
    request: dict[str, Any] = json.loads(recorded)
    port = free_port()
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", args.model]
        cmd += ["--chat_format", "chatml-function-calling", "--host", "127.0.0.1", "--port", str(port)]
        cmd += ["--n_ctx", "8192", "--n_threads", str(threads(args.threads)), "--logits_all", "False"]
        server = subprocess.Popen([*cmd, "--verbose", "True"], stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(port)
            print("request                     wall s  prompt s  generation s  outside s  tokens written")
            runs = (("full answer", None), ("cut at 20 tokens", 20), ("cut at 120 tokens", 120), ("no tool schema", 0))
            for label, cut in runs:
                body = copy.deepcopy(request)
                if cut == 0:  # the same messages, free text: no grammar to sample under
                    body.pop("tools", None)
                    body.pop("tool_choice", None)
                elif cut is not None:
                    body["max_tokens"] = cut
                started = time.perf_counter()
                answer = httpx2.post(f"http://127.0.0.1:{port}/v1/chat/completions", json=body, timeout=900)
                wall = time.perf_counter() - started
                log.flush()
                timers = [float(m.group(2)) / 1000 for m in _TIMER.finditer(Path(log.name).read_text())][-3:]
                prompt, generation, total = timers if len(timers) == 3 else (0.0, 0.0, 0.0)
                written = answer.json().get("usage", {}).get("completion_tokens", 0)
                outside = total - prompt - generation
                print(f"{label:26}{wall:7.1f}{prompt:10.1f}{generation:14.1f}{outside:11.1f}{written:16}")
        finally:
            server.terminate()
            server.wait()
    return 0


def _wait(port: int) -> None:
    for _ in range(180):
        try:
            httpx2.get(f"http://127.0.0.1:{port}/v1/models", timeout=1)
            return
        except httpx2.HTTPError:
            time.sleep(1)
    raise SystemExit("llama_cpp.server did not start")


if __name__ == "__main__":
    raise SystemExit(main())
