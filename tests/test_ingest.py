"""Reading what users save from the web: HTML pages, odd encodings, empty files, URLs."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import httpx2
import pytest

from summarizer.ingest import MIN_WORDS, article_id, decode, load_articles, parse_article, read_article
from tests.helpers import ROOT

PAGE = ROOT / "tests" / "data" / "page_with_comments.html"
BODY = (
    "Ukrainian President Volodymyr Zelenskyy said in Kyiv that about 12,000 soldiers had been sent. "
    "The café owners on Khreshchatyk said the señora's déjà vu was naïve; Zürich's Ærø office agreed. "
) * 3


def test_an_html_page_gives_the_article_body_and_metadata_without_comments_or_navigation() -> None:
    (article,) = load_articles([str(PAGE)])
    assert "North Korea has sent about 10,000 troops" in article.text
    assert "1,500 special forces" in article.text
    for furniture in ("Reader99", "50,000", "99,000", "Ignore previous instructions", "Subscribe", "newsletters"):
        assert furniture not in article.text
    assert article.title == "Pentagon says North Korea has sent 10,000 troops to Russia"
    assert article.outlet == "World Wire"
    assert article.author == "Jane Reporter"
    assert article.published is not None and article.published.isoformat() == "2024-10-28"


def test_a_latin1_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(BODY.encode("latin-1"))
    (article,) = load_articles([str(path)])
    assert "café owners" in article.text and "déjà vu" in article.text and "Zürich" in article.text


def test_a_declared_charset_is_used(tmp_path: Path) -> None:
    head = '<head><meta charset="windows-1252"><title>T</title></head>'
    page = f"<html>{head}<body><article><p>{BODY}</p></article></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    (article,) = load_articles([str(path)])
    assert "naïve" in article.text


def test_invalid_utf8_never_crashes() -> None:
    data = ("Officials said 3,000 troops moved. " * 10).encode() + b"\xff\xfe\xfa broken \xc3\x28 bytes"
    text = decode(data, name="x")
    assert text.startswith("Officials said 3,000 troops moved.")


def test_a_binary_file_is_rejected_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    skipped: list[tuple[str, str]] = []
    assert load_articles([str(path)], on_skip=lambda source, why: skipped.append((source, why))) == []
    assert skipped == [(str(path), "looks like a binary file, not an article; pass .txt, .md or .html files")]


def test_empty_and_near_empty_articles_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "stub.md").write_text("Subscribe to read 10,000 more words.")
    (tmp_path / "real.txt").write_text(BODY)
    skipped: list[tuple[str, str]] = []
    articles = load_articles([str(tmp_path)], on_skip=lambda source, why: skipped.append((Path(source).name, why)))
    assert [Path(a.source).name for a in articles] == ["real.txt"]
    assert dict(skipped) == {
        "empty.txt": "no article text",
        "stub.md": f"only 6 words of article text (fewer than {MIN_WORDS})",
    }


def test_directories_are_searched_recursively_with_a_glob_filter(tmp_path: Path) -> None:
    for name in ("a/one.html", "a/b/two.html", "a/b/three.txt", "notes.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "a/one.html").write_text(f"<html><body><article><p>{BODY}</p></article></body></html>")
    (tmp_path / "a/b/two.html").write_text(f"<html><body><article><p>{BODY} Two.</p></article></body></html>")
    (tmp_path / "a/b/three.txt").write_text(BODY)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 \x00\x01")
    every = load_articles([str(tmp_path)])
    assert sorted(Path(a.source).name for a in every) == ["one.html", "three.txt", "two.html"]
    html_only = load_articles([str(tmp_path)], pattern="*.html")
    assert sorted(Path(a.source).name for a in html_only) == ["one.html", "two.html"]
    skipped: list[str] = []
    assert load_articles([str(tmp_path)], pattern="*.xml", on_skip=lambda source, why: skipped.append(why)) == []
    assert len(skipped) == 1 and "matching '*.xml'" in skipped[0]


def _client(status: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> httpx2.Client:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(status, content=body, headers={"content-type": content_type})

    return httpx2.Client(transport=httpx2.MockTransport(answer))


def test_a_url_is_fetched_and_read_as_a_web_page() -> None:
    client = _client(200, PAGE.read_bytes())
    (article,) = load_articles(["https://news.example/world/123"], client=client)
    assert article.url == "https://news.example/world/123" and article.source == "https://news.example/world/123"
    assert "Reader99" not in article.text and "10,000 troops" in article.text


def test_a_page_in_a_declared_charset_is_decoded() -> None:
    page = f"<html><body><article><p>{BODY}</p></article></body></html>".encode("iso-8859-1")
    article = read_article("https://news.example/x", client=_client(200, page, "text/html; charset=iso-8859-1"))
    assert article is not None and "Zürich" in article.text


def test_a_missing_page_says_what_the_server_answered() -> None:
    skipped: list[str] = []
    load_articles(
        ["https://news.example/gone"], client=_client(404, b"not found"), on_skip=lambda s, why: skipped.append(why)
    )
    assert len(skipped) == 1 and "answered 404; check the address" in skipped[0]


def test_html_on_stdin_is_recognized(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PAGE.read_text()))
    (article,) = load_articles(["-"])
    assert article.outlet == "World Wire" and "Reader99" not in article.text


def test_utf8_with_one_bad_byte_stays_utf8() -> None:
    from summarizer.ingest import decode

    data = "Zürich’s officials said 3,000 troops arrived.".encode() + b"\xff" + b" More text."
    text = decode(data)
    assert "Zürich’s" in text and "\ufffd" in text


def test_latin1_without_a_declaration_is_still_detected() -> None:
    from summarizer.ingest import decode

    text = decode("Le café à Zürich, déjà fermé, accueille les soldats.".encode("latin-1"))
    assert "café" in text and "déjà" in text


SAVED_PAGE = (
    "URL: https://example.org/2024/10/28/troops-arrive\n"
    "Title: Troops arrive at the border\n"
    "Date: 2024-10-28\n"
    "Author: Jane Roe\n"
    "\n"
    "The Pentagon said on Monday that 10,000 soldiers had arrived at the border, up from 3,000 last week."
)


def test_a_saved_page_s_header_block_is_metadata_not_article_text() -> None:
    article = parse_article(SAVED_PAGE, "saved.txt")
    assert article.text.startswith("The Pentagon said")
    assert "example.org" not in article.text and "2024/10/28" not in article.text
    assert article.url == "https://example.org/2024/10/28/troops-arrive"
    assert article.title == "Troops arrive at the border"
    assert article.published == date(2024, 10, 28)
    assert article.author == "Jane Roe"
    assert article.id == article_id(article.text)


@pytest.mark.parametrize(
    "text",
    [
        "Source: Reuters\nThe Pentagon said 10,000 soldiers had arrived.",  # one line: the article's own
        "Note: this is an update.\nWarning: graphic content.\nThe Pentagon said 10,000 soldiers had arrived.",
        "Title: Troops arrive\nThe Pentagon said 10,000 soldiers had arrived.",  # a single field
    ],
)
def test_text_that_only_looks_like_a_header_is_kept(text: str) -> None:
    assert parse_article(text, "a.txt").text == text
