"""Replay recorded extractions (no model, no network) and write them as JSON lines.

``python -m scripts.replay -o build/seed-extractions.jsonl`` gives the same file
``summarizer extract seeds/`` would, from the cassettes the tests replay;
``--gold`` does the same for the dev and test gold sets' articles
(``tests/gold/articles``). This is what ``make eval`` scores against the gold
annotations offline.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tests.helpers import GOLD_ARTICLES, SEEDS, gold_cassette, replay_gold, replay_seeds, seed_cassette


def main() -> int:
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # it logs every re-ask at ERROR
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--gold", action="store_true", help="the dev and test gold sets instead of the seeds")
    args = parser.parse_args()
    paths, cassette_of = (GOLD_ARTICLES, gold_cassette) if args.gold else (SEEDS, seed_cassette)
    missing = [p.name for p in paths if not cassette_of(p.stem).exists()]
    if missing:
        named = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        print(
            f"no recording for {len(missing)} article(s) ({named}):"
            " record them first (make record MODEL_PATH=..., or scripts.record -- -k NAME)",
            file=sys.stderr,
        )
        return 1
    results = replay_gold() if args.gold else replay_seeds()
    lines = "".join(r.model_dump_json() + "\n" for r in results)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
