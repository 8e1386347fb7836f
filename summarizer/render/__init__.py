"""Stage 5: the brief as Markdown or as one self-contained HTML page. Every string that
came from an article or a model is escaped."""

from summarizer.render.html import brief_html
from summarizer.render.markdown import brief_markdown, extraction_markdown

__all__ = ["brief_html", "brief_markdown", "extraction_markdown"]
