"""The one exceptions module. Every message says what the user can do about it."""

from __future__ import annotations


class SummarizerError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code = 1


class ConfigError(SummarizerError):
    """The configuration is missing something or holds a bad value."""

    exit_code = 2


class InputError(SummarizerError):
    """An input path cannot be read as an article."""

    exit_code = 2


class BackendError(SummarizerError):
    """The model server refused the request or could not be reached."""

    def __init__(self, message: str, *, affects_every_request: bool = False) -> None:
        super().__init__(message)
        # A bad key, an unknown model or a dead server fail every article alike:
        # a batch stops at the first instead of repeating the same error N times.
        self.affects_every_request = affects_every_request


class ExtractionError(SummarizerError):
    """A model answered, but no usable extraction came out of it."""


class TruncatedError(ExtractionError):
    """The model's answer stopped at max_tokens."""

    def __init__(self, message: str, *, max_tokens: int) -> None:
        super().__init__(message)
        self.max_tokens = max_tokens
