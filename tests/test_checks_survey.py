"""check_survey on the two real cases and on fictional surveys built for one rule each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

import bejegening
from bejegening import (
    Claim,
    Finding,
    Option,
    Question,
    SourceRef,
    SurveyBundle,
)
from bejegening.checks import CHECK_SCHEMA, Rounding, check_all, check_survey, inferred_bases
from tests._bundles import fictional_bundle

DATA = Path(__file__).resolve().parent.parent / "data"
WPI = "wpi-amsterdam-2017-2018"


@pytest.fixture(scope="module")
def wpi() -> SurveyBundle:
    return bejegening.load(DATA / WPI)


@pytest.fixture(scope="module")
def laborijn() -> SurveyBundle:
    return bejegening.load(DATA / "laborijn")


@pytest.fixture(scope="module")
def wpi_checks(wpi: SurveyBundle) -> pl.DataFrame:
    return check_survey(wpi)


def _rows(frame: pl.DataFrame, **where: Any) -> list[dict[str, Any]]:
    for column, value in where.items():
        frame = frame.filter(pl.col(column) == value)
    return frame.to_dicts()


def _one(frame: pl.DataFrame, **where: Any) -> dict[str, Any]:
    rows = _rows(frame, **where)
    assert len(rows) == 1, rows
    return rows[0]


# ---- the WPI case ---------------------------------------------------------------------------------


def test_result_table_has_the_contract_columns(wpi_checks: pl.DataFrame) -> None:
    assert dict(wpi_checks.schema) == dict(CHECK_SCHEMA)
    assert wpi_checks.columns[:8] == [
        "survey",
        "question",
        "figure",
        "status",
        "consistent_n",
        "explanation",
        "rule",
        "finding",
    ]
    assert set(wpi_checks["status"].unique()) <= {"consistent", "inconsistent", "niet_toetsbaar"}


def test_wpi_question_7_fits_exactly_77(wpi_checks: pl.DataFrame) -> None:
    rows = _rows(wpi_checks, question="q7", rule="count_percentage")
    assert [r["finding"] for r in rows] == ["q7-vakkundig", "q7-overdreven", "q7-bedreigend"]
    assert all(r["status"] == "consistent" and r["consistent_n"] == [77] for r in rows)
    assert rows[0]["figure"] == "16 personen (21 %)"
    assert rows[0]["figure_n"] == [75, 76, 77, 78]
    assert rows[0]["explanation"] == (
        "Klopt: de 3 cijfers van vraag 7 passen samen bij n = 77. "
        "Bij n = 77: 16 van 77 is 20,8%, afgerond 21%."
    )
    total = _one(wpi_checks, question="q7", rule="count_sum")
    assert total["figure"] == "16 + 36 + 25 = 77"
    assert "Samen zijn ze precies n" in total["explanation"]


def test_wpi_question_6_25_percent_is_the_odd_one_out(wpi_checks: pl.DataFrame) -> None:
    odd = _one(wpi_checks, finding="q6-intimiderend", rule="count_percentage")
    assert odd["status"] == "inconsistent"
    assert odd["consistent_n"] == []
    assert odd["figure_n"] == [99, 100, 101, 102]
    assert odd["suggested"] == "25 van n≈83 is 30%, niet 25%"
    assert "10 (12%) en 6 (7%) bij vraag 6 passen samen bij n = 81 tot en met 86" in odd["explanation"]
    assert "omgekeerd is 25% van 83 ongeveer 21 personen, niet 25" in odd["explanation"]
    for finding in ("q6-nodig", "q6-veilig-gevoel"):
        row = _one(wpi_checks, finding=finding, rule="count_percentage")
        assert row["status"] == "consistent"
        assert row["consistent_n"] == [81, 82, 83, 84, 85, 86]
        assert "Maar 25 (25%) past daar niet bij" in row["explanation"]


def test_wpi_question_3_26_is_the_odd_one_out(wpi_checks: pl.DataFrame) -> None:
    odd = _one(wpi_checks, finding="q3-onderdrukkend", rule="count_percentage")
    assert odd["status"] == "inconsistent"
    assert odd["suggested"] == "26 van n≈80 is 33%, niet 21%"  # 26/80 = 32,5% → 33%
    assert odd["figure_n"] == [121, 122, 123, 124, 125, 126]
    for finding in ("q3-professioneel", "q3-gelijkwaardig"):
        assert _one(wpi_checks, finding=finding, rule="count_percentage")["consistent_n"] == [79, 80, 81]


def test_wpi_other_questions_are_consistent(wpi_checks: pl.DataFrame) -> None:
    expected = {"q4": [81, 82, 83, 84], "q8": [75, 76], "q9": [71, 72], "q12": [72, 73]}
    for question, bases in expected.items():
        rows = _rows(wpi_checks, question=question, rule="count_percentage")
        assert len(rows) == 3
        assert all(r["status"] == "consistent" and r["consistent_n"] == bases for r in rows), question


def test_wpi_sums_do_not_exceed_100(wpi_checks: pl.DataFrame) -> None:
    sums = _rows(wpi_checks, rule="percentage_sum")
    assert [r["question"] for r in sums] == ["q3", "q4", "q6", "q7", "q8", "q9", "q12"]
    assert all(r["status"] == "consistent" for r in sums)
    assert _one(wpi_checks, question="q3", rule="percentage_sum")["figure"] == "21% + 20% + 19% = 60%"


def test_wpi_advice_6_ruime_meerderheid_cannot_be_decided(wpi_checks: pl.DataFrame) -> None:
    row = _one(wpi_checks, finding="q12-ruime-meerderheid")
    assert row["rule"] == "verbal"
    assert row["status"] == "niet_toetsbaar"
    assert (row["interval_low"], row["interval_high"], row["interval_unit"]) == (0.6, 1.0, "fraction")
    text = row["explanation"]
    # Uitstekend 4% + Goed 36% = 40%; Slecht 21% leaves at most 79,5% for U + G + Gemiddeld.
    assert "Uitstekend 4% + Goed 36% = 40%; voor Gemiddeld staat geen cijfer in de bron" in text
    assert "hoogstens 79,5%" in text
    assert "tussen 39,0% en 79,5%" in text
    assert "alleen als Gemiddeld minstens ongeveer 20% is" in text
    group = _one(wpi_checks, finding="q12-aanzienlijke-groep")
    assert group["status"] == "niet_toetsbaar"
    assert "Voor Slecht noemt de bron zelf: 15 personen (21%)" in group["explanation"]


def test_wpi_significance_claim_is_not_testable(wpi: SurveyBundle, wpi_checks: pl.DataFrame) -> None:
    rows = _rows(wpi_checks, rule="significance")
    assert [r["question"] for r in rows] == list(wpi.spec.claims[0].questions)
    assert all(r["status"] == "niet_toetsbaar" and r["claim"] == "significant" for r in rows)
    q7 = next(r for r in rows if r["question"] == "q7")
    assert q7["figure"] == "Significante uitkomsten van de enquête:"
    assert "niets om mee te vergelijken" in q7["explanation"]
    assert "uit de percentages volgt n = 77" in q7["explanation"]
    assert "Eén percentage is op zichzelf niet 'significant'" in q7["explanation"]
    assert "vergelijkingswaarde, maar die noemt de bron niet" in q7["explanation"]


def test_every_finding_is_reported(wpi: SurveyBundle, laborijn: SurveyBundle) -> None:
    for bundle in (wpi, laborijn):
        checked = set(check_survey(bundle)["finding"].drop_nulls())
        assert checked == {f.id for f in bundle.findings}


def test_inferred_bases_of_wpi(wpi: SurveyBundle, wpi_checks: pl.DataFrame) -> None:
    expected = {"q3": 79, "q4": 81, "q6": 81, "q7": 77, "q8": 75, "q9": 71, "q12": 72}
    assert inferred_bases(wpi) == expected
    assert inferred_bases(wpi_checks) == expected
    both = check_all([wpi, bejegening.load(DATA / "laborijn")])
    with pytest.raises(ValueError, match="survey="):
        inferred_bases(both)
    assert inferred_bases(both, survey=WPI) == expected
    assert inferred_bases(both, survey="laborijn") == {}


def test_rounding_rule_changes_the_bases(wpi: SurveyBundle) -> None:
    truncated = check_survey(wpi, rounding=Rounding.truncate)
    rows = _rows(truncated, question="q7", rule="count_percentage")
    assert all(r["consistent_n"] == [76] and r["rounding"] == "truncate" for r in rows)


# ---- the Laborijn case ----------------------------------------------------------------------------


def test_laborijn_verbal_findings_are_carried_as_intervals(laborijn: SurveyBundle) -> None:
    checks = check_survey(laborijn)
    assert set(checks["status"]) == {"niet_toetsbaar"}
    bijna = _one(checks, finding="ontevreden")
    assert (bijna["interval_low"], bijna["interval_high"]) == (0.4, 0.5)
    assert "De bron geeft geen aantallen of percentages om dit mee te vergelijken" in bijna["explanation"]
    tiental = _one(checks, finding="complimenten")
    assert (tiental["interval_low"], tiental["interval_high"], tiental["interval_unit"]) == (7, 13, "count")
    zoveel = _one(checks, finding="wantrouwen")
    assert zoveel["interval_low"] is None
    assert "verwijst naar een ander cijfer" in zoveel["explanation"]
    meerderheid = _one(checks, finding="ontevreden-meerderheid")
    assert "vergelijkt de bron twee groepen" in meerderheid["explanation"]
    assert _one(checks, finding="algemeen-oordeel")["rule"] == "no_figure"


# ---- fictional surveys, one rule each -------------------------------------------------------------


def _question(
    qid: str = "q1", options: str = "a b c", *, complete: bool = False, kind: str = "single"
) -> Question:
    return Question(
        id=qid,
        number=qid.removeprefix("q"),
        text="Fictieve vraag",
        type=kind,  # type: ignore[arg-type]
        options_complete=complete,
        options=[Option(id=o, label=o.upper()) for o in options.split()],
    )


def _finding(fid: str, question: str | None = "q1", options: str = "", **fields: Any) -> Finding:
    return Finding(
        id=fid,
        question=question,
        options=options.split(),
        source=SourceRef(source="bron"),
        **fields,
    )


def _per_option(**figures: Any) -> list[Finding]:
    """One finding per option a, b, c, … of :func:`_question`, its id the option's. Each keyword is
    a field of :class:`Finding`: a list gives one value per option, any other value is the same for
    all; ``_per_option(count=[30, 25], base=60)`` is findings ``a`` (30 of 60) and ``b`` (25 of 60)."""
    options = len(next(v for v in figures.values() if isinstance(v, list)))
    return [
        _finding(o, options=o, **{k: v[i] if isinstance(v, list) else v for k, v in figures.items()})
        for i, o in enumerate("abcdefgh"[:options])
    ]


def _bundle(
    questions: list[Question],
    findings: list[Finding],
    *,
    respondents: int | None = None,
    claims: list[Claim] | None = None,
) -> SurveyBundle:
    return fictional_bundle(questions, findings, respondents=respondents, claims=claims or ())


def test_percentages_above_100_beyond_rounding() -> None:
    bundle = _bundle([_question()], _per_option(percentage=[40, 35, 27]))
    row = _one(check_survey(bundle), rule="percentage_sum")
    # Lowest possible total: 39,5 + 34,5 + 26,5 = 100,5% > 100%.
    assert row["status"] == "inconsistent"
    assert row["figure"] == "40% + 35% + 27% = 102%"
    assert "100,5%" in row["explanation"]


def test_percentages_at_101_are_explained_by_rounding() -> None:
    bundle = _bundle([_question()], _per_option(percentage=[34, 33, 34]))
    assert _one(check_survey(bundle), rule="percentage_sum")["status"] == "consistent"


def test_complete_question_must_reach_100() -> None:
    bundle = _bundle([_question(complete=True)], _per_option(percentage=[30, 30, 37]))
    row = _one(check_survey(bundle), rule="percentage_sum")
    # Highest possible total: 30,5 + 30,5 + 37,5 = 98,5% < 100%.
    assert row["status"] == "inconsistent"
    assert "komt niet op 100%" in row["explanation"]


def test_multiple_choice_percentages_may_exceed_100() -> None:
    bundle = _bundle([_question(kind="multiple")], _per_option(percentage=[70, 60]))
    assert _rows(check_survey(bundle), rule="percentage_sum") == []


def test_counts_above_the_stated_base() -> None:
    bundle = _bundle([_question()], _per_option(count=[30, 25, 20], base=60))
    checks = check_survey(bundle)
    assert [r["status"] for r in _rows(checks, rule="count_base")] == ["consistent"] * 3
    total = _one(checks, rule="count_sum")
    assert total["status"] == "inconsistent"
    assert total["explanation"] == (
        "Klopt niet: de aantallen tellen op tot 75, meer dan de n = 60 die de bron noemt."
    )


def test_stated_base_contradicts_the_figures() -> None:
    bundle = _bundle([_question()], [_finding("a", options="a", count=26, percentage=21, base=100)])
    row = _one(check_survey(bundle), rule="base_stated")
    assert row["status"] == "inconsistent"
    assert "De bron noemt n = 100, maar 26 van 100 is afgerond 26%, niet 21%" in row["explanation"]
    assert row["consistent_n"] == [121, 122, 123, 124, 125, 126]


def test_stated_base_that_fits() -> None:
    bundle = _bundle([_question()], [_finding("a", options="a", count=16, percentage=21, base=77)])
    assert _one(check_survey(bundle), rule="base_stated")["status"] == "consistent"


def test_percentage_with_a_base_but_no_count() -> None:
    bundle = _bundle([_question()], _per_option(percentage=[7, 6], base=50))
    checks = check_survey(bundle)
    impossible = _one(checks, finding="a")
    assert impossible["status"] == "inconsistent"
    assert "3 van 50 is 6% en 4 van 50 is 8%" in impossible["explanation"]
    assert _one(checks, finding="b")["status"] == "consistent"


def test_percentage_without_any_base_is_not_testable() -> None:
    bundle = _bundle([_question()], [_finding("a", options="a", percentage=7)])
    assert _one(check_survey(bundle), finding="a")["status"] == "niet_toetsbaar"


def test_tie_cannot_say_which_figure_is_wrong() -> None:
    bundle = _bundle([_question()], _per_option(count=[1, 1], percentage=[50, 33]))
    rows = _rows(check_survey(bundle), rule="count_percentage")
    assert [r["status"] for r in rows] == ["inconsistent", "inconsistent"]
    assert [r["consistent_n"] for r in rows] == [[2], [3]]
    assert all("valt uit de cijfers niet af te leiden" in r["explanation"] for r in rows)


def test_a_pair_that_fits_no_base() -> None:
    bundle = _bundle([_question()], [_finding("a", options="a", count=5, percentage=120)])
    row = _one(check_survey(bundle), rule="count_percentage")
    assert row["status"] == "inconsistent"
    assert row["explanation"] == "Klopt niet: bij geen enkele n tot 10.000 is 5 van n afgerond 120%."


def test_verbal_claim_with_its_own_percentage() -> None:
    bundle = _bundle(
        [_question()], _per_option(percentage=[47, 45], quantifier=["bijna de helft", "ruim de helft"])
    )
    checks = check_survey(bundle)
    assert _one(checks, finding="a", rule="verbal")["status"] == "consistent"
    assert _one(checks, finding="b", rule="verbal")["status"] == "inconsistent"


def test_verbal_claim_against_the_options_figures() -> None:
    bundle = _bundle(
        [_question()],
        [
            *_per_option(count=[30, 45], percentage=[30, 45]),
            _finding("meer", options="a b", quantifier="een ruime meerderheid"),
            _finding("minder", options="a b", quantifier="minder dan de helft"),
            _finding("vaag", options="a b", quantifier="ongeveer zeventig procent"),
        ],
    )
    checks = check_survey(bundle)
    meer = _one(checks, finding="meer")
    assert meer["status"] == "consistent"  # A + B lies between 74% and 76%
    assert "A 30% + B 45% = 75%" in meer["explanation"]
    assert _one(checks, finding="minder")["status"] == "inconsistent"
    unknown = _one(checks, finding="vaag")
    assert unknown["status"] == "niet_toetsbaar"
    assert "staat niet in de woordenlijst" in unknown["explanation"]


def test_respondents_bound_the_base() -> None:
    findings = [_finding("a", options="a", count=16, percentage=21)]
    low = _one(check_survey(_bundle([_question()], findings, respondents=70)), rule="respondents")
    assert low["status"] == "inconsistent"
    high = _one(check_survey(_bundle([_question()], findings, respondents=76)), rule="respondents")
    assert high["status"] == "consistent"
    assert high["consistent_n"] == [75, 76]


def test_statement_without_figure() -> None:
    bundle = _bundle([], [_finding("s", question=None, statement="Consulenten zijn slecht bereikbaar")])
    row = _one(check_survey(bundle), finding="s")
    assert (row["rule"], row["status"]) == ("no_figure", "niet_toetsbaar")
    assert row["figure"] == "Consulenten zijn slecht bereikbaar"


def test_significance_claim_without_questions() -> None:
    claim = Claim(id="sig", kind="significance", text="Dit is significant.", source=SourceRef(source="bron"))  # type: ignore[arg-type]
    bundle = _bundle([], [], claims=[claim])
    row = _one(check_survey(bundle), rule="significance")
    assert row["question"] is None and row["status"] == "niet_toetsbaar"
    assert "Het aantal deelnemers staat er niet in." in row["explanation"]


def test_empty_survey_and_invalid_max_n() -> None:
    empty = check_survey(_bundle([], []))
    assert empty.is_empty() and dict(empty.schema) == dict(CHECK_SCHEMA)
    assert check_all([]).is_empty()
    with pytest.raises(ValueError, match="max_n"):
        check_survey(_bundle([], []), max_n=0)


def test_figures_about_a_subgroup_have_their_own_base() -> None:
    sub = "cliënten met een huisbezoek (fictief)"
    bundle = _bundle(
        [_question(options="a b")],
        [
            _finding("a", options="a", count=16, percentage=21),
            _finding("b", options="b", count=36, percentage=47),
            _finding("a-sub", options="a", count=5, percentage=50, base_description=sub),
            _finding("b-sub", options="b", count=5, percentage=50, base_description=sub),
        ],
    )
    checks = check_survey(bundle)
    pairs = _rows(checks, rule="count_percentage")
    assert [(r["finding"], r["status"], r["consistent_n"]) for r in pairs] == [
        ("a", "consistent", [76, 77]),
        ("b", "consistent", [76, 77]),
        ("a-sub", "consistent", [10]),
        ("b-sub", "consistent", [10]),
    ]
    sums = _rows(checks, rule="percentage_sum")
    assert [r["figure"] for r in sums] == ["21% + 47% = 68%", "50% + 50% = 100%"]
    assert [r["consistent_n"] for r in _rows(checks, rule="count_sum")] == [[76, 77], [10]]
