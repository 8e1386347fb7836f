"""Resolve configuration in one place: flags > environment > config file > defaults.

The config file is ``summarizer.toml`` in the working directory, or the path given by
``--config`` / ``SUMMARIZER_CONFIG``. Every field can be set in the file, as an
environment variable ``SUMMARIZER_<FIELD>`` (e.g. ``SUMMARIZER_BASE_URL``), or by the
caller (the CLI passes its flags as ``overrides``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.errors import ConfigError

DEFAULT_CONFIG_FILE = "summarizer.toml"
ENV_PREFIX = "SUMMARIZER_"

Backend = Literal["local", "compatible", "openai"]
Mode = Literal["tools", "json_schema", "json", "md_json"]

# What each backend means when the user says nothing more.
BACKEND_DEFAULTS: dict[str, dict[str, Any]] = {
    "openai": {
        "model": "gpt-4o-mini",
        "mode": "json_schema",
        "api_key_env": "OPENAI_API_KEY",
        "concurrency": 8,
        "context_tokens": 128_000,
    },
    "compatible": {
        "model": "local-model",
        "mode": "tools",
        "base_url": "http://127.0.0.1:8080/v1",
        "concurrency": 4,
        "context_tokens": 16_384,
    },
    # A GGUF model run by llama.cpp in a subprocess this tool starts and stops. It answers
    # one request at a time: more in flight would only queue and run into the timeout.
    "local": {"model": "qwen2.5-1.5b-instruct", "mode": "tools", "concurrency": 1},
}


class Config(BaseModel):
    """The resolved settings for a run. Immutable; build it with :func:`load_config`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    backend: Backend = "local"
    model: str = ""
    base_url: str | None = None
    api_key_env: str | None = Field(
        default=None, description="Name of the environment variable that holds the API key."
    )
    mode: Mode = "tools"
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(
        default=2048, ge=64, description="Ceiling of an answer; each request asks for what its article can hold."
    )
    # An answer that does not parse is asked for again once; with a grammar-constrained
    # backend that almost never happens (citations that do not hold are not re-asked).
    max_retries: int = Field(default=1, ge=0, le=5, description="Re-asks after a malformed answer.")
    http_retries: int = Field(default=4, ge=0, le=10, description="Retries of transient HTTP failures.")
    timeout: float = Field(default=600.0, gt=0, description="Seconds per HTTP request.")
    article_timeout: float = Field(
        default=900.0, gt=0, description="Seconds one article may take, retries included; then it fails alone."
    )
    concurrency: int = Field(default=1, ge=1, le=512, description="Articles extracted at the same time.")
    workers: int | None = Field(
        default=None,
        ge=1,
        le=256,
        description="Processes that extract articles (each its own client) when many are extracted at once, "
        "spreading the tool's own work over the cores (default: one per CPU core; 1: the main process only).",
    )
    batch_poll: float = Field(
        default=30.0, gt=0, description="--batch: seconds between two looks at a submitted Batch API job."
    )
    # A news article is 2-50 thousand characters; a file of megabytes is more likely a
    # dump or a book, and costs a model call per ~20,000 characters.
    max_article_chars: int = Field(
        default=5_000_000, ge=1_000, description="Longer articles are refused (each alone), not split."
    )
    context_tokens: int | None = Field(
        default=None, ge=512, description="The model's context window; longer articles are split (local: n_ctx)."
    )
    seed: int | None = 0
    model_path: str | None = Field(default=None, description="local: the .gguf file (default: downloaded).")
    # 8k tokens hold a ~4,000-word article in one request; longer ones are split. The
    # server's memory is the model file plus ~28 KB of cache per token (~2.2 GB in all).
    n_ctx: int = Field(default=8192, ge=512, description="local: context window in tokens.")
    n_threads: int | None = Field(default=None, ge=1, description="local: CPU threads (default: all cores but one).")
    parser_model: str = Field(
        default="en_core_web_sm",
        min_length=1,
        description="The spaCy pipeline that parses articles: an installed package or a folder "
        "(default: spaCy's en_core_web_sm 3.8.0, downloaded once and checksum-verified if not installed).",
    )
    cache: bool = Field(default=True, description="Reuse stored extractions (same article, model, prompt).")
    cache_dir: str | None = Field(default=None, description="Default: $XDG_CACHE_HOME/summarizer.")
    window_days: int = Field(
        default=7,
        ge=0,
        le=366,
        description="Brief: figures from different sources at most this many days apart are about the same "
        "time (a disagreement); further apart, a change over time.",
    )
    source: str = Field(default="defaults", description="Where the file settings came from.")

    def context_window(self) -> int:
        """Tokens one request may use, answer included (local: the server's n_ctx)."""
        return self.context_tokens or self.n_ctx

    def cache_folder(self) -> Path:
        """Where the store of finished extractions lives."""
        return Path(self.cache_dir).expanduser() if self.cache_dir else user_cache_dir()

    def api_key(self) -> str | None:
        """The API key from the named environment variable (never stored in the config)."""
        return os.environ.get(self.api_key_env) if self.api_key_env else None

    def masked_api_key(self) -> str:
        key = self.api_key()
        if not key:
            return "(not set)" if self.api_key_env else "(none needed)"
        return f"{key[:3]}…{key[-4:]}" if len(key) > 12 else "****"


def user_cache_dir() -> Path:
    """The user's folder for stored extractions and model files ($XDG_CACHE_HOME/summarizer)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer"


_FIELDS = [name for name in Config.model_fields if name != "source"]


def _env_values(env: Mapping[str, str]) -> dict[str, str]:
    return {f: env[ENV_PREFIX + f.upper()] for f in _FIELDS if ENV_PREFIX + f.upper() in env}


def _file_values(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}. Fix the file or pass --config PATH.") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text (TOML must be): save it as UTF-8 or pass --config PATH") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from exc
    # Allow either top-level keys or a [summarizer] table.
    values = data.get("summarizer", data)
    unknown = sorted(set(values) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known settings are {', '.join(_FIELDS)}")
    return dict(values)


def _check_base_url(backend: str, base_url: object) -> None:
    """A server address is http(s)://host...; a ``compatible`` backend must have one, so
    that article text never falls through to OpenAI's host by default."""
    if base_url is None and backend != "compatible":
        return
    text = str(base_url or "").strip()
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        shown = repr(text) if text else "empty"
        raise ConfigError(
            f"base_url is {shown}: give the server's address as http(s)://host:port/v1 "
            "(--base-url, SUMMARIZER_BASE_URL or base_url in summarizer.toml)"
        )


def load_config(
    config_path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Merge defaults, the config file, ``SUMMARIZER_*`` variables and ``overrides``."""
    env = os.environ if env is None else env
    explicit = config_path or env.get(ENV_PREFIX + "CONFIG")
    path = Path(explicit) if explicit else (cwd or Path.cwd()) / DEFAULT_CONFIG_FILE
    if explicit and not path.is_file():
        raise ConfigError(f"config file {path} does not exist; create it or drop --config")

    layers: list[tuple[str, dict[str, Any]]] = []
    if path.is_file():
        layers.append((str(path), _file_values(path)))
    layers.append(("environment", _env_values(env)))
    layers.append(("flags", {k: v for k, v in (overrides or {}).items() if v is not None}))

    merged: dict[str, Any] = {}
    for _, values in layers:
        merged.update(values)
    backend = merged.get("backend", Config.model_fields["backend"].default)
    if backend not in BACKEND_DEFAULTS:
        raise ConfigError(f"unknown backend {backend!r}; choose one of {', '.join(BACKEND_DEFAULTS)}")
    resolved = {**BACKEND_DEFAULTS[backend], **merged}
    if backend == "local" and merged.get("model_path") and "model" not in merged:
        # Name the model after its file, so briefs and cache keys say what really ran.
        resolved["model"] = Path(str(merged["model_path"])).stem
    resolved["source"] = " > ".join(name for name, values in reversed(layers) if values) or "defaults"
    _check_base_url(backend, resolved.get("base_url"))
    try:
        return Config.model_validate(resolved)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ConfigError(
            f"invalid configuration ({problems}); check {path.name}, SUMMARIZER_* variables and flags"
        ) from exc
