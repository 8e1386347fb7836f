"""The spaCy pipeline that parses articles: where it is, fetched on first use like the GGUF.

``parser_model`` names an installed spaCy package (``en_core_web_sm``), or a folder
holding a pipeline (``config.cfg`` and its components). The default, spaCy's official
``en_core_web_sm`` 3.8.0 (MIT), is not on the package index: when it is not installed,
its release wheel is fetched once into ``models_dir()``, checked against its SHA-256,
unpacked, and loaded from there. Offline, one line says how to install it instead.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from summarizer.backends.model_file import models_dir, sha256_of
from summarizer.config import Config
from summarizer.errors import ConfigError


@dataclass(frozen=True)
class Pipeline:
    name: str
    version: str
    url: str
    sha256: str

    @property
    def folder(self) -> str:
        return f"{self.name}-{self.version}"


# spaCy's own release of the pipeline (the checksum of its wheel as published).
OFFICIAL = {
    "en_core_web_sm": Pipeline(
        name="en_core_web_sm",
        version="3.8.0",
        url="https://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.8.0/"
        "en_core_web_sm-3.8.0-py3-none-any.whl",
        sha256="1932429db727d4bff3deed6b34cfc05df17794f4a52eeb26cf8928f7c1a0fb85",
    ),
}


def parser_location(config: Config) -> str:
    """What ``spacy.load`` takes for ``config.parser_model``: a package name or a folder."""
    name = config.parser_model
    folder = Path(name).expanduser()
    if "/" in name or folder.is_dir():
        if not (folder / "config.cfg").is_file():
            raise ConfigError(
                f"parser_model {name} is not a spaCy pipeline folder (no config.cfg in it): point parser_model "
                "in summarizer.toml at one, or name an installed package such as en_core_web_sm"
            )
        return str(folder)
    if importlib.util.find_spec(name) is not None:
        return name
    official = OFFICIAL.get(name)
    if official is None:
        raise ConfigError(
            f"parser_model {name!r} is not installed: `python -m spacy download {name}`, "
            'or set parser_model = "/path/to/pipeline" in summarizer.toml'
        )
    return str(fetch(official))


def fetch(pipeline: Pipeline, into: Path | None = None) -> Path:
    """The unpacked pipeline folder, downloaded and checked the first time."""
    target = (into or models_dir()) / pipeline.folder
    inner = target / pipeline.name / pipeline.folder
    if (inner / "config.cfg").is_file():
        return inner
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        wheel = Path(scratch) / f"{pipeline.folder}.whl"
        try:
            with urllib.request.urlopen(pipeline.url, timeout=60) as answer, wheel.open("wb") as out:
                shutil.copyfileobj(answer, out)
        except OSError as exc:
            raise ConfigError(
                f"cannot download the parser model {pipeline.name} {pipeline.version} ({exc}): install it with "
                f'`python -m spacy download {pipeline.name}`, or set parser_model = "/path/to/pipeline" '
                "in summarizer.toml"
            ) from exc
        actual = sha256_of(wheel)
        if actual != pipeline.sha256:
            raise ConfigError(
                f"the downloaded {pipeline.name} {pipeline.version} does not match its published checksum "
                f"(sha256 {actual[:12]}…, expected {pipeline.sha256[:12]}…): nothing was kept; try again, or "
                f"`python -m spacy download {pipeline.name}`"
            )
        unpacked = Path(scratch) / "unpacked"
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(unpacked)
        if not (unpacked / pipeline.name / pipeline.folder / "config.cfg").is_file():
            raise ConfigError(
                f"{pipeline.url} holds no {pipeline.folder} pipeline: set parser_model in summarizer.toml"
            )
        shutil.rmtree(target, ignore_errors=True)
        unpacked.rename(target)  # whole or not at all
    return inner
