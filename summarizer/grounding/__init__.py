"""Stage 3: find each item's evidence in its article, check that it says what the item
claims, and correct what the text itself settles."""

from summarizer.grounding.grounder import Grounder, Span, normalize, normalize_with_map

__all__ = ["Grounder", "Span", "normalize", "normalize_with_map"]
