"""``make screenshot``: the seeds' HTML brief, replayed from the cassettes, as PNG files.

Writes build/brief.html, build/brief.png (the whole page) and build/brief-claim.png
(the sources after clicking a claim, its quotes outlined). Needs Debian's chromium and
the playwright package (see tests/browser.py); no model, no network.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import pipeline  # noqa: E402
from summarizer.config import Config  # noqa: E402
from summarizer.html_report import brief_html  # noqa: E402
from summarizer.ingest import load_articles  # noqa: E402
from tests import browser  # noqa: E402
from tests.replay import replay_seeds  # noqa: E402


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
