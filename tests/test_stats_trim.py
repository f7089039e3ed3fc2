"""trim_weights and rake(lower=, upper=): the total is kept and the bounds hold (R's strict
trimming). Expected values: the issue's example checked by hand and against R's
``survey::trimWeights(strict = TRUE)``; hypothesis properties. All data are fictional."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bejegening.stats import rake, trim_weights
from tests._reference import r_reference, respondents


def test_issue_example_keeps_the_total() -> None:
    # mean 1.8; bounds 0.75 and 1.25 × mean = 1.35 and 2.25. The 2 and 4 are capped at 2.25
    # (4.5 together); the other three share the remaining 4.5 equally: 1.5 each (R gives this).
    trimmed = trim_weights(pl.Series("w", [2.0, 1.0, 1.0, 4.0, 1.0]), lower=0.75, upper=1.25)
    assert trimmed.name == "w"
    assert trimmed.to_list() == pytest.approx([2.25, 1.5, 1.5, 2.25, 1.5], abs=1e-12)
    assert float(trimmed.sum()) == pytest.approx(9.0, abs=1e-12)


def test_spread_is_additive_as_in_r() -> None:
    # upper 1.2 × mean 2 = 2.4: the 4 is capped (−1.6), the four others each get +0.4
    trimmed = trim_weights(pl.Series([1.0, 1.5, 2.0, 1.5, 4.0]), upper=1.2)
    assert trimmed.to_list() == pytest.approx([1.4, 1.9, 2.4, 1.9, 2.4], abs=1e-12)


def test_bounds_that_cannot_be_met_raise_in_dutch() -> None:
    weights = pl.Series([2.0, 1.0, 1.0, 4.0, 1.0])
    with pytest.raises(ValueError, match=r"bovengrens 0\.5 × het gemiddelde gewicht is niet haalbaar"):
        trim_weights(weights, upper=0.5)
    with pytest.raises(ValueError, match=r"ondergrens 1\.5 × het gemiddelde gewicht is niet haalbaar"):
        trim_weights(weights, lower=1.5)
    with pytest.raises(ValueError, match="ligt boven de bovengrens"):
        trim_weights(weights, lower=0.9, upper=0.8)
    with pytest.raises(ValueError, match="niet negatief"):
        trim_weights(pl.Series([1.0, -1.0]), upper=2.0)
    frame = pl.DataFrame({"wijk": ["noord", "zuid", "zuid"]})
    with pytest.raises(ValueError, match="niet haalbaar"):
        rake(frame, {"wijk": {"noord": 1, "zuid": 1}}, upper=0.5)


def test_all_weights_outside_keeps_the_total() -> None:
    # mean 10.3/3; bounds 0.9–1.1 × mean: every weight is outside at once (R would lose weight here)
    trimmed = trim_weights(pl.Series([0.1, 0.2, 10.0]), lower=0.9, upper=1.1)
    mean = 10.3 / 3
    assert float(trimmed.sum()) == pytest.approx(10.3, rel=1e-12)
    assert float(trimmed.min()) >= 0.9 * mean - 1e-12
    assert float(trimmed.max()) <= 1.1 * mean + 1e-12


def test_rake_with_bounds_keeps_total_and_bounds() -> None:
    rng = np.random.default_rng(5)
    n = 1000
    frame = pl.DataFrame(
        {
            "leeftijd": rng.choice(["18-34", "35-54", "55+"], n, p=[0.5, 0.3, 0.2]).tolist(),
            "geslacht": rng.choice(["v", "m"], n, p=[0.7, 0.3]).tolist(),
        }
    )
    margins = {"leeftijd": {"18-34": 0.3, "35-54": 0.4, "55+": 0.3}, "geslacht": {"v": 0.5, "m": 0.5}}
    free = rake(frame, margins).weights
    trimmed = trim_weights(free, lower=0.9, upper=1.1)
    assert float(trimmed.sum()) == pytest.approx(float(free.sum()), rel=1e-12)
    capped = rake(frame, margins, lower=0.5, upper=2.0)
    assert float(capped.weights.sum()) == pytest.approx(n, rel=1e-12)
    assert float(capped.weights.max()) <= 2.0 + 1e-9
    assert float(capped.weights.min()) >= 0.5 - 1e-9


@given(
    st.lists(st.floats(0.0, 50.0, allow_nan=False), min_size=1, max_size=60),
    st.one_of(st.none(), st.floats(0.0, 1.0)),
    st.one_of(st.none(), st.floats(1.0, 6.0)),
)
@settings(max_examples=300, deadline=None)
def test_trimmed_weights_keep_the_total_and_the_bounds(
    weights: list[float], lower: float | None, upper: float | None
) -> None:
    total = sum(weights)
    assume(total > 1e-6)
    mean = total / len(weights)
    trimmed = trim_weights(pl.Series(weights), lower=lower, upper=upper).to_numpy()
    assert trimmed.sum() == pytest.approx(total, rel=1e-9, abs=1e-9)
    slack = 1e-9 * max(mean, 1.0)
    if lower is not None:
        assert trimmed.min() >= lower * mean - slack
    if upper is not None:
        assert trimmed.max() <= upper * mean + slack
    inside = np.array(
        [(lower is None or w >= lower * mean) and (upper is None or w <= upper * mean) for w in weights]
    )
    if inside.all():
        assert trimmed.tolist() == pytest.approx(weights)


def test_matches_r_trim_weights_strict() -> None:
    ref = r_reference()["trim"]
    example = trim_weights(pl.Series(ref["example"]["weights"], dtype=pl.Float64), lower=0.75, upper=1.25)
    assert example.to_list() == pytest.approx(ref["example"]["trimmed"], rel=1e-12)
    raked = pl.Series(r_reference()["raking"]["weights"], dtype=pl.Float64)
    trimmed = trim_weights(raked, lower=0.9, upper=1.1)
    assert trimmed.to_list() == pytest.approx(ref["raked"]["trimmed"], rel=1e-9)
    assert float(trimmed.sum()) == pytest.approx(float(raked.sum()), rel=1e-12)


def test_rake_matches_r() -> None:
    ref = r_reference()["raking"]
    frame = respondents()
    result = rake(
        frame,
        {
            "geslacht": dict(zip(["man", "vrouw"], ref["gender"], strict=True)),
            "leeftijd": dict(zip(["18-34", "35-49", "50-64", "65+"], ref["age"], strict=True)),
        },
        weight="ontwerpgewicht",
        total=ref["population"],
        tolerance=1e-13,
        max_iter=500,
    )
    assert result.converged
    assert result.weights.to_list() == pytest.approx(ref["weights"], rel=1e-6)
