"""--batch against a fake OpenAI Batch endpoint on 127.0.0.1 (tests/fake_openai.py):
files, jobs, status transitions, expiry, partial failure, interruption and resuming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import VerifiedExtraction
from summarizer import cli
from summarizer.extraction import batch_api
from tests.corpus import write_corpus
from tests.fake_openai import FakeOpenAI
from tests.helpers import isolated_run

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolated_run(tmp_path, monkeypatch, batch_poll="0.01")
    write_corpus(tmp_path / "articles", 6)
    return tmp_path


def _results(path: Path) -> list[VerifiedExtraction]:
    return [VerifiedExtraction.model_validate_json(x) for x in path.read_text().splitlines()]


def _comparable(results: list[VerifiedExtraction]) -> list[dict[str, object]]:
    return sorted(
        (r.model_dump(exclude={"seconds"}) for r in results),
        key=lambda r: str(r["source"]),
    )


def test_a_batch_is_submitted_polled_and_read_as_live_answers_are(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAI() as server:
        url = ["--base-url", server.base_url]
        assert cli.main(["extract", "articles", "--batch", "-o", "batch.jsonl", *url]) == 0
        assert server.paths["POST /v1/chat/completions"] == 0  # nothing live
        assert server.paths["POST /v1/files"] == 1 and server.paths["POST /v1/batches"] == 1
        (job,) = server.batches.values()
        requests = [json.loads(x) for x in server.files[job.input_file_id].splitlines()]
        assert len(requests) == 6 and len({r["custom_id"] for r in requests}) == 6
        assert all(r["url"] == "/v1/chat/completions" and r["body"]["tools"] for r in requests)
        err = capsys.readouterr().err
        assert f"batch {job.id}: submitted 6 request(s)" in err
        assert f"batch {job.id}: in_progress, 3/6 done" in err and f"batch {job.id}: completed, 6/6 done" in err
        assert cli.main(["extract", "articles", "-o", "live.jsonl", "--no-cache", *url]) == 0
    batch, live = _results(isolated / "batch.jsonl"), _results(isolated / "live.jsonl")
    assert _comparable(batch) == _comparable(live)  # the same grounding and corrections
    assert all(r.extraction.troop_estimates for r in batch)


def test_stored_answers_need_no_new_batch(isolated: Path) -> None:
    with FakeOpenAI() as server:
        url = ["--base-url", server.base_url]
        assert cli.main(["extract", "articles", "--batch", "-o", "a.jsonl", *url]) == 0
        assert cli.main(["brief", "articles", "--batch", "-o", "brief.md", *url]) == 0
        assert len(server.batches) == 1  # the second command found every answer in the store
    assert "## Troop figures" in (isolated / "brief.md").read_text()


def test_an_interrupted_wait_is_resumed_by_id_or_by_running_the_command_again(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def ctrl_c(seconds: float) -> None:
        raise KeyboardInterrupt

    with FakeOpenAI() as server:
        url = ["--base-url", server.base_url]
        monkeypatch.setattr(batch_api, "_sleep", ctrl_c)
        assert cli.main(["extract", "articles", "--batch", "-o", "out.jsonl", *url]) == 130
        (job_id,) = server.batches
        err = capsys.readouterr().err
        assert f"--resume-batch {job_id}" in err and "Traceback" not in err
        assert not (isolated / "out.jsonl").exists()

        # run again: the pending job is found in the store, not submitted again
        assert cli.main(["extract", "articles", "--batch", "-o", "out.jsonl", *url]) == 130
        assert list(server.batches) == [job_id]
        assert f"batch {job_id}: waiting for its 6 request(s)" in capsys.readouterr().err

        monkeypatch.setattr(batch_api, "_sleep", lambda seconds: None)
        assert cli.main(["brief", "articles", "--resume-batch", job_id, "-o", "brief.md", *url]) == 0
        assert list(server.batches) == [job_id] and server.paths["POST /v1/chat/completions"] == 0
    assert "## Troop figures" in (isolated / "brief.md").read_text()


def test_failed_items_are_listed_and_a_rerun_submits_only_those(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAI(fail_every=3) as server:
        url = ["--base-url", server.base_url]
        assert cli.main(["extract", "articles", "--batch", "-o", "first.jsonl", *url]) == 1
        # One line per cause (the CLI's failure report), naming every article it failed.
        failed = [x for x in capsys.readouterr().err.splitlines() if x.startswith("failed:")]
        assert len(failed) == 1 and len(_results(isolated / "first.jsonl")) == 4
        assert failed[0].startswith("failed: 2 articles (articles/00002.txt, articles/00005.txt): ")
        assert "answered 500" in failed[0] and "run the same command again" in failed[0]

        server.fail_every = 0
        assert cli.main(["extract", "articles", "--batch", "-o", "second.jsonl", *url]) == 0
        _, second_job = server.batches.values()
        assert second_job.counts["total"] == 2  # only the two that failed
    assert len(_results(isolated / "second.jsonl")) == 6


def test_an_expired_batch_keeps_what_it_answered_and_lists_the_rest(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAI(batch_outcome="expired", expire_after=2) as server:
        code = cli.main(["extract", "articles", "--batch", "-o", "out.jsonl", "--base-url", server.base_url])
    err = capsys.readouterr().err
    assert code == 1 and len(_results(isolated / "out.jsonl")) == 2
    failed = [x for x in err.splitlines() if x.startswith("failed:")]
    assert len(failed) == 1 and failed[0].startswith("failed: 4 articles (") and "batch_expired" in failed[0]
    assert "expired, 2/6 done, 4 failed" in err


def test_a_batch_the_server_refuses_fails_every_article_with_its_reason(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAI(batch_outcome="failed") as server:
        code = cli.main(["extract", "articles", "--batch", "--base-url", server.base_url])
    err = capsys.readouterr().err
    assert code == 3
    failed = [x for x in err.splitlines() if x.startswith("failed:")]
    assert len(failed) == 1 and failed[0].startswith("failed: 6 articles (")
    assert "the input file is not valid" in failed[0]


def test_batch_needs_a_server_backend_and_the_store(isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", "articles", "--batch", "--backend", "local"]) == 2
    assert cli.main(["extract", "articles", "--batch", "--no-cache", "--base-url", "http://127.0.0.1:9/v1"]) == 2
    err = capsys.readouterr().err
    assert "needs a server with the Batch API" in err and "set cache = true" in err and "Traceback" not in err


def test_an_unknown_batch_id_is_one_line_and_exit_2(isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeOpenAI() as server:
        code = cli.main(["extract", "articles", "--resume-batch", "batch_nope", "--base-url", server.base_url])
    err = capsys.readouterr().err
    assert code == 2 and "no batch batch_nope" in err and "run with --batch instead" in err
    assert "Traceback" not in err
