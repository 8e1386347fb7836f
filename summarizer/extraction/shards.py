"""Split a corpus across machines: ``summarizer extract --shard K/N``.

An article's shard is a hash of its content id (:attr:`Article.id`, the id the store of
extractions is keyed by), so the split is the same on every machine and every re-run,
whatever the order or the paths the articles are read from. Copies of one wire story
(:mod:`summarizer.extraction.duplicates`) go to the shard of the copy that is extracted
for them, so each shard extracts a story once, as a single run would, and the briefs
merged from the shards' files equal the brief of one run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from schemas import Article
from summarizer.errors import ConfigError
from summarizer.extraction.duplicates import duplicate_groups

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` as (K, N), 1 <= K <= N."""
    found = _SHARD.match(text)
    k, n = (int(found[1]), int(found[2])) if found else (0, 0)
    if not found or not 1 <= k <= n:
        raise ConfigError(
            f"--shard {text!r}: give K/N with 1 <= K <= N, e.g. --shard 2/8 for the second of eight parts"
        )
    return k, n


def shard_of(article_id: str, n: int) -> int:
    """The shard (1..n) of the article with this content id."""
    digest = hashlib.sha256(article_id.encode()).digest()
    return int.from_bytes(digest[:8], "big") % n + 1


def select(articles: Sequence[Article], k: int, n: int) -> list[Article]:
    """The articles of shard ``k`` of ``n``, in their order: each by its own id, a copy of
    another article by the id of the one extracted for it."""
    copies = duplicate_groups(articles)
    return [a for i, a in enumerate(articles) if shard_of(articles[copies.get(i, i)].id, n) == k]


__all__ = ["parse_shard", "select", "shard_of"]
