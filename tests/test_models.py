"""Where the local backend's model file comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.backends.model_file import DEFAULT_MODEL, resolve_model_path
from summarizer.errors import ConfigError


def test_configured_path_wins(tmp_path: Path) -> None:
    model = tmp_path / "mine.gguf"
    model.write_bytes(b"GGUF")
    assert resolve_model_path(str(model)) == model


def test_missing_configured_path_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"model_path .* does not exist"):
        resolve_model_path(str(tmp_path / "nope.gguf"))


def test_a_cached_model_is_used_without_downloading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tmp_path))
    cached = tmp_path / DEFAULT_MODEL.filename
    cached.write_bytes(b"GGUF")
    assert resolve_model_path(None) == cached


def test_offline_first_run_explains_how_to_point_at_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("huggingface_hub")
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # and --block-network stops any attempt anyway
    with pytest.raises(ConfigError) as caught:
        resolve_model_path(None)
    message = str(caught.value)
    assert "could not download" in message and "model_path" in message and "--model-path" in message
    assert not (tmp_path / "models" / DEFAULT_MODEL.filename).exists()
