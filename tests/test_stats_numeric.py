"""numeric_summary against scipy/numpy (unweighted), hand computation and R's survey (weighted).

All data are random or made up and fictional.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from bejegening.stats import NUMERIC_SCHEMA, numeric_summary, weighted_quantile

TOL = 1e-9
RNG = np.random.default_rng(17)


def _frame(
    values: list[float | None], question: str = "leeftijd", weights: list[float] | None = None
) -> pl.DataFrame:
    data: dict[str, object] = {"question": [question] * len(values), "value": values}
    if weights is not None:
        data["gewicht"] = weights
    return pl.DataFrame(data, schema_overrides={"value": pl.Float64})


def test_unweighted_matches_scipy_and_numpy() -> None:
    x = RNG.normal(45.0, 12.0, 237).round(0)
    values: list[float | None] = [*x.tolist(), None, None, float("nan")]
    row = numeric_summary(_frame(values)).row(0, named=True)
    assert row["n"] == 237
    assert row["n_missing"] == 3
    assert row["n_effective"] == 237.0
    assert row["mean"] == pytest.approx(float(np.mean(x)), abs=TOL)
    assert row["sd"] == pytest.approx(float(np.std(x, ddof=1)), abs=TOL)
    assert row["se"] == pytest.approx(float(sps.sem(x)), abs=TOL)
    low, high = sps.t.interval(0.95, 236, loc=np.mean(x), scale=sps.sem(x))
    assert row["ci_low"] == pytest.approx(low, abs=TOL)
    assert row["ci_high"] == pytest.approx(high, abs=TOL)
    q1, med, q3 = np.percentile(x, [25, 50, 75])
    assert (row["q1"], row["median"], row["q3"]) == pytest.approx((q1, med, q3), abs=TOL)
    assert (row["min"], row["max"]) == (x.min(), x.max())


def test_hand_computed_small_example() -> None:
    # 2, 4, 4, 5: mean 3.75, SS = 3.0625 + 0.0625·2 + 1.5625 = 4.75, sd = √(4.75/3)
    row = numeric_summary(_frame([2, 4, 4, 5])).row(0, named=True)
    assert row["mean"] == 3.75
    assert row["sd"] == pytest.approx(math.sqrt(4.75 / 3), abs=TOL)
    # type 7: position 1 + 3p → q1 at 1.75 (2 + 0.75·2 = 3.5), median at 2.5 (4), q3 at 3.25 (4.25)
    assert (row["q1"], row["median"], row["q3"]) == pytest.approx((3.5, 4.0, 4.25), abs=TOL)
    # t(0.975, 3) = 3.182446305284263 (tables)
    half = 3.182446305284263 * math.sqrt(4.75 / 3) / 2
    assert row["ci_low"] == pytest.approx(3.75 - half, abs=1e-12)


def test_weighted_quantile_hand_computed() -> None:
    # x 1..4, w 3,1,1,1: S = 3,4,5,6; points S(k-1)/S(n-1) = 0, 3/5, 4/5, 1
    q = weighted_quantile([4, 2, 1, 3], [1, 1, 3, 1], [0.25, 0.5, 0.7, 0.9])
    assert q.tolist() == pytest.approx([1 + 0.25 / 0.6, 1 + 0.5 / 0.6, 2.5, 3.5], abs=TOL)
    assert weighted_quantile([7.0], [2.0], [0.5]).tolist() == [7.0]
    assert weighted_quantile([1, 5, 9], [1, 0, 1], [0.5]).tolist() == [5.0]


@given(
    st.lists(st.integers(-50, 50), min_size=2, max_size=40),
    st.floats(0.1, 10.0),
)
@settings(max_examples=60, deadline=None)
def test_equal_weights_give_the_unweighted_figures(values: list[int], weight: float) -> None:
    plain = numeric_summary(_frame([float(v) for v in values])).drop("n_effective")
    weighted = numeric_summary(
        _frame([float(v) for v in values], weights=[weight] * len(values)), weight="gewicht"
    ).drop("n_effective")
    for column in plain.columns[1:]:
        a, b = plain[column][0], weighted[column][0]
        assert (a is None and b is None) or a == pytest.approx(b, rel=1e-9, abs=1e-9), column
    assert numeric_summary(
        _frame([float(v) for v in values], weights=[weight] * len(values)), weight="gewicht"
    )["n_effective"][0] == pytest.approx(len(values))


def test_groups_edges_and_schema() -> None:
    frame = pl.DataFrame(
        {
            "question": ["a", "a", "b", "c", "c", "c"],
            "wijk": ["noord", "zuid", "noord", "noord", "noord", "zuid"],
            "value": [1.0, None, 3.0, 2.0, 4.0, 6.0],
        }
    )
    out = numeric_summary(frame, by=["question", "wijk"])
    assert out.columns == ["question", "wijk", *NUMERIC_SCHEMA]
    assert out.select("question", "wijk", "n", "n_missing").rows() == [
        ("a", "noord", 1, 0),
        ("a", "zuid", 0, 1),
        ("b", "noord", 1, 0),
        ("c", "noord", 2, 0),
        ("c", "zuid", 1, 0),
    ]
    single = out.filter(pl.col("question") == "b").row(0, named=True)
    assert single["mean"] == 3.0 and single["sd"] is None and single["ci_low"] is None
    empty = out.filter((pl.col("question") == "a") & (pl.col("wijk") == "zuid")).row(0, named=True)
    assert empty["mean"] is None and empty["median"] is None
    chosen = numeric_summary(frame.lazy(), questions=["c", "z"])
    assert chosen["question"].to_list() == ["c", "z"]
    assert chosen.row(1, named=True)["n"] == 0


def test_errors_are_dutch() -> None:
    with pytest.raises(ValueError, match="kolom ontbreekt"):
        numeric_summary(_frame([1.0]), weight="gewicht")
    with pytest.raises(ValueError, match="gewicht ontbreekt of is negatief"):
        numeric_summary(_frame([1.0, 2.0], weights=[1.0, -1.0]), weight="gewicht")
    with pytest.raises(ValueError, match="betrouwbaarheid"):
        numeric_summary(_frame([1.0]), confidence=95)
