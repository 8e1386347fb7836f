"""summarizer: cross-source briefs from news articles, every item backed by a quote.

The library API (the CLI is a thin shell over it)::

    import summarizer
    config = summarizer.load_config()            # flags > env > summarizer.toml > defaults
    results = summarizer.extract(["seeds/"], config)
    brief = summarizer.brief(["seeds/", "https://example.com/story"], config)
    print(summarizer.brief_markdown(brief))
    html = summarizer.brief_html(brief, summarizer.load_articles(["seeds/"]))
    report = summarizer.evaluate("tests/gold/seeds", config, against="extractions.jsonl")
"""

from summarizer.config import Config, load_config
from summarizer.errors import SummarizerError
from summarizer.ingest import load_articles
from summarizer.pipeline import brief, evaluate, extract
from summarizer.render.html import brief_html
from summarizer.render.markdown import brief_markdown

__all__ = [
    "Config",
    "SummarizerError",
    "brief",
    "brief_html",
    "brief_markdown",
    "evaluate",
    "extract",
    "load_articles",
    "load_config",
]
