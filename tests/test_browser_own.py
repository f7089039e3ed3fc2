"""The council's own survey (the extended ``init`` example) as a visitor sees it in Chromium.

Built once for this module from a fresh ``bejegening init`` folder and served locally. Expected
figures come from counting the example's CSV, never from the library. Screenshots at 360 and
1280 px wide are saved in ``tests/artifacts/`` for people to look at.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, Page
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportion_confint

from bejegening.checks import QUANTIFIER_LEXICON
from bejegening.io import scaffold_survey
from bejegening.site import build_site
from tests._browser import CHART_TEXT, dutch_context, serve

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


PHONE = (360, 800)
COMPUTER = (1280, 900)


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh Dutch context, closed afterwards; ``(width, height)`` by indirect
    parametrisation, a computer screen (1280 x 900) by default."""
    width, height = getattr(request, "param", COMPUTER)
    context = dutch_context(browser, width, height)
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


# --- grid (q5) and numeric (q4) questions ---------------------------------------------------

GRID_ITEMS = {
    "a": ("q5_a", "Mijn klantmanager luistert naar mij."),
    "b": ("q5_b", "Ik krijg duidelijke uitleg over mijn uitkering."),
    "c": ("q5_c", "De brieven van de sociale dienst zijn begrijpelijk."),
    "d": ("q5_d", "Ik word met respect behandeld."),
}
SCALE = ("Helemaal eens", "Eens", "Neutraal", "Oneens", "Helemaal oneens")
HIDDEN = "niet getoond"
PROTECTED = "niet getoond om personen te beschermen"
Z = float(scipy_stats.norm.ppf(0.975))


def _dutch(value: float, decimals: int) -> str:
    """A number rounded half up with a decimal comma (written here, not taken from the library)."""
    step = Decimal(1).scaleb(-decimals)
    return f"{Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP)}".replace(".", ",")


def _pct(fraction: float) -> str:
    return _dutch(fraction * 100, 1) + "%"


def _points(fraction: float) -> str:
    text = _dutch(abs(fraction) * 100, 1)
    return ("+" if fraction > 0 else "\u2212") + text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else _dutch(value, 1)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_grid_chart_shows_all_items_and_the_page_carries_its_description(
    example: Example, page: Page
) -> None:
    _open(page, example, f"{PAGES}/q5.html")
    figure = page.locator("#grafiek-q5")
    assert figure.count() == 1
    assert figure.get_attribute("data-bj-embedded") in ("ja", "statisch")
    caption = figure.locator("figcaption").inner_text()
    alt = figure.locator("img").get_attribute("alt") or ""
    assert caption.startswith("Gestapeld staafdiagram")
    drawn = _squash(figure.locator("svg").first.text_content() or "")
    for column, text in GRID_ITEMS.values():
        answers = Counter(r[column] for r in example.raw)
        n = sum(answers[label] for label in SCALE)
        top = answers["Helemaal eens"] + answers["Eens"]
        # The description names each statement and its share agreeing (rounded to whole percent).
        share = f"{_dutch(top / n * 100, 0)}% eens"
        assert f"\u2018{text}\u2019: {share}" in caption
        assert text in alt
        # All four statements are drawn in the one chart (SVG text lines split long labels).
        assert _squash(text) in drawn


def test_grid_table_per_item_matches_counting(example: Example, page: Page) -> None:
    _open(page, example, f"{PAGES}/q5.html")
    table = page.locator("#tabel-q5")
    assert table.locator("tbody tr").count() == 4
    for item, (column, text) in GRID_ITEMS.items():
        answers = Counter(r[column] for r in example.raw)
        n = sum(answers[label] for label in SCALE)
        top = answers["Helemaal eens"] + answers["Eens"]
        bottom = answers["Oneens"] + answers["Helemaal oneens"]
        row = table.locator(f"tr[data-bj-item='{item}']")

        def cell(name: str, row=row) -> str:
            """The figure of a cell, or with ``-marge`` its margin (the line below it)."""
            figure, _, margin = name.partition("-")
            part = ".bj-margin" if margin else ".bj-value"
            found = row.locator(f"td[data-bj-figure='{figure}']")
            return (found.locator(part) if figure != "n" else found).inner_text().strip()

        assert row.locator("th").inner_text() == text
        assert cell("n") == str(n)
        assert cell("top") == _pct(top / n)
        low, high = proportion_confint(top, n, alpha=0.05, method="wilson")
        assert cell("top-marge") == f"{_pct(low)} tot {_pct(high)}"
        if bottom < 5:
            # Fewer than 5 people disagree: that box (and the net score) would give them away.
            assert cell("bottom") == HIDDEN and cell("net") == HIDDEN
            continue
        assert cell("bottom") == _pct(bottom / n)
        net = (top - bottom) / n
        pt, pb = top / n, bottom / n
        half = Z * math.sqrt((pt * (1 - pt) + pb * (1 - pb) + 2 * pt * pb) / n)
        assert cell("net") == _points(net)
        assert cell("net-marge") == f"{_points(net - half)} tot {_points(net + half)}"


def test_grid_per_group_table_matches_counting(example: Example, page: Page) -> None:
    _open(page, example, f"{PAGES}/q5.html")
    table = page.locator("#tabel-q5-per-wijk")
    headers = table.locator("thead th").all_inner_texts()
    sizes = Counter(r["Wijk"] for r in example.raw)
    assert [h for h in headers[1:]] == sorted(g for g, n in sizes.items() if n >= 5)
    small = [g for g, n in sizes.items() if n < 5]
    assert small and f"minder dan 5 personen): {small[0]}" in page.inner_text("article")
    column = headers.index("Noord")
    shown = 0
    for item, (name, _) in GRID_ITEMS.items():
        noord = [r[name] for r in example.raw if r["Wijk"] == "Noord" and r[name] in SCALE]
        top = sum(1 for answer in noord if answer in ("Helemaal eens", "Eens"))
        cell = table.locator(f"tr[data-bj-item='{item}'] td").nth(column - 1)
        value = cell.locator(".bj-value").inner_text()
        if value == HIDDEN:
            continue
        shown += 1
        assert value == _pct(top / len(noord))
        low, high = proportion_confint(top, len(noord), alpha=0.05, method="wilson")
        assert cell.locator(".bj-margin").inner_text() == f"{_pct(low)} tot {_pct(high)}"
    assert shown >= 3  # the fixture shows most of Noord's figures


def _numbers(raw: list[dict[str, str]]) -> np.ndarray:
    return np.array([float(r["q4"]) for r in raw if r["q4"].strip()])


def test_numeric_page_figures_match_scipy_and_counting(example: Example, page: Page) -> None:
    _open(page, example, f"{PAGES}/q4.html")
    x = _numbers(example.raw)
    table = page.locator("#tabel-q4")

    def figure(name: str) -> str:
        return table.locator(f"tr[data-bj-figure='{name}'] td").inner_text().strip()

    assert figure("n") == str(len(x))
    assert figure("mean") == _dutch(x.mean(), 1)
    low, high = scipy_stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=scipy_stats.sem(x))
    assert figure("mean-marge") == f"{_dutch(low, 1)} tot {_dutch(high, 1)}"
    q1, median, q3 = np.percentile(x, [25, 50, 75])
    assert (figure("q1"), figure("median"), figure("q3")) == (_number(q1), _number(median), _number(q3))
    counts = Counter(x.tolist())
    for name, value in (("min", x.min()), ("max", x.max())):
        expected = _number(value) if counts[value] >= 5 else PROTECTED
        assert figure(name) == expected
    assert PROTECTED in (figure("min"), figure("max"))  # the fixture hides one of them
    # Histogram: drawn, described, and every group of the table holds ≥ 5 people by counting.
    chart = page.locator("#grafiek-q4")
    assert chart.get_attribute("data-bj-embedded") in ("ja", "statisch")
    assert chart.locator("figcaption").inner_text().startswith("Staafdiagram")
    groups = page.locator("#verdeling-q4 tbody tr")
    total = 0
    for index in range(groups.count()):
        label = groups.nth(index).locator("th").inner_text()
        count = int(groups.nth(index).locator("td").first.inner_text())
        low_text, _, high_text = label.partition(" t/m ")
        low_value, high_value = float(low_text), float(high_text or low_text)
        assert count == int(((x >= low_value) & (x <= high_value)).sum()) >= 5
        total += count
    assert total == len(x)


def _whole_pct(fraction: float) -> str:
    return _dutch(fraction * 100, 0) + "%"


def test_grid_page_leads_with_the_most_and_least_agreed_statement(example: Example, page: Page) -> None:
    _open(page, example, f"{PAGES}/q5.html")
    lead = page.locator("p.bj-lead").inner_text()
    shares = {}
    for column, text in GRID_ITEMS.values():
        answers = Counter(r[column] for r in example.raw)
        n = sum(answers[label] for label in SCALE)
        top = answers["Helemaal eens"] + answers["Eens"]
        assert top >= 5  # every share agreeing is shown in the fixture, so all may be compared
        shares[text] = (top / n, top, n)
    ranked = sorted(shares.items(), key=lambda pair: pair[1][0])
    (low_text, (low_share, low_top, low_n)), (high_text, (high_share, high_top, high_n)) = (
        ranked[0],
        ranked[-1],
    )
    assert ranked[0][1][0] < ranked[1][1][0] and ranked[-2][1][0] < ranked[-1][1][0]  # no ties
    a, b = proportion_confint(high_top, high_n, alpha=0.05, method="wilson")
    c, d = proportion_confint(low_top, low_n, alpha=0.05, method="wilson")
    high_quote = "‘" + high_text.rstrip(".") + "’"
    low_quote = "‘" + low_text.rstrip(".") + "’"
    match = re.fullmatch(
        rf"(?:(?P<phrase>[^(]+) \()?{re.escape(_whole_pct(high_share))}\)? is het eens met "
        rf"{re.escape(high_quote)}, het meest van de uitspraken "
        rf"\(marge {re.escape(_whole_pct(a))}–{re.escape(_whole_pct(b))}\); het minst eens is men "
        rf"met {re.escape(low_quote)}: {re.escape(_whole_pct(low_share))} "
        rf"\(marge {re.escape(_whole_pct(c))}–{re.escape(_whole_pct(d))}\)\.",
        lead.strip(),
    )
    assert match, lead
    # A quantifier word, when used, is one whose interval in the checker's lexicon holds the share.
    if match["phrase"]:
        entry = QUANTIFIER_LEXICON[match["phrase"].lower()]
        assert entry.low is not None and entry.high is not None
        assert entry.low <= high_share <= entry.high


def test_numeric_page_leads_with_n_and_the_mean_with_its_margin(example: Example, page: Page) -> None:
    _open(page, example, f"{PAGES}/q4.html")
    x = _numbers(example.raw)
    low, high = scipy_stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=scipy_stats.sem(x))
    expected = (
        f"Het gemiddelde antwoord is {_dutch(x.mean(), 1)}, van {len(x)} deelnemers die een getal "
        f"invulden; marge {_dutch(low, 1)} tot {_dutch(high, 1)}."
    )
    assert page.locator("p.bj-lead").inner_text().strip() == expected


@pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["telefoon"])
@pytest.mark.parametrize("question", ["q4", "q5"])
def test_grid_and_histogram_text_is_readable_on_a_phone(example: Example, page: Page, question: str) -> None:
    _open(page, example, f"{PAGES}/{question}.html")
    assert page.locator("figure.bj-chart").first.get_attribute("data-bj-embedded") == "ja"
    smallest = page.evaluate(CHART_TEXT)
    assert smallest is not None and smallest >= 11, smallest
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


@pytest.mark.parametrize("question", ["q4", "q5"])
def test_grid_and_histogram_take_the_text_column_on_a_computer(
    example: Example, page: Page, question: str
) -> None:
    # Drawn phone-first (290 px), the chart widens to the text column at 1280 px, as the
    # every-page test in test_browser.py checks for the other charts; its text keeps its size.
    _open(page, example, f"{PAGES}/{question}.html")
    figure = page.locator(f"#grafiek-{question}")
    assert figure.get_attribute("data-bj-embedded") == "ja"
    column = figure.evaluate("f => f.getBoundingClientRect().width")
    drawn = figure.evaluate(
        "f => f.querySelector('.bj-chart__interactive svg').getBoundingClientRect().width"
    )
    assert column > 500
    assert drawn >= 0.95 * column, (drawn, column)
    smallest = page.evaluate(CHART_TEXT)
    assert smallest is not None and smallest >= 11, smallest


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(example: Example, browser: Browser, width: int) -> None:
    """Screenshots for people to look at (tests/artifacts/, not in git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = dutch_context(browser, width)
    page = context.new_page()
    pages = ("home", "index.html"), *((q, f"{PAGES}/{q}.html") for q in ("q1", "q2", "q4", "q5"))
    for name, path in pages:
        _open(page, example, path)
        target = ARTIFACTS / f"eigen-{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        # Nothing wider than the screen (tables scroll inside their own region).
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (name, width, overflow)
    context.close()
