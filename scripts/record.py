"""Re-record the cassettes against a real model: ``make record`` (or ``python -m scripts.record``).

Starts llama.cpp's OpenAI-compatible server on the model file given by ``--model-path``
(default: ``../shared/tools/local-model``'s Qwen2.5-Coder-1.5B-Instruct), points the
recorded tests at it and runs them in rewrite mode, then stops the server. Needs
``pip install 'llama-cpp-python[server]'`` in the same environment, or ``--python``
naming an interpreter that has it.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import signal
import subprocess
import sys
import threading

import httpx2

from summarizer.backends.local_server import LocalServer
from tests.helpers import ROOT


class RateLimitingProxy:
    """A loopback proxy in front of the model server that answers the first chat request
    with 429 and ``Retry-After: 1``, then forwards everything: a real rate limit to
    record, from a server that has none."""

    def __init__(self, upstream_base_url: str) -> None:
        self.upstream = upstream_base_url.rsplit("/v1", 1)[0]
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            limited = False

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                if not Handler.limited and self.path.endswith("/chat/completions"):
                    Handler.limited = True
                    self._send(
                        429,
                        json.dumps(
                            {"error": {"message": "Rate limit reached; retry after 1s", "type": "rate_limit_error"}}
                        ).encode(),
                        {"Retry-After": "1"},
                    )
                    return
                headers = {"content-type": self.headers.get("content-type", "application/json")}
                answer = httpx2.post(proxy.upstream + self.path, content=body, headers=headers, timeout=1800)
                self._send(answer.status_code, answer.content)

            def _send(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> RateLimitingProxy:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def default_model() -> str:
    tool = ROOT.parent / "shared" / "tools" / "local-model"
    out = subprocess.run([str(tool)], check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-path", help="GGUF model file to record with")
    parser.add_argument("--python", default=sys.executable, help="interpreter with llama-cpp-python[server]")
    parser.add_argument("--n-ctx", type=int, default=8192)
    # Only tests that make model calls through a cassette; the rest replay what these record.
    parser.add_argument("pytest_args", nargs="*", default=["-m", "recorded and vcr"], help="passed to pytest")
    args = parser.parse_args()
    model = args.model_path or default_model()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on `kill` too
    with (
        LocalServer(model, n_ctx=args.n_ctx, python=args.python) as server,
        RateLimitingProxy(server.base_url) as proxy,
    ):
        print(f"recording against {server.base_url} ({model})", file=sys.stderr)
        env = {
            **os.environ,
            "SUMMARIZER_TEST_BASE_URL": server.base_url,
            "SUMMARIZER_TEST_RATELIMITED_URL": proxy.base_url,
        }
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
