"""Replay the recorded seed extractions (no model, no network) and write them as JSON lines.

``python -m scripts.replay -o build/seed-extractions.jsonl`` gives the same file
``summarizer extract seeds/`` would, from the cassettes the tests replay: this is
what ``make eval`` scores against the gold annotations offline.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tests.helpers import replay_seeds


def main() -> int:
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # it logs every re-ask at ERROR
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args()
    lines = "".join(r.model_dump_json() + "\n" for r in replay_seeds())
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
