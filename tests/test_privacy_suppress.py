"""Small-cell suppression: primary and secondary, checked with an independent LP audit (scipy).

All data here is fictional.
"""

from __future__ import annotations

import itertools

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import bejegening
from bejegening.model import Option, Question
from bejegening.stats import suppress_crosstab, suppress_small_cells

LIKERT = Question(
    id="q1",
    text="Hoe tevreden bent u? (fictief)",
    type="likert",
    options_complete=True,
    options=[
        Option(id="zeer-tevreden", label="Zeer tevreden", valence="positive"),
        Option(id="tevreden", label="Tevreden", valence="positive"),
        Option(id="neutraal", label="Neutraal", valence="neutral"),
        Option(id="ontevreden", label="Ontevreden", valence="negative"),
        Option(id="weet-niet", label="Weet niet", valence="non_substantive"),
    ],
)
MULTIPLE = Question(
    id="q2",
    text="Hoe had u contact? (fictief)",
    type="multiple",
    options_complete=True,
    options=[Option(id=o, label=o.title()) for o in ("telefoon", "balie", "brief", "email")],
)


def _freq(counts: dict[str, int], question: Question = LIKERT) -> pl.DataFrame:
    """A frequency table from counts per option, computed by bejegening.frequencies."""
    answers = [option for option, n in counts.items() for _ in range(n)]
    wide = pl.DataFrame({"respondent": [f"r{i}" for i in range(len(answers))], question.id: answers})
    long = bejegening.answers_from_wide(wide, [question])
    return bejegening.frequencies(long, [question], survey_id="fictief")


def _by_option(table: pl.DataFrame) -> dict[str, dict[str, object]]:
    return {row["option"]: row for row in table.iter_rows(named=True)}


def test_one_small_cell_gets_a_partner_the_next_smallest():
    freq = _freq({"zeer-tevreden": 20, "tevreden": 11, "neutraal": 3, "ontevreden": 8, "weet-niet": 0})
    out = _by_option(suppress_small_cells(freq, 5))
    assert [o for o, r in out.items() if r["suppressed"]] == ["neutraal", "ontevreden"]
    assert out["neutraal"]["n"] is None and out["neutraal"]["pct"] is None
    assert out["neutraal"]["ci_low"] is None and out["neutraal"]["ci_high"] is None
    assert out["ontevreden"]["n"] is None and out["ontevreden"]["pct_display"] is None
    assert out["zeer-tevreden"]["n"] == 20 and out["tevreden"]["n"] == 11
    assert out["zeer-tevreden"]["base"] == 42  # the base stays: two hidden cells cannot be split


def test_two_small_cells_need_no_partner_and_zero_cells_are_not_small():
    freq = _freq({"zeer-tevreden": 20, "tevreden": 2, "neutraal": 3, "ontevreden": 0, "weet-niet": 0})
    out = _by_option(suppress_small_cells(freq, 5))
    assert [o for o, r in out.items() if r["suppressed"]] == ["tevreden", "neutraal"]
    assert out["ontevreden"]["n"] == 0 and out["ontevreden"]["suppressed"] is False


def test_threshold_is_configurable():
    freq = _freq({"zeer-tevreden": 20, "tevreden": 7, "neutraal": 9, "ontevreden": 12, "weet-niet": 0})
    assert not suppress_small_cells(freq, 5)["suppressed"].any()
    out = _by_option(suppress_small_cells(freq, 10))
    assert [o for o, r in out.items() if r["suppressed"]] == ["tevreden", "neutraal"]
    assert not suppress_small_cells(freq, 1)["suppressed"].any()


def test_lone_small_non_substantive_cell_hides_the_totals_that_reveal_it():
    # "Weet niet" is the only non-substantive option: its count is base(all) - base(valid),
    # so those totals are hidden instead of another cell.
    freq = _freq({"zeer-tevreden": 20, "tevreden": 11, "neutraal": 9, "ontevreden": 8, "weet-niet": 2})
    out = _by_option(suppress_small_cells(freq, 5, questions=[LIKERT]))
    assert out["weet-niet"]["suppressed"] is True and out["weet-niet"]["n"] is None
    assert out["weet-niet"]["base"] is None
    assert all(row["n_non_substantive"] is None for row in out.values())
    assert out["zeer-tevreden"]["base"] == 48 and out["zeer-tevreden"]["n"] == 20


def test_multiple_response_gets_primary_suppression_only():
    # Several ticks per respondent: the counts add up to more than the base (no partition).
    answers = ["telefoon|brief"] * 7 + ["telefoon|email"] * 2 + ["balie|email"] * 2 + ["email"] * 2
    wide = pl.DataFrame({"respondent": [f"r{i}" for i in range(len(answers))], "q2": answers})
    freq = bejegening.frequencies(bejegening.answers_from_wide(wide, [MULTIPLE]), [MULTIPLE], survey_id="f")
    for questions in (None, [MULTIPLE]):
        out = _by_option(suppress_small_cells(freq, 5, questions=questions))
        assert [o for o, r in out.items() if r["suppressed"]] == ["balie"]


def test_published_figures_and_the_unknown_remainder_are_never_suppressed():
    bundle = bejegening.load("data/wpi-amsterdam-2017-2018")
    published = bejegening.published_frequencies(bundle)
    small = published.filter((pl.col("n") > 0) & (pl.col("n") < 5))
    assert small.height > 0  # the real case prints some small counts
    out = suppress_small_cells(published, 5)
    assert not out["suppressed"].any()
    assert out.select("n", "pct", "base").equals(published.select("n", "pct", "base"))


def test_by_groups_are_separate_tables():
    a = _freq({"zeer-tevreden": 20, "tevreden": 11, "neutraal": 3, "ontevreden": 8, "weet-niet": 0})
    b = _freq({"zeer-tevreden": 9, "tevreden": 11, "neutraal": 6, "ontevreden": 8, "weet-niet": 0})
    both = pl.concat(
        [a.with_columns(pl.lit("noord").alias("wijk")), b.with_columns(pl.lit("zuid").alias("wijk"))]
    )
    out = suppress_small_cells(both, 5, by=["wijk"])
    hidden = out.filter(pl.col("suppressed")).select("wijk", "option").rows()
    assert hidden == [("noord", "neutraal"), ("noord", "ontevreden")]


def test_columns_and_rows_are_kept():
    freq = _freq({"zeer-tevreden": 20, "tevreden": 11, "neutraal": 3, "ontevreden": 8, "weet-niet": 0})
    out = suppress_small_cells(freq, 5)
    assert out.columns == [*freq.columns, "suppression"]
    assert out.height == freq.height
    assert out.select("option", "label", "order").equals(freq.select("option", "label", "order"))


# --- independent audit -----------------------------------------------------------------------


def _feasible_range(
    cells: list[tuple[int, int]], values: dict[tuple[int, int], int], lines: list[list[tuple[int, int]]]
):
    """Min and max of each hidden cell given line totals (all cells >= 0), by scipy linprog."""
    index = {c: i for i, c in enumerate(cells)}
    a_eq, b_eq = [], []
    for line in lines:
        members = [c for c in line if c in index]
        if not members:
            continue
        row = [0.0] * len(cells)
        for c in members:
            row[index[c]] = 1.0
        a_eq.append(row)
        b_eq.append(float(sum(values[c] for c in members)))
    if not a_eq:
        return {cell: (0.0, float("inf")) for cell in cells}
    ranges = {}
    for cell, i in index.items():
        objective = [0.0] * len(cells)
        objective[i] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs").fun
        objective[i] = -1.0
        result = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = float("inf") if result.status == 3 else -result.fun  # 3: unbounded
        ranges[cell] = (low, high)
    return ranges


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.lists(st.integers(0, 25), min_size=4, max_size=4),
    weet_niet=st.integers(0, 12),
    k=st.integers(2, 10),
)
def test_no_suppressed_cell_can_be_recovered_from_the_base(counts, weet_niet, k):
    options = ["zeer-tevreden", "tevreden", "neutraal", "ontevreden"]
    given_counts = dict(zip(options, counts, strict=True)) | {"weet-niet": weet_niet}
    if sum(given_counts.values()) == 0:
        return
    freq = _freq(given_counts)
    out = suppress_small_cells(freq, k, questions=[LIKERT])
    rows = _by_option(out)
    # No visible small cell.
    assert all(r["n"] is None or r["n"] == 0 or r["n"] >= k for r in rows.values())
    # Published totals: the valid base (if shown) and the base on the "weet niet" row (if shown).
    values = {(0, i): given_counts[o] for i, o in enumerate([*options, "weet-niet"])}
    lines = []
    if rows["zeer-tevreden"]["base"] is not None:
        lines.append([(0, i) for i in range(4)])
    if rows["weet-niet"]["base"] is not None:
        lines.append([(0, i) for i in range(5)])
    hidden = [(0, i) for i, o in enumerate([*options, "weet-niet"]) if rows[o]["suppressed"]]
    ranges = _feasible_range(hidden, values, lines) if hidden else {}
    for cell, (low, high) in ranges.items():
        if 0 < values[cell] < k:
            assert high - low >= 1, (given_counts, k, cell, ranges)


def _crosstab_frame(grid: list[list[int]]) -> pl.DataFrame:
    rows = []
    for (i, option), (j, group) in itertools.product(
        enumerate(["zeer-tevreden", "tevreden", "neutraal", "ontevreden", "weet-niet"][: len(grid)]),
        enumerate(["noord", "oost", "zuid", "west"][: len(grid[0])]),
    ):
        rows.append(
            {
                "survey": "fictief",
                "question": "q1",
                "option": option,
                "order": i + 1,
                "valence": "positive",
                "by": "wijk",
                "group": group,
                "n": grid[i][j],
                "base": sum(grid[r][j] for r in range(len(grid))),
                "pct": grid[i][j] / max(1, sum(grid[r][j] for r in range(len(grid)))),
                "ci_low": 0.0,
                "ci_high": 1.0,
            }
        )
    return pl.DataFrame(rows)


def test_crosstab_example_protects_rows_and_columns():
    grid = [[20, 15, 2], [10, 12, 14], [9, 8, 11]]
    out = suppress_crosstab(_crosstab_frame(grid), 5)
    hidden = set(out.filter(pl.col("suppressed")).select("option", "group").rows())
    assert ("zeer-tevreden", "zuid") in hidden
    options = {o for o, _ in hidden}
    groups = {g for _, g in hidden}
    for option in options:
        assert sum(1 for o, _ in hidden if o == option) >= 2
    for group in groups:
        assert sum(1 for _, g in hidden if g == group) >= 2
    assert out.filter(pl.col("suppressed"))["n"].null_count() == len(hidden)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.tuples(st.integers(2, 4), st.integers(2, 4)),
    data=st.data(),
    k=st.integers(2, 6),
)
def test_no_suppressed_crosstab_cell_can_be_recovered_from_row_and_column_totals(shape, data, k):
    n_rows, n_cols = shape
    grid = [[data.draw(st.integers(0, 15)) for _ in range(n_cols)] for _ in range(n_rows)]
    out = suppress_crosstab(_crosstab_frame(grid), k)
    visible_small = out.filter(~pl.col("suppressed") & (pl.col("n") > 0) & (pl.col("n") < k))
    assert visible_small.is_empty()
    options = out["option"].unique(maintain_order=True).to_list()
    groups = out["group"].unique(maintain_order=True).to_list()
    values = {(i, j): grid[i][j] for i in range(n_rows) for j in range(n_cols)}
    hidden = [
        (options.index(o), groups.index(g))
        for o, g in out.filter(pl.col("suppressed")).select("option", "group").rows()
    ]
    # Published totals: a group's base when the table still shows it, and an option's overall
    # count when the overall table would show it (not a small cell itself).
    bases = dict(out.select("group", "base").unique().iter_rows())
    rows_published = [[(i, j) for j in range(n_cols)] for i in range(n_rows) if not 0 < sum(grid[i]) < k]
    columns_published = [
        [(i, j) for i in range(n_rows)] for j in range(n_cols) if bases[groups[j]] is not None
    ]
    lines = rows_published + columns_published
    for cell, (low, high) in (_feasible_range(hidden, values, lines) if hidden else {}).items():
        if 0 < values[cell] < k:
            assert high - low >= 1, (grid, k, cell)


def test_empty_table_gets_the_column():
    empty = _freq({"zeer-tevreden": 1}).head(0).drop("suppressed")
    assert suppress_small_cells(empty, 5).columns[-2:] == ["suppressed", "suppression"]


@pytest.mark.parametrize("k", [5, 10])
def test_survey_threshold_drives_the_suppression(k):
    freq = _freq({"zeer-tevreden": 20, "tevreden": 6, "neutraal": 7, "ontevreden": 30, "weet-niet": 0})
    hidden = suppress_small_cells(freq, k).filter(pl.col("suppressed"))["option"].to_list()
    assert hidden == ([] if k == 5 else ["tevreden", "neutraal"])


def test_crosstab_whose_totals_pin_down_a_small_cell_hides_the_bases():
    # One person in the whole table: zero rows and columns fix the cell even when all are hidden.
    out = suppress_crosstab(_crosstab_frame([[0, 0], [0, 1]]), 2)
    assert out["suppressed"].all()
    assert out["n"].null_count() == 4
    assert out["base"].null_count() == 4
