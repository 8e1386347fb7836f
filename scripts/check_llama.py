"""Whether this llama-cpp-python build can read a prompt on this machine.

``python -m scripts.check_llama MODEL.gguf`` runs one short completion in a child
process and exits 0 if it finished, 1 if the child died (a build whose CPU kernels this
machine does not allow: a wheel built with AMX kernels faulted on every prompt of a
few dozen tokens on a machine that does not let a process use AMX, 2026-12-07). CI
rebuilds llama-cpp-python without native kernels when it fails.
"""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import sys
from llama_cpp import Llama
model = Llama(model_path=sys.argv[1], n_ctx=2048, n_threads=2, verbose=False)
model("A prompt long enough to be read as a batch of tokens, as every article is. " * 4, max_tokens=4)
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m scripts.check_llama MODEL.gguf", file=sys.stderr)
        return 2
    probe = subprocess.run([sys.executable, "-c", _PROBE, args[0]], capture_output=True, text=True, timeout=300)
    if probe.returncode == 0:
        return 0
    how = f"killed by signal {-probe.returncode}" if probe.returncode < 0 else f"exit code {probe.returncode}"
    print(f"llama-cpp-python could not read a prompt on this machine ({how})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
