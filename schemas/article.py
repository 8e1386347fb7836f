"""An input article: its text and whatever metadata the text or file name gives."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class Article(BaseModel):
    """One news article as read from disk (or stdin)."""

    id: str = Field(description="Stable id: a hash of the whitespace-normalized text.")
    source: str = Field(description="Where the text came from: a file path or '-'.")
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    author: str | None = None
    url: str | None = Field(default=None, description="Where a fetched page came from.")
    text: str
