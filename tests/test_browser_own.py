"""The council's own survey (the extended ``init`` example) as a visitor sees it in Chromium.

Built once for this module from a fresh ``bejegening init`` folder and served locally. Expected
figures come from counting the example's CSV, never from the library. Screenshots at 360 and
1280 px wide are saved in ``tests/artifacts/`` for people to look at.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from bejegening.io import scaffold_survey
from bejegening.site import build_site
from tests._browser import dutch_context, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
PAGES = "enquetes/voorbeeld/vragen"
CHARTS_DONE = """() => Array.from(document.querySelectorAll('figure.bj-chart'))
    .every(f => ['ja', 'statisch'].includes(f.dataset.bjEmbedded))"""


@dataclass
class Example:
    base: str
    raw: list[dict[str, str]]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Example]:
    root = tmp_path_factory.mktemp("eigen-browser")
    scaffold_survey(root / "data" / "voorbeeld")
    with (root / "data" / "voorbeeld" / "antwoorden.csv").open(encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle, delimiter=";"))
    with serve(root / "site") as base:
        build_site(root / "data", root / "site", site_url=base)
        yield Example(base, raw)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = dutch_context(browser)
    yield context.new_page()
    context.close()


def _open(page: Page, example: Example, path: str) -> None:
    page.goto(example.base + path, wait_until="load")
    page.wait_for_function(CHARTS_DONE, timeout=15_000)


def test_home_page_counts_the_participants(example: Example, page: Page) -> None:
    _open(page, example, "index.html")
    text = page.inner_text("article")
    assert f"Aantal deelnemers: {len(example.raw)} (geteld uit de antwoorden)" in text


def test_question_page_shows_both_suppression_labels(example: Example, page: Page) -> None:
    _open(page, example, f"{PAGES}/q2.html")
    answers = Counter(r["q2"] for r in example.raw if r["q2"])
    assert 0 < answers["Soms"] < 5
    primary = page.locator("#tabel-q2 tr[data-bj-suppression='primary'] td")
    secondary = page.locator("#tabel-q2 tr[data-bj-suppression='secondary'] td")
    assert primary.inner_text() == "niet getoond: minder dan 5 personen"
    assert secondary.inner_text() == "afgeschermd zodat een klein aantal elders niet terug te rekenen is"
    assert page.locator("#tabel-q2 tr[data-bj-suppression='primary'] th").inner_text() == "Soms"
    # The chart is drawn (interactive view or its static image) and its caption names both reasons.
    figure = page.locator("#grafiek-q2")
    assert figure.get_attribute("data-bj-embedded") in ("ja", "statisch")
    caption = figure.locator("figcaption").inner_text()
    assert "minder dan 5 personen" in caption
    assert "afgeschermd zodat een klein aantal elders niet terug te rekenen is" in caption


def test_per_group_table_names_the_group_too_small(example: Example, page: Page) -> None:
    _open(page, example, f"{PAGES}/q2.html")
    table = page.locator("#tabel-q2-per-wijk")
    assert table.is_visible()
    sizes = Counter(r["Wijk"] for r in example.raw)
    small = [g for g, n in sizes.items() if n < 5]
    row = table.locator("tr[data-bj-too-small='true']")
    assert row.count() == len(small) == 1
    assert row.locator("th").inner_text() == small[0]
    assert row.locator("td").inner_text() == "groep te klein: minder dan 5 personen"
    # Shown groups carry their number of answers (plain counting of the CSV).
    answered = Counter(r["Wijk"] for r in example.raw if r["q2"] in ("Ja", "Soms", "Nee"))
    noord = table.locator("tr", has=page.locator("th", has_text="Noord"))
    assert noord.locator("td").first.inner_text() == str(answered["Noord"])
    assert page.locator("#grafiek-q2-per-wijk").count() == 1


def test_open_answers_are_grouped(example: Example, page: Page) -> None:
    _open(page, example, f"{PAGES}/q6.html")
    items = page.locator("ul.bj-open-answers li").all_inner_texts()
    given = Counter(r["q6"].strip() for r in example.raw if r["q6"].strip())
    assert len(items) == len(given)
    most, count = given.most_common(1)[0]
    assert items[0] == f"{most} ({count} keer)"


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(example: Example, browser: Browser, width: int) -> None:
    """Screenshots for people to look at (tests/artifacts/, not in git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = dutch_context(browser, width)
    page = context.new_page()
    for name, path in (("home", "index.html"), ("q1", f"{PAGES}/q1.html"), ("q2", f"{PAGES}/q2.html")):
        _open(page, example, path)
        target = ARTIFACTS / f"eigen-{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        # Nothing wider than the screen (tables scroll inside their own region).
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (name, width, overflow)
    context.close()
