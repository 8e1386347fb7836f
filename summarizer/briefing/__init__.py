"""Stage 4: merge per-article extractions into claims, conflicts and indexes, and compose
the brief (key points, run info). Plain Python over schema objects, no model, no I/O."""

from summarizer.briefing.compose import compose
from summarizer.briefing.merge import Merged, merge

__all__ = ["Merged", "compose", "merge"]
