"""Faults against a fake server on 127.0.0.1: one bad article never takes the others down,
and nothing a server says leaks the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.cli import main
from tests.fake_server import FakeServer
from tests.helpers import isolated_run

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

BODY = (
    "The Pentagon said 10,000 North Korean troops have been sent to Russia. "
    "Officials in Seoul and Kyiv said the deployment marked a new stage of the war, and "
    "analysts expect more units to follow in the coming weeks as training continues."
)


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolated_run(tmp_path, monkeypatch, timeout="1")
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


FILLER = {
    "a": "Markets in Tokyo fell sharply while exporters weighed the news from the front.",
    "b": "Farmers near the border reported convoys moving at night along the river road.",
    "c": "A spokesman for the foreign ministry declined to give further details to reporters.",
    "d": "Railway staff in the east described trains of sealed wagons heading west daily.",
}


def _write(folder: Path, name: str, marker: str = "") -> None:
    """A distinct article each (the same text twice would be one wire story)."""
    filler = " ".join([FILLER[name[0]]] * 3)
    (folder / name).write_text(f"{BODY} {filler} {marker}\n", encoding="utf-8")


def test_a_hanging_and_a_reset_article_fail_alone_and_the_rest_is_briefed(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(isolated, "a.txt", "First outlet.")
    _write(isolated, "b.txt", "HANG")
    _write(isolated, "c.txt", "RESET")
    _write(isolated, "d.txt", "Second outlet, other words here.")
    with FakeServer(hang_seconds=3) as server:
        code = main(["brief", str(isolated), "--backend", "compatible", "--base-url", server.base_url])
    out, err = capsys.readouterr()
    assert code == 1  # some articles failed; the rest is in the output
    assert "10,000" in out and "## Troop figures" in out
    failed = [line for line in err.splitlines() if line.startswith("failed:")]
    assert len(failed) == 2
    assert any("b.txt" in line and "timeout=1s" in line for line in failed)
    assert any("c.txt" in line and "broke off" in line for line in failed)
    assert "cannot reach" not in err and "Traceback" not in err


def test_a_server_echoing_the_key_gets_it_redacted_everywhere(
    isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "sk-test-echo-0123456789abcdef"
    monkeypatch.setenv("SUMMARIZER_KEY", key)
    _write(isolated, "a.txt", "ECHO-KEY")
    _write(isolated, "b.txt", "Fine article.")
    output = isolated.parent / "brief.md"
    with FakeServer() as server:
        argv = ["brief", str(isolated), "--backend", "compatible", "--base-url", server.base_url, "-o", str(output)]
        monkeypatch.setenv("SUMMARIZER_API_KEY_ENV", "SUMMARIZER_KEY")
        code = main(argv)
    out, err = capsys.readouterr()
    assert code == 1
    written = output.read_text(encoding="utf-8")
    assert "Articles that failed" in written
    for text in (out, err, written):
        assert key not in text and "Bearer sk" not in text
    assert "[redacted]" in err


def test_bad_inputs_are_skipped_and_listed_and_the_good_ones_briefed(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    _write(isolated, "a.txt", "First outlet.")
    _write(isolated, "d.txt", "Second outlet, other words here.")
    (isolated / "empty.txt").write_text("")
    shutil.copy("/bin/ls", isolated / "bin.txt")
    (isolated / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    missing = str(isolated.parent / "no-such-file.txt")
    with FakeServer() as server:
        code = main(["brief", str(isolated), missing, "--backend", "compatible", "--base-url", server.base_url])
    out, err = capsys.readouterr()
    assert code == 1
    assert "## Troop figures" in out and "10,000" in out
    for name in ("empty.txt", "bin.txt", "photo.txt", "no-such-file.txt"):
        assert f"skipped {isolated / name if name != 'no-such-file.txt' else missing}" in err
        assert name in out.split("## Articles that failed", 1)[1]  # listed in the brief too
    assert "looks like a binary file" in err and "does not exist" in err and "Traceback" not in err


def test_failure_lines_name_the_input_once(isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(isolated, "a.txt", "First outlet.")
    _write(isolated, "b.txt", "RESET")
    with FakeServer() as server:
        main(["extract", str(isolated), "--backend", "compatible", "--base-url", server.base_url])
    failed = [line for line in capsys.readouterr().err.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and failed[0].count("b.txt") == 1


def test_an_output_that_cannot_be_written_is_refused_before_any_model_call(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(isolated, "a.txt", "First outlet.")
    with FakeServer() as server:
        code = main(
            [
                "brief",
                str(isolated),
                "--base-url",
                server.base_url,
                "--backend",
                "compatible",
                "-o",
                str(isolated.parent / "missing" / "brief.md"),
            ]
        )
        assert server.requests == []
    assert code == 2 and "the folder" in capsys.readouterr().err


def test_a_read_only_cache_folder_means_a_run_without_the_cache(
    isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = isolated.parent / "cache-is-a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(blocker / "sub"))
    _write(isolated, "a.txt", "First outlet.")
    with FakeServer() as server:
        code = main(["brief", str(isolated), "--backend", "compatible", "--base-url", server.base_url])
    out, err = capsys.readouterr()
    assert code == 0 and "10,000" in out
    assert "running without it" in err and "Traceback" not in err


def test_a_full_disk_leaves_the_previous_output_whole(
    isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    _write(isolated, "a.txt", "First outlet.")
    output = isolated.parent / "brief.md"
    output.write_text("yesterday's brief\n", encoding="utf-8")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
            self.fh = real_fdopen(fd, "w")

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with FakeServer() as server:
        code = main(
            ["brief", str(isolated), "--backend", "compatible", "--base-url", server.base_url, "-o", str(output)]
        )
    err = capsys.readouterr().err
    assert code == 1 and "No space left on device" in err and "Traceback" not in err
    assert output.read_text(encoding="utf-8") == "yesterday's brief\n"  # not truncated
    assert [p.name for p in output.parent.iterdir() if p.name.startswith(".brief.md")] == []  # no temp left


def test_a_large_run_is_announced_before_it_starts(
    isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer import cli

    monkeypatch.setattr(cli, "MANY_ARTICLES", 1)
    _write(isolated, "a.txt", "First outlet.")
    _write(isolated, "d.txt", "Second outlet.")
    with FakeServer() as server:
        main(["extract", str(isolated), "--backend", "compatible", "--base-url", server.base_url])
    assert "warning: 2 articles: at least 2 model calls" in capsys.readouterr().err


def test_an_answer_with_no_choices_is_said_plainly(isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(isolated, "a.txt", "NO-CHOICES")
    _write(isolated, "d.txt", "Second outlet.")
    with FakeServer() as server:
        code = main(["extract", str(isolated), "--backend", "compatible", "--base-url", server.base_url])
    err = capsys.readouterr().err
    assert code == 1
    (line,) = [x for x in err.splitlines() if x.startswith("failed:")]
    assert "could not be used" in line and "No choices" in line and "<failed_attempts>" not in line


def _brief_json(isolated: Path, server: FakeServer) -> list[str]:
    output = isolated.parent / "brief.json"
    url = server.base_url
    return ["brief", str(isolated), "--backend", "compatible", "--base-url", url, "--format", "json", "-o", str(output)]


def test_an_answer_still_malformed_after_the_reask_fails_the_article_and_is_asked_again_next_run(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(isolated, "a.txt", "First outlet.")
    _write(isolated, "d.txt", "Second outlet, other words here.")
    with FakeServer(malformed=True) as server:
        code = main(_brief_json(isolated, server))
        err = capsys.readouterr().err
        sent = len(server.requests)
        brief = json.loads((isolated.parent / "brief.json").read_text()) if code != 3 else None
        assert code == 3  # no article could be extracted: not an empty success
        assert brief is None
        assert err.count("could not be used after 2 attempt(s)") == 1  # one cause, said once for both
        assert "failed: 2 articles" in err
        assert sent == 4 and f"{sent} model call(s)" in err  # each article asked, and asked again once
        server.malformed = False  # the server answers properly now: nothing was stored, both are asked again
        code = main(_brief_json(isolated, server))
    err = capsys.readouterr().err
    brief = json.loads((isolated.parent / "brief.json").read_text())
    assert code == 0 and "reused the stored extraction" not in err
    assert len(server.requests) == sent + 2
    assert [claim["figure"] for claim in brief["claims"]] == ["10,000"]


def test_a_malformed_answer_beside_a_good_one_is_listed_as_failed_with_its_reason(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(isolated, "a.txt", "MALFORMED")
    _write(isolated, "d.txt", "Second outlet, other words here.")
    with FakeServer() as server:
        code = main(_brief_json(isolated, server))
    err = capsys.readouterr().err
    brief = json.loads((isolated.parent / "brief.json").read_text())
    assert code == 1
    (failure,) = brief["failures"]
    assert failure["source"].endswith("a.txt") and "could not be used" in failure["error"]
    assert [line for line in err.splitlines() if line.startswith("failed:")] == [
        f"failed: {failure['source']}: {failure['error']}"
    ]


def test_names_the_article_never_names_are_unverified_even_when_they_share_a_common_word(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated / "a.txt").write_text(
        f"{BODY} Delegates met at a ministry summit in the provincial capital on Tuesday, and the "
        "parliament of the host country debated the fabricated reports for hours. INVENTED\n",
        encoding="utf-8",
    )
    with FakeServer() as server:
        code = main(["extract", str(isolated), "--backend", "compatible", "--base-url", server.base_url])
    (result,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    ex = result["extraction"]
    kept = {a["name"] for a in ex["actors"]} | {r["speaker"] for r in ex["official_reactions"]}
    kept |= {n for e in ex["troop_estimates"] for n in (e["attribution"]["source"], e["attribution"]["organization"])}
    invented = {"Ministry of Fabrication", "Parliament of Atlantis"}
    assert not invented & kept
    set_apart = json.dumps(result["unverified"])
    assert all(name in set_apart for name in invented)


def test_a_speaker_the_sentence_does_not_credit_is_replaced_and_listed_as_unverified(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated / "a.txt").write_text(
        f'{BODY} NATO Secretary General Mark Rutte warned that the deployment was "a dangerous escalation" '
        "of the war. WRONG-SPEAKER\n",
        encoding="utf-8",
    )
    with FakeServer() as server:
        assert main(["extract", str(isolated), "--backend", "compatible", "--base-url", server.base_url]) == 0
    (result,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    warned = [r for r in result["extraction"]["official_reactions"] if "warned" in r["quote"]]
    assert [r["speaker"] for r in warned] == ["Mark Rutte"]
    (replaced,) = [u for u in result["unverified"] if u["kind"] == "official_reaction"]
    assert replaced["item"]["speaker"] == "Pentagon" and "'Mark Rutte'" in replaced["reason"]


@pytest.mark.parametrize(
    ("status", "says"), [(401, "rejected the API key"), (403, "refused access"), (404, "does not serve model")]
)
def test_what_the_configuration_must_fix_exits_2_and_is_said_once(
    isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, status: int, says: str
) -> None:
    monkeypatch.setenv("SUMMARIZER_CONCURRENCY", "1")
    for name in ("a.txt", "b.txt", "c.txt"):
        _write(isolated, name, f"Outlet {name}.")
    with FakeServer(status=status) as server:
        code = main(_brief_json(isolated, server))
    err = capsys.readouterr().err
    assert code == 2
    assert err.count(says) == 1 and "stopped: 3 article(s) not extracted" in err
    assert "failed:" not in err and "Traceback" not in err
    assert len(server.requests) == 1 and "1 model call(s)" in err  # the requests sent, failed ones included


def test_an_article_over_max_article_chars_is_refused_alone_with_the_setting_named(
    isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_ARTICLE_CHARS", "2000")
    _write(isolated, "a.txt", "First outlet.")
    (isolated / "huge.txt").write_text(" ".join([BODY] * 20) + "\n", encoding="utf-8")
    with FakeServer() as server:
        code = main(_brief_json(isolated, server))
    err = capsys.readouterr().err
    assert code == 1 and len(server.requests) == 1  # the long one cost no request
    (line,) = [x for x in err.splitlines() if x.startswith("failed:")]
    assert "huge.txt" in line and "over max_article_chars=2,000" in line
    assert json.loads((isolated.parent / "brief.json").read_text())["claims"]


def test_a_long_article_shows_its_parts_as_they_are_planned_and_sent(
    isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_CONTEXT_TOKENS", "1800")
    monkeypatch.setenv("SUMMARIZER_MAX_TOKENS", "256")
    lines = [f"Dispatch {i}: convoys moved to sector {i} overnight, officials told reporters there." for i in range(60)]
    (isolated / "long.txt").write_text(BODY + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with FakeServer() as server:
        code = main(["extract", str(isolated), "--backend", "compatible", "--base-url", server.base_url])
    err = capsys.readouterr().err
    sent = len(server.requests)
    assert code == 0 and sent > 1
    assert f"{sent} parts planned in" in err
    assert [f"part {k}/{sent}" in err for k in range(1, sent + 1)] == [True] * sent
