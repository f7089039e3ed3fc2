"""The public site: escaping, links, page content, downloads, reproducible and atomic builds.

The browser tests (a visitor's view in headless Chromium) are in ``test_browser.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import json
import math
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import markdown
import polars as pl
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from statsmodels.stats.proportion import proportion_confint
from typer.testing import CliRunner

import bejegening
from bejegening._nl import format_pct
from bejegening.checks import check_all, finding_interval, is_comparison, lookup_quantifier
from bejegening.cli import app
from bejegening.render import Links, escape_text, safe_url
from bejegening.site import PACKAGED_CONFIG, SITE_MARKER, SiteBuildError, build_site, data_fingerprint
from bejegening.site._xlsx import write_workbook
from tests.fixtures.answers import fictional_survey
from tests.fixtures.questions import question_yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
WPI = "wpi-amsterdam-2017-2018"
MD_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(DATA, out)
    return out


def _html_pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if p.name != "404.html")


def _article(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


# ------------------------------------------------------------------------------------------
# Escaping: the one function all templates use


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60))
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    """Whatever a data file holds, Markdown renders it as plain text inside one paragraph."""
    rendered = markdown.markdown(str(escape_text(text)), extensions=MD_EXTENSIONS)
    parser = _Tags()
    parser.feed(rendered)
    collapsed = " ".join(text.split())
    if not collapsed:
        assert rendered == ""
        return
    assert parser.tags == ["p"]
    assert parser.attrs == []
    inner = rendered.removeprefix("<p>").removesuffix("</p>")
    assert html.unescape(inner) == collapsed


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "[klik](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "{{ 7 * 7 }} {% if true %}x{% endif %}",
        "Titel { #id .klasse onclick=alert(1) }",
        "1. lijst",
        "- lijst",
        "# kop",
        "| a | b |",
        "*nadruk* __vet__ `code`",
        "<https://example.org>",
        "![beeld](https://example.org/x.png)",
    ],
)
def test_attacks_become_inert_text(attack: str) -> None:
    rendered = markdown.markdown(str(escape_text(attack)), extensions=MD_EXTENSIONS)
    assert rendered.startswith("<p>")
    assert "<script" not in rendered and "<img" not in rendered and "<a" not in rendered
    assert "<ol" not in rendered and "<ul" not in rendered and "<h1" not in rendered
    assert "49" not in rendered
    assert html.unescape(rendered[3:-4]) == attack


def test_escape_inside_raw_html_attribute() -> None:
    value = escape_text('" onmouseover="alert(1)')
    parser = _Tags()
    parser.feed(f'<span title="{value}">x</span>')
    assert parser.attrs == [("title", '" onmouseover="alert(1)')]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.amsterdam.nl/a?b=c", "https&#58;//www.amsterdam.nl/a?b&#61;c"),
        ("http://example.org", "http&#58;//example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("/etc/passwd", None),
        ("../index.html", None),
        ("https://a b", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    result = safe_url(url)
    assert (str(result) if result is not None else None) == expected


@pytest.mark.parametrize(
    ("directory_urls", "page", "target", "expected"),
    [
        (False, "index.md", "adviezen.md", "adviezen.html"),
        (False, "enquetes/x/vragen/q1.md", "adviezen.md", "../../../adviezen.html"),
        (False, "enquetes/x/vragen/q1.md", "enquetes/x/index.md", "../index.html"),
        (False, "adviezen.md", "downloads/x/a.csv", "downloads/x/a.csv"),
        (True, "index.md", "adviezen.md", "adviezen/"),
        (True, "adviezen.md", "index.md", "../"),
        (True, "enquetes/x/vragen/q1.md", "enquetes/x/index.md", "../../"),
        (True, "enquetes/x/vragen/q1.md", "grafieken/x/q1.svg", "../../../../grafieken/x/q1.svg"),
    ],
)
def test_links_between_pages(directory_urls: bool, page: str, target: str, expected: str) -> None:
    assert Links(use_directory_urls=directory_urls).href(page, target) == expected


def test_anchor_ids_are_validated() -> None:
    with pytest.raises(ValueError, match="ongeldige id"):
        Links().href("index.md", "adviezen.md", "x y")


# ------------------------------------------------------------------------------------------
# The built site (bundled data)


def test_every_page_type_is_built(built: Path) -> None:
    wpi = bejegening.load(DATA / WPI)
    laborijn = bejegening.load(DATA / "laborijn")
    expected = [
        "index.html",
        "adviezen.html",
        "cijfercontrole.html",
        "downloads/index.html",
        "over.html",
        "themas/index.html",
        "enquetes/index.html",
        f"enquetes/{WPI}/index.html",
        f"enquetes/{WPI}/methode.html",
        "enquetes/laborijn/bevindingen.html",
        *(f"enquetes/{WPI}/vragen/{q.id}.html" for q in wpi.questions),
        *(f"themas/{t.id}.html" for t in (*wpi.themes, *laborijn.themes)),
    ]
    missing = [p for p in expected if not (built / p).is_file()]
    assert missing == []
    assert (built / SITE_MARKER).is_file()


def test_every_page_shows_the_data_fingerprint(built: Path) -> None:
    bundles = bejegening.load_all(DATA)
    short = data_fingerprint(bundles)[:12]
    pages = _html_pages(built)
    assert len(pages) > 30
    assert [p for p in pages if short not in p.read_text(encoding="utf-8")] == []
    about = (built / "over.html").read_text(encoding="utf-8")
    for bundle in bundles:
        assert bundle.fingerprint in about


def test_every_page_with_figures_names_their_source(built: Path) -> None:
    pages = _html_pages(built)
    with_figures = [p for p in pages if 'id="tabel-' in _article(p) or "bj-headlines" in _article(p)]
    assert len(with_figures) >= 10
    assert [p for p in with_figures if "Bron: " not in _article(p)] == []


_URL = re.compile(r"""(?:href|src|action|srcset|content)\s*=\s*["']?\s*(https?:)?//""", re.I)


def test_nothing_is_loaded_from_another_host(built: Path) -> None:
    """No src/link/script to another host; external URLs only as plain links in the text."""
    offenders = []
    for page in built.rglob("*"):
        if page.suffix not in {".html", ".css", ".js", ".json", ".xml"} or not page.is_file():
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if page.suffix == ".html":
            tags = r"<(link|script|img|iframe|source|video|audio|embed|object)\b[^>]*>"
            for tag in re.finditer(tags, text):
                if re.search(r"(src|href|data)\s*=\s*[\"']?(https?:)?//", tag.group(0)):
                    offenders.append((page.name, tag.group(0)[:120]))
        if page.suffix == ".css" and re.search(r"url\(\s*[\"']?(https?:)?//", text):
            offenders.append((page.name, "css url()"))
        if page.suffix == ".css" and "@import" in text and "//" in text:
            offenders.append((page.name, "css @import"))
    assert offenders == []
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index and "fonts.gstatic" not in index


def test_dutch_site_with_dutch_search_and_light_and_dark(built: Path) -> None:
    index = (built / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in index
    search = json.loads((built / "search/search_index.json").read_text(encoding="utf-8"))
    assert search["config"]["lang"] == ["nl"]
    assert (built / "assets/javascripts/lunr/min/lunr.nl.min.js").is_file()
    for scheme in ("light", "dark"):
        assert f'data-md-color-media="(prefers-color-scheme: {scheme})"' in index


def test_tables_have_captions_and_header_cells(built: Path) -> None:
    tables = 0
    for page in _html_pages(built):
        for table in re.findall(r"<table\b.*?</table>", _article(page), flags=re.S):
            tables += 1
            assert "<caption" in table, page
            assert re.search(r'<th scope="(col|row)"', table), page
    assert tables > 40


# The totals that fit WPI's printed figures, by hand: a figure "count (p %)" fits a total n when
# 100 · count / n rounds half up to p. Per question the range of totals that fits all its
# figures, or (q3, q6) the most figures: q3's "26 (21 %)" needs 121-126 and q6's "25 (25 %)"
# needs 99-102, far from the others. E.g. q7: 16 (21 %) fits 75-78, 36 (47 %) 76-77 and
# 25 (32 %) 77-79, so only 77. ``_totals_that_fit`` repeats this arithmetic as a cross-check.
WPI_TOTALS = {
    "q3": (79, 81),
    "q4": (81, 84),
    "q6": (81, 86),
    "q7": (77, 77),
    "q8": (75, 76),
    "q9": (71, 72),
    "q12": (72, 73),
}


def _totals_that_fit(count: int, percent: int) -> set[int]:
    return {n for n in range(max(count, 1), 1000) if math.floor(100 * count / n + 0.5) == percent}


def test_hand_computed_totals_fit_the_printed_figures() -> None:
    rows = list(csv.DictReader((DATA / WPI / "findings.csv").open(encoding="utf-8-sig")))
    for question, (low, high) in WPI_TOTALS.items():
        fits = [
            _totals_that_fit(int(row["count"]), int(row["percentage"]))
            for row in rows
            if row["question"] == question and row["count"] and row["percentage"]
        ]
        # the totals that fit the largest group of figures with a total in common
        common = {subset: set.intersection(*(fits[i] for i in subset)) for subset in _subsets(len(fits))}
        largest = max(len(subset) for subset, totals in common.items() if totals)
        union = set().union(*(t for subset, t in common.items() if t and len(subset) == largest))
        assert (min(union), max(union)) == (low, high), question


def _subsets(size: int) -> list[tuple[int, ...]]:
    return [tuple(i for i in range(size) if mask >> i & 1) for mask in range(1, 2**size)]


def test_question_page_numbers_match_an_independent_computation(built: Path) -> None:
    bundle = bejegening.load(DATA / WPI)
    base = WPI_TOTALS["q7"][0]
    page = _article(built / f"enquetes/{WPI}/vragen/q7.html")
    assert f'<td class="bj-num">{base}</td>' in page
    for finding in (f for f in bundle.findings if f.question == "q7"):
        assert finding.count is not None
        low, high = proportion_confint(finding.count, base, alpha=0.05, method="wilson")
        assert f"{format_pct(low, 1)} tot {format_pct(high, 1)}" in page
        assert f"{format_pct(finding.count / base, 1)}</td>" in page
        assert f">{finding.count}</td>" in page
    # Plain-language notes: inferred base and what an opt-in/unknown sample's interval means.
    assert "Het totaal staat niet in de bron" in page
    assert "De marge gaat alleen over toeval" in page
    # WPI's source does not say how people were recruited: say so, do not claim opt-in.
    assert bundle.survey.sampling is None
    assert "het is niet bekend of de deelnemers door loting gekozen zijn" in page
    assert "de deelnemers zijn niet door loting gekozen" not in page
    # The recommendation that cites the question, with its status.
    assert "Fouilleer zo min mogelijk en altijd discreet" in page
    assert "Uitgebracht" in page


def test_inferred_base_is_shown_with_every_total_that_fits(built: Path) -> None:
    for question, (low, high) in WPI_TOTALS.items():
        page = _article(built / f"enquetes/{WPI}/vragen/{question}.html")
        if low == high:
            assert f"uit de aantallen en percentages: {low} personen" in page
        else:
            assert f"een totaal van {low} tot en met {high} personen" in page
            assert f"We rekenen met het kleinste totaal ({low})" in page


def _table_rows(page: str) -> dict[str, list[str]]:
    """Body rows of the first data table: header cell text → the data cells' text."""
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        head = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S)[1])).strip()
        rows[head] = [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
    return rows


def test_unpublished_remainder_row_only_when_someone_is_in_it(built: Path) -> None:
    rows = list(csv.DictReader((DATA / WPI / "findings.csv").open(encoding="utf-8-sig")))

    def published(question: str) -> int:
        return sum(int(r["count"]) for r in rows if r["question"] == question and r["count"] and r["options"])

    # q7: 16 + 36 + 25 = 77 = the only total that fits: nobody is left, so no "Niet gepubliceerd 0".
    assert published("q7") == WPI_TOTALS["q7"][0]
    page = _article(built / f"enquetes/{WPI}/vragen/q7.html")
    table = _table_rows(page)
    assert list(table) == ["Vakkundig", "Overdreven", "Bedreigend"]
    assert (
        "de genoemde antwoorden zijn samen alle 77 personen: voor andere antwoorden blijft niemand over"
        in page
    )
    assert 'De regel "Niet gepubliceerd"' not in html.unescape(page)
    # q3: 26 + 16 + 15 = 57 of a total of 79 to 81: the remainder is 22 to 24, its share
    # 22/79 = 27,8% to 24/81 = 29,6%; no single count and no margin for it.
    low, high = WPI_TOTALS["q3"]
    rest_low, rest_high = low - published("q3"), high - published("q3")
    assert (rest_low, rest_high) == (22, 24)
    page = _article(built / f"enquetes/{WPI}/vragen/q3.html")
    remainder = _table_rows(page)["Niet gepubliceerd"]
    assert remainder == [
        f"{rest_low} tot {rest_high}",
        "niet gedrukt",
        f"{format_pct(rest_low / low, 1)} tot {format_pct(rest_high / high, 1)}",
        f"onbekend: het totaal is {low} tot {high}",
    ]
    assert remainder[2] == "27,8% tot 29,6%"
    assert "daarom staat er een van–tot" in page


def test_question_badge_says_how_many_figures_do_not_fit(built: Path) -> None:
    # The survey-wide "significant" remark is not one of q6's figures: it is printed once, on
    # the Cijfercontrole page.
    checks = check_all([bejegening.load(DATA / WPI)]).filter(
        (pl.col("question") == "q6") & (pl.col("rule") != "significance")
    )
    wrong = checks.filter(pl.col("status") == "inconsistent").height
    assert (wrong, checks.height) == (1, 5)  # 25 personen (25 %); the 3 pairs and 2 sums of q6
    page = _article(built / f"enquetes/{WPI}/vragen/q6.html")
    badges = re.findall(r'bj-badge--fout"><span aria-hidden="true">✗</span> ([^<]+)</span>', page)
    assert "1 van de 5 cijfers klopt niet" in badges
    checks_page = _article(built / "cijfercontrole.html")
    assert checks_page.count("Voor het hele onderzoek") == 1  # the significance remark, once


def test_question_without_recommendation_is_listed(built: Path) -> None:
    bundle = bejegening.load(DATA / WPI)
    cited = {q for r in bundle.recommendations for q in r.questions}
    uncited = [q for q in bundle.questions if q.id not in cited]
    assert [q.id for q in uncited] == ["q8"]
    tracker = _article(built / "adviezen.html")
    section = tracker[tracker.index("Vragen zonder advies") :]
    assert "vragen/q8.html" in section[: section.index("</ul>")]
    assert "Er is geen advies gegeven over deze vraag." in _article(built / f"enquetes/{WPI}/vragen/q8.html")


def test_tracker_lists_every_recommendation_with_history(built: Path) -> None:
    tracker = _article(built / "adviezen.html")
    bundles = bejegening.load_all(DATA)
    for bundle in bundles:
        for rec in bundle.recommendations:
            assert f'id="advies-{bundle.id}-{rec.id}"' in tracker
    rows = re.findall(r'<tr data-survey="([^"]+)" data-status="([^"]+)">', tracker)
    assert len(rows) == sum(len(b.recommendations) for b in bundles)
    without = [r.id for b in bundles for r in b.recommendations if not r.has_evidence]
    assert without == ["stakeholders"]
    section = tracker[tracker.index("Adviezen zonder onderbouwing") :]
    assert "#advies-laborijn-stakeholders" in section[: section.index("</ul>")]
    # An undated event is shown as unknown, never guessed.
    assert "datum onbekend: Uitgebracht" in tracker
    assert "21 maart 2018: Uitgebracht" in tracker


def test_methodology_page_covers_the_disclosure_elements(built: Path) -> None:
    page = _article(built / f"enquetes/{WPI}/methode.html")
    for heading in (
        "Opdrachtgever",
        "Uitgevoerd door",
        "Groep waarover het gaat (populatie)",
        "Hoe deelnemers gevonden zijn",
        "Manier van vragen",
        "Periode (veldwerk)",
        "Weging",
        "Wat betekent de marge?",
        "Bronnen",
    ):
        assert heading in page
    assert "Online vragenlijst" in page
    assert "1 november 2017 tot en met 1 februari 2018" in page
    bundle = bejegening.load(DATA / WPI)
    for question in bundle.questions:
        assert question.text in html.unescape(page)
    # The WPI source has no URL: the citation says so; the internal file name is never shown.
    assert "000_cb20db191704edc0.txt" not in html.unescape(page)
    assert "Internetadres" in page


def test_theme_page_warns_that_surveys_are_not_comparable(built: Path) -> None:
    shared = _article(built / "themas/bejegening.html")
    assert "De cijfers zijn niet vergelijkbaar" in shared
    assert "Enquête Bejegening cliënten WPI 2017/2018" in html.unescape(shared)
    assert "Onderzoek naar de bejegening van klanten van Laborijn" in html.unescape(shared)
    single = _article(built / "themas/fouilleren.html")
    assert "niet vergelijkbaar" not in single


def test_findings_in_words_show_what_the_words_mean(built: Path) -> None:
    page = html.unescape(_article(built / "enquetes/laborijn/bevindingen.html"))
    rows = dict(re.findall(r'<tr id="bevinding-([a-z0-9-]+)">(.*?)</tr>', page))
    laborijn = bejegening.load(DATA / "laborijn")
    for finding in laborijn.findings:
        assert finding.id in rows
        if finding.quantifier is None:
            continue
        entry = lookup_quantifier(finding.quantifier)
        if is_comparison(finding):
            # "in de meerderheid ten opzichte van de tevreden klanten" compares two groups.
            assert "een vergelijking van twee groepen" in rows[finding.id]
        elif finding_interval(finding) is not None:
            assert entry is not None and entry.describe() in rows[finding.id]
    assert 'class="bj-chart"' in page


def test_checks_page_explains_every_result_and_the_lexicon(built: Path) -> None:
    page = html.unescape(_article(built / "cijfercontrole.html"))
    checks = check_all(bejegening.load_all(DATA))
    # The significance remark applies to the whole survey: printed once, without the per-question n.
    for explanation in checks.filter(pl.col("rule") != "significance").get_column("explanation").to_list():
        assert " ".join(explanation.split()) in page
    assert page.count("Voor het hele onderzoek") == 1
    assert 'id="woorden-en-getallen"' in page
    assert "bijna de helft" in page


# ------------------------------------------------------------------------------------------
# Downloads


def test_datapackage_describes_every_csv_exactly(built: Path) -> None:
    root = built / "downloads"
    package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    # Four tables per survey, except Laborijn's frequencies: it publishes findings in words only.
    assert sorted(r["name"] for r in package["resources"]) == sorted(
        [f"laborijn-{t}" for t in ("bevindingen", "cijfercontrole", "adviezen")]
        + [f"{WPI}-{t}" for t in ("frequenties", "bevindingen", "cijfercontrole", "adviezen")]
    )
    for resource in package["resources"]:
        path = root / resource["path"]
        data = path.read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
        frame = pl.read_csv(path, infer_schema=False)
        assert frame.columns == [f["name"] for f in resource["schema"]["fields"]]
        assert all(f["description"] for f in resource["schema"]["fields"])


def test_downloads_hold_the_same_table_in_three_formats(built: Path) -> None:
    folder = built / "downloads" / WPI
    csv = pl.read_csv(folder / "frequenties.csv")
    parquet = pl.read_parquet(folder / "frequenties.parquet")
    as_json = json.loads((folder / "frequenties.json").read_text(encoding="utf-8"))
    assert parquet.columns == csv.columns == list(as_json[0])
    assert parquet.height == csv.height == len(as_json)
    assert parquet.get_column("n").to_list() == csv.get_column("n").to_list() == [r["n"] for r in as_json]
    bundle = bejegening.load(DATA / WPI)
    published = parquet.filter(pl.col("published") & pl.col("n").is_not_null())
    assert published.height == sum(1 for f in bundle.findings if f.count is not None)


def test_downloads_hold_no_respondent_data(built: Path) -> None:
    for path in (built / "downloads").rglob("*.csv"):
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert "respondent" not in header


def test_excel_download_has_one_sheet_per_table_with_dutch_headers_and_formats(built: Path) -> None:
    path = built / "downloads" / WPI / "tabellen.xlsx"
    book = load_workbook(path)
    assert book.sheetnames == ["frequenties", "bevindingen", "cijfercontrole", "adviezen"]
    sheet = book["frequenties"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Onderzoek", "Vraag", "Antwoord (id)", "Antwoord"]
    assert "Percentage (berekend)" in header and "Percentage in de bron" in header
    column = header.index("Percentage in de bron") + 1
    csv_rows = pl.read_csv(built / "downloads" / WPI / "frequenties.csv")
    assert sheet.max_row == csv_rows.height + 1
    # Row of q7 "Overdreven": printed 47% → the fraction 0,47 shown as a percentage.
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "q7" and r[2].value == "overdreven")
    assert row[column - 1].value == pytest.approx(0.47)
    assert row[column - 1].number_format == "0.0%"
    assert row[header.index("Aantal")].value == 36
    assert row[header.index("Uit de bron")].value == "ja"
    # Excel shows the headers frozen above the rows.
    assert sheet.freeze_panes == "A2"


def test_excel_text_never_becomes_a_formula(tmp_path: Path) -> None:
    frame = pl.DataFrame({"quote": ['=HYPERLINK("http://x")', "+1", "gewoon"], "n": [1, 2, 3]})
    write_workbook({"bevindingen": frame}, tmp_path / "a.xlsx", title="Fictief")
    write_workbook({"bevindingen": frame}, tmp_path / "b.xlsx", title="Fictief")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    cells = [row[0] for row in load_workbook(tmp_path / "a.xlsx")["bevindingen"].iter_rows(min_row=2)]
    assert [cell.data_type for cell in cells] == ["s", "s", "s"]
    assert cells[0].value == '=HYPERLINK("http://x")'


def test_excel_cells_hold_what_xml_can_and_nothing_that_is_not_a_number(tmp_path: Path) -> None:
    """Line breaks read back as "\\n" (as XML reads any line break), characters XML cannot hold
    are dropped, a value that is not a number is an empty cell, a moment keeps its time."""
    frame = pl.DataFrame(
        {
            "quote": ["a\r\nb", "c\rd", "e\ufffef\uffff", "g\x01h"],
            "mean": [float("nan"), float("inf"), -float("inf"), 1.5],
            "moment": [dt.datetime(2018, 3, 21, 14, 30), None, None, None],
        }
    )
    write_workbook({"bevindingen": frame}, tmp_path / "a.xlsx", title="Fictief")
    rows = list(load_workbook(tmp_path / "a.xlsx")["bevindingen"].iter_rows(min_row=2))
    assert [row[0].value for row in rows] == ["a\nb", "c\nd", "ef", "gh"]
    assert [row[1].value for row in rows] == [None, None, None, 1.5]
    assert rows[0][2].value == dt.datetime(2018, 3, 21, 14, 30)
    assert rows[0][2].number_format == "d-m-yyyy h:mm:ss"


def test_sources_are_cited_in_full_and_internal_file_names_never_shown(built: Path) -> None:
    for page in _html_pages(built):
        text = page.read_text(encoding="utf-8")
        assert "000_cb20db191704edc0" not in text, page
        assert "004_83022809d27daac5" not in text, page
    method = html.unescape(_article(built / "enquetes" / WPI / "methode.html"))
    assert "Advies naar aanleiding van enquête Bejegening cliënten WPI 2017/2018" in method
    assert "Uitgegeven door" in method and "Participatieraad Amsterdam" in method
    assert "21 maart 2018" in method
    # The advice names no address and no place to request it: said so, not guessed.
    assert "Internetadres" in method and "Op te vragen bij" in method
    laborijn = html.unescape(_article(built / "enquetes" / "laborijn" / "methode.html"))
    assert "online verschenen, maar het adres staat niet in de bron" in laborijn
    assert laborijn.count("niet bekend") >= 3  # author, publisher, date
    question = _article(built / "enquetes" / WPI / "vragen" / "q7.html")
    assert 'methode.html#bron-advies-2018"' in question


# ------------------------------------------------------------------------------------------
# Reproducible and safe builds


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(DATA, again)
    assert _tree_digest(again) == _tree_digest(built)


@pytest.fixture
def previous_site(built: Path, tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    out = tmp_path / "site"
    shutil.copytree(built, out)
    yield out, _tree_digest(out)


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".build-" in p.name)


def test_invalid_data_leaves_the_previous_site_untouched(
    previous_site: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    out, digest = previous_site
    broken = tmp_path / "data"
    shutil.copytree(DATA / WPI, broken / WPI)
    survey = broken / WPI / "survey.yaml"
    survey.write_text(survey.read_text(encoding="utf-8").replace("type: single", "type: singel", 1))
    with pytest.raises(bejegening.DataError):
        build_site(broken, out)
    assert _tree_digest(out) == digest
    assert _leftovers(out.parent) == []


def test_failing_mkdocs_leaves_the_previous_site_untouched(
    previous_site: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    out, digest = previous_site
    project = tmp_path / "project"
    shutil.copytree(PACKAGED_CONFIG.parent, project)
    (project / "pages" / "kapot.md").write_text("# Kapot\n\n[weg](bestaat-niet.md)\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match=r"bestaat-niet\.md"):
        build_site(DATA, out, config_file=project / "mkdocs.yml")
    assert _tree_digest(out) == digest
    assert _leftovers(out.parent) == []


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    target = tmp_path / "belangrijk"
    target.mkdir()
    (target / "notities.txt").write_text("niet weggooien", encoding="utf-8")
    with pytest.raises(SiteBuildError, match="geen eerder gebouwde site"):
        build_site(DATA, target)
    assert (target / "notities.txt").read_text(encoding="utf-8") == "niet weggooien"


# ------------------------------------------------------------------------------------------
# Text from data can never become markup on the site


_HOSTILE = "</title><script>alert('x')</script> [klik](javascript:alert(1)) {{ 7*7 }} **vet**"


def _write_hostile_survey(folder: Path) -> None:
    """A fictional survey (not real data) whose texts try to inject markup."""
    survey = {
        "survey": {
            "id": "fictief-aanval",
            "title": f"Fictief onderzoek {_HOSTILE}",
            "organisation": {"name": "Fictieve dienst <b>vet</b>", "url": "javascript:alert(1)"},
            "population": {"description": f"Fictieve cliënten {_HOSTILE}"},
            "sampling": "opt_in",
            "mode": "online",
            "sources": [{"id": "bron", "title": f"Fictieve bron {_HOSTILE}", "url": "javascript:alert(1)"}],
            "notes": _HOSTILE,
        },
        "themes": [{"id": "thema", "label": f"Thema {_HOSTILE}", "description": _HOSTILE}],
        "questions": [
            {
                "id": "v1",
                "number": "1",
                "text": f"Vraag {_HOSTILE}",
                "type": "single",
                "options_complete": True,
                "themes": ["thema"],
                "options": [
                    {"id": "ja", "label": f"Ja {_HOSTILE}", "valence": "positive"},
                    {"id": "nee", "label": "Nee", "valence": "negative"},
                ],
            }
        ],
        "recommendations": [
            {
                "id": "a1",
                "number": "1",
                "title": f"Advies {_HOSTILE}",
                "summary": _HOSTILE,
                "text": _HOSTILE,
                "questions": ["v1"],
                "findings": ["v1-ja"],
                "source": {"source": "bron", "section": _HOSTILE},
                "history": [{"date": "2020-01-01", "status": "uitgebracht", "note": _HOSTILE}],
            }
        ],
    }
    folder.mkdir(parents=True)
    (folder / "survey.yaml").write_text(yaml.safe_dump(survey, allow_unicode=True), encoding="utf-8")
    rows = [
        {"id": "v1-ja", "question": "v1", "options": "ja", "count": "30", "percentage": "60", "base": "50"}
        | {"figure": _HOSTILE, "source": "bron", "section": _HOSTILE, "quote": _HOSTILE},
        {"id": "v1-nee", "question": "v1", "options": "nee", "count": "20", "percentage": "40", "base": "50"}
        | {"figure": "20 (40%)", "source": "bron"},
    ]
    with (folder / "findings.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(bejegening.io.FINDING_COLUMNS), restval="")
        writer.writeheader()
        writer.writerows(rows)


def test_hostile_text_in_data_stays_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write_hostile_survey(data / "fictief-aanval")
    out = tmp_path / "site"
    build_site(data, out)
    for page in _html_pages(out):
        text = page.read_text(encoding="utf-8")
        article = _article(page)
        assert "<script>alert" not in text, page
        assert "javascript:" not in article.lower(), page
        assert "<b>vet</b>" not in article and "<strong>vet</strong>" not in article, page
        assert ">49<" not in article and " 49 " not in html.unescape(article), page
    question = html.unescape(_article(out / "enquetes/fictief-aanval/vragen/v1.html"))
    assert _HOSTILE in question
    nav = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert('x')" not in nav
    assert "de deelnemers zijn niet door loting gekozen" in question  # sampling: opt_in


# ------------------------------------------------------------------------------------------
# Command line


def test_cli_build_json_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build", str(DATA), "--out", str(tmp_path / "s"), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["surveys"] == 2
    assert summary["pages"] == len(_html_pages(tmp_path / "s")) + 1  # + 404.html
    assert set(summary["seconds"]) == {"laden", "rekenen", "grafieken", "downloads", "pagina's", "mkdocs"}
    assert summary["fingerprint"] == data_fingerprint(bejegening.load_all(DATA))


def test_cli_build_reports_invalid_data_in_dutch(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA / "laborijn", data / "laborijn")
    survey = data / "laborijn" / "survey.yaml"
    survey.write_text(survey.read_text(encoding="utf-8").replace("mode: null", "mode: fax", 1))
    result = CliRunner().invoke(app, ["build", str(data), "--out", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "survey.yaml" in result.stderr and "mode" in result.stderr
    assert "De site is niet gebouwd" in result.stderr
    assert not (tmp_path / "s").exists()


# ------------------------------------------------------------------------------------------
# A survey with answers of respondents: statistics only, small cells suppressed


def _write_survey_with_answers(folder: Path) -> None:
    """A fictional survey (not real data) with respondent-level answers."""
    survey = {
        "survey": fictional_survey(
            "fictief-antwoorden",
            "Fictief onderzoek met antwoorden",
            sampling="probability",
            mode="paper",
            small_cell_threshold=5,
        ),
        "questions": [
            question_yaml(
                "v1",
                "Bent u tevreden?",
                "single",
                [("ja", "Ja", "positive"), ("nee", "Nee", "negative"), ("soms", "Soms", "neutral")],
                number="1",
            )
        ],
        "findings_file": None,
        "responses": {"file": "antwoorden.csv"},
    }
    folder.mkdir(parents=True)
    (folder / "survey.yaml").write_text(yaml.safe_dump(survey, allow_unicode=True), encoding="utf-8")
    answers = ["ja"] * 30 + ["nee"] * 18 + ["soms"] * 2
    lines = ["respondent,v1", *(f"R-geheim-{i:04d},{a}" for i, a in enumerate(answers))]
    (folder / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_answers_are_published_as_suppressed_statistics_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write_survey_with_answers(data / "fictief-antwoorden")
    out = tmp_path / "site"
    build_site(data, out)
    freq = pl.read_parquet(out / "downloads/fictief-antwoorden/frequenties.parquet")
    rows = {r["option"]: r for r in freq.to_dicts()}
    assert rows["ja"]["n"] == 30 and rows["ja"]["base"] == 50 and not rows["ja"]["published"]
    low, high = proportion_confint(30, 50, alpha=0.05, method="wilson")
    assert rows["ja"]["ci_low"] == pytest.approx(low) and rows["ja"]["ci_high"] == pytest.approx(high)
    assert rows["soms"]["suppressed"] and rows["soms"]["n"] is None and rows["soms"]["pct"] is None
    assert sum(bool(r["suppressed"]) for r in rows.values()) >= 2  # never one hidden cell alone
    page = _article(out / "enquetes/fictief-antwoorden/vragen/v1.html")
    assert "afgeschermd" in page
    # Probability sample: no opt-in warning under the table.
    assert "De marge gaat alleen over toeval" not in page
    for path in out.rglob("*"):
        assert path.name != "antwoorden.csv"
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".xml"}:
            assert "R-geheim" not in path.read_text(encoding="utf-8", errors="replace"), path


# ------------------------------------------------------------------------------------------
# Preview with live reload


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_data_change(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA / "laborijn", data / "laborijn")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/enquetes/laborijn/index.html"
    command = [str(Path(sys.executable).parent / "bejegening"), "serve", str(data), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _wait_for(lambda: "Laborijn" in (_get(url) or ""), 60), "de site kwam niet online"
        survey = data / "laborijn" / "survey.yaml"
        text = survey.read_text(encoding="utf-8")
        old = "title: Onderzoek naar de bejegening van klanten van Laborijn"
        assert old in text
        survey.write_text(text.replace(old, "title: Gewijzigde titel (test)"), encoding="utf-8")
        assert _wait_for(lambda: "Gewijzigde titel (test)" in (_get(url) or ""), 60), "geen nieuwe build"
    finally:
        process.terminate()
        process.wait(timeout=20)
