"""Many articles against a server that answers many at once (the loopback fake in
tests/fake_openai.py): results written as they finish, a server that dies mid-run,
shards merged into one brief, the tool's own work in worker processes."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from schemas import Brief, VerifiedExtraction
from schemas.brief import FailedArticle
from summarizer import cli, pipeline
from summarizer.config import Config, load_config
from summarizer.extraction import procs, shards, workers
from summarizer.ingest import load_articles
from tests.corpus import article_text, dispatch_number, write_corpus
from tests.fake_openai import FakeOpenAI
from tests.helpers import isolated_run

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolated_run(tmp_path, monkeypatch, timeout="5")
    return tmp_path


def _asked(server: FakeOpenAI) -> list[int]:
    """The article numbers the server is asked about, in order (filled by on_chat)."""
    asked: list[int] = []

    def seen(body: dict[str, Any]) -> None:
        n = dispatch_number(json.dumps(body["messages"]))
        assert n is not None
        asked.append(n)

    server.on_chat = seen
    return asked


def _numbers(path: Path) -> list[int]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        out.append(int(Path(VerifiedExtraction.model_validate_json(line).source).stem))
    return out


def test_the_fakes_answers_pass_their_schema_and_ground(isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(isolated / "articles", 6)
    out = isolated / "out.jsonl"
    with FakeOpenAI(latency=0.01) as server:
        code = cli.main(["extract", "articles", "--base-url", server.base_url, "-o", str(out), "--no-cache"])
    assert code == 0, capsys.readouterr().err
    results = [VerifiedExtraction.model_validate_json(x) for x in out.read_text().splitlines()]
    assert len(results) == 6 and server.chat_requests == 6  # one call each: nothing re-asked
    texts = {a.id: a.text for a in load_articles(["articles"])}
    # Every article's sentences state figures; names depend on which sentences were drawn.
    assert all(r.extraction.troop_estimates for r in results)
    assert any(r.extraction.actors for r in results) and any(r.extraction.locations for r in results)
    for r in results:
        for estimate in r.extraction.troop_estimates:  # grounded: the quote is the article's own text
            assert texts[r.article_id][estimate.start : estimate.end] == estimate.quote


def test_extractions_are_written_as_they_finish_so_ctrl_c_keeps_them_in_the_output(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_corpus(isolated / "articles", 8)
    out = isolated / "out.jsonl"
    out.write_text("yesterday\n")
    shown = cli._on_done
    done: list[tuple[Any, ...]] = []

    def interrupt_after_three(*args: Any) -> None:
        if len(done) == 3:
            raise KeyboardInterrupt
        done.append(args)
        shown(*args)

    monkeypatch.setattr(cli, "_on_done", interrupt_after_three)
    with FakeOpenAI(latency=0.01) as server:
        argv = ["extract", "articles", "--base-url", server.base_url, "-o", str(out)]
        code = cli.main([*argv, "--no-cache"])
    assert code == 130
    assert len(_numbers(out)) == 3  # the finished ones are in the file, each line whole
    assert "Traceback" not in capsys.readouterr().err


def test_a_run_that_keeps_no_results_hands_each_to_the_caller_and_still_copies_wire_stories(isolated: Path) -> None:
    write_corpus(isolated / "articles", 5)
    (isolated / "articles" / "copy.txt").write_text("Reposted\n" + article_text(2) + "Share this story.\n")
    articles = load_articles([str(isolated / "articles")])
    written: list[VerifiedExtraction | FailedArticle] = []
    with FakeOpenAI(latency=0.01) as server:
        config = load_config(overrides={"base_url": server.base_url, "cache": False, "concurrency": 3})
        run = pipeline.run_batch(articles, config, on_done=lambda i, a, o, c: written.append(o), keep_results=False)
        assert server.chat_requests == 5  # the copy cost no call
    assert run.results == [] and run.extracted == 6 and not run.failures
    copies = [r for r in written if isinstance(r, VerifiedExtraction) and r.duplicate_of]
    assert len(copies) == 1 and copies[0].extraction.troop_estimates


def test_a_server_killed_mid_run_loses_no_finished_article_and_the_rerun_asks_only_for_the_rest(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_corpus(isolated / "articles", 30)
    with FakeOpenAI(latency=0.05) as server:
        asked = _asked(server)
        seen_by_fake = server.on_chat
        assert seen_by_fake is not None

        def die_at_twelve(body: dict[str, Any]) -> None:
            seen_by_fake(body)
            if len(asked) == 12:
                threading.Thread(target=server.stop).start()

        server.on_chat = die_at_twelve
        argv = ["extract", "articles", "--base-url", server.base_url]
        first = cli.main([*argv, "-o", "first.jsonl"])
        err = capsys.readouterr().err
        # Nothing listening stops the run (exit 2, said once); what finished is written and stored.
        assert first == 2 and "cannot reach the model server" in err and "Traceback" not in err
        assert "stopped: " in err and "run the same command again" in err
        finished = set(_numbers(isolated / "first.jsonl"))
        assert 0 < len(finished) < 30

        server.on_chat = seen_by_fake
        asked.clear()
        server.start()  # the same address, as a restarted server
        again = cli.main([*argv, "-o", "second.jsonl"])
    assert again == 0
    assert sorted(asked) == sorted(set(range(30)) - finished)  # a call only for what was missing
    assert sorted(_numbers(isolated / "second.jsonl")) == list(range(30))


def test_a_server_that_restarts_within_the_retries_costs_no_article(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_HTTP_RETRIES", "4")
    write_corpus(isolated / "articles", 16)
    with FakeOpenAI(latency=0.05) as server:
        asked = _asked(server)
        seen_by_fake = server.on_chat
        assert seen_by_fake is not None

        def restart() -> None:
            server.stop()
            threading.Timer(0.3, server.start).start()

        def restart_at_five(body: dict[str, Any]) -> None:
            seen_by_fake(body)
            if len(asked) == 5:
                threading.Thread(target=restart).start()

        server.on_chat = restart_at_five
        code = cli.main(["extract", "articles", "--base-url", server.base_url, "-o", "out.jsonl"])
    assert code == 0
    assert sorted(_numbers(isolated / "out.jsonl")) == list(range(16))


# -- shards ----------------------------------------------------------------------------------


def test_a_shard_is_fixed_by_the_content_id() -> None:
    assert [shards.shard_of(f"id{i}", 4) for i in range(8)] == [shards.shard_of(f"id{i}", 4) for i in range(8)]
    assert shards.shard_of("0" * 64, 8) == 8  # pinned: a change would re-split every corpus
    assert shards.parse_shard(" 2/8 ") == (2, 8)
    for bad in ("0/3", "4/3", "2", "a/b"):
        with pytest.raises(Exception, match="give K/N"):
            shards.parse_shard(bad)


def _brief_content(path: Path) -> dict[str, Any]:
    data = Brief.model_validate_json(path.read_text()).model_dump(mode="json")
    data.pop("run")
    return data


def test_shards_merged_from_their_files_give_the_single_run_brief(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = isolated / "articles"
    write_corpus(folder, 24)
    (folder / "wire-copy.txt").write_text("Reposted from the wire\n" + article_text(5) + "Related: more news.\n")
    with FakeOpenAI(latency=0.01) as server:
        url = ["--base-url", server.base_url]
        for k in (1, 2, 3):
            assert cli.main(["extract", str(folder), "--shard", f"{k}/3", "-o", f"part-{k}.jsonl", *url]) == 0
        single = cli.main(["brief", str(folder), "--format", "json", "-o", "single.json", "--no-cache", *url])
        assert single == 0
        calls = server.chat_requests
        parts = [str(isolated / f"part-{k}.jsonl") for k in (1, 2, 3)]
        merged = cli.main(["brief", "--from-extractions", *parts, "--format", "json", "-o", "merged.json", *url])
        assert merged == 0 and server.chat_requests == calls  # no model call
    sources = [
        {VerifiedExtraction.model_validate_json(x).source for x in Path(p).read_text().splitlines()} for p in parts
    ]
    assert sum(map(len, sources)) == 25 and len(set.union(*sources)) == 25  # a partition
    assert all(sources)  # every part has some
    holding = next(s for s in sources if str(folder / "wire-copy.txt") in s)
    assert str(folder / "00005.txt") in holding  # a copy goes with its original
    single_brief, merged_brief = _brief_content(isolated / "single.json"), _brief_content(isolated / "merged.json")
    assert merged_brief["claims"] and merged_brief["sources"]
    assert merged_brief == single_brief  # claims, sources, conflicts, numbers, everything but the run


def test_the_same_shard_is_chosen_whatever_the_order_of_the_inputs(isolated: Path) -> None:
    paths = [str(p) for p in write_corpus(isolated / "articles", 12)]
    forward = shards.select(load_articles(paths), 2, 3)
    backward = shards.select(load_articles(paths[::-1]), 2, 3)
    assert forward and {a.source for a in forward} == {a.source for a in backward}


def test_a_bad_shard_or_extraction_file_is_one_line_and_exit_2(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_corpus(isolated / "articles", 2)
    assert cli.main(["extract", "articles", "--shard", "3/2"]) == 2
    (isolated / "bad.jsonl").write_text("not json\n")
    assert cli.main(["brief", "--from-extractions", "bad.jsonl"]) == 2
    err = capsys.readouterr().err
    assert "give K/N" in err and "bad.jsonl:1 is not an extraction" in err and "Traceback" not in err


# -- worker processes ----------------------------------------------------------------------


def test_extraction_in_worker_processes_gives_the_same_extractions(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = load_articles([str(p) for p in write_corpus(isolated / "articles", 6)])
    started: list[int] = []
    real = procs.process_extractor

    def counted(config: Config, n: int) -> Any:
        started.append(n)
        return real(config, n)

    monkeypatch.setattr(procs, "process_extractor", counted)
    monkeypatch.setattr(workers, "POOL_MIN_ARTICLES", 4)
    runs = []
    with FakeOpenAI(latency=0.01) as server:
        for n in (1, 2):
            config = load_config(
                overrides={"base_url": server.base_url, "cache": False, "concurrency": 4, "workers": n}
            )
            runs.append(pipeline.run_batch(articles, config))
        assert server.chat_requests == 12
    assert started == [2]  # one process: none started; two: two workers
    assert [run.requests for run in runs] == [6, 6]  # the workers' calls are counted as the run's
    one, two = ([r.model_dump(exclude={"seconds"}) for r in run.results] for run in runs)
    assert len(one) == 6 and one == two


def test_errors_in_a_worker_come_back_as_the_same_error() -> None:
    from summarizer.errors import BackendError, ConfigError
    from summarizer.extraction.procs import _error_from, _error_message

    back = _error_from(*_error_message(BackendError("nobody there", affects_every_request=True)))
    assert isinstance(back, BackendError) and back.affects_every_request and str(back) == "nobody there"
    assert isinstance(_error_from(*_error_message(ConfigError("bad"))), ConfigError)
    assert "ValueError: odd" in str(_error_from(*_error_message(ValueError("odd"))))


def test_an_article_over_its_time_in_a_worker_fails_alone(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "POOL_MIN_ARTICLES", 2)
    articles = load_articles([str(p) for p in write_corpus(isolated / "articles", 4)])

    with FakeOpenAI(latency=0.01) as server:
        slow = dispatch_number(articles[1].text)

        def hang_one(body: dict[str, Any]) -> float | None:
            return 6.0 if dispatch_number(json.dumps(body["messages"])) == slow else None

        server.latency_of = hang_one
        config = load_config(
            overrides={"base_url": server.base_url, "cache": False, "concurrency": 1, "workers": 2}
        ).model_copy(update={"concurrency": 2, "article_timeout": 3.0})
        run = pipeline.run_batch(articles, config)
    (failure,) = run.failures
    assert failure.source == articles[1].source and "article_timeout=3s" in failure.error
    assert len(run.results) == 3
