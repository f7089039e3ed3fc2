"""Design-based proportions and means against R's survey package (stored values, FICTIONAL data).

Tolerances: 1e-9 for closed-form estimators; 1e-6 where R iterates (svyciprop "logit" fits a
quasi-binomial GLM).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest
import yaml
from statsmodels.stats.proportion import proportion_confint

from bejegening.io import load
from bejegening.model import Option, Question, QuestionType, SampleDesign
from bejegening.report import build_report
from bejegening.stats import design_proportions, frequencies, numeric_summary, tabulate
from tests._reference import DESIGNS, QUESTIONS, long_answers, r_reference, respondents, scalar
from tests.fixtures.answers import SURVEY

TOL = 1e-9


def _enum_answers() -> pl.DataFrame:
    """The reference answers with Enum keys and whole-number respondent ids (the in-memory fast
    path: dense counts, respondents per stratum by their ids)."""
    answers = long_answers()
    enums = {
        c: pl.Enum(sorted(answers[c].drop_nulls().unique().to_list()))
        for c in ("question", "option", "wijk", "team")
    }
    return answers.with_columns(
        *(pl.col(c).cast(dtype) for c, dtype in enums.items()),
        pl.col("respondent").str.strip_prefix("R").cast(pl.Int32),
    )


@pytest.mark.parametrize("enum_keys", [False, True])
@pytest.mark.parametrize("name", list(DESIGNS))
def test_proportions_match_r(name: str, enum_keys: bool) -> None:
    weight, design = DESIGNS[name]
    answers = _enum_answers() if enum_keys else long_answers()
    table = design_proportions(answers, QUESTIONS, weight=weight, design=design, survey_id="ref")
    rows = {(r["question"], r["option"]): r for r in table.iter_rows(named=True)}
    expected = r_reference()["designs"][name]["proportions"]
    assert len(expected) == 9
    for ref in expected:
        row = rows[(ref["question"], ref["option"])]
        assert row["n"] == ref["n"] and row["base"] == ref["base"]
        assert row["pct"] == pytest.approx(ref["pct"], rel=TOL)
        assert row["se"] == pytest.approx(scalar(ref["se"]), rel=TOL)
        assert row["deff"] == pytest.approx(ref["deff"], rel=TOL)
        assert row["df"] == ref["df"]
        assert row["total"] == pytest.approx(ref["total"], rel=TOL)
        assert row["total_se"] == pytest.approx(scalar(ref["total_se"]), rel=TOL)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ref["xlogit"]), rel=TOL)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ref["logit"]), rel=1e-6)
        assert row["n_effective"] == pytest.approx(row["pct"] * (1 - row["pct"]) / row["se"] ** 2)


def test_kish_wilson_is_kept_as_an_option() -> None:
    weight, design = DESIGNS["clustered"]
    table = design_proportions(
        long_answers(), QUESTIONS, weight=weight, design=design, method="kish_wilson"
    ).filter(pl.col("option") == "ja")
    old = frequencies(
        long_answers(), QUESTIONS, survey_id="ref", weight=weight, weighted_method="kish_wilson"
    ).filter(pl.col("option") == "ja")
    assert table["ci_low"][0] == pytest.approx(old["ci_low"][0], rel=TOL)
    assert table["n_kish"][0] == pytest.approx(old["n_effective"][0], rel=TOL)


def test_unweighted_simple_random_sample_by_hand() -> None:
    table = design_proportions(long_answers(), QUESTIONS)
    ja = table.filter(pl.col("option") == "ja").row(0, named=True)
    p, n, sample = ja["pct"], ja["base"], respondents().height
    # Domain of the n valid answers in a sample of N: z = (y − p)/n inside, 0 outside, so
    # V = N/(N − 1) · Σz² = N/(N − 1) · p(1 − p)/n; against p(1 − p)/(n − 1) for the SRS of n.
    assert (n, sample) == (650, 692)
    assert ja["se"] == pytest.approx(np.sqrt(sample / (sample - 1) * p * (1 - p) / n), rel=TOL)
    assert ja["deff"] == pytest.approx(sample / (sample - 1) * (n - 1) / n, rel=TOL)
    assert ja["df"] == n - 1


@pytest.mark.parametrize("name", list(DESIGNS))
def test_numeric_mean_matches_r(name: str) -> None:
    weight, design = DESIGNS[name]
    answers = respondents().select(
        pl.lit("wachttijd").alias("question"),
        pl.col("wachttijd").alias("value"),
        "respondent",
        "gewicht",
        "ontwerpgewicht",
        "wijk",
        "team",
    )
    row = numeric_summary(answers, weight=weight, design=design).row(0, named=True)
    ref = r_reference()["designs"][name]["numeric"]
    assert row["n"] == ref["n"]
    assert row["mean"] == pytest.approx(ref["mean"], rel=TOL)
    assert row["se"] == pytest.approx(scalar(ref["se"]), rel=TOL)
    assert row["sd"] == pytest.approx(ref["sd"], rel=TOL)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ref["ci"]), rel=TOL)
    assert (row["q1"], row["median"], row["q3"]) == pytest.approx(tuple(ref["quartiles"]), rel=TOL)


def test_design_errors_are_dutch() -> None:
    answers = long_answers()
    with pytest.raises(ValueError, match="ontbreekt in de antwoorden"):
        design_proportions(answers, QUESTIONS, design=SampleDesign(strata="regio"))
    lonely = answers.with_columns(
        pl.when(pl.col("wijk") == "Zuid").then(pl.lit("Z01")).otherwise("team").alias("team")
    )
    with pytest.raises(ValueError, match="maar één cluster"):
        design_proportions(lonely, QUESTIONS, design=SampleDesign(strata="wijk", clusters="team"))
    with pytest.raises(ValueError, match="populatiegrootte ontbreekt voor stratum Zuid"):
        design_proportions(
            answers,
            QUESTIONS,
            design=SampleDesign(strata="wijk", population_size={"Noord": 1e4, "Midden": 1e4}),
        )


@pytest.mark.parametrize("name", ["weights_only", "clustered_fpc"])
def test_weighted_frequencies_use_the_design_interval(name: str) -> None:
    weight, design = DESIGNS[name]
    freq = frequencies(long_answers(), QUESTIONS, survey_id="ref", weight=weight, design=design)
    rows = {(r["question"], r["option"]): r for r in freq.iter_rows(named=True)}
    for ref in r_reference()["designs"][name]["proportions"]:
        row = rows[(ref["question"], ref["option"])]
        assert row["method"] == "logit"
        assert row["pct"] == pytest.approx(ref["pct"], rel=TOL)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ref["xlogit"]), rel=TOL)


@pytest.mark.parametrize("by", [None, "leeftijd"])
@pytest.mark.parametrize("form", ["long", "wide"])
@pytest.mark.parametrize("name", list(DESIGNS))
def test_weighted_tabulate_frequencies_match_r(name: str, form: str, by: str | None) -> None:
    """tabulate's weighted frequencies: R's svyciprop interval, as frequencies(weight=, design=)."""
    weight, design = DESIGNS[name]
    answers = long_answers() if form == "long" else respondents()
    tables = tabulate(answers, QUESTIONS, survey_id="ref", by=by, weight=weight, design=design, form=form)
    rows = {(r["question"], r["option"]): r for r in tables.frequencies.iter_rows(named=True)}
    expected = r_reference()["designs"][name]["proportions"]
    assert len(expected) == 9
    for ref in expected:
        row = rows[(ref["question"], ref["option"])]
        assert row["method"] == "logit"
        assert row["n"] == ref["n"] and row["base"] == ref["base"]
        assert row["pct"] == pytest.approx(ref["pct"], rel=TOL)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ref["xlogit"]), rel=TOL)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ref["logit"]), rel=1e-6)
        se = scalar(ref["se"])
        assert row["n_effective"] == pytest.approx(ref["pct"] * (1 - ref["pct"]) / se**2, rel=TOL)
    direct = frequencies(long_answers(), QUESTIONS, survey_id="ref", weight=weight, design=design)
    # Same code path; the parallel group_by may sum in another order (last bits only).
    floats = [c for c, t in direct.schema.items() if t == pl.Float64]
    assert tables.frequencies.drop(floats).equals(direct.drop(floats))
    for column in floats:
        np.testing.assert_allclose(tables.frequencies[column], direct[column], rtol=1e-12)


@pytest.mark.parametrize("form", ["long", "wide"])
def test_tabulate_keeps_kish_wilson_as_an_option(form: str) -> None:
    weight, design = DESIGNS["clustered"]
    answers = long_answers() if form == "long" else respondents()
    tables = tabulate(
        answers,
        QUESTIONS,
        survey_id="ref",
        by="leeftijd",
        weight=weight,
        design=design,
        form=form,
        weighted_method="kish_wilson",
    )
    kish = design_proportions(long_answers(), QUESTIONS, weight=weight, design=design, method="kish_wilson")
    rows = {(r["question"], r["option"]): r for r in kish.iter_rows(named=True)}
    for row in tables.frequencies.iter_rows(named=True):
        if row["option"] == "weet_niet":
            continue  # the Kish n of a "weet niet" row counts every answer; checked below by hand
        ref = rows[(row["question"], row["option"])]
        assert row["method"] == "wilson"
        assert row["n_effective"] == pytest.approx(ref["n_kish"], rel=TOL)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((ref["ci_low"], ref["ci_high"]), rel=TOL)
    # Hand check, independent of design_proportions: Wilson (statsmodels) on (Σw)²/Σw².
    data = respondents().filter(pl.col("hulp").is_in(["ja", "nee"]))
    w = data[weight].to_numpy()
    n_kish = w.sum() ** 2 / (w**2).sum()
    p = w[data["hulp"].to_numpy() == "ja"].sum() / w.sum()
    hulp_ja = (pl.col("question") == "hulp") & (pl.col("option") == "ja")
    ja = tables.frequencies.filter(hulp_ja).row(0, named=True)
    assert ja["n_effective"] == pytest.approx(n_kish, rel=TOL)
    assert (ja["ci_low"], ja["ci_high"]) == pytest.approx(
        proportion_confint(p * n_kish, n_kish, method="wilson"), rel=TOL
    )


def test_unweighted_frequencies_keep_wilson() -> None:
    freq = frequencies(long_answers(), QUESTIONS, survey_id="ref")
    ja = freq.filter(pl.col("option") == "ja").row(0, named=True)
    assert ja["method"] == "wilson"
    low, high = proportion_confint(ja["n"], ja["base"], method="wilson")
    assert (ja["ci_low"], ja["ci_high"]) == pytest.approx((low, high), rel=TOL)
    assert tabulate(long_answers(), QUESTIONS, survey_id="ref", by="leeftijd").frequencies.equals(freq)


def test_design_block_in_survey_yaml_reaches_the_tables(tmp_path: Path) -> None:
    """responses.design in survey.yaml → the CLI's and site's frequency table use the design."""
    _, design = DESIGNS["clustered"]
    assert design is not None
    data = respondents().select("respondent", "wijk", "team", "gewicht", "hulp", "tevreden")
    data.write_csv(tmp_path / "antwoorden.csv")
    survey = {
        **SURVEY,
        "questions": [q.model_dump(mode="json", exclude_none=True) for q in QUESTIONS],
        "responses": {
            "file": "antwoorden.csv",
            "respondent_column": "respondent",
            "weight_column": "gewicht",
            "background": {"wijk": "wijk", "team": "team"},
            "design": {"strata": "wijk", "clusters": "team"},
        },
    }
    survey.pop("findings", None)
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(survey, allow_unicode=True), encoding="utf-8")
    bundle = load(tmp_path)
    assert bundle.design == design
    freq = build_report(bundle).frequencies  # what the site and `bejegening stats` publish
    rows = {(r["question"], r["option"]): r for r in freq.iter_rows(named=True)}
    for ref in r_reference()["designs"]["clustered"]["proportions"]:
        row = rows[(ref["question"], ref["option"])]
        assert row["method"] == "logit"
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ref["xlogit"]), rel=TOL)


def test_multiple_response_shares_are_of_respondents() -> None:
    channels = Question(
        id="kanaal",
        text="Via welke kanalen? (fictief)",
        type=QuestionType.multiple,
        options_complete=True,
        options=[Option(id=o, label=o) for o in ("web", "tel", "balie")],
    )
    answers = pl.DataFrame(
        {
            "respondent": [1, 1, 2, 3, 3, 3, 4, 5],
            "question": ["kanaal"] * 8,
            "option": ["web", "tel", "web", "web", "tel", "balie", "_geen", None],
            "w": [1.0, 1.0, 2.0, 0.5, 0.5, 0.5, 1.0, 3.0],
        }
    )
    table = design_proportions(answers, [channels], weight="w")
    # base: respondents 1-4 answered (weights 1, 2, 0.5, 1 = 4.5); web: 1 + 2 + 0.5 = 3.5
    web = table.filter(pl.col("option") == "web").row(0, named=True)
    assert web["base"] == 4 and web["n"] == 3
    assert web["pct"] == pytest.approx(3.5 / 4.5, rel=TOL)
    freq = frequencies(answers, [channels], survey_id="f", weight="w", weighted_method="kish_wilson")
    assert freq.filter(pl.col("option") == "web")["pct"][0] == pytest.approx(web["pct"], rel=TOL)
