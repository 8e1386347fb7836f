"""The parser model is found installed, in a folder, or fetched once from its release
(checksum-verified) into the models folder; offline, one line says what to do."""

from __future__ import annotations

import hashlib
import http.server
import importlib.util
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from summarizer.backends.parser_model import Pipeline, fetch, parser_location
from summarizer.config import load_config
from summarizer.errors import ConfigError
from summarizer.text import parse
from tests.helpers import TEST_PARSER, loopback

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def _release_wheel(folder: Path, name: str, version: str) -> Path:
    """A wheel laid out as spaCy's releases are (name/name-version/config.cfg ...), holding
    the test copy of the pipeline."""
    spec = importlib.util.find_spec(TEST_PARSER)
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).parent / f"{TEST_PARSER}-{version}"
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for file in sorted(p for p in source.rglob("*") if p.is_file()):
            archive.write(file, f"{name}/{name}-{version}/{file.relative_to(source)}")
    return wheel


@contextmanager
def _serving(wheel: Path) -> Iterator[tuple[str, list[str]]]:
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = wheel.read_bytes()
            self.send_response(200)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with loopback(Handler) as base:
        yield f"{base}/{wheel.name}", asked


def test_the_release_is_fetched_once_checked_and_loaded(tmp_path: Path) -> None:
    wheel = _release_wheel(tmp_path, "en_core_web_sm", "3.8.0")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    models = tmp_path / "models"
    with _serving(wheel) as (url, asked):
        pipeline = Pipeline("en_core_web_sm", "3.8.0", url, digest)
        folder = fetch(pipeline, models)
        again = fetch(pipeline, models)
    assert folder == again == models / "en_core_web_sm-3.8.0" / "en_core_web_sm" / "en_core_web_sm-3.8.0"
    assert len(asked) == 1  # the second time it is found, not fetched
    nlp = parse.use(str(folder))
    assert [t.dep_ for t in nlp("Russia sent 10,000 troops.")][2] == "nummod"
    parse.use(TEST_PARSER)


def test_a_release_that_does_not_match_its_checksum_is_refused_and_not_kept(tmp_path: Path) -> None:
    wheel = _release_wheel(tmp_path, "en_core_web_sm", "3.8.0")
    models = tmp_path / "models"
    with _serving(wheel) as (url, _), pytest.raises(ConfigError, match="does not match its published checksum"):
        fetch(Pipeline("en_core_web_sm", "3.8.0", url, "0" * 64), models)
    assert not (models / "en_core_web_sm-3.8.0").exists()


def test_offline_the_error_is_one_line_naming_the_fix(tmp_path: Path) -> None:
    from summarizer.backends.local_server import free_port

    unreachable = Pipeline("en_core_web_sm", "3.8.0", f"http://127.0.0.1:{free_port()}/x.whl", "0" * 64)
    with pytest.raises(ConfigError) as caught:
        fetch(unreachable, tmp_path)
    message = str(caught.value)
    assert "\n" not in message and "python -m spacy download en_core_web_sm" in message and "parser_model" in message


def test_an_installed_package_or_a_pipeline_folder_is_used_as_named(tmp_path: Path) -> None:
    installed = load_config(overrides={"parser_model": TEST_PARSER}, env={}, cwd=tmp_path)
    assert parser_location(installed) == TEST_PARSER
    not_a_pipeline = load_config(overrides={"parser_model": str(tmp_path)}, env={}, cwd=tmp_path)
    with pytest.raises(ConfigError, match=r"no config\.cfg"):
        parser_location(not_a_pipeline)
    unknown = load_config(overrides={"parser_model": "xx_no_such_pipeline"}, env={}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="python -m spacy download xx_no_such_pipeline"):
        parser_location(unknown)


def test_the_default_is_the_official_pipeline_found_in_the_models_folder(tmp_path: Path) -> None:
    """conftest lays the test copy out where a fetched release would be: the users' path."""
    location = parser_location(load_config(env={}, cwd=tmp_path))
    assert location.endswith("en_core_web_sm-3.8.0/en_core_web_sm/en_core_web_sm-3.8.0")
