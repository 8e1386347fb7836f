"""Replay the recorded seed extractions (no model, no network) and write them as JSON lines.

``python tests/replay.py -o build/seed-extractions.jsonl`` gives the same file
``summarizer extract seeds/`` would, from the cassettes the tests replay: this is
what ``make eval`` scores against the gold annotations offline.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas import VerifiedExtraction  # noqa: E402
from summarizer.config import Config, load_config  # noqa: E402
from summarizer.extract import Extractor  # noqa: E402
from summarizer.ingest import load_articles  # noqa: E402
from tests.conftest import TEST_BASE_URL, TEST_MODEL, replayer, seed_cassette  # noqa: E402


def recorded_config() -> Config:
    """The configuration the seed cassettes were recorded with."""
    overrides = {"backend": "compatible", "model": TEST_MODEL, "base_url": TEST_BASE_URL, "cache": False}
    return load_config(overrides=overrides, env={}, cwd=ROOT / "tests")


def replay_seeds(config: Config | None = None) -> list[VerifiedExtraction]:
    config = config or recorded_config()
    extractor = Extractor(config)
    recorder = replayer()
    out = []
    for article in load_articles([str(ROOT / "seeds")]):
        with recorder.use_cassette(str(seed_cassette(Path(article.source).stem))):
            out.append(extractor.extract(article))
    return out


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
