"""Shared by the browser tests: Debian's Chromium for Playwright and a local static file server."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Debian Chromium with the flags this machine needs (no sandbox, no GPU, no sync)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextmanager
def chromium() -> Iterator[Browser]:
    """:func:`launch_chromium` for a module's browser fixture; closed afterwards."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def dutch_context(browser: Browser, width: int = 1280, height: int = 900) -> BrowserContext:
    """A browser context as a Dutch reader has it: ``width`` x ``height`` viewport, nl-NL locale."""
    return browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")


# Smallest chart text as the reader sees it: the font size times the scale the SVG is shown at.
CHART_TEXT = """() => {
    let smallest = null;
    document.querySelectorAll('figure.bj-chart .bj-chart__interactive svg').forEach(svg => {
        const natural = svg.width.baseVal.value;
        const shown = svg.getBoundingClientRect().width;
        if (!natural || !shown) return;
        svg.querySelectorAll('text').forEach(text => {
            if (!text.textContent.trim()) return;
            const size = parseFloat(getComputedStyle(text).fontSize) * shown / natural;
            if (smallest === null || size < smallest) smallest = size;
        });
    });
    return smallest;
}"""
"""JavaScript for ``page.evaluate``: the smallest font size (CSS px) of any text in the drawn
(interactive) charts of the page, scaled by how wide each SVG is shown; None without charts."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve the folder ``root`` on 127.0.0.1 (a free port) from a thread; yields the base URL.

    ``root`` may be filled after the server starts (files are read per request).
    """
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
