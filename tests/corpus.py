"""Many distinct articles for scale tests and the benchmark: each is a headline naming its
number ("Dispatch 00042") and sentences drawn, with a fixed seed, from the seeds and the
gold-set articles, so every article has figure sentences to ground, and none is a
copy of another (:mod:`summarizer.extraction.duplicates`)."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

from summarizer.text.sentences import sentence_spans
from tests.helpers import GOLD_ARTICLES, SEEDS

SENTENCES = 12
_NUMBER = re.compile(r"Dispatch (\d{5})")


@cache
def _pool() -> tuple[str, ...]:
    out: list[str] = []
    for path in [*SEEDS, *GOLD_ARTICLES]:
        text = path.read_text(encoding="utf-8")
        out += [" ".join(text[a:b].split()) for a, b in sentence_spans(text)]
    return tuple(s for s in out if len(s.split()) >= 6)


def article_text(i: int, seed: int = 0) -> str:
    rng = random.Random(seed * 1_000_003 + i)
    return f"Dispatch {i:05d}\n" + " ".join(rng.sample(_pool(), SENTENCES)) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """``n`` article files in ``folder`` (created), named by number."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{i:05d}.txt"
        path.write_text(article_text(i, seed), encoding="utf-8")
        paths.append(path)
    return paths


def dispatch_number(text: str) -> int | None:
    """The number of the article a request or a result is about."""
    found = _NUMBER.search(text)
    return int(found[1]) if found else None
