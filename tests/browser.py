"""Drive Debian's Chromium (``apt-get install chromium``) with Playwright's client.

Playwright's own browser downloads are not reachable here, so the system browser is
launched by path. ``SUMMARIZER_CHROMIUM`` overrides the path.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--headless=new"]


def chromium_path() -> str | None:
    return os.environ.get("SUMMARIZER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str | None:
    """Why no browser test can run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if chromium_path() is None:
        return "no Chromium (apt-get install chromium)"
    return None


@contextmanager
def browser_page(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A page in a fresh headless Chromium, offline: any request leaving the file fails."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
            yield context.new_page()
        finally:
            browser.close()
