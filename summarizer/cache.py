"""A SQLite store of finished extractions, written as each article completes.

Keyed by article hash + backend + model + prompt version + schema version: change
any of them and the article is extracted again. An interrupted run loses nothing
already stored, and the re-run makes no model call for it. A file that SQLite cannot
read is moved aside and a fresh store created, with a warning.
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


def cache_key(article_id: str, backend: str, model: str, prompt_version: str) -> str:
    parts = "\0".join((article_id, backend, model, prompt_version, SCHEMA_VERSION))
    return hashlib.sha256(parts.encode()).hexdigest()


class ExtractionCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            db.execute(_SCHEMA)
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.DatabaseError as exc:
            db.close()
            aside = self.path.with_suffix(f".corrupt-{int(time.time())}")
            log.warning("cache %s is unreadable (%s): moved to %s, starting a new one", self.path, exc, aside)
            self.path.rename(aside)
            db = sqlite3.connect(self.path)
            db.execute(_SCHEMA)
            return db

    def get(self, key: str) -> VerifiedExtraction | None:
        row = self._db.execute("SELECT payload FROM extractions WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return VerifiedExtraction.model_validate_json(row[0])
        except ValidationError:
            log.warning("ignoring an unreadable cache entry %s", key[:12])
            return None

    def put(self, key: str, result: VerifiedExtraction) -> None:
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
