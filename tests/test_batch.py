"""Batches: several articles in flight up to the configured limit; copies extracted once."""

from __future__ import annotations

import asyncio
import pathlib
from collections.abc import Iterator

import pytest

from schemas import Article, VerifiedExtraction
from summarizer import pipeline
from summarizer.briefing.merge import merge
from summarizer.config import Config
from summarizer.extraction.duplicates import duplicate_groups
from summarizer.extraction.extractor import Extractor
from summarizer.ingest import parse_article
from tests.factories import est, result

STORY = (
    "Pentagon spokeswoman Sabrina Singh said about 10,000 North Korean troops are expected in Russia within weeks. "
    "South Korea's National Intelligence Service said 1,500 special forces had arrived in Vladivostok for training. "
    "Nato Secretary-General Mark Rutte called the deployment a dangerous expansion of Russia's war in Ukraine. "
    "Ukrainian President Volodymyr Zelensky said his government had information about troops being readied. "
)


class SlowExtractor(Extractor):
    """Stands in for the model: each article takes a moment; counts what is in flight."""

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.in_flight = 0
        self.most = 0
        self.calls: list[str] = []

    async def aextract(self, article: Article) -> VerifiedExtraction:
        self.calls.append(article.source)
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        await asyncio.sleep(0.02)
        self.in_flight -= 1
        return result(article.source).model_copy(update={"article_id": article.id})


def _distinct(n: int) -> list[Article]:
    return [
        parse_article(f"Article {i}. " + " ".join(f"word{i}x{k}" for k in range(40)), f"a{i}.txt") for i in range(n)
    ]


def test_articles_run_in_parallel_up_to_the_configured_limit(test_config: Config) -> None:
    for limit in (1, 3):
        config = test_config.model_copy(update={"concurrency": limit})
        extractor = SlowExtractor(config)
        run = pipeline.extract_all(_distinct(10), config, extractor=extractor)
        assert extractor.most == limit
        assert [r.source for r in run.results] == [f"a{i}.txt" for i in range(10)]  # input order kept


def test_the_default_limit_is_one_for_the_embedded_server_and_more_for_remote_ones() -> None:
    from summarizer.config import load_config

    assert load_config(overrides={"backend": "local"}, env={}).concurrency == 1
    assert load_config(overrides={"backend": "compatible"}, env={}).concurrency == 4
    assert load_config(overrides={"backend": "compatible", "concurrency": 8}, env={}).concurrency == 8


def test_the_same_wire_story_on_two_sites_is_extracted_once(test_config: Config) -> None:
    original = parse_article(
        f"Troops head west\nBy Wire Agency\n{STORY}\nRelated: more news on the war in Ukraine, from our wire",
        "site-a/story.txt",
    )
    copy = parse_article(f"North Korea sends troops, Pentagon says\n{STORY} Photo: Getty\nShare this", "site-b/x.html")
    other = parse_article("An unrelated article. " + " ".join(f"w{k}" for k in range(60)), "other.txt")
    assert duplicate_groups([original, copy, other]) == {1: 0}

    class OneAnswer(SlowExtractor):
        async def aextract(self, article: Article) -> VerifiedExtraction:
            self.calls.append(article.source)
            quote = "Pentagon spokeswoman Sabrina Singh said about 10,000 North Korean troops are expected in Russia"
            if quote not in article.text:
                return result(article.source).model_copy(update={"article_id": article.id})
            start = article.text.index(quote)
            estimate = {
                **est(10_000, org="Pentagon", status="expected", quote=quote),
                "start": start,
                "end": start + len(quote),
            }
            return result(article.source, estimates=[estimate]).model_copy(update={"article_id": article.id})

    extractor = OneAnswer(test_config)
    run = pipeline.extract_all([original, copy, other], test_config, extractor=extractor)
    assert sorted(extractor.calls) == ["other.txt", "site-a/story.txt"]  # the copy cost no call
    first, second, _ = run.results
    assert second.duplicate_of == "site-a/story.txt" and second.attempts == 0
    (kept,) = second.extraction.troop_estimates
    assert copy.text[kept.start : kept.end] == kept.quote  # offsets into the copy's own text
    assert kept.start != first.extraction.troop_estimates[0].start

    sources = merge(run.results).sources
    by_source = {s.source: s for s in sources}
    assert by_source["site-b/x.html"].same_story_as == by_source["site-a/story.txt"].n
    claim = merge(run.results).claims[0]
    assert len(claim.articles) == 2 and claim.independent_origins == 1  # two outlets, one origin


def test_the_seeds_are_not_taken_for_copies(seed_articles: dict[str, Article]) -> None:
    assert duplicate_groups(list(seed_articles.values())) == {}


def test_an_extracted_article_leaves_nothing_behind(seed_results: list[VerifiedExtraction]) -> None:
    """Nothing of an article's extraction (its grounder, its citations, the raw answer)
    outlives it: at 500 articles, a kept reference cost 0.25 MiB per article."""
    import gc

    from summarizer.grounding.citations import Citations
    from summarizer.grounding.grounder import Grounder

    assert len(seed_results) == 5
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Grounder | Citations)]


class HangingExtractor(SlowExtractor):
    """One article never finishes, as an answer that runs away would not."""

    async def aextract(self, article: Article) -> VerifiedExtraction:
        if article.source == "a1.txt":
            await asyncio.sleep(30)
        return await super().aextract(article)


def test_an_article_over_its_time_budget_fails_alone_and_the_server_drops_it(
    test_config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contextlib import contextmanager

    from summarizer import backends
    from summarizer.extraction import batch

    restarts: list[str] = []

    class FakeServer:
        def restart(self) -> None:
            restarts.append("restart")

    @contextmanager
    def serving(config: Config) -> Iterator[backends.Served]:
        yield backends.Served(config, FakeServer())  # type: ignore[arg-type]

    monkeypatch.setattr(backends, "serving", serving)
    monkeypatch.setattr(batch, "Extractor", HangingExtractor)
    config = test_config.model_copy(update={"article_timeout": 0.5, "concurrency": 1})
    run = pipeline.extract_all(_distinct(3), config)
    assert [r.source for r in run.results] == ["a0.txt", "a2.txt"]
    (failure,) = run.failures
    assert failure.source == "a1.txt" and "article_timeout=0.5s" in failure.error
    assert restarts == ["restart"]  # the embedded server is made to drop the abandoned request


class CrashingServer:
    """An embedded server that stops under the articles named in ``under``."""

    def __init__(self) -> None:
        self.down = False
        self.restarts = 0

    def exit_report(self) -> str | None:
        return "killed by signal 11\nlast output:\n..." if self.down else None

    def restart(self) -> None:
        self.restarts += 1
        self.down = False


def _crashing_run(
    test_config: Config, monkeypatch: pytest.MonkeyPatch, under: set[str]
) -> tuple[pipeline.ExtractionRun, CrashingServer]:
    from contextlib import contextmanager

    from summarizer import backends
    from summarizer.errors import BackendError
    from summarizer.extraction import batch

    server = CrashingServer()

    class CrashingExtractor(SlowExtractor):
        async def aextract(self, article: Article) -> VerifiedExtraction:
            if article.source in under:
                server.down = True
                raise BackendError("the connection broke off during the request: this article failed")
            return await super().aextract(article)

    @contextmanager
    def serving(config: Config) -> Iterator[backends.Served]:
        yield backends.Served(config, server)  # type: ignore[arg-type]

    monkeypatch.setattr(backends, "serving", serving)
    monkeypatch.setattr(batch, "Extractor", CrashingExtractor)
    return pipeline.extract_all(_distinct(4), test_config.model_copy(update={"concurrency": 1})), server


def test_an_embedded_server_that_stops_under_an_article_fails_that_article_alone(
    test_config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    run, server = _crashing_run(test_config, monkeypatch, {"a1.txt"})
    assert [r.source for r in run.results] == ["a0.txt", "a2.txt", "a3.txt"]
    (failure,) = run.failures
    assert failure.source == "a1.txt" and "stopped while reading this article (killed by signal 11)" in failure.error
    assert "CMAKE_ARGS" in failure.error and server.restarts == 1 and run.stopped_by is None


def test_a_server_that_stops_under_two_articles_in_a_row_stops_the_run_with_the_fix(
    test_config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    run, _ = _crashing_run(test_config, monkeypatch, {"a1.txt", "a2.txt"})
    assert [r.source for r in run.results] == ["a0.txt"]
    assert run.stopped_by is not None and "as it did under the article before" in str(run.stopped_by)
    assert "rebuild llama-cpp-python" in str(run.stopped_by)
    assert {f.source for f in run.failures} == {"a1.txt", "a2.txt", "a3.txt"}


def test_a_server_that_stopped_says_how_and_what_it_printed_last(tmp_path: pathlib.Path) -> None:
    import signal
    import subprocess
    import sys

    from summarizer.backends.local_server import LocalServer

    server = LocalServer(tmp_path / "model.gguf")
    assert server.exit_report() is None  # never started
    crash = (
        "import os, signal, sys; print('ggml_compute_forward: fault', flush=True); os.kill(os.getpid(), signal.SIGSEGV)"
    )
    server._proc = subprocess.Popen([sys.executable, "-c", crash], stdout=server._log, stderr=subprocess.STDOUT)
    server._proc.wait()
    report = server.exit_report()
    assert report is not None and report.splitlines()[0] == f"killed by signal {int(signal.SIGSEGV)}"
    assert "ggml_compute_forward: fault" in report
    server._proc = None
    server._log.close()


def test_the_build_check_says_when_llama_cpp_cannot_read_a_prompt(tmp_path: pathlib.Path) -> None:
    from scripts import check_llama

    assert check_llama.main([]) == 2  # usage
    # no model file: the child fails, and the check says the build cannot read a prompt
    assert check_llama.main([str(tmp_path / "missing.gguf")]) == 1
