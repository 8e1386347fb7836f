"""Read articles from files, directories and stdin into :class:`schemas.Article`.

Metadata comes only from the text itself or its file name: a date in the first lines
("29 October 2024", "28/10/2024", "2024-10-28"), a headline-like first line, a byline
("By Smartencyclopedia with Agencies") or an outlet line ("ICARO Media Group").
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from schemas import Article
from summarizer.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".text"}
_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for m in names
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?, (\d{4})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_BYLINE = re.compile(r"^by\s+(.+?)(?:\s+with\s+.*)?$", re.IGNORECASE)
_OUTLET_WORDS = re.compile(r"\b(media|news|times|post|group|press|agency|herald|tribune|journal)\b", re.I)
_HEAD_LINES = 8


def article_id(text: str) -> str:
    """Stable id: the same text (up to whitespace) always gets the same id."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


def parse_article(text: str, source: str) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff")
    head = [line.strip() for line in text.splitlines() if line.strip()][:_HEAD_LINES]
    return Article(
        id=article_id(text),
        source=source,
        title=_title(head),
        outlet=_outlet(head),
        published=_published(head),
        text=text,
    )


def _published(head: list[str]) -> date | None:
    for line in head:
        for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
            for m in pattern.finditer(line):
                day, month, year = (m[1], m[2], m[3]) if order == "dmy" else (m[2], m[1], m[3])
                month_no = _MONTHS.get(month.lower())
                if month_no:
                    found = _safe_date(int(year), month_no, int(day))
                    if found:
                        return found
        if (iso := _ISO.search(line)) and (found := _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))):
            return found
        if numeric := _NUMERIC.search(line):
            # Day first (the European and most press usage); month first only if it must be.
            first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
            if found := _safe_date(year, second, first) or _safe_date(year, first, second):
                return found
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _title(head: list[str]) -> str | None:
    for line in head[:2]:
        clean = line.strip("*# ").strip()
        words = clean.split()
        if not words or _published([clean]) or _BYLINE.match(clean) or clean.endswith(":"):
            continue
        if 4 <= len(words) <= 20 and not clean.endswith("."):
            return clean
    return None


def _outlet(head: list[str]) -> str | None:
    for line in head:
        if m := _BYLINE.match(line):
            return m[1].strip()
        if len(line.split()) <= 4 and _OUTLET_WORDS.search(line):
            return line
    return None


def read_text(path: Path) -> str:
    """Decode a file as UTF-8, falling back to Windows-1252; reject binary files."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    if b"\x00" in data[:8192]:
        raise InputError(f"{path} looks like a binary file, not an article; pass .txt or .md files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files as given; directories expanded to their text files, sorted."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                raise InputError(f"{path} holds no {', '.join(sorted(TEXT_SUFFIXES))} files")
            yield from (str(p) for p in found)
        elif path.is_file():
            yield str(path)
        else:
            raise InputError(f"{path} does not exist")


def load_articles(paths: Iterable[str]) -> list[Article]:
    """Every article named by ``paths`` (files, directories, or '-' for stdin)."""
    articles = []
    for name in expand_paths(paths):
        text = sys.stdin.read() if name == "-" else read_text(Path(name))
        if not text.strip():
            raise InputError(f"{name} is empty")
        articles.append(parse_article(text, name))
    return articles
