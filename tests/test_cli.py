"""The CLI shell: exit codes, one-line errors, masked keys, output to files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.cli import main
from tests.helpers import SEEDS, TEST_PARSER


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("SUMMARIZER_CONFIG", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_config_shows_resolution_with_the_key_masked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-live-0123456789abcdef")
    assert main(["config", "--backend", "openai", "--model", "gpt-4.1-mini"]) == 0
    out = capsys.readouterr().out
    assert 'model = "gpt-4.1-mini"' in out and 'backend = "openai"' in out
    assert "0123456789abcdef" not in out and 'api_key = "sk-…cdef"' in out


def test_missing_key_is_one_line_with_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(SEEDS[0]), "--backend", "openai"])
    err = capsys.readouterr().err
    assert code == 2
    assert "OPENAI_API_KEY is not set" in err and "Traceback" not in err


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_unreachable_server_is_one_line_with_the_fix(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.backends.local_server import free_port

    monkeypatch.setenv("SUMMARIZER_HTTP_RETRIES", "0")
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    code = main(["extract", str(SEEDS[0]), str(SEEDS[1]), "--backend", "compatible", "--base-url", url])
    err = capsys.readouterr().err
    assert code == 2  # a base_url where nothing listens is the configuration's to fix
    # the run stops at the first: the cause is said once, not once per article
    assert err.count(f"cannot reach the model server at {url}") == 1
    assert "stopped: 2 article(s) not extracted" in err
    assert "failed:" not in err and "Traceback" not in err


def test_a_missing_key_for_a_server_of_ones_own_suggests_no_other_backend(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MY_SERVER_KEY", raising=False)
    monkeypatch.setenv("SUMMARIZER_API_KEY_ENV", "MY_SERVER_KEY")
    code = main(["extract", str(SEEDS[0]), "--backend", "compatible", "--base-url", "http://127.0.0.1:9/v1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "MY_SERVER_KEY is not set" in err and "remove api_key_env" in err and 'backend = "compatible"' not in err


def test_missing_input_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "no-such-file.txt"]) == 2
    assert "skipped no-such-file.txt: does not exist" in capsys.readouterr().err


def test_binary_input_is_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(["extract", str(blob)]) == 2
    assert "binary" in capsys.readouterr().err


def test_cache_clear(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cache", "clear"]) == 0
    assert "removed 0 stored extraction(s)" in capsys.readouterr().err


def test_local_backend_with_a_missing_model_file_says_how_to_fix(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(SEEDS[0]), "--model-path", "nowhere.gguf"])
    err = capsys.readouterr().err
    assert code == 2
    # the first line names the backend, the model file and the threads llama.cpp gets
    assert re.match(r"backend local \(nowhere\.gguf, \d+ thread\(s\)\)", err.splitlines()[0])
    assert "nowhere.gguf does not exist" in err and "Traceback" not in err


def test_inputs_with_no_article_text_are_skipped_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "stub.html").write_text("<html><body><nav>Home</nav><p>Subscribe.</p></body></html>")
    assert main(["brief", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "warning: skipped" in err and "empty.txt: no article text" in err and "stub.html" in err
    assert "no article to read" in err and "Traceback" not in err


def test_the_readme_exit_code_table_is_the_one_in_code() -> None:
    from summarizer.errors import ExitCode
    from tests.helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert f"| `{int(code)}` | {code.meaning} |" in readme


def test_a_model_that_cannot_be_fetched_fails_before_any_article_is_announced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Offline, first run, no --model-path: the one line says how to fix it, and no
    # "[1/3] a.txt …" line pretends the articles were being read before it.
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("SUMMARIZER_MODEL_PATH", raising=False)
    monkeypatch.setenv("SUMMARIZER_PARSER_MODEL", TEST_PARSER)  # the parser is there; the model is not
    folder = tmp_path / "story"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"{name.upper()} report. " + "Some 3,000 troops crossed the border. " * 10)
    code = main(["brief", str(folder), "--backend", "local"])
    err = capsys.readouterr().err
    assert code == 2
    assert "model_path" in err
    assert not [line for line in err.splitlines() if line.startswith("[")]


def test_a_slow_run_says_how_far_it_is_and_the_time_left(capsys: pytest.CaptureFixture[str]) -> None:
    from schemas import Article
    from schemas.brief import FailedArticle
    from summarizer import cli

    clock = iter([100.0, 160.0, 220.0, 280.0])  # the first start, then each article's end
    pace = cli._Pace(3, clock=lambda: next(clock))
    article = Article(id="a", source="a.txt", text="Some 3,000 troops crossed.")
    pace.start(0, article)
    for i in range(3):
        pace.finished(i, article, FailedArticle(source="a.txt", error="x"), False)
    lines = [line.strip() for line in capsys.readouterr().err.splitlines() if "done" in line]
    assert lines == [
        "1/3 done, 60 s per article, about 2 min 0 s left",
        "2/3 done, 60 s per article, about 1 min 0 s left",
    ]
