"""``make screenshot``: the seeds' HTML brief, replayed from the cassettes, as PNG files.

Writes build/brief.html, build/brief.png (the whole page) and build/brief-claim.png
(the sources after clicking a claim, its quotes outlined). Needs Debian's chromium and
the playwright package (see tests/browser.py); no model, no network.
"""

from __future__ import annotations

import sys

from summarizer import pipeline
from summarizer.config import Config
from summarizer.ingest import load_articles
from summarizer.render.html import brief_html
from tests import browser
from tests.helpers import ROOT, replay_seeds


def main() -> int:
    why = browser.missing()
    if why:
        print(f"cannot take screenshots: {why}", file=sys.stderr)
        return 1
    results = replay_seeds()
    brief = pipeline.brief_from(
        pipeline.ExtractionRun(results=results), Config(backend="compatible", model=results[0].model)
    )
    out = ROOT / "build"
    out.mkdir(exist_ok=True)
    page_file = out / "brief.html"
    page_file.write_text(brief_html(brief, load_articles([str(ROOT / "seeds")])), encoding="utf-8")
    with browser.browser_page(width=1280, height=900) as page:
        page.goto(page_file.as_uri())
        page.screenshot(path=str(out / "brief.png"), full_page=True)
        claim = max(brief.claims, key=lambda c: len(c.reports))
        page.click(f"#claim-{claim.id} button.claim")
        page.screenshot(path=str(out / "brief-claim.png"))
    for name in ("brief.html", "brief.png", "brief-claim.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
