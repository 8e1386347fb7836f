"""Find articles that are the same story: one wire copy on several sites.

Texts are compared as sets of 5-word shingles (lower-cased, punctuation dropped). Two
articles are the same story when nearly all of the shorter one's shingles are in the
longer one (``CONTAINMENT``) and their sizes are close (``SIZE_RATIO``), so a changed
headline, a byline, a caption or a "Related" footer does not hide a copy, while a long
piece that quotes a short wire item in full is not mistaken for it. Each group is
extracted once, from its longest member (so no paragraph only a longer copy carries is
lost); the others are re-grounded from it.

Candidate pairs come from an index of a fixed sample of each text's shingles (those
whose hash is 0 mod ``_SAMPLE``), so a batch of thousands of articles is not compared
pair by pair; a pair sharing at least half the expected part of the smaller sample (a
copy shares about ``CONTAINMENT`` of it) is then measured exactly.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from schemas import Article, VerifiedExtraction
from summarizer.grounding.grounder import Grounder

CONTAINMENT = 0.85
SIZE_RATIO = 0.8
_SHINGLE = 5
_SAMPLE = 8
_CANDIDATE_SHARE = CONTAINMENT / 2  # of the smaller sample: below it a pair is not measured
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < _SHINGLE:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + _SHINGLE]).encode()) for i in range(len(words) - _SHINGLE + 1)}


def same_story(a: set[int], b: set[int]) -> bool:
    small, big = sorted((a, b), key=len)
    if not small or len(small) < SIZE_RATIO * len(big):
        return False
    return len(small & big) >= CONTAINMENT * len(small)


def duplicate_groups(articles: Sequence[Article]) -> dict[int, int]:
    """``{index of a copy: index of the article extracted for it}``: in each group of
    copies, the longest text stands for the rest. Articles with no copy are absent."""
    # Only a sample of each text's shingles is kept for the whole batch (a full set costs
    # ~20 KB an article: 250 MB for 10,000); full sets are made again for the few
    # candidate pairs, the recent ones kept.
    full = lru_cache(maxsize=256)(lambda i: shingles(articles[i].text))
    index: dict[int, list[int]] = defaultdict(list)
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sizes: list[int] = []
    for i, article in enumerate(articles):
        sampled = [h for h in shingles(article.text) if h % _SAMPLE == 0]
        sizes.append(len(sampled))
        shared = Counter(j for h in sampled for j in index[h])
        for j in sorted(shared):
            # A copy shares about CONTAINMENT of the smaller sample; articles that merely
            # quote the same sentence or two (thousands, in a day's corpus) share a few.
            if shared[j] < _CANDIDATE_SHARE * min(sizes[i], sizes[j]):
                continue
            if root(j) != root(i) and same_story(full(i), full(j)):
                parent[root(i)] = root(j)
        for h in sampled:
            index[h].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[root(i)].append(i)
    copies: dict[int, int] = {}
    for members in groups.values():
        if len(members) > 1:
            keep = max(members, key=lambda i: (len(articles[i].text), -i))
            copies.update({i: keep for i in members if i != keep})
    return copies


def copy_result(original: VerifiedExtraction, copy: Article) -> VerifiedExtraction:
    """The extraction of ``copy`` from its original's, without a model call: every item
    is grounded again in the copy's own text (offsets are the copy's; an item whose
    quote the copy does not carry is set apart as unverified)."""
    extraction, unverified = Grounder(copy.text).ground(original.extraction)
    # Attribution notes were made once, on the original; repeating them adds nothing.
    unverified = [u for u in unverified if u.kind != "attribution"]
    return VerifiedExtraction.of(
        copy,
        extraction,
        unverified=unverified,
        model=original.model,
        prompt_version=original.prompt_version,
        attempts=0,
        duplicate_of=original.source,
        notes=[f"same story as {original.source}: extracted there once, quotes found again in this text"],
    )
