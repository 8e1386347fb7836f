"""JSON Lines: read a file whose every line is one pydantic model; write items as they come."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO, TypeVar

from pydantic import BaseModel

from summarizer.errors import InputError, SummarizerError

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


class LineWriter:
    """Items written as they come, so a long run holds none of them in memory: to stdout
    (flushed after each), or to ``output`` through a temporary file beside it that
    replaces it when the writer closes — also on Ctrl-C or an error, as every item in it
    is whole. Nothing written means the old file (or none) is left as it was.

    Items are separated by ``separator`` and the output ends with a newline, as
    ``separator.join(items)`` printed would."""

    def __init__(self, output: Path | None, *, separator: str = "\n") -> None:
        self.output = output
        self.separator = separator
        self.count = 0
        self._last = ""
        self._temporary: Path | None = None
        self._fh: TextIO = sys.stdout
        if output is not None:
            fd, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
            self._temporary = Path(name)
            self._fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, text: str) -> None:
        self.write_raw((self.separator if self.count else "") + text)
        self.count += 1

    def close(self) -> bool:
        """Finish the output; True when a file was written."""
        if self.count and self._last != "\n":
            self.write_raw("\n")
        if self._temporary is None:
            return False
        if not self.count:
            self._discard()
            return False
        try:
            self._fh.close()
            assert self.output is not None
            os.replace(self._temporary, self.output)
        except OSError as exc:
            self._discard()
            raise SummarizerError(f"cannot write {self.output}: {exc.strerror or exc}") from exc
        self._temporary = None
        return True

    def write_raw(self, text: str) -> None:
        try:
            self._fh.write(text)
            self._fh.flush()
        except OSError as exc:
            self._discard()
            raise SummarizerError(f"cannot write {self.output or 'stdout'}: {exc.strerror or exc}") from exc
        self._last = text[-1:] or self._last

    def _discard(self) -> None:
        if self._temporary is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._temporary.unlink(missing_ok=True)
            self._temporary = None

    def __enter__(self) -> LineWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
