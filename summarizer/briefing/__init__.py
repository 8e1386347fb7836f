"""Stage 4: merge per-article extractions into claims, series over time, conflicts and
indexes, compose the brief (key points, run info) and say what changed since an earlier
brief. Plain Python over schema objects, no model, no I/O."""

from summarizer.briefing.changes import changes_since
from summarizer.briefing.compose import compose
from summarizer.briefing.merge import Merged, merge

__all__ = ["Merged", "changes_since", "compose", "merge"]
