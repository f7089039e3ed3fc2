"""Grid questions (top-2-box, net score, sort order) and numeric questions (summary with
disclosure control, histogram) of the council's own survey: the ``init`` example's figures
checked against plain counting of its CSV, statsmodels and scipy, never against the library.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

import numpy as np
import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportion_confint

import bejegening
from bejegening.io import scaffold_survey, schema_files
from bejegening.model import Item, ItemsOrder, Option, Question, QuestionType, Valence
from bejegening.report import build_report
from bejegening.report._headlines import grid_headline, numeric_headline
from bejegening.site._downloads import TABLES, download_tables
from bejegening.site._xlsx import write_workbook
from bejegening.stats import (
    grid_summary,
    histogram_bins,
    net_score_interval,
    numeric_summary,
    protect_numeric_summary,
)

ITEMS = {"a": "q5_a", "b": "q5_b", "c": "q5_c", "d": "q5_d"}
TOP = ("Helemaal eens", "Eens")
BOTTOM = ("Oneens", "Helemaal oneens")
SCALE = ("Helemaal eens", "Eens", "Neutraal", "Oneens", "Helemaal oneens")
Z = float(scipy_stats.norm.ppf(0.975))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[bejegening.SurveyBundle, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("grid") / "voorbeeld"
    scaffold_survey(folder)
    with (folder / "antwoorden.csv").open(encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle, delimiter=";"))
    report = bejegening.validate(folder)
    assert report.valid
    return report.bundles[0], raw


def _net_interval(top: int, bottom: int, n: int) -> tuple[float, float]:
    """Wald interval of p_t − p_b written from the multinomial covariance (here, not the library)."""
    pt, pb = top / n, bottom / n
    variance = (pt * (1 - pt) + pb * (1 - pb) + 2 * pt * pb) / n
    return (pt - pb) - Z * math.sqrt(variance), (pt - pb) + Z * math.sqrt(variance)


# --- grid ------------------------------------------------------------------------------------


def test_grid_boxes_and_net_score_match_counting_and_statsmodels(example) -> None:
    bundle, raw = example
    report = build_report(bundle)
    grid = report.grids["q5"]
    assert grid.get_column("item").to_list() == ["a", "b", "c", "d"]  # questionnaire order
    k = bundle.survey.small_cell_threshold
    for row in grid.iter_rows(named=True):
        answers = Counter(r[ITEMS[row["item"]]] for r in raw)
        n = sum(answers[label] for label in SCALE)
        top = sum(answers[label] for label in TOP)
        bottom = sum(answers[label] for label in BOTTOM)
        assert row["base"] == n
        assert row["top_n"] == top
        assert row["top_pct"] == pytest.approx(top / n)
        low, high = proportion_confint(top, n, alpha=0.05, method="wilson")
        assert (row["top_ci_low"], row["top_ci_high"]) == pytest.approx((low, high))
        # The example merges small answers and suppresses what stays below k: the bottom box of
        # an item whose two negative answers together are fewer than k people is not shown.
        if bottom < k:
            assert row["bottom_pct"] is None and row["net"] is None
            continue
        assert row["bottom_n"] == bottom
        low, high = proportion_confint(bottom, n, alpha=0.05, method="wilson")
        assert (row["bottom_ci_low"], row["bottom_ci_high"]) == pytest.approx((low, high))
        assert row["net"] == pytest.approx((top - bottom) / n)
        assert (row["net_ci_low"], row["net_ci_high"]) == pytest.approx(_net_interval(top, bottom, n))
    # The fixture has an item whose negative answers are too few (so the test above ran both ways).
    assert grid.filter(pl.col("net").is_null()).height == 1


def test_net_score_interval_is_the_multinomial_wald_interval() -> None:
    assert net_score_interval(0.5, 0.2, 100) == pytest.approx(_net_interval(50, 20, 100))
    assert net_score_interval(1.0, 0.0, 10) == pytest.approx((1.0, 1.0))  # clipped, no variance


def _grid_question(order: ItemsOrder = ItemsOrder.questionnaire) -> Question:
    labels = [
        ("he", "Helemaal eens", Valence.positive),
        ("e", "Eens", Valence.positive),
        ("n", "Neutraal", Valence.neutral),
        ("o", "Oneens", Valence.negative),
        ("ho", "Helemaal oneens", Valence.negative),
    ]
    return Question(
        id="g",
        text="Stellingen",
        type=QuestionType.likert,
        options_complete=True,
        options=[Option(id=i, label=label, valence=v) for i, label, v in labels],
        items=[Item(id="x", text="Eerste"), Item(id="y", text="Tweede"), Item(id="z", text="Derde")],
        items_order=order,
    )


def _freq(item: str, counts: dict[str, int | None]) -> list[dict[str, object]]:
    """Frequency rows of one item; None = a suppressed cell (its count and share hidden)."""
    base = 48
    return [
        {
            "survey": "s",
            "question": f"g.{item}",
            "option": option,
            "valence": {"he": "positive", "e": "positive", "n": "neutral"}.get(option, "negative"),
            "n": n,
            "base": base,
            "pct": None if n is None else n / base,
            "n_effective": float(base),
        }
        for option, n in counts.items()
    ]


def test_a_box_is_shown_only_when_it_reveals_no_hidden_cell() -> None:
    # x: Helemaal oneens (3) hidden and Neutraal hidden too: the negative box minus the shown
    #    "Oneens" would give the hidden 3 away → not shown; the positive box holds no hidden cell.
    # y: both negative cells hidden and nothing else: their sum (48 − shown) is public anyway.
    # z: one hidden cell in each box: neither box may be shown.
    rows = (
        _freq("x", {"he": 10, "e": 20, "n": None, "o": 7, "ho": None})
        + _freq("y", {"he": 10, "e": 20, "n": 8, "o": None, "ho": None})
        + _freq("z", {"he": None, "e": 20, "n": 8, "o": 17, "ho": None})
    )
    summary = grid_summary(pl.DataFrame(rows), _grid_question())
    by_item = {r["item"]: r for r in summary.iter_rows(named=True)}
    assert by_item["x"]["top_n"] == 30 and by_item["x"]["bottom_pct"] is None and by_item["x"]["net"] is None
    assert by_item["y"]["bottom_n"] == 48 - 10 - 20 - 8
    assert by_item["y"]["bottom_pct"] == pytest.approx(10 / 48)
    assert by_item["y"]["net"] == pytest.approx((30 - 10) / 48)
    assert by_item["z"]["top_pct"] is None and by_item["z"]["bottom_pct"] is None


def test_items_order_sorts_by_top_box_or_net_score() -> None:
    rows = (
        _freq("x", {"he": 5, "e": 10, "n": 8, "o": 10, "ho": 15})
        + _freq("y", {"he": 20, "e": 20, "n": 4, "o": 2, "ho": 2})
        + _freq("z", {"he": 10, "e": 15, "n": 3, "o": 10, "ho": 10})
    )
    frame = pl.DataFrame(rows)
    plain = grid_summary(frame, _grid_question())
    assert plain.get_column("item").to_list() == ["x", "y", "z"]
    by_top = grid_summary(frame, _grid_question(ItemsOrder.top_box))
    assert by_top.get_column("item").to_list() == ["y", "z", "x"]
    assert by_top.get_column("rank").to_list() == [1, 2, 3]
    by_net = grid_summary(frame, _grid_question(ItemsOrder.net_score))
    assert by_net.get_column("item").to_list() == ["y", "z", "x"]


def test_items_order_needs_items() -> None:
    with pytest.raises(ValidationError, match="items_order"):
        Question(
            id="q",
            text="Vraag",
            type=QuestionType.single,
            options_complete=True,
            items_order=ItemsOrder.top_box,
        )


def test_items_order_is_in_the_schema() -> None:
    assert '"items_order"' in schema_files()["survey.schema.json"]
    assert "net_score" in schema_files()["survey.schema.json"]


# --- numeric ---------------------------------------------------------------------------------


def _q4(raw: list[dict[str, str]]) -> np.ndarray:
    return np.array([float(r["q4"]) for r in raw if r["q4"].strip()])


def test_numeric_summary_matches_scipy_and_numpy(example) -> None:
    bundle, raw = example
    x = _q4(raw)
    row = build_report(bundle).numeric.summary.row(0, named=True)
    assert row["question"] == "q4"
    assert row["n"] == len(x) and row["n_missing"] == len(raw) - len(x)
    assert row["mean"] == pytest.approx(x.mean())
    low, high = scipy_stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=scipy_stats.sem(x))
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high))
    assert [row["q1"], row["median"], row["q3"]] == pytest.approx(list(np.percentile(x, [25, 50, 75])))


def test_min_and_max_only_when_k_people_share_them(example) -> None:
    bundle, raw = example
    x = _q4(raw)
    k = bundle.survey.small_cell_threshold
    counts = Counter(x.tolist())
    row = build_report(bundle).numeric.summary.row(0, named=True)
    for name, value in (("min", x.min()), ("max", x.max())):
        shared = counts[value] >= k
        assert row[f"{name}_shown"] is shared
        assert row[name] == (value if shared else None)
    # The example has one of each, so both branches are exercised.
    assert {row["min_shown"], row["max_shown"]} == {True, False}


def test_histogram_groups_hold_k_people_and_match_counting(example) -> None:
    bundle, raw = example
    x = _q4(raw)
    k = bundle.survey.small_cell_threshold
    bins = build_report(bundle).numeric.histograms.filter(pl.col("question") == "q4")
    assert bins.get_column("n").sum() == len(x)
    previous_high = None
    for b in bins.iter_rows(named=True):
        inside = int(((x >= b["low"]) & (x < b["high"])).sum())
        assert b["n"] == inside >= k
        assert previous_high is None or b["low"] == previous_high
        previous_high = b["high"]


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.integers(-50, 400).map(float), st.floats(-1e4, 1e4, allow_nan=False)),
        min_size=0,
        max_size=80,
    ),
    k=st.integers(1, 12),
)
def test_histogram_bins_cover_every_answer_in_groups_of_at_least_k(values: list[float], k: int) -> None:
    x = np.array(values, dtype=float)
    bins = histogram_bins(x, k)
    if len(x) < k:
        assert bins.is_empty()
        return
    lows, highs, ns = (bins.get_column(c).to_list() for c in ("low", "high", "n"))
    assert sum(ns) == len(x)
    assert all(n >= k for n in ns)
    assert lows[0] <= x.min() and highs[-1] > x.max()
    assert all(h == lo for h, lo in zip(highs, lows[1:], strict=False))
    for lo, hi, n in zip(lows, highs, ns, strict=True):
        assert int(((x >= lo) & (x < hi)).sum()) == n


# --- downloads -------------------------------------------------------------------------------


def test_downloads_hold_the_grid_and_numeric_tables(example, tmp_path: Path) -> None:
    bundle, raw = example
    tables = download_tables(build_report(bundle))
    documented = {t.name: list(t.fields) for t in TABLES}
    grid = tables["matrixvragen"]
    assert grid.columns == [c for c in documented["matrixvragen"] if c in grid.columns]
    assert grid.get_column("item_text").to_list()[0] == "Mijn klantmanager luistert naar mij."
    top_a = sum(1 for r in raw if r["q5_a"] in TOP)
    assert grid.filter(pl.col("item") == "a").get_column("top_n").item() == top_a
    assert grid.get_column("top_options").to_list()[0] == "eens|helemaal-eens"
    numeric = tables["getalvragen"]
    assert numeric.get_column("n").item() == len(_q4(raw))
    assert numeric.get_column("max").item() is None  # three people gave the largest answer
    assert "se" not in numeric.columns
    spread = tables["getalverdeling"]
    assert spread.get_column("n").sum() == len(_q4(raw))
    path = tmp_path / "tabellen.xlsx"
    write_workbook(tables, path, title="Test")
    book = openpyxl.load_workbook(path)
    assert {"matrixvragen", "getalvragen", "getalverdeling"} <= set(book.sheetnames)
    assert book["matrixvragen"]["E1"].value == "Uitspraak"


def test_fewer_than_k_answers_show_only_the_count() -> None:
    answers = pl.DataFrame({"question": ["q"] * 4 + ["r"] * 6, "value": [1.0, 2.0, 2.0, 9.0, *[3.0] * 6]})
    summary = protect_numeric_summary(
        numeric_summary(answers), {"q": [1.0, 2.0, 2.0, 9.0], "r": [3.0] * 6}, 5
    )
    few, enough = summary.row(0, named=True), summary.row(1, named=True)
    assert few["too_few"] and few["n"] == 4
    assert all(few[c] is None for c in ("mean", "ci_low", "median", "q1", "q3", "min", "max", "sd"))
    # Six people all answered 3: the mean is 3 and both extremes are shared by six.
    assert not enough["too_few"] and enough["mean"] == 3.0
    assert enough["min"] == enough["max"] == 3.0 and enough["min_shown"] and enough["max_shown"]
    assert histogram_bins([1.0, 2.0, 2.0, 9.0], 5).is_empty()


def test_grid_boxes_per_group_match_counting(example) -> None:
    bundle, raw = example
    groups = build_report(bundle).grid_groups["q5"]
    noord = groups.filter((pl.col("by") == "wijk") & (pl.col("group") == "Noord"))
    assert noord.height == 4 and not noord.get_column("too_small").any()
    shown = 0
    for row in noord.iter_rows(named=True):
        answers = [r[ITEMS[row["item"]]] for r in raw if r["Wijk"] == "Noord"]
        n = sum(1 for a in answers if a in SCALE)
        assert row["base"] == n
        if row["top_pct"] is None:
            continue
        shown += 1
        assert row["top_n"] == sum(1 for a in answers if a in TOP)
    assert shown >= 3
    small = groups.filter(pl.col("group") == "Buitengebied")
    assert small.get_column("too_small").all() and small.get_column("top_pct").is_null().all()


def test_grid_lead_compares_only_shown_shares() -> None:
    # z agrees most (43 of 48) but its "Eens" cell is hidden, so its share agreeing is not shown:
    # the lead may neither name z nor call x "the most" of all statements.
    rows = (
        _freq("x", {"he": 10, "e": 20, "n": 8, "o": 5, "ho": 5})  # 30/48 agree
        + _freq("y", {"he": 6, "e": 6, "n": 6, "o": 15, "ho": 15})  # 12/48 agree
        + _freq("z", {"he": 40, "e": None, "n": None, "o": None, "ho": None})
    )
    summary = grid_summary(pl.DataFrame(rows), _grid_question())
    lead = grid_headline("s", _grid_question(), summary)
    assert lead is not None
    x_low, x_high = proportion_confint(30, 48, alpha=0.05, method="wilson")
    y_low, y_high = proportion_confint(12, 48, alpha=0.05, method="wilson")

    def pct(value: float) -> str:
        return f"{round(value * 100)}%"

    # 30/48 = 62.5% lies in the lexicon's "bijna twee derde" (0.6 to 2/3) and rounds half up to
    # 63% (written out: Python's round would give 62).
    assert lead.text == (
        f"Bijna twee derde (63%) is het eens met ‘Eerste’, het meest van de getoonde uitspraken "
        f"(marge {pct(x_low)}–{pct(x_high)}); het minst eens is men met ‘Tweede’: 25% "
        f"(marge {pct(y_low)}–{pct(y_high)})."
    )
    assert "Derde" not in lead.text


def test_numeric_lead_only_above_the_threshold() -> None:
    values = [1.0, 2.0, 2.0, 9.0, 3.0, 4.0]
    summary = protect_numeric_summary(
        numeric_summary(pl.DataFrame({"question": ["q"] * 6, "value": values})), {"q": values}, 5
    )
    question = Question(id="q", text="Hoeveel dagen?", type=QuestionType.numeric, options_complete=True)
    lead = numeric_headline("s", question, summary)
    low, high = scipy_stats.t.interval(0.95, 5, loc=np.mean(values), scale=scipy_stats.sem(values))
    assert lead is not None

    def dutch(value: float) -> str:
        return f"{value:.1f}".replace(".", ",")

    assert lead.text == (
        f"Het gemiddelde antwoord is {dutch(np.mean(values))}, van {len(values)} deelnemers die een "
        f"getal invulden; marge {dutch(low)} tot {dutch(high)}."
    )
    few = protect_numeric_summary(
        numeric_summary(pl.DataFrame({"question": ["q"] * 4, "value": values[:4]})), {"q": values[:4]}, 5
    )
    assert numeric_headline("s", question, few) is None
