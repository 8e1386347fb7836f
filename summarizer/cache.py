"""A SQLite store of finished extractions, written as each article completes.

Keyed by article hash + backend + model + prompt version + schema version + grounding
version (the rules that vet and correct an answer): change any of them and the article
is extracted again. An interrupted run loses nothing
already stored, and the re-run makes no model call for it.

Storage never loses a run: a file that is not a database is moved aside and a fresh store
created; a store held by another process is waited for (a busy timeout); a store that
cannot be opened or written (read-only, full disk, a lock held too long) is a warning and
the run goes on without it. A healthy file is never moved aside.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from pathlib import Path

from pydantic import ValidationError

from schemas import VerifiedExtraction
from schemas.extraction import SCHEMA_VERSION

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    source TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    created REAL NOT NULL,
    payload TEXT NOT NULL
)
"""


def cache_key(article_id: str, backend: str, model: str, prompt_version: str, *, grounding: str) -> str:
    """The key of one article's extraction: a change to any part re-extracts it."""
    parts = "\0".join((article_id, backend, model, prompt_version, SCHEMA_VERSION, grounding))
    return hashlib.sha256(parts.encode()).hexdigest()


_COLUMNS = ["key", "article_id", "source", "model", "prompt_version", "schema_version", "created", "payload"]
_BUSY_SECONDS = 30.0  # how long to wait for another process holding the write lock


class CacheUnavailable(Exception):
    """The store cannot be used this run (a read-only folder, a full disk, a lock held
    too long): the run goes on without it."""


class ExtractionCache:
    """Raises :class:`CacheUnavailable` when the file cannot be opened or created."""

    def __init__(self, path: Path, *, busy_seconds: float = _BUSY_SECONDS) -> None:
        self.path = path
        self.busy_seconds = busy_seconds
        self.broken: str | None = None  # why writing stopped, once it has
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except (OSError, sqlite3.Error) as exc:
            raise CacheUnavailable(f"cannot use the cache {path} ({_why(exc)})") from exc

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.busy_seconds)
        try:
            self._check(db)
            db.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL: a commit survives the process being killed (what a stopped
            # run needs); only a power cut may lose the last few. FULL syncs the disk on
            # every article, ~2 ms each, on the event loop.
            db.execute("PRAGMA synchronous=NORMAL")
            return db
        except sqlite3.OperationalError:
            # Locked by another process, read-only, out of space: the file is fine.
            db.close()
            raise
        except sqlite3.DatabaseError as exc:
            db.close()
            aside = self.path.with_suffix(f".corrupt-{int(time.time())}")
            log.warning(
                "cache %s is not a usable database (%s): moved to %s, starting a new one", self.path, exc, aside
            )
            self.path.rename(aside)
            db = sqlite3.connect(self.path, timeout=self.busy_seconds)
            db.execute(_SCHEMA)
            return db

    def _check(self, db: sqlite3.Connection) -> None:
        """A real database with our table: a damaged file raises DatabaseError; a table
        of another layout (an older version) is rebuilt."""
        if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
        columns = [row[1] for row in db.execute("PRAGMA table_info(extractions)")]
        if columns and columns != _COLUMNS:
            log.warning("cache %s holds an older layout: rebuilt (its stored extractions are dropped)", self.path)
            with db:
                db.execute("DROP TABLE extractions")
        with db:
            db.execute(_SCHEMA)

    def get(self, key: str) -> VerifiedExtraction | None:
        try:
            row = self._db.execute("SELECT payload FROM extractions WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            log.warning("cannot read the cache %s (%s): extracting again", self.path, _why(exc))
            return None
        if row is None:
            return None
        try:
            return VerifiedExtraction.model_validate_json(row[0])
        except ValidationError:
            log.warning("ignoring an unreadable cache entry %s", key[:12])
            return None

    def put(self, key: str, result: VerifiedExtraction) -> None:
        """Store a finished extraction. A store that cannot be written (full disk, lock
        held too long) costs the stored copy, never the run: a warning, once."""
        if self.broken is not None:
            return
        try:
            self._insert(key, result)
        except sqlite3.Error as exc:
            self.broken = _why(exc)
            log.warning("cannot write to the cache %s (%s): this run's results are not stored", self.path, self.broken)

    def _insert(self, key: str, result: VerifiedExtraction) -> None:
        with self._db:  # one transaction per article: committed as soon as it is done
            self._db.execute(
                "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    result.article_id,
                    result.source,
                    result.model,
                    result.prompt_version,
                    result.schema_version,
                    time.time(),
                    result.model_dump_json(),
                ),
            )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0])

    def clear(self) -> int:
        with self._db:
            return self._db.execute("DELETE FROM extractions").rowcount

    def close(self) -> None:
        self._db.close()


def _why(exc: BaseException) -> str:
    return str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
