"""The built site as a visitor sees it: headless Chromium (Debian's) driven by Playwright.

The site is built once for this module, served on 127.0.0.1 by ``http.server`` in a thread,
and visited page by page: no console error, no failed request, no request to another host (they
are recorded and aborted), every chart rendered, no serious or critical axe-core violation.
Search, keyboard access to the data tables, and instant navigation are tested too. Screenshots
of the home page, a question page and the tracker are saved in ``tests/artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Route, sync_playwright

from bejegening.site import build_site
from tests._browser import launch_chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
ARTIFACTS = ROOT / "tests" / "artifacts"
WPI = "wpi-amsterdam-2017-2018"
QUESTION_PAGE = f"enquetes/{WPI}/vragen/q7.html"
CHART_TIMEOUT_MS = 15_000


@dataclass
class Site:
    """The served site: its base URL and folder."""

    base: str
    root: Path

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))


@dataclass
class Traffic:
    """What pages of one browser context did: console errors, failures, foreign requests."""

    base: str
    problems: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    """Requests of the previous page that the browser cancelled when the next page was opened."""
    current: str = ""
    navigating: bool = False

    def attach(self, context: BrowserContext) -> None:
        def route(route: Route) -> None:
            url = route.request.url
            if url.startswith(self.base) or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.foreign.append(f"{self.current}: {url}")
                route.abort()

        context.route("**/*", route)

    def watch(self, page: Page) -> None:
        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.problems.append(f"{self.current}: console: {message.text}")

        def failed(request: Request) -> None:
            if self.navigating and request.failure == "net::ERR_ABORTED":
                self.cancelled.append(request.url)
                return
            self.problems.append(f"{self.current}: failed request {request.url} ({request.failure})")

        def response(resp: Any) -> None:
            if resp.status >= 400:
                self.problems.append(f"{self.current}: HTTP {resp.status} for {resp.url}")

        page.on("console", console)
        page.on("pageerror", lambda error: self.problems.append(f"{self.current}: page error: {error}"))
        page.on("requestfailed", failed)
        page.on("response", response)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("browser") / "site"
    with serve(root) as base:
        # The site_url makes mkdocs-material's instant navigation active, as on a published site.
        build_site(DATA, root, site_url=base)
        yield Site(base, root)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def visit(site: Site, browser: Browser) -> Iterator[tuple[Page, Traffic]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    # axe-core as shipped by axe-playwright-python, injected once per page load (faster than
    # Axe.run, which sends the 500 kB script again for every run).
    context.add_init_script(script=Axe().axe_script)
    traffic = Traffic(site.base)
    traffic.attach(context)
    page = context.new_page()
    traffic.watch(page)
    yield page, traffic
    context.close()


# The chart script marks each figure: data-bj-embedded = "ja" (interactive) or "statisch".
_CHARTS_DONE = """() => Array.from(document.querySelectorAll('figure.bj-chart'))
    .every(f => ['ja', 'statisch'].includes(f.dataset.bjEmbedded))"""

_CHART_STATE = """() => Array.from(document.querySelectorAll('figure.bj-chart')).map(f => {
    const view = f.querySelector('.bj-chart__interactive');
    const image = f.querySelector('img.bj-chart__static');
    return {
        id: f.id,
        state: f.dataset.bjEmbedded || null,
        marks: view ? view.querySelectorAll('g[class*="mark-"] path, g[class*="mark-"] line').length : 0,
        label: view ? view.getAttribute('aria-label') : null,
        static_hidden: image ? image.hidden : null,
        caption: (f.querySelector('figcaption') || {textContent: ''}).textContent.trim(),
    };
})"""


_AXE_RUN = "() => axe.run(document, {resultTypes: ['violations']})"


def _open(page: Page, traffic: Traffic, url: str, path: str) -> None:
    traffic.current = path
    traffic.navigating = True
    page.goto(url + path, wait_until="load")
    traffic.navigating = False
    page.wait_for_function(_CHARTS_DONE, timeout=CHART_TIMEOUT_MS)


def test_every_page_loads_cleanly_renders_its_charts_and_passes_axe(
    site: Site, visit: tuple[Page, Traffic]
) -> None:
    page, traffic = visit
    violations: list[str] = []
    chart_problems: list[str] = []
    charts = 0
    pages = site.pages()
    assert len(pages) > 30
    for path in pages:
        _open(page, traffic, site.base, path)
        for chart in page.evaluate(_CHART_STATE):
            charts += 1
            if chart["state"] != "ja" or chart["marks"] == 0 or not chart["static_hidden"]:
                chart_problems.append(f"{path}#{chart['id']}: {chart}")
            if not chart["label"] or not chart["caption"]:
                chart_problems.append(f"{path}#{chart['id']}: no text alternative")
        result = page.evaluate(_AXE_RUN)
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                violations.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
    assert traffic.foreign == [], "requests to another host"
    assert traffic.problems == []
    assert chart_problems == []
    assert violations == []
    assert charts >= 8  # seven WPI questions and the Laborijn findings in words


def test_charts_show_as_svg_without_javascript(site: Site, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.base + QUESTION_PAGE, wait_until="load")
    images = page.evaluate(
        """() => Array.from(document.querySelectorAll('figure.bj-chart img')).map(img => ({
            src: img.getAttribute('src'), width: img.naturalWidth, alt: img.alt}))"""
    )
    context.close()
    assert len(images) == 1
    assert images[0]["src"].endswith(".svg")
    assert images[0]["width"] > 100
    assert "7" in images[0]["alt"]


def test_search_finds_fouilleren(site: Site, visit: tuple[Page, Traffic]) -> None:
    page, traffic = visit
    _open(page, traffic, site.base, "index.html")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("fouilleren")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    assert any("vragen/q7.html" in link or "themas/fouilleren.html" in link for link in links), links
    assert traffic.problems == [] and traffic.foreign == []


_FOCUS_LOG = """() => { window.__bjFocused = new Set();
    document.addEventListener('focusin', e => {
        const region = e.target.closest && e.target.closest('.bj-table');
        if (region && e.target === region) window.__bjFocused.add(region.getAttribute('aria-labelledby'));
    }); }"""


def test_keyboard_reaches_every_data_table_on_chart_pages(site: Site, visit: tuple[Page, Traffic]) -> None:
    """Tab to the skip link, Enter, then Tab through the content: every table region gets focus."""
    page, traffic = visit
    chart_pages = [p for p in site.pages() if 'class="bj-chart"' in (site.root / p).read_text("utf-8")]
    assert QUESTION_PAGE in chart_pages
    missed: dict[str, list[str]] = {}
    for path in chart_pages:
        _open(page, traffic, site.base, path)
        page.evaluate(_FOCUS_LOG)
        regions = page.eval_on_selector_all(
            ".bj-table", "rs => rs.map(r => r.getAttribute('aria-labelledby'))"
        )
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('md-skip')"), path
        page.keyboard.press("Enter")
        reached: list[str] = []
        for _ in range(10):
            for _ in range(20):
                page.keyboard.press("Tab")
            reached = page.evaluate("() => Array.from(window.__bjFocused)")
            if set(regions) <= set(reached):
                break
        if not set(regions) <= set(reached):
            missed[path] = sorted(set(regions) - set(reached))
    assert missed == {}


def test_tracker_filters_and_sorts(site: Site, visit: tuple[Page, Traffic]) -> None:
    page, traffic = visit
    _open(page, traffic, site.base, "adviezen.html")
    rows = page.locator("#adviezen-tabel tbody tr")
    total = rows.count()
    assert total == 16
    form = page.locator("form.bj-filter")
    assert form.is_visible()
    form.locator("select[data-bj-field='survey']").select_option("laborijn")
    visible = page.locator("#adviezen-tabel tbody tr:not([hidden])")
    assert visible.count() == 10
    assert form.locator("[data-bj-count]").inner_text() == f"10 van {total} adviezen getoond."
    form.locator("input[data-bj-field='text']").fill("huisbezoeken")
    assert visible.count() == 1
    form.locator("button[type='reset']").click()
    page.wait_for_function("() => document.querySelectorAll('#adviezen-tabel tbody tr[hidden]').length === 0")
    header = page.locator("#adviezen-tabel thead th").nth(1)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    surveys = page.eval_on_selector_all("#adviezen-tabel tbody tr", "rs => rs.map(r => r.cells[1].innerText)")
    assert surveys == sorted(surveys, key=str.lower)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert traffic.problems == []


def test_instant_navigation_keeps_charts_working(site: Site, visit: tuple[Page, Traffic]) -> None:
    page, traffic = visit
    _open(page, traffic, site.base, f"enquetes/{WPI}/index.html")
    page.evaluate("() => { window.__bjSamePage = true; }")
    traffic.current = QUESTION_PAGE + " (instant)"
    page.locator("article a[href$='vragen/q7.html']").first.click()
    page.wait_for_url("**/vragen/q7.html")
    page.wait_for_selector("figure.bj-chart[data-bj-embedded='ja']", timeout=CHART_TIMEOUT_MS)
    assert page.evaluate("() => window.__bjSamePage === true"), "the page was reloaded, not swapped"
    states = page.evaluate(_CHART_STATE)
    assert [s["state"] for s in states] == ["ja"]
    assert states[0]["marks"] > 0
    assert traffic.problems == [] and traffic.foreign == []


def test_screenshots(site: Site, visit: tuple[Page, Traffic], browser: Browser) -> None:
    """Screenshots for people to look at (tests/artifacts/, not in git)."""
    page, traffic = visit
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "home.png": ("index.html", True),
        "vraag-7.png": (QUESTION_PAGE, True),
        "adviezen.png": ("adviezen.html", False),
    }
    for name, (path, full) in shots.items():
        _open(page, traffic, site.base, path)
        page.set_viewport_size({"width": 1280, "height": 1600})
        page.screenshot(path=str(ARTIFACTS / name), full_page=full)
    dark = browser.new_context(viewport={"width": 1280, "height": 1400}, color_scheme="dark")
    dark_page = dark.new_page()
    dark_page.goto(site.base + QUESTION_PAGE, wait_until="load")
    dark_page.wait_for_function(_CHARTS_DONE, timeout=CHART_TIMEOUT_MS)
    dark_page.screenshot(path=str(ARTIFACTS / "vraag-7-donker.png"))
    dark.close()
    for name in [*shots, "vraag-7-donker.png"]:
        assert (ARTIFACTS / name).stat().st_size > 10_000
    assert traffic.problems == []
