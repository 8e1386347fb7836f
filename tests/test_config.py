from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.backends.client import make_client
from summarizer.config import load_config
from summarizer.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "summarizer.toml"
    path.write_text(text)
    return path


def test_defaults_with_no_file_no_env_are_the_embedded_local_model(tmp_path: Path) -> None:
    cfg = load_config(env={}, cwd=tmp_path)
    assert cfg.backend == "local"
    assert cfg.base_url is None and cfg.api_key_env is None
    assert cfg.mode == "tools"  # llama.cpp's server: grammar-constrained tool calls
    assert cfg.source == "defaults"


def test_compatible_backend_defaults_to_llama_server_address(tmp_path: Path) -> None:
    cfg = load_config(overrides={"backend": "compatible"}, env={}, cwd=tmp_path)
    assert cfg.base_url == "http://127.0.0.1:8080/v1"


def test_flags_beat_environment_beat_file_beat_defaults(tmp_path: Path) -> None:
    write(tmp_path, 'model = "from-file"\nbase_url = "http://file/v1"\ntemperature = 0.3\nmax_retries = 5\n')
    env = {"SUMMARIZER_MODEL": "from-env", "SUMMARIZER_BASE_URL": "http://env/v1"}
    cfg = load_config(overrides={"model": "from-flag", "base_url": None}, env=env, cwd=tmp_path)
    assert cfg.model == "from-flag"  # flag
    assert cfg.base_url == "http://env/v1"  # env (the flag was not given)
    assert cfg.temperature == 0.3 and cfg.max_retries == 5  # file
    assert cfg.timeout == 600.0  # default
    assert cfg.source.startswith("flags > environment > ")


def test_backend_defaults_fill_what_the_user_left_out(tmp_path: Path) -> None:
    cfg = load_config(overrides={"backend": "openai"}, env={}, cwd=tmp_path)
    assert (cfg.model, cfg.mode, cfg.api_key_env, cfg.base_url) == (
        "gpt-4o-mini",
        "json_schema",
        "OPENAI_API_KEY",
        None,
    )


def test_a_summarizer_table_is_accepted(tmp_path: Path) -> None:
    write(tmp_path, '[summarizer]\nbackend = "openai"\nmodel = "gpt-4.1-mini"\n')
    assert load_config(env={}, cwd=tmp_path).model == "gpt-4.1-mini"


def test_explicit_config_path_and_env_path(tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text('model = "x"\n')
    assert load_config(other, env={}, cwd=tmp_path).model == "x"
    assert load_config(env={"SUMMARIZER_CONFIG": str(other)}, cwd=tmp_path).model == "x"
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.toml", env={}, cwd=tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('modle = "x"\n', "unknown setting"),
        ('backend = "ollama-cloud"\n', "unknown backend"),
        ("temperature = 9\n", "temperature"),
        ("model = \n", "not valid TOML"),
    ],
)
def test_bad_settings_are_errors_that_say_what_to_fix(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, text)
    with pytest.raises(ConfigError, match=message):
        load_config(env={}, cwd=tmp_path)


def test_missing_key_names_the_variable_and_the_alternative(tmp_path: Path) -> None:
    cfg = load_config(overrides={"backend": "openai"}, env={}, cwd=tmp_path)
    with pytest.raises(ConfigError) as caught:
        make_client(cfg)
    assert "OPENAI_API_KEY" in str(caught.value) and "compatible" in str(caught.value)


def test_key_is_read_from_the_environment_and_masked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_KEY", "sk-abcdefghijklmnop1234")
    cfg = load_config(overrides={"backend": "openai", "api_key_env": "MY_KEY"}, env={}, cwd=tmp_path)
    assert cfg.api_key() == "sk-abcdefghijklmnop1234"
    assert cfg.masked_api_key() == "sk-…1234"
    assert "abcdefghijklmnop" not in repr(cfg) and "abcdefghijklmnop" not in cfg.model_dump_json()


def test_local_model_is_named_after_its_file(tmp_path: Path) -> None:
    cfg = load_config(overrides={"model_path": "/m/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"}, env={}, cwd=tmp_path)
    assert cfg.model == "qwen2.5-coder-1.5b-instruct-q4_k_m"
    named = load_config(overrides={"model_path": "/m/x.gguf", "model": "mine"}, env={}, cwd=tmp_path)
    assert named.model == "mine"


def test_a_local_config_never_falls_through_to_openai(tmp_path: Path) -> None:
    cfg = load_config(env={}, cwd=tmp_path)  # backend local, no server yet
    with pytest.raises(ConfigError, match="connect"):
        make_client(cfg)


@pytest.mark.parametrize("url", ["", "   ", "127.0.0.1:8080/v1", "ftp://127.0.0.1/v1", "http://"])
def test_a_base_url_that_is_not_an_http_address_is_a_configuration_error(tmp_path: Path, url: str) -> None:
    """An empty base_url once sent the article text to api.openai.com."""
    with pytest.raises(ConfigError, match=r"base_url is .*http\(s\)://host:port/v1"):
        load_config(overrides={"backend": "compatible", "base_url": url}, env={}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="base_url"):
        load_config(overrides={"backend": "openai"}, env={"SUMMARIZER_BASE_URL": url or "x"}, cwd=tmp_path)


def test_https_and_loopback_addresses_are_accepted(tmp_path: Path) -> None:
    for url in ("http://127.0.0.1:8080/v1", "https://api.example.com/v1"):
        assert load_config(overrides={"backend": "compatible", "base_url": url}, env={}, cwd=tmp_path).base_url == url


@pytest.mark.parametrize(
    "content", [b"\xff\xfeb\x00a\x00c\x00", "backend = 'café'".encode("latin-1"), b"\x89PNG\x00\x01"]
)
def test_a_config_file_that_is_not_utf8_is_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "summarizer.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=r"not UTF-8 text|not valid TOML"):
        load_config(cwd=tmp_path, env={})
