"""Stage 3: find each item's evidence in its article, check that it says what the item
claims, and correct what the text itself settles."""

from summarizer.grounding.grounder import Grounder, Span, normalize, normalize_with_map

# What the text and grounding rules keep of a model's answer. Stored extractions are
# keyed by it (summarizer.cache): bump it with any change to summarizer/text or
# summarizer/grounding that changes what an extraction keeps or how it is credited, so
# an upgraded tool does not serve results its rules would no longer give.
GROUNDING_VERSION = "2026-11-25k"

__all__ = ["GROUNDING_VERSION", "Grounder", "Span", "normalize", "normalize_with_map"]
