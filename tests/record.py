"""Re-record the cassettes against a real model: ``make record`` (or ``python tests/record.py``).

Starts llama.cpp's OpenAI-compatible server on the model file given by ``--model-path``
(default: ``../shared/tools/local-model``'s Qwen2.5-Coder-1.5B-Instruct), points the
recorded tests at it and runs them in rewrite mode, then stops the server. Needs
``pip install 'llama-cpp-python[server]'`` in the same environment, or ``--python``
naming an interpreter that has it.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.local_server import LocalServer  # noqa: E402


def default_model() -> str:
    tool = ROOT.parent / "shared" / "tools" / "local-model"
    out = subprocess.run([str(tool)], check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-path", help="GGUF model file to record with")
    parser.add_argument("--python", default=sys.executable, help="interpreter with llama-cpp-python[server]")
    parser.add_argument("--n-ctx", type=int, default=16384)
    parser.add_argument("pytest_args", nargs="*", default=["-m", "recorded"], help="passed to pytest")
    args = parser.parse_args()
    model = args.model_path or default_model()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on `kill` too
    with LocalServer(model, n_ctx=args.n_ctx, python=args.python) as server:
        print(f"recording against {server.base_url} ({model})", file=sys.stderr)
        env = {**os.environ, "SUMMARIZER_TEST_BASE_URL": server.base_url}
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "--record-mode=rewrite",
            "-p",
            "no:cacheprovider",
            *args.pytest_args,
        ]
        return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
