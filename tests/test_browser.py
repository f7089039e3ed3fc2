"""The built site as a visitor sees it: headless Chromium (Debian's) driven by Playwright.

The site is built once for this module, served on 127.0.0.1 by ``http.server`` in a thread,
and visited page by page at 360 px (a phone) and 1280 px (a computer): no console error, no failed
request, no request to another host (they are recorded and aborted), no page wider than the
screen, every chart rendered with chart text of at least 11 px, every chart named and described
once, no inconsistent figure without its flag, no serious or critical axe-core violation. The
home page's first screen holds three headline findings with their margins. Search, keyboard
access to the data tables, the tracker's cards and filter, and instant navigation are tested
too. Screenshots of the pages the issue names are saved in ``tests/artifacts/``. What these
tests check is what the site's accessibility statement promises
(``bejegening/site/_files/pages/toegankelijkheid.md``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Route

import bejegening
from bejegening.checks import check_all
from bejegening.io import load_all
from bejegening.site import build_site
from bejegening.site._statement import CHECK_RECORD, read_check_record
from tests._browser import CHART_TEXT, dutch_context, serve

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


@pytest.fixture
def visit(site: Site, browser: Browser) -> Iterator[tuple[Page, Traffic]]:
    context = dutch_context(browser)
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
    const image = f.querySelector('.bj-chart__static');
    return {
        id: f.id,
        state: f.dataset.bjEmbedded || null,
        marks: view ? view.querySelectorAll('g[class*="mark-"] path, g[class*="mark-"] line').length : 0,
        label: view ? view.getAttribute('aria-label') : null,
        name: f.getAttribute('aria-label'),
        static_hidden: image ? image.hidden : null,
        caption: (f.querySelector('figcaption') || {textContent: ''}).textContent.trim(),
        caption_hidden: (f.querySelector('figcaption') || {}).getAttribute
            ? f.querySelector('figcaption').getAttribute('aria-hidden') === 'true' : false,
        column: f.getBoundingClientRect().width,
        drawn: view && view.querySelector('svg')
            ? view.querySelector('svg').getBoundingClientRect().width : 0,
    };
})"""


_AXE_RUN = "() => axe.run(document, {resultTypes: ['violations']})"


def _open(page: Page, traffic: Traffic, url: str, path: str) -> None:
    traffic.current = path
    traffic.navigating = True
    page.goto(url + path, wait_until="load")
    traffic.navigating = False
    page.wait_for_function(_CHARTS_DONE, timeout=CHART_TIMEOUT_MS)


_OVERFLOW = """() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    wide: Array.from(document.querySelectorAll('article *'))
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
            && !e.closest('.bj-table'))
        .slice(0, 3).map(e => e.tagName + '.' + e.className),
})"""

# Every element that holds an inconsistent figure (its printed text, or the finding it shows)
# must hold the "Klopt niet" flag too.
_UNFLAGGED = """(figures) => {
    const missing = [];
    const blocks = 'li, tr, p, figure, dd, td';
    const walker = document.createTreeWalker(document.querySelector('article') || document.body,
        NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode.textContent.replace(/\\s+/g, ' ');
        for (const figure of figures.texts) {
            if (!text.includes(figure)) continue;
            const block = walker.currentNode.parentElement.closest(blocks);
            if (!block || !block.querySelector('.bj-badge--fout')) missing.push(figure + ': ' + text.trim());
        }
    }
    document.querySelectorAll('[data-bj-finding]').forEach(element => {
        if (figures.ids.includes(element.dataset.bjFinding) && !element.querySelector('.bj-badge--fout')) {
            missing.push(element.dataset.bjFinding + ': ' + element.textContent.trim());
        }
    });
    return missing;
}"""

WIDTHS = {"telefoon": (360, 740), "computer": (1280, 900)}


def _inconsistent_figures() -> dict[str, list[str]]:
    """The printed figures the check rates inconsistent: the issue names exactly these two."""
    checks = check_all(load_all(DATA))
    wrong = checks.filter(pl.col("status") == "inconsistent")
    texts = sorted(str(f) for f in wrong.get_column("figure").to_list())
    assert texts == ["25 personen (25 %)", "26 personen, ofwel 21 %"]
    return {"texts": texts, "ids": sorted(str(f) for f in wrong.get_column("finding").to_list())}


@pytest.fixture(params=sorted(WIDTHS))
def device(request: pytest.FixtureRequest, browser: Browser) -> Iterator[BrowserContext]:
    """A browser context on each device of :data:`WIDTHS` (phone and desktop), closed afterwards."""
    context = dutch_context(browser, *WIDTHS[request.param])
    yield context
    context.close()


def test_every_page_loads_cleanly_fits_the_screen_renders_its_charts_and_passes_axe(
    site: Site, device: BrowserContext
) -> None:
    context = device
    context.add_init_script(script=Axe().axe_script)
    traffic = Traffic(site.base)
    traffic.attach(context)
    page = context.new_page()
    traffic.watch(page)
    figures = _inconsistent_figures()
    violations: list[str] = []
    chart_problems: list[str] = []
    overflow: list[str] = []
    unflagged: list[str] = []
    small_text: dict[str, float] = {}
    charts = 0
    pages = site.pages()
    assert len(pages) > 30
    for path in pages:
        _open(page, traffic, site.base, path)
        for chart in page.evaluate(_CHART_STATE):
            charts += 1
            if chart["state"] != "ja" or chart["marks"] == 0 or not chart["static_hidden"]:
                chart_problems.append(f"{path}#{chart['id']}: {chart}")
            if not chart["label"] or not chart["name"]:
                chart_problems.append(f"{path}#{chart['id']}: no accessible name or text alternative")
            if not chart["caption_hidden"]:
                chart_problems.append(f"{path}#{chart['id']}: description announced twice")
            # Drawn phone-first, a chart takes the width of the text column on a computer too.
            if chart["drawn"] < 0.95 * chart["column"]:
                chart_problems.append(
                    f"{path}#{chart['id']}: {chart['drawn']} px wide in {chart['column']} px"
                )
        smallest = page.evaluate(CHART_TEXT)
        if smallest is not None and smallest < 11:
            small_text[path] = round(smallest, 1)
        sizes = page.evaluate(_OVERFLOW)
        if sizes["page"] > sizes["viewport"] or sizes["wide"]:
            overflow.append(f"{path}: {sizes}")
        unflagged += [f"{path}: {m}" for m in page.evaluate(_UNFLAGGED, figures)]
        result = page.evaluate(_AXE_RUN)
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                violations.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
    assert traffic.foreign == [], "requests to another host"
    assert traffic.problems == []
    assert chart_problems == []
    assert overflow == []
    assert small_text == {}
    assert unflagged == []
    assert violations == []
    assert charts >= 8  # seven WPI questions and the Laborijn findings in words
    if os.environ.get("BEJEGENING_RECORD_A11Y"):
        viewport = page.viewport_size
        assert viewport is not None and context.browser is not None
        _record_run(viewport["width"], len(pages), context.browser.version)


def _record_run(width: int, pages: int, browser_version: str) -> None:
    """Record this passing run for the accessibility statement (a release step, run with
    ``BEJEGENING_RECORD_A11Y=1``; the build fills the statement's date and outcome from it)."""
    path = ROOT / "bejegening" / "site" / "_files" / CHECK_RECORD
    previous = read_check_record(path) or {}
    today = dt.datetime.now(dt.UTC).date().isoformat()
    # Widths of earlier runs today with the same version still count; older ones do not.
    same = previous.get("date") == today and previous.get("version") == bejegening.__version__
    axe = re.search(r"axe v([0-9.]+)", Axe().axe_script[:1000])
    record = {
        "date": today,
        "version": bejegening.__version__,
        "widths": sorted({width, *(previous.get("widths", []) if same else [])}),
        "pages": pages,
        "violations": 0,
        "axe": axe[1] if axe else "onbekend",
        "browser": f"Chromium {browser_version.split('.', maxsplit=1)[0]}",
    }
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_home_first_screen_holds_three_headlines_with_margins(site: Site, device: BrowserContext) -> None:
    page = device.new_page()
    page.goto(site.base + "index.html", wait_until="load")
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('ul.bj-headlines li'))
            .filter(li => li.getBoundingClientRect().bottom <= window.innerHeight)
            .map(li => ({text: li.textContent.trim(), margin: !!li.querySelector('.bj-margin'),
                         link: !!li.querySelector('a[href*="vragen/"], a[href*="bevindingen"]')}))"""
    )
    with_margin = [item for item in shown if item["margin"] and item["link"]]
    assert len(with_margin) >= 3, shown
    # Words and numbers agree with the lexicon: 47% is "bijna de helft" (40% to 50%).
    assert any(item["text"].startswith("Bijna de helft (47%) noemt het fouilleren") for item in shown), shown


def test_tracker_is_a_list_of_cards_on_a_phone(site: Site, browser: Browser) -> None:
    context = dutch_context(browser, 360, 740)
    page = context.new_page()
    page.goto(site.base + "adviezen.html", wait_until="load")
    page.wait_for_selector("#adviezen-tabel[data-bj-stacked]")
    cards = page.evaluate(
        """() => Array.from(document.querySelectorAll('#adviezen-tabel tbody tr')).map(tr => ({
            display: getComputedStyle(tr).display,
            width: tr.getBoundingClientRect().width,
            labels: Array.from(tr.querySelectorAll('td')).map(td => td.dataset.bjLabel),
            role: tr.getAttribute('role')}))"""
    )
    context.close()
    assert len(cards) == 16
    for card in cards:
        assert card["display"] == "block"
        assert card["width"] <= 360
        assert card["labels"] == ["Onderzoek", "Onderbouwing", "Stand", "Laatste datum"]
        assert card["role"] == "row"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_show_as_svg_without_javascript(site: Site, browser: Browser, scheme: str) -> None:
    """At 360 px without JavaScript: the static SVG at full size (text stays ≥ 11 px), its text
    alternative the whole description, and the dark version when the reader prefers dark."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, color_scheme=scheme
    )
    page = context.new_page()
    page.goto(site.base + QUESTION_PAGE, wait_until="load")
    images = page.evaluate(
        """() => Array.from(document.querySelectorAll('figure.bj-chart img')).map(img => ({
            src: img.currentSrc, width: img.naturalWidth, shown: img.getBoundingClientRect().width,
            alt: img.alt}))"""
    )
    context.close()
    assert len(images) == 1
    image = images[0]
    assert image["src"].endswith(".donker.svg" if scheme == "dark" else "q7.svg")
    assert image["width"] > 100
    # Chart text is 12 px at full size; shown at least 11/12 of it, it stays ≥ 11 px.
    assert image["shown"] >= image["width"] * 11 / 12
    assert image["alt"].startswith("Staafdiagram bij de vraag")
    assert "47% ‘Overdreven’ (36)" in image["alt"]


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


SCREENSHOTS = {
    "home": "index.html",
    "vraag-3": f"enquetes/{WPI}/vragen/q3.html",
    "vraag-7": QUESTION_PAGE,
    "laborijn-bevindingen": "enquetes/laborijn/bevindingen.html",
    "adviezen": "adviezen.html",
    "cijfercontrole": "cijfercontrole.html",
}


def test_screenshots(site: Site, browser: Browser) -> None:
    """Screenshots for people to look at (tests/artifacts/, not in git): the pages the issue
    names, at 360 px (whole page) and 1280 px (first screen), and a question in dark mode."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    traffic = Traffic(site.base)
    names = []
    for device, (width, height) in sorted(WIDTHS.items()):
        for scheme in ("light", "dark"):
            if scheme == "dark" and device == "computer":
                continue
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="nl-NL", color_scheme=scheme
            )
            traffic.attach(context)
            page = context.new_page()
            traffic.watch(page)
            shots = SCREENSHOTS if scheme == "light" else {"vraag-7": QUESTION_PAGE}
            for name, path in shots.items():
                _open(page, traffic, site.base, path)
                file = f"{name}-{width}{'-donker' if scheme == 'dark' else ''}.png"
                page.screenshot(path=str(ARTIFACTS / file), full_page=device == "telefoon")
                names.append(file)
            context.close()
    for name in names:
        assert (ARTIFACTS / name).stat().st_size > 10_000
    assert traffic.problems == [] and traffic.foreign == []
