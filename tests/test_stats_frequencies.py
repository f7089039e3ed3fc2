"""Frequency tables from answers (fictional data) and from the published figures of the real cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest
from statsmodels.stats.proportion import proportion_confint

import bejegening
from bejegening import Option, Question
from bejegening.stats import CONTRACT_COLUMNS, FREQUENCY_SCHEMA, NONE_OPTION, REMAINDER_OPTION

DATA = Path(__file__).resolve().parent.parent / "data"

SATISFACTION = Question(
    id="tevreden",
    text="Hoe tevreden bent u? (fictief)",
    type="single",
    options_complete=True,
    options=[
        Option(id="ja", label="Tevreden", valence="positive"),
        Option(id="neutraal", label="Neutraal", valence="neutral"),
        Option(id="nee", label="Ontevreden", valence="negative"),
        Option(id="wn", label="Weet niet", valence="non_substantive"),
    ],
)
CHANNELS = Question(
    id="kanaal",
    text="Hoe had u contact? (fictief, meer antwoorden mogelijk)",
    type="multiple",
    options_complete=True,
    options=[
        Option(id="balie", label="Balie"),
        Option(id="telefoon", label="Telefoon"),
        Option(id="mail", label="E-mail"),
    ],
)
AGE = Question(id="leeftijd", text="Leeftijd (fictief)", type="numeric", options_complete=True)
QUESTIONS = [SATISFACTION, CHANNELS, AGE]

WIDE = pl.DataFrame(
    {
        "respondent": ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"],
        "tevreden": ["ja", "ja", "nee", "wn", None, "ja", "onzin", "neutraal"],
        "kanaal": ["balie|telefoon", "mail", "", None, "balie", "balie | mail", "telefoon", "fax"],
        "leeftijd": ["34", "51", "", "27,5", "x", "60", "44", "19"],
        "wijk": ["noord", "zuid", "noord", "zuid", "noord", None, "zuid", "noord"],
    }
)


def _row(freq: pl.DataFrame, question: str, option: str) -> dict[str, object]:
    rows = freq.filter((pl.col("question") == question) & (pl.col("option") == option)).to_dicts()
    assert len(rows) == 1
    return rows[0]


def test_answers_from_wide_long_form() -> None:
    long = bejegening.answers_from_wide(WIDE, QUESTIONS, background=["wijk"]).collect()
    assert long.columns == ["respondent", "question", "option", "value", "wijk"]
    single = long.filter(pl.col("question") == "tevreden")
    assert single.height == 8
    assert single["option"].null_count() == 1
    multi = long.filter(pl.col("question") == "kanaal").sort("respondent", "option")
    pairs = [(r, o) for r, o in multi.select("respondent", "option").iter_rows()]
    assert ("r1", "balie") in pairs and ("r1", "telefoon") in pairs
    assert ("r6", "balie") in pairs and ("r6", "mail") in pairs  # spaces around the delimiter
    assert ("r3", None) in pairs and ("r4", None) in pairs  # empty cell and null: no answer
    assert ("r8", "fax") in pairs  # unknown option kept (rejected later), not dropped
    ages = dict(long.filter(pl.col("question") == "leeftijd").select("respondent", "value").iter_rows())
    assert ages["r4"] == 27.5 and ages["r1"] == 34.0 and ages["r3"] is None
    bad = long.filter((pl.col("question") == "leeftijd") & (pl.col("respondent") == "r5"))
    assert bad["option"].to_list() == ["x"]  # unreadable number kept as a rejected value


def test_indicator_columns_for_multiple_response() -> None:
    wide = pl.DataFrame(
        {
            "respondent": [1, 2, 3, 4],
            "kanaal__balie": [1, 0, None, "ja"],
            "kanaal__telefoon": [1, 0, None, "nee"],
            "kanaal__mail": ["0", "0", None, "misschien"],
        },
        strict=False,
    )
    long = bejegening.answers_from_wide(wide, [CHANNELS]).collect().sort("respondent", "option")
    got = [tuple(r) for r in long.select("respondent", "option").iter_rows()]
    assert got == [
        (1, "balie"),
        (1, "telefoon"),
        (2, NONE_OPTION),
        (3, None),
        (4, "balie"),
        (4, "kanaal__mail=misschien"),
    ]
    freq = bejegening.frequencies(long, [CHANNELS], survey_id="fictief")
    # Respondents 1, 2 and 4 answered; 2 ticked nothing; "misschien" is rejected.
    assert freq["base"].to_list() == [3, 3, 3]
    assert freq["n"].to_list() == [2, 1, 0]
    assert freq["n_missing"][0] == 1
    assert freq["n_rejected"][0] == 1


def test_missing_column_is_a_dutch_error() -> None:
    with pytest.raises(bejegening.DataError, match="kolom ontbreekt"):
        bejegening.answers_from_wide(WIDE, QUESTIONS, respondent="id")


def test_single_question_frequencies() -> None:
    long = bejegening.answers_from_wide(WIDE, QUESTIONS).collect()
    freq = bejegening.frequencies(long, QUESTIONS, survey_id="fictief", sampling="probability")
    assert freq.columns[:16] == list(CONTRACT_COLUMNS)
    assert dict(freq.schema) == FREQUENCY_SCHEMA
    tevreden = freq.filter(pl.col("question") == "tevreden")
    assert tevreden["option"].to_list() == ["ja", "neutraal", "nee", "wn"]
    # ja 3, neutraal 1, nee 1 substantive (base 5); wn 1; missing 1; rejected "onzin" 1.
    assert tevreden["n"].to_list() == [3, 1, 1, 1]
    assert tevreden["base"].to_list() == [5, 5, 5, 6]
    assert tevreden["pct"].to_list() == pytest.approx([0.6, 0.2, 0.2, 1 / 6])
    assert tevreden["pct_display"].to_list()[:3] == [60, 20, 20]
    row = _row(freq, "tevreden", "ja")
    assert row["n_missing"] == 1 and row["n_rejected"] == 1 and row["n_non_substantive"] == 1
    assert row["published"] is False and row["sampling_note"] is False and row["suppressed"] is False
    low, high = proportion_confint(3, 5, method="wilson")
    assert row["ci_low"] == pytest.approx(low) and row["ci_high"] == pytest.approx(high)
    # Nothing is lost: options + missing + rejected = respondents.
    assert sum(tevreden["n"]) + row["n_missing"] + row["n_rejected"] == WIDE.height  # type: ignore[operator]


def test_multiple_response_is_a_percentage_of_respondents() -> None:
    long = bejegening.answers_from_wide(WIDE, QUESTIONS).collect()
    freq = bejegening.frequencies(long, QUESTIONS, survey_id="fictief")
    kanaal = freq.filter(pl.col("question") == "kanaal")
    # Respondents with a valid option: r1 r2 r5 r6 r7 = 5 (r8 only "fax", r3/r4 no answer).
    assert kanaal["base"].to_list() == [5, 5, 5]
    assert kanaal["n"].to_list() == [3, 2, 2]
    assert sum(kanaal["pct"]) == pytest.approx(7 / 5)  # more than 100 %: several answers each
    assert kanaal["n_rejected"][0] == 1
    assert kanaal["n_missing"][0] == 2
    assert freq.filter(pl.col("question") == "leeftijd").is_empty()  # numeric: no frequency rows


def test_options_nobody_chose_appear_with_zero() -> None:
    answers = pl.DataFrame({"respondent": [1, 2], "question": ["tevreden"] * 2, "option": ["ja", "ja"]})
    freq = bejegening.frequencies(answers, [SATISFACTION], survey_id="fictief")
    assert freq["n"].to_list() == [2, 0, 0, 0]
    assert freq["pct_display"].to_list() == [100, 0, 0, 0]
    assert freq["pct"][3] == 0.0


def test_clopper_pearson_and_population_size() -> None:
    answers = pl.DataFrame(
        {"respondent": range(40), "question": ["tevreden"] * 40, "option": ["ja"] * 10 + ["nee"] * 30}
    )
    cp = bejegening.frequencies(answers, [SATISFACTION], survey_id="f", method="clopper_pearson")
    low, high = proportion_confint(10, 40, method="beta")
    assert cp["ci_low"][0] == pytest.approx(low) and cp["ci_high"][0] == pytest.approx(high)
    assert cp["method"][0] == "clopper_pearson"
    census = bejegening.frequencies(answers, [SATISFACTION], survey_id="f", population_size=40)
    assert census["ci_low"][0] == census["ci_high"][0] == pytest.approx(0.25)


def test_weighted_frequencies_use_kish_effective_n() -> None:
    weights = [2.0, 1.0, 1.0, 0.5, 0.5]
    answers = pl.DataFrame(
        {
            "respondent": range(5),
            "question": ["tevreden"] * 5,
            "option": ["ja", "ja", "nee", "nee", "neutraal"],
            "w": weights,
        }
    )
    freq = bejegening.frequencies(
        answers, [SATISFACTION], survey_id="f", weight="w", weighted_method="kish_wilson"
    )
    assert freq["pct"][:3].to_list() == pytest.approx([3 / 5, 0.5 / 5, 1.5 / 5])
    n_eff = sum(weights) ** 2 / sum(w * w for w in weights)
    assert freq["n_effective"][0] == pytest.approx(n_eff)
    low, high = proportion_confint(0.6 * n_eff, n_eff, method="wilson")
    assert freq["ci_low"][0] == pytest.approx(low) and freq["ci_high"][0] == pytest.approx(high)
    assert freq["n"][:3].to_list() == [2, 1, 2]  # unweighted counts stay counts


def test_small_cells_are_suppressed() -> None:
    answers = pl.DataFrame(
        {"respondent": range(12), "question": ["tevreden"] * 12, "option": ["ja"] * 9 + ["nee"] * 3}
    )
    freq = bejegening.frequencies(answers, [SATISFACTION], survey_id="f", min_cell=5)
    nee = _row(freq, "tevreden", "nee")
    assert nee["suppressed"] is True and nee["n"] is None and nee["pct"] is None and nee["ci_low"] is None
    ja = _row(freq, "tevreden", "ja")
    assert ja["suppressed"] is False and ja["n"] == 9
    assert _row(freq, "tevreden", "neutraal")["suppressed"] is False  # zero is not disclosive


def test_enum_columns_and_lazy_input_give_the_same_table() -> None:
    long = bejegening.answers_from_wide(WIDE, QUESTIONS).collect()
    enum = long.with_columns(
        pl.col("question").cast(pl.Enum(["tevreden", "kanaal", "leeftijd"])),
        pl.col("option").cast(pl.Categorical),
    ).lazy()
    a = bejegening.frequencies(long, QUESTIONS, survey_id="f")
    b = bejegening.frequencies(enum, QUESTIONS, survey_id="f")
    assert a.equals(b)


def test_published_frequencies_wpi() -> None:
    bundle = bejegening.load(DATA / "wpi-amsterdam-2017-2018")
    freq = bejegening.published_frequencies(bundle)
    assert dict(freq.schema) == FREQUENCY_SCHEMA
    q3 = freq.filter(pl.col("question") == "q3")
    assert q3["option"].to_list() == ["onderdrukkend", "professioneel", "gelijkwaardig", REMAINDER_OPTION]
    assert q3["n"].to_list() == [26, 16, 15, None]  # base unknown: remainder unknown
    assert q3["pct_published"].to_list()[:3] == pytest.approx([0.21, 0.20, 0.19])
    assert q3["pct"].null_count() == 4 and q3["ci_low"].null_count() == 4
    assert q3["published"].to_list() == [True, True, True, False]
    remainder = _row(freq, "q3", REMAINDER_OPTION)
    assert remainder["label"] == "Niet gepubliceerd" and remainder["valence"] == "remainder"
    assert freq["sampling_note"].all()  # sampling unknown
    gemiddeld = _row(freq, "q12", "gemiddeld")
    assert gemiddeld["n"] is None and gemiddeld["pct_published"] is None
    # Every question with options_complete: false has exactly one remainder row.
    assert freq.filter(pl.col("option") == REMAINDER_OPTION).height == len(bundle.questions)


def test_published_frequencies_with_supplied_base() -> None:
    bundle = bejegening.load(DATA / "wpi-amsterdam-2017-2018")
    freq = bejegening.published_frequencies(bundle, bases={"q3": 124, "q12": 40})
    q3 = freq.filter(pl.col("question") == "q3")
    assert q3["base"].to_list() == [124] * 4
    assert q3["base_inferred"].all()
    assert q3["n"][3] == 124 - 26 - 16 - 15
    assert q3["pct"][0] == pytest.approx(26 / 124)
    low, high = proportion_confint(26, 124, method="wilson")
    assert q3["ci_low"][0] == pytest.approx(low) and q3["ci_high"][0] == pytest.approx(high)
    assert sum(q3["pct_display"]) == 100  # counts add up to the base: largest remainder
    # Published counts larger than the base: the remainder is not a count, so unknown.
    q12 = freq.filter(pl.col("question") == "q12")
    assert q12["n"][-1] is None
    q4 = freq.filter(pl.col("question") == "q4")
    assert q4["base"].null_count() == 4 and not q4["base_inferred"].any()


def test_published_frequencies_laborijn_is_empty_with_schema() -> None:
    freq = bejegening.published_frequencies(bejegening.load(DATA / "laborijn"))
    assert freq.is_empty()
    assert dict(freq.schema) == FREQUENCY_SCHEMA


def test_tabulate_frequencies_equal_direct_frequencies() -> None:
    rng = np.random.default_rng(7)
    n = 500
    wide = pl.DataFrame(
        {
            "respondent": range(n),
            "tevreden": rng.choice(["ja", "neutraal", "nee", "wn", ""], n).tolist(),
            "kanaal": rng.choice(["balie", "telefoon|mail", "mail", "", "balie|telefoon|mail"], n),
            "wijk": [w or None for w in rng.choice(["noord", "zuid", "oost", ""], n).tolist()],
        }
    )
    long = bejegening.answers_from_wide(wide, QUESTIONS, background=["wijk"])
    tables = bejegening.tabulate(long, QUESTIONS, survey_id="f", by="wijk")
    direct = bejegening.frequencies(long, QUESTIONS, survey_id="f")
    assert tables.frequencies.equals(direct)
    assert tables.crosstab is not None


def test_counts_from_wide_equal_counts_of_the_long_form() -> None:
    rng = np.random.default_rng(11)
    n = 400
    wide = pl.DataFrame(
        {
            "respondent": range(n),
            "tevreden": rng.choice(["ja", " neutraal", "nee", "wn", "", "onzin"], n).tolist(),
            "kanaal": rng.choice(
                ["balie", "telefoon|mail", "mail", "", "balie | fax", "balie|telefoon|mail"], n
            ).tolist(),
            "wijk": rng.choice(["noord", "zuid"], n).tolist(),
            "w": rng.uniform(0.5, 2.0, n),
        }
    )
    closed = [SATISFACTION, CHANNELS]
    for weight in (None, "w"):
        direct = bejegening.stats.counts_from_wide(wide, closed, by=["wijk"], weight=weight).collect()
        via_long = bejegening.answer_counts(
            bejegening.answers_from_wide(wide, closed, weight=weight, background=["wijk"]),
            closed,
            by=["wijk"],
            weight=weight,
        ).collect()
        key = ["question", "option", "wijk"]
        a = direct.sort(key, nulls_last=True)
        b = via_long.select(direct.columns).sort(key, nulls_last=True)
        assert a.select(*key, "n").equals(b.select(*key, "n"))
        if weight:
            np.testing.assert_allclose(a["w"].to_numpy(), b["w"].to_numpy(), rtol=1e-12)
            np.testing.assert_allclose(a["w2"].to_numpy(), b["w2"].to_numpy(), rtol=1e-12)
    indicator = pl.DataFrame(
        {"kanaal__balie": [1, 0, None], "kanaal__mail": [1, 0, None], "wijk": ["a", "a", "b"]}
    )
    counts = bejegening.stats.counts_from_wide(indicator, [CHANNELS], by=["wijk"]).collect()
    got = {(r["option"], r["wijk"]): r["n"] for r in counts.to_dicts()}
    assert got == {
        ("balie", "a"): 1,
        ("mail", "a"): 1,
        ("_geen", "a"): 1,
        (None, "b"): 1,
        ("_respondenten", "a"): 2,
    }
    tables = bejegening.tabulate(wide, closed, survey_id="f", by="wijk", form="wide")
    long = bejegening.answers_from_wide(wide, closed, background=["wijk"])
    assert tables.frequencies.equals(bejegening.frequencies(long, closed, survey_id="f"))
