"""Find the GGUF file the local backend runs: configured, cached, or downloaded.

Order: ``model_path`` from the configuration; a file already in the model cache
directory; otherwise the default model is downloaded from the Hugging Face hub (with
``huggingface_hub``, progress bar included), its SHA-256 checked, and kept in the
cache directory. The checksum is the one the hub publishes for the file (its LFS
ETag is the SHA-256 of the content), so nothing is trusted on the download's word alone.
Offline, the error says how to point ``model_path`` at a file.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from summarizer.config import user_cache_dir
from summarizer.errors import ConfigError


@dataclass(frozen=True)
class ModelFile:
    repo_id: str
    filename: str


# Qwen2.5-1.5B-Instruct, Q4_K_M (~1.1 GB, Apache-2.0): small enough for a laptop CPU,
# good enough at schema-constrained extraction to be a useful default.
DEFAULT_MODEL = ModelFile(
    repo_id="Qwen/Qwen2.5-1.5B-Instruct-GGUF",
    filename="qwen2.5-1.5b-instruct-q4_k_m.gguf",
)


def models_dir() -> Path:
    override = os.environ.get("SUMMARIZER_MODELS_DIR")
    if override:
        return Path(override)
    return user_cache_dir() / "models"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def resolve_model_path(model_path: str | None, default: ModelFile = DEFAULT_MODEL) -> Path:
    """The GGUF file to run, downloading the default model if nothing else is there."""
    if model_path:
        path = Path(model_path).expanduser()
        if not path.is_file():
            raise ConfigError(f"model_path {path} does not exist: point model_path (or --model-path) at a .gguf file")
        return path
    cached = models_dir() / default.filename
    if cached.is_file():
        return cached
    return download(default, cached)


def download(model: ModelFile, target: Path) -> Path:
    if importlib.util.find_spec("huggingface_hub") is None:
        raise ConfigError(
            "no local model file yet and huggingface_hub is not installed: pip install -e '.[local]', "
            "or set model_path in summarizer.toml to a .gguf file"
        )
    from huggingface_hub import get_hf_file_metadata, hf_hub_download, hf_hub_url

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        published = get_hf_file_metadata(hf_hub_url(model.repo_id, model.filename)).etag or ""
        fetched = Path(hf_hub_download(repo_id=model.repo_id, filename=model.filename))
    except Exception as exc:  # offline, hub unreachable, file moved: all mean "give me a file"
        raise ConfigError(
            f"could not download {model.filename} from the Hugging Face hub ({type(exc).__name__}): "
            f'download a GGUF model yourself and set model_path = "/path/to/model.gguf" in summarizer.toml '
            f"(or pass --model-path)"
        ) from exc
    expected = published.strip('"').removeprefix("W/").strip('"').lower()
    actual = sha256_of(fetched)
    if len(expected) != 64 or actual != expected:
        raise ConfigError(
            f"{fetched} has SHA-256 {actual[:16]}…, but the hub publishes {expected[:16] or 'none'}…: "
            "delete it and retry, or set model_path to a file you trust"
        )
    partial = target.with_suffix(".part")
    shutil.copyfile(fetched, partial)
    partial.replace(target)
    return target
