"""Read articles from files, directories, URLs and stdin into :class:`schemas.Article`.

Web pages (``.html`` files, fetched URLs, HTML on stdin) go through trafilatura: the
article body only (navigation, boilerplate and reader comments are not sent to the
model) plus its title, site name, author and date. For plain text, metadata comes from
the text itself: a date in the first lines ("29 October 2024", "28/10/2024",
"2024-10-28"), a headline-like first line, a byline ("By Smartencyclopedia with
Agencies") or an outlet line ("ICARO Media Group").
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

import charset_normalizer
import httpx2
import trafilatura

from schemas import Article
from summarizer.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Fewer words than this is a stub, a paywall or a failed extraction, not an article.
MIN_WORDS = 25
_URL = re.compile(r"^https?://", re.IGNORECASE)
_USER_AGENT = "summarizer (+https://pypi.org/project/summarizer) article reader"
_MAX_PAGE_BYTES = 10_000_000
log = logging.getLogger(__name__)
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


# A saved page's header, as scrapers and read-later tools write it ("URL: https://...",
# "Title: ...", "Date: ...", "Author: ..."): metadata, not article text.
_FIELD = re.compile(
    r"^(url|link|source url|title|headline|date|published|author|byline|source|outlet|site)\s*:\s*(\S.*?)\s*$",
    re.IGNORECASE,
)
_HEADER_KEYS = frozenset({"url", "link", "source url", "title", "headline", "date", "published", "author", "byline"})


def _header(text: str) -> tuple[dict[str, str], str]:
    """The leading block of ``Key: value`` lines and the text after it; ({}, text) when
    the text opens with fewer than two such lines, or with none naming a page's URL,
    title, date or author (a lone "Source: Reuters" line is the article's own)."""
    lines = text.lstrip("\n").split("\n")
    fields: dict[str, str] = {}
    read = 0
    while read < len(lines) and (m := _FIELD.match(lines[read].strip())) is not None:
        fields.setdefault(m[1].lower(), m[2])
        read += 1
    if len(fields) < 2 or not fields.keys() & _HEADER_KEYS:
        return {}, text
    return fields, "\n".join(lines[read:]).strip("\n")


def parse_article(text: str, source: str) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff")
    fields, text = _header(text)
    head = [line.strip() for line in text.splitlines() if line.strip()][:_HEAD_LINES]
    url = fields.get("url") or fields.get("source url") or fields.get("link")
    date_field = fields.get("date") or fields.get("published")
    return Article(
        id=article_id(text),
        source=source,
        title=fields.get("title") or fields.get("headline") or _title(head),
        outlet=fields.get("source") or fields.get("outlet") or fields.get("site") or _outlet(head),
        published=(_published([date_field]) if date_field else None) or _published(head),
        author=fields.get("author") or fields.get("byline"),
        url=url if url and _URL.match(url) else None,
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


def decode(data: bytes, declared: str | None = None, *, name: str = "input") -> str:
    """Bytes to text: UTF-8 first, then the declared charset (HTTP header or HTML meta),
    then detection; never fails on bad bytes (they become U+FFFD). Binary data is refused."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name} looks like a binary file, not an article; pass .txt, .md or .html files")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for charset in (declared, _declared_charset(data)):
        if charset:
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    # UTF-8 with a stray bad byte is still UTF-8: more valid multi-byte characters than bad
    # bytes means the bad ones become U+FFFD, not the whole text another charset.
    lenient = data.decode("utf-8-sig", errors="replace")
    bad = lenient.count("\ufffd")
    if sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd") >= bad:
        return lenient
    # Detection cannot tell Western European single-byte charsets apart on short texts
    # (Latin-1 "café" reads as Baltic "cafė" just as well); where windows-1252 fits about
    # as well as the best guess, it wins, as it does in browsers for undeclared pages.
    matches = list(charset_normalizer.from_bytes(data[:200_000]))
    if matches:
        best = matches[0]
        western = next((m for m in matches if m.encoding in _WESTERN and m.chaos <= best.chaos + 0.05), None)
        return data.decode((western or best).encoding, errors="replace")
    return data.decode("cp1252", errors="replace")


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""")


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii", "replace") if found else None


def read_text(path: Path) -> str:
    """A file's text, decoded as :func:`decode` does."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    return decode(data, name=str(path))


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:head|body|article|p)[\s>]", head)
    )


def parse_html(html: str, source: str, url: str | None = None) -> Article | None:
    """The article body of a web page (navigation, ads and reader comments left out)
    and its metadata; None when the page holds no article text."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return None
    article = parse_article(text, source)
    published = _iso_date(getattr(doc, "date", None)) or article.published
    return article.model_copy(
        update={
            "title": getattr(doc, "title", None) or article.title,
            "outlet": getattr(doc, "sitename", None) or article.outlet,
            "author": getattr(doc, "author", None),
            "published": published,
            "url": url,
        }
    )


def _iso_date(value: str | None) -> date | None:
    if value and (m := _ISO.match(value)):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return None


def fetch(url: str, client: httpx2.Client | None = None, timeout: float = 30.0) -> tuple[bytes, str | None]:
    """A web page's bytes and the charset its server declared."""
    own = client is None
    http = client or httpx2.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": _USER_AGENT})
    try:
        response = http.get(url)
        response.raise_for_status()
        if len(response.content) > _MAX_PAGE_BYTES:
            raise InputError(
                f"{url} is over {_MAX_PAGE_BYTES // 1_000_000} MB; save the article text to a file instead"
            )
        return response.content, response.charset_encoding
    except httpx2.HTTPStatusError as exc:
        raise InputError(f"{url}: the server answered {exc.response.status_code}; check the address") from exc
    except httpx2.HTTPError as exc:
        raise InputError(f"cannot fetch {url}: {exc}; check the address and your connection, or save the page") from exc
    finally:
        if own:
            http.close()


def expand_paths(paths: Iterable[str], pattern: str = "*") -> Iterator[str]:
    """Files, URLs and '-' as given; directories searched recursively for article
    files (.txt, .md, .html...) whose names match ``pattern``, sorted."""
    for raw in paths:
        if raw == "-" or _URL.match(raw):
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob(pattern) if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
            )
            if not found:
                kinds = ", ".join(sorted(TEXT_SUFFIXES | HTML_SUFFIXES))
                raise InputError(f"{path} holds no {kinds} files matching {pattern!r}")
            yield from (str(p) for p in found)
        elif path.is_file():
            yield str(path)
        elif path.is_symlink():
            raise InputError(f"{path} is a broken link or a link loop")
        elif path.exists():
            raise InputError(f"{path} is not a regular file (a pipe, a socket or a device?)")
        else:
            raise InputError(f"{path} does not exist")


OnSkip = Callable[[str, str], None]


def _log_skip(source: str, reason: str) -> None:
    log.warning("skipped %s: %s", source, reason)


def load_articles(
    paths: Iterable[str],
    *,
    pattern: str = "*",
    on_skip: OnSkip | None = None,
    client: httpx2.Client | None = None,
) -> list[Article]:
    """Every article named by ``paths``: files, directories (recursively, names
    matching ``pattern``), ``http(s)://`` URLs, or '-' for stdin.

    Empty and near-empty articles (under ``MIN_WORDS`` words once the page furniture
    is gone) are skipped and reported through ``on_skip`` (default: a logged warning).
    """
    skip = on_skip or _log_skip
    articles = []
    for name in _each_input(paths, pattern, skip):
        try:
            article = read_article(name, client=client)
        except InputError as exc:
            skip(name, _reason(exc, name))
            continue
        words = len(article.text.split()) if article is not None else 0
        if article is None or words == 0:
            skip(name, "no article text")
        elif words < MIN_WORDS:
            skip(name, f"only {words} words of article text (fewer than {MIN_WORDS})")
        else:
            articles.append(article)
    return articles


def _each_input(paths: Iterable[str], pattern: str, skip: OnSkip) -> Iterator[str]:
    """Every input name; a path that does not exist (or a folder with nothing to read)
    is reported through ``skip`` and the others go on."""
    for raw in paths:
        try:
            names = list(expand_paths([raw], pattern))
        except InputError as exc:
            skip(raw, _reason(exc, raw))
            continue
        yield from names


def _reason(exc: InputError, name: str) -> str:
    """The error's message without the input's name in front (the caller shows it)."""
    message = str(exc)
    return message[len(name) :].lstrip(": ") if message.startswith(name) else message


def read_article(name: str, client: httpx2.Client | None = None) -> Article | None:
    """One article from a path, URL or '-'; None when it holds no text."""
    if _URL.match(name):
        data, charset = fetch(name, client)
        return parse_html(decode(data, charset, name=name), name, url=name)
    text = sys.stdin.read() if name == "-" else read_text(Path(name))
    if Path(name).suffix.lower() in HTML_SUFFIXES or (name == "-" and looks_like_html(text)):
        return parse_html(text, name)
    return parse_article(text, name) if text.strip() else None
