"""The one exceptions module. Every message says what the user can do about it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the command line's exit status means: the one table (README, "Commands")."""

    DONE = 0
    SOME_FAILED = 1
    BAD_INPUT = 2
    NOTHING_EXTRACTED = 3
    INTERRUPTED = 130

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.DONE: "done",
    ExitCode.SOME_FAILED: "some articles or inputs failed (the rest is in the output)",
    ExitCode.BAD_INPUT: "bad configuration (a missing or rejected key, 403, an unknown model, a `base_url` with no "
    "server or no API behind it), or no usable input at all",
    ExitCode.NOTHING_EXTRACTED: "no article could be extracted",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C); finished articles are stored",
}


class SummarizerError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code = ExitCode.SOME_FAILED


class ConfigError(SummarizerError):
    """The configuration is missing something or holds a bad value."""

    exit_code = ExitCode.BAD_INPUT


class InputError(SummarizerError):
    """An input path cannot be read as an article."""

    exit_code = ExitCode.BAD_INPUT


class BackendError(SummarizerError):
    """The model server refused the request or could not be reached."""

    def __init__(self, message: str, *, affects_every_request: bool = False, timed_out: bool = False) -> None:
        super().__init__(message)
        # A bad key, an unknown model, a wrong base_url or nothing listening there fail
        # every article alike: the user must fix the configuration (exit 2), and a batch
        # stops at the first instead of repeating the same error N times.
        self.affects_every_request = affects_every_request
        self.exit_code = ExitCode.BAD_INPUT if affects_every_request else ExitCode.SOME_FAILED
        # The server may still be working on the request the client gave up on.
        self.timed_out = timed_out


class ExtractionError(SummarizerError):
    """A model answered, but no usable extraction came out of it."""
