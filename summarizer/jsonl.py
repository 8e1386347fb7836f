"""Read a JSON Lines file whose every line is one pydantic model."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from summarizer.errors import InputError

M = TypeVar("M", bound=BaseModel)


def read_models(path: str | Path, model: type[M], *, what: str, fix: str) -> list[M]:
    """Every non-blank line of ``path`` as a ``model``. A file that cannot be read, or a
    line that is not ``what``, is an :class:`InputError` naming the file (and line) and
    how to ``fix`` it."""
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"cannot read {file}: {reason}") from exc
    out = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            out.append(model.model_validate_json(line))
        except ValueError as exc:
            raise InputError(f"{file}:{n} is not {what}: {fix}") from exc
    return out
