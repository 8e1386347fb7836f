"""Stage 3: find each item's evidence in its article, check that it says what the item
claims, and correct what the text itself settles."""

from __future__ import annotations

import hashlib
from pathlib import Path

from summarizer.grounding.grounder import Grounder, Span, normalize, normalize_with_map


def rules_fingerprint() -> str:
    """A digest of the source of the text and grounding rules (summarizer/text and
    summarizer/grounding): what they keep of a model's answer and how they credit it.
    Stored extractions are keyed by it (summarizer.cache), so a tool whose rules changed
    in any way never serves results its old rules produced — no version to bump by hand.
    A copy without the source files (a zipped install) falls back to "unknown", which a
    store keyed before still tells apart."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    try:
        for file in sorted([*(package / "text").glob("*.py"), *(package / "grounding").glob("*.py")]):
            digest.update(f"{file.parent.name}/{file.name}\0".encode())
            digest.update(file.read_bytes())
    except OSError:
        return "unknown"
    return digest.hexdigest()[:16]


GROUNDING_VERSION = rules_fingerprint()

__all__ = ["GROUNDING_VERSION", "Grounder", "Span", "normalize", "normalize_with_map", "rules_fingerprint"]
