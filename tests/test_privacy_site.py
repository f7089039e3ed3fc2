"""Scans of a built site: no respondent file, no personal data, no suppressed cell, no injection.

The site is built from ``tests/fixtures/hostile/`` (FICTIONAL): texts that try to inject HTML,
Markdown, Jinja and script, open answers with invented e-mail addresses, phone numbers, a BSN,
an IBAN, an address and a name, and answers with small cells.
"""

from __future__ import annotations

import gzip
import html
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest
import yaml

import bejegening
from bejegening._nl import format_pct
from bejegening.io import scaffold_survey
from bejegening.site import build_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "hostile"
SURVEY = FIXTURE / "vijandig"

PERSONAL = [
    "jan.fictief@example.nl",
    "06-12345678",
    "0612345678",
    "111222333",
    "NL91ABNA0417164300",
    "NL91 ABNA",
    "Dorpsstraat 12",
    "1234 AB",
    "Pietje Fictief",
]
"""Personal data written in the fixture's open answers (all invented)."""

OPEN_ANSWER_MARKERS = [
    "liefst 's ochtends",
    "dat moest ik drie keer opgeven",
    "Niets bijzonders, prima geholpen",
]


def _build(tmp: Path, publish_open_answers: bool) -> Path:
    data = tmp / "data"
    shutil.copytree(FIXTURE, data)
    if not publish_open_answers:
        path = data / "vijandig" / "survey.yaml"
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        spec["survey"]["publish_open_answers"] = False
        path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp / "site"
    build_site(data, out)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("vijandig-aan"), publish_open_answers=True)


@pytest.fixture(scope="module")
def site_closed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("vijandig-uit"), publish_open_answers=False)


def _files(site: Path) -> Iterator[Path]:
    return (p for p in sorted(site.rglob("*")) if p.is_file())


def _content(path: Path) -> str:
    """Everything a visitor could read in a file: HTML entities decoded, Parquet and gzip opened."""
    if path.suffix == ".parquet":
        frame = pl.read_parquet(path)
        return "\n".join(str(v) for column in frame.columns for v in frame[column].to_list())
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", errors="replace")
    return html.unescape(text) if path.suffix in {".html", ".xml", ".svg", ".json"} else text


class _Page(HTMLParser):
    """Text, script bodies, tags and attributes of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] == "script":
            self.scripts.append(data)
        elif not (self._stack and self._stack[-1] == "style"):
            self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def _page(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- respondent-level files ------------------------------------------------------------------


def test_no_respondent_file_is_copied(site: Path) -> None:
    raw = (SURVEY / "antwoorden.csv").read_bytes()
    for path in _files(site):
        assert "antwoorden" not in path.name
        assert path.read_bytes() != raw
    everything = "\n".join(_content(p) for p in _files(site))
    assert "VIJANDIG-R0" not in everything  # respondent numbers
    for line in raw.decode("utf-8").splitlines()[1:]:
        if line.startswith("VIJANDIG-R"):  # every record (a quoted open answer may span lines)
            assert line not in everything
            assert line.split(";", 1)[1] not in everything


def test_init_example_answers_are_not_copied(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "voorbeeld"
    scaffold_survey(folder)
    build_site(tmp_path / "data", tmp_path / "site")
    everything = "\n".join(_content(p) for p in _files(tmp_path / "site"))
    assert "FICTIEF-0" not in everything
    assert not [p for p in _files(tmp_path / "site") if "antwoorden" in p.name]


# --- personal data ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", PERSONAL)
def test_no_unredacted_personal_data_anywhere(site: Path, site_closed: Path, value: str) -> None:
    for built in (site, site_closed):
        hits = [str(p.relative_to(built)) for p in _files(built) if value in _content(p)]
        assert hits == [], value


def test_enabled_open_answers_are_published_redacted_and_as_text(site: Path) -> None:
    # Independent expectation, written out by hand from the fixture's ten non-empty answers
    # (antwoorden.csv, column q3): e-mail address, phone number, BSN (111222333 passes the
    # 11-test), IBAN, street + number and postcode replaced; a name from ``redact_names``
    # replaced; markup kept as text (escaped on the page).
    expected = [
        "Mail me op [e-mail] als het kan.",
        "Bel mij op [telefoonnummer], liefst 's ochtends.",
        "Mijn BSN is [BSN], dat moest ik drie keer opgeven.",
        "Stort het terug op [IBAN] graag.",
        "Ik woon op [adres], [adres] Voorbeeldstad.",
        "[naam] aan de balie was heel aardig.",
        "<script>alert('open')</script> werkt dit?",
        "[klik](javascript:alert('open-link')) {{ 7*7 }}",
        "eerste regel --- tweede regel na een streep",
        "Niets bijzonders, prima geholpen.",
    ]
    page = _page(site / "enquetes" / "vijandig" / "vragen" / "q3.html")
    plain = page.plain
    for answer in expected:
        assert answer in plain, answer
    # In alphabetical order, so the order says nothing about who answered what.
    positions = [plain.index(answer) for answer in sorted(expected)]
    assert positions == sorted(positions)


def test_open_answers_stay_off_the_site_when_not_enabled(site_closed: Path) -> None:
    everything = "\n".join(_content(p) for p in _files(site_closed))
    for marker in OPEN_ANSWER_MARKERS:
        assert marker not in everything
    assert "[e-mail]" not in everything and "[telefoonnummer]" not in everything


# --- small cells -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def suppressed() -> pl.DataFrame:
    bundle = bejegening.load(SURVEY)
    questions = list(bundle.questions)
    wide = bundle.responses()
    assert wide is not None
    freq = bejegening.frequencies(
        bejegening.answers_from_wide(wide, questions), questions, survey_id=bundle.id, sampling="opt_in"
    )
    table = bejegening.suppress_small_cells(freq, bundle.survey.small_cell_threshold, questions=questions)
    hidden = table.filter(pl.col("suppressed")).select("question", "option", "label")
    return hidden.join(freq.select("question", "option", "n", "base"), on=["question", "option"])


def test_fixture_has_primary_and_secondary_suppression(suppressed: pl.DataFrame) -> None:
    assert suppressed.select("question", "option", "n").rows() == [
        ("q1", "jinja", 7),
        ("q1", "weinig", 2),
        ("q2", "weet-niet", 3),
    ]


@pytest.mark.parametrize("kind", ["csv", "json", "parquet"])
def test_downloads_hold_no_suppressed_cell(site: Path, suppressed: pl.DataFrame, kind: str) -> None:
    path = site / "downloads" / "vijandig" / f"frequenties.{kind}"
    if kind == "csv":
        table = pl.read_csv(path, infer_schema_length=None)
    elif kind == "json":
        table = pl.DataFrame(json.loads(path.read_text(encoding="utf-8")), infer_schema_length=None)
    else:
        table = pl.read_parquet(path)
    hidden = table.join(suppressed.select("question", "option"), on=["question", "option"])
    assert hidden.height == suppressed.height
    for column in ("n", "pct", "ci_low", "ci_high"):
        assert hidden[column].null_count() == hidden.height, column
    assert hidden["suppressed"].to_list() == [True] * hidden.height


def test_pages_and_charts_show_no_suppressed_cell(site: Path, suppressed: pl.DataFrame) -> None:
    for question, option, label, n, base in suppressed.iter_rows():
        # The table row of this option says it is hidden, and nothing else.
        parser = _page(site / "enquetes" / "vijandig" / "vragen" / f"{question}.html")
        plain = parser.plain
        # Primary (fewer than k people) and secondary suppression are labelled differently.
        if 0 < n < 5:
            assert f"{label} niet getoond: minder dan 5 personen" in plain, (question, option)
        else:
            assert f"{label} afgeschermd zodat een klein aantal elders niet terug te rekenen is" in plain, (
                question,
                option,
            )
        assert f"{label} {n} " not in plain
        shown = f"{format_pct(n / base)} ({n})"
        assert shown not in plain
        spec = json.loads((site / "grafieken" / f"vijandig.{question}.vl.json").read_text(encoding="utf-8"))
        values = [v for v in _values(spec) if v.get("option") == option]
        assert values, option
        assert all(v.get("n") is None and v.get("value") is None for v in values)
        svg = _content(site / "grafieken" / f"vijandig.{question}.svg")
        assert shown not in svg


def _values(spec: object) -> Iterator[dict[str, object]]:
    if isinstance(spec, dict):
        if isinstance(spec.get("values"), list):
            yield from (v for v in spec["values"] if isinstance(v, dict))
        for value in spec.values():
            yield from _values(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _values(value)


# --- injection -------------------------------------------------------------------------------

HOSTILE = {
    "q1": [
        'Wat vindt u van <script>alert("vraag")</script> de balie?',
        "Goed <img src=x onerror=alert('optie')>",
        "[klik hier](javascript:alert('link'))",
        "{{ 7*7 }} keer slecht",
    ],
    "q2": ["Hoe vaak | had u | contact? <!-- commentaar -->"],
}


def _html_pages(site: Path) -> list[Path]:
    return [p for p in _files(site) if p.suffix == ".html"]


def test_no_injected_markup_in_any_page(site: Path) -> None:
    for path in _html_pages(site):
        parser = _page(path)
        for tag, attrs in parser.tags:
            for name, value in attrs.items():
                assert not (value or "").strip().lower().startswith("javascript:"), (path, tag, name)
                if name.startswith("on"):
                    assert "alert(" not in (value or ""), (path, tag, name)
            if tag == "img":
                assert attrs.get("src") != "x", path
        assert not any("alert(" in script for script in parser.scripts), path
        assert "49 keer slecht" not in parser.plain, path


@pytest.mark.parametrize("question", sorted(HOSTILE))
def test_hostile_question_texts_and_labels_are_plain_text(site: Path, question: str) -> None:
    plain = _page(site / "enquetes" / "vijandig" / "vragen" / f"{question}.html").plain
    for text in HOSTILE[question]:
        assert _squash(text) in plain, text


def test_hostile_survey_texts_are_plain_text(site: Path) -> None:
    method = _page(site / "enquetes" / "vijandig" / "methode.html").plain
    assert "Vijandige <em>test</em> {{ titel }} (fictief voorbeeld)" in method
    assert "Dienst <b>Nergens</b> (fictief)" in method
    assert "Eigen enquête <script>alert('bron')</script> (fictief)" in method
    # A line "---" and front-matter-like text stay text; Jinja is not evaluated.
    assert "--- title: geen front matter ---" in method
    assert "{% if true %}jinja-blok{% endif %} en {{ 6*7 }}" in method
    tracker = _page(site / "adviezen.html").plain
    assert "Advies <script>alert('advies')</script>" in tracker
    assert "Samenvatting met [link](javascript:alert('samenvatting')) en {{ 1+1 }}" in tracker


def test_hostile_labels_are_plain_text_in_charts(site: Path) -> None:
    svg = site / "grafieken" / "vijandig.q1.svg"
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not tags & {"script", "img", "foreignObject", "iframe"}
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.tag
    text = _squash(" ".join(t for element in root.iter() for t in (element.text, element.tail) if t))
    for label in HOSTILE["q1"][1:]:
        assert label in text, label


def test_search_index_holds_no_live_markup(site: Path) -> None:
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index
    assert "<img src=x" not in index
