"""summarizer: cross-source briefs from news articles, every item backed by a quote.

The library API (the CLI is a thin shell over it)::

    import summarizer
    config = summarizer.load_config()            # flags > env > summarizer.toml > defaults
    results = summarizer.extract(["seeds/"], config)
    brief = summarizer.brief(["seeds/"], config)
    print(summarizer.brief_markdown(brief))
"""

from summarizer.config import Config, load_config
from summarizer.errors import SummarizerError
from summarizer.pipeline import brief, extract
from summarizer.render import brief_markdown

__all__ = ["Config", "SummarizerError", "brief", "brief_markdown", "extract", "load_config"]
