"""The contract: Pydantic models for articles, per-article extractions and briefs.

This package imports nothing from the rest of the project. Field descriptions are
sent to the model inside the response schema, so they are written as instructions.
"""

from schemas.article import Article
from schemas.brief import Brief
from schemas.extraction import (
    SCHEMA_VERSION,
    Actor,
    ArticleExtraction,
    Attribution,
    Location,
    OfficialReaction,
    TroopEstimate,
    UnverifiedItem,
    VerifiedExtraction,
)

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "ArticleExtraction",
    "Attribution",
    "Brief",
    "Location",
    "OfficialReaction",
    "TroopEstimate",
    "UnverifiedItem",
    "VerifiedExtraction",
]
