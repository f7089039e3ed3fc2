"""The bundled cases equal their sources: every quote is verbatim, every figure as printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import bejegening
from bejegening.model import Status

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "fixtures" / "sources"
WPI = ROOT / "data" / "wpi-amsterdam-2017-2018"
LABORIJN = ROOT / "data" / "laborijn"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def wpi() -> bejegening.SurveyBundle:
    return bejegening.load(WPI)


@pytest.fixture(scope="module")
def laborijn() -> bejegening.SurveyBundle:
    return bejegening.load(LABORIJN)


@pytest.fixture(scope="module")
def wpi_text() -> str:
    return _normalise((SOURCES / "wpi-advies-2018.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def laborijn_text() -> str:
    return _normalise((SOURCES / "laborijn-artikel.txt").read_text(encoding="utf-8"))


def test_every_wpi_quote_is_verbatim(wpi: bejegening.SurveyBundle, wpi_text: str) -> None:
    quotes = [f.source.quote for f in wpi.findings] + [r.text for r in wpi.recommendations]
    assert len(quotes) == 29
    for quote in quotes:
        assert quote is not None
        assert _normalise(quote) in wpi_text, quote


def test_every_laborijn_quote_is_verbatim(laborijn: bejegening.SurveyBundle, laborijn_text: str) -> None:
    quotes = [f.source.quote for f in laborijn.findings] + [c.source.quote for c in laborijn.causes]
    quotes += [r.text for r in laborijn.recommendations]
    assert len(quotes) == 13 + 6 + 10
    for quote in quotes:
        assert quote is not None
        assert _normalise(quote) in laborijn_text, quote


def test_wpi_figures_equal_every_figure_printed_in_the_source(
    wpi: bejegening.SurveyBundle, wpi_text: str
) -> None:
    # Every "N personen (P %)" / "N personen, ofwel P %" / "(P procent)" in the advice.
    printed = re.findall(r"(\d+) personen(?:, ofwel | \()(\d+) ?(?:%|procent)", wpi_text)
    assert len(printed) == 21
    transcribed = [(f.count, f.percentage) for f in wpi.findings if f.count is not None]
    assert [(int(c), float(p)) for c, p in printed] == transcribed


def test_wpi_figures_are_exactly_as_printed_including_the_odd_ones(wpi: bejegening.SurveyBundle) -> None:
    # Hand-copied from the advice of 21 March 2018; q6 "25 personen (25 %)" and q3
    # "26 personen, ofwel 21 %" do not fit the other figures, and stay as printed.
    assert (wpi.finding("q6-intimiderend").count, wpi.finding("q6-intimiderend").percentage) == (25, 25)
    assert (wpi.finding("q3-onderdrukkend").count, wpi.finding("q3-onderdrukkend").percentage) == (26, 21)
    assert wpi.finding("q4-niet-professioneel").figure == "9 personen (11 procent)"
    assert [f.count for f in wpi.findings if f.question == "q7"] == [16, 36, 25]
    assert [f.percentage for f in wpi.findings if f.question == "q7"] == [21, 47, 32]
    q12_gemiddeld = [f for f in wpi.findings if "gemiddeld" in f.options]
    assert len(q12_gemiddeld) == 1
    assert q12_gemiddeld[0].count is None
    assert q12_gemiddeld[0].percentage is None
    assert q12_gemiddeld[0].quantifier == "een ruime meerderheid"
    assert q12_gemiddeld[0].options == ["uitstekend", "goed", "gemiddeld"]


def test_wpi_questions_and_recommendations(wpi: bejegening.SurveyBundle, wpi_text: str) -> None:
    assert [q.number for q in wpi.questions] == ["3", "4", "6", "7", "8", "9", "12"]
    for question in wpi.questions:
        assert _normalise(question.text) in wpi_text
        assert question.options_complete is False
        for option in question.options:
            assert option.label in wpi_text
    assert [r.number for r in wpi.recommendations] == ["1", "2", "3", "4", "5", "6"]
    cited = {q for r in wpi.recommendations for q in r.questions}
    assert cited == {"q3", "q4", "q6", "q7", "q9", "q12"}  # q8 has no recommendation
    for rec in wpi.recommendations:
        assert rec.current_status is Status.uitgebracht
        assert [e.date.isoformat() if e.date else None for e in rec.history] == ["2018-03-21"]
    assert wpi.survey.sources[0].date is not None
    assert wpi.survey.sources[0].date.isoformat() == "2018-03-21"
    assert wpi.survey.respondents is None
    assert wpi.survey.population.size is None


def test_laborijn_findings_are_verbal_with_their_bases(laborijn: bejegening.SurveyBundle) -> None:
    quantifiers = {f.id: f.quantifier for f in laborijn.findings}
    assert quantifiers["ontevreden"] == "bijna de helft"
    assert quantifiers["onprettig-behandeld"] == "ruim een derde"
    assert quantifiers["huisbezoek-negatief"] == "meer dan de helft"
    assert quantifiers["kritiek-open-vragen"] == "ruim de helft"
    assert quantifiers["complimenten"] == "een tiental"
    assert laborijn.finding("huisbezoek-negatief").base_description == (
        "mensen die met een huisbezoek te maken kregen"
    )
    assert all(f.count is None and f.percentage is None for f in laborijn.findings)
    assert len(laborijn.recommendations) == 10
    # Dates not in the source are null, never guessed.
    assert laborijn.survey.fieldwork_start is None
    assert laborijn.survey.sources[0].date is None
    assert all(e.date is None for r in laborijn.recommendations for e in r.history)
