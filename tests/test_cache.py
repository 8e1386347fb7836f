"""The extraction store: resume without repeating model calls; survive a corrupt file."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import Article, VerifiedExtraction
from summarizer import pipeline
from summarizer.cache import ExtractionCache, cache_key
from summarizer.config import Config
from summarizer.errors import ExtractionError
from summarizer.extraction.extractor import Extractor
from tests.factories import est, result


class CountingExtractor(Extractor):
    """Stands in for the model in cache tests: counts calls, can fail on one article."""

    def __init__(self, config: Config, fail_on: str | None = None) -> None:
        super().__init__(config)
        self.calls: list[str] = []
        self.fail_on = fail_on

    async def aextract(self, article: Article) -> VerifiedExtraction:
        self.calls.append(article.source)
        if article.source == self.fail_on:
            raise KeyboardInterrupt  # the user pressed Ctrl-C during this article
        return result(article.source, estimates=[est(10_000, org="Pentagon")]).model_copy(
            update={"article_id": article.id}
        )


def articles(n: int) -> list[Article]:
    return [Article(id=f"id{i}", source=f"a{i}.txt", text=f"text {i}") for i in range(n)]


def test_interrupted_run_resumes_with_zero_repeated_calls(tmp_path: Path, test_config: Config) -> None:
    store = ExtractionCache(tmp_path / "x.sqlite")
    first = CountingExtractor(test_config, fail_on="a2.txt")
    with pytest.raises(KeyboardInterrupt):
        pipeline.extract_all(articles(4), test_config, extractor=first, cache=store)
    assert first.calls == ["a0.txt", "a1.txt", "a2.txt"]
    store.close()

    reopened = ExtractionCache(tmp_path / "x.sqlite")  # as a new process would
    second = CountingExtractor(test_config)
    run = pipeline.extract_all(articles(4), test_config, extractor=second, cache=reopened)
    assert second.calls == ["a2.txt", "a3.txt"]  # the two finished articles cost nothing
    assert run.cached == 2 and len(run.results) == 4


def test_key_changes_with_model_and_prompt() -> None:
    base = cache_key("id", "compatible", "m", "extract-v1+aaaa", grounding="1")
    assert base != cache_key("id", "compatible", "other-model", "extract-v1+aaaa", grounding="1")
    assert base != cache_key("id", "compatible", "m", "extract-v1+bbbb", grounding="1")
    assert base != cache_key("id2", "compatible", "m", "extract-v1+aaaa", grounding="1")
    # Newer grounding rules do not serve what older ones kept.
    assert base != cache_key("id", "compatible", "m", "extract-v1+aaaa", grounding="2")


def test_corrupt_cache_is_moved_aside_and_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "x.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = ExtractionCache(path)
    assert "is not a usable database" in caplog.text
    assert list(tmp_path.glob("x.corrupt-*"))
    store.put("k", result("a"))
    assert store.get("k") is not None and len(store) == 1
    assert store.clear() == 1 and len(store) == 0


def test_one_failing_article_does_not_stop_the_rest(test_config: Config) -> None:
    class Failing(CountingExtractor):
        async def aextract(self, article: Article) -> VerifiedExtraction:
            if article.source == "a1.txt":
                raise ExtractionError("a1.txt: the model's answer was cut off")
            return await super().aextract(article)

    run = pipeline.extract_all(articles(3), test_config, extractor=Failing(test_config))
    assert [r.source for r in run.results] == ["a0.txt", "a2.txt"]
    assert [f.source for f in run.failures] == ["a1.txt"]


def test_a_locked_healthy_cache_is_waited_for_then_left_alone(tmp_path: Path) -> None:
    """Another process holding the write lock is not corruption: nothing is moved aside,
    no stored row is abandoned."""
    import sqlite3

    from summarizer.cache import CacheUnavailable

    path = tmp_path / "x.sqlite"
    store = ExtractionCache(path)
    store.put("k", result("a"))
    store.close()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(CacheUnavailable, match="locked"):
            ExtractionCache(path, busy_seconds=0.2)
    finally:
        holder.rollback()
        holder.close()
    assert not list(tmp_path.glob("x.corrupt-*"))
    reopened = ExtractionCache(path)
    assert reopened.get("k") is not None


def test_a_cache_of_an_older_layout_is_rebuilt_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import sqlite3

    path = tmp_path / "x.sqlite"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE extractions (key TEXT PRIMARY KEY, payload TEXT)")
    old.commit()
    old.close()
    store = ExtractionCache(path)
    assert "older layout" in caplog.text
    store.put("k", result("a"))
    assert store.get("k") is not None


def test_a_cache_that_cannot_be_written_costs_the_stored_copy_not_the_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import sqlite3

    store = ExtractionCache(tmp_path / "x.sqlite")

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    store._insert = full  # type: ignore[method-assign, assignment]
    store.put("a", result("a"))
    store.put("b", result("b"))
    assert caplog.text.count("cannot write to the cache") == 1 and store.broken == "database or disk is full"


def test_an_unusable_cache_folder_means_a_run_without_the_cache(
    tmp_path: Path, test_config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    config = test_config.model_copy(update={"cache": True, "cache_dir": str(blocker / "sub")})
    assert pipeline.open_cache(config) is None
    assert "running without it" in caplog.text


def test_the_rules_fingerprint_follows_the_rules_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change to any text or grounding rule changes the key stored extractions are
    filed under; nobody has to remember to bump a version."""
    import summarizer.grounding as grounding

    assert grounding.GROUNDING_VERSION == grounding.rules_fingerprint() != "unknown"
    copy = tmp_path / "summarizer"
    for part in ("text", "grounding"):
        (copy / part).mkdir(parents=True)
        for file in (Path(grounding.__file__).parent.parent / part).glob("*.py"):
            (copy / part / file.name).write_bytes(file.read_bytes())
    monkeypatch.setattr(grounding, "__file__", str(copy / "grounding" / "__init__.py"))
    assert grounding.rules_fingerprint() == grounding.GROUNDING_VERSION
    (copy / "text" / "stance.py").write_text("# a changed rule\n", encoding="utf-8")
    assert grounding.rules_fingerprint() != grounding.GROUNDING_VERSION
