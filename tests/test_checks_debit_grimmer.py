"""DEBIT, GRIMMER and GRIM's reach: cases ported from the R package scrutiny (L. Jung,
tests/testthat/test-debit.R, test-grimmer.R), hand computations, and brute force over real
samples (every real sample must pass; the printed figures are rounded with Python's Decimal)."""

from __future__ import annotations

import statistics
from decimal import ROUND_HALF_UP, Decimal, getcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bejegening.checks import (
    Rounding,
    debit_consistent,
    debit_ones,
    grim_can_fail,
    grim_consistent,
    grimmer_consistent,
    grimmer_sums,
)

getcontext().prec = 50


def _up_or_down(check, *args, **kwargs) -> bool:  # type: ignore[no-untyped-def]
    """scrutiny's default rounding "up_or_down": consistent under half up or half down."""
    return check(*args, rounding=Rounding.half_up, **kwargs) or check(
        *args, rounding=Rounding.half_down, **kwargs
    )


def _printed(value: Decimal, decimals: int) -> str:
    return str(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def test_debit_scrutiny_cases() -> None:
    ones = debit_ones("0.53", "0.50", 1683)
    assert (ones[0], ones[-1]) == (884, 900)  # 884/1683 = 0.5252525, 900/1683 = 0.5347594
    assert _up_or_down(debit_consistent, "0.05", "0.22", 20)
    assert not _up_or_down(debit_consistent, "0.05", "0.21", 20)
    assert _up_or_down(debit_consistent, "0.00", "0.00", 50)
    assert _up_or_down(debit_consistent, "1.00", "0.00", 50)
    assert not _up_or_down(debit_consistent, "0.00", "0.50", 50)
    assert not _up_or_down(debit_consistent, "1.00", "0.50", 50)
    assert _up_or_down(debit_consistent, "0.50", "0.503", 100)
    # scrutiny "floor" (truncation): three ones in nine have SD exactly 0.5
    assert not debit_consistent("0.33", "0.4", 9, rounding=Rounding.truncate)
    assert debit_consistent("0.33", "0.5", 9, rounding=Rounding.truncate)


def test_debit_errors_are_dutch() -> None:
    with pytest.raises(ValueError, match="tussen 0 en 1"):
        debit_consistent("1.5", "0.5", 100)
    with pytest.raises(ValueError, match="minstens 2"):
        debit_consistent("0.5", "0.5", 1)


@given(st.integers(2, 400), st.data(), st.integers(1, 3), st.integers(1, 3))
@settings(max_examples=300, deadline=None)
def test_debit_never_rejects_a_real_binary_sample(n: int, data: st.DataObject, dm: int, ds: int) -> None:
    k = data.draw(st.integers(0, n))
    mean = Decimal(k) / Decimal(n)
    sd = (Decimal(k * (n - k)) / Decimal(n * (n - 1))).sqrt()
    assert debit_consistent(_printed(mean, dm), _printed(sd, ds), n)


def test_grimmer_cases() -> None:
    # 1..5: mean 3, SD √2.5 = 1.5811 → "1.58"; "1.57" needs Σx² in [54.80, 54.92): no integer;
    # "1.50" needs Σx² = 54 with Σx = 15: odd and even, impossible.
    assert grimmer_consistent("3.00", "1.58", 5)
    assert grimmer_sums("3.00", "1.58", 5) == [(15, 55)]
    assert not grimmer_consistent("3.00", "1.57", 5)
    assert not grimmer_consistent("3.00", "1.50", 5)
    # scrutiny / rsprite2
    assert _up_or_down(grimmer_consistent, "5.21", "1.6", 28)
    assert not _up_or_down(grimmer_consistent, "3.44", "2.47", 18)
    # a GRIM-inconsistent mean fails GRIMMER too
    assert not grim_consistent("5.19", 28)
    assert not grimmer_consistent("5.19", "1.6", 28)


@given(st.lists(st.integers(1, 7), min_size=2, max_size=60), st.integers(1, 3), st.integers(1, 3))
@settings(max_examples=300, deadline=None)
def test_grimmer_never_rejects_a_real_sample(values: list[int], dm: int, ds: int) -> None:
    mean = Decimal(sum(values)) / Decimal(len(values))
    sd = Decimal(statistics.variance([Decimal(v) for v in values])).sqrt()
    assert grimmer_consistent(_printed(mean, dm), _printed(sd, ds), len(values))


def test_grim_can_fail_only_below_ten_to_the_decimals() -> None:
    assert grim_can_fail(99, 2) and not grim_can_fail(100, 2)
    assert not grim_can_fail(50, 2, items=2)
    # and indeed: with n = 100 every two-decimal mean passes
    assert all(grim_consistent(f"{v / 100:.2f}", 100) for v in range(100, 501))
    assert not all(grim_consistent(f"{v / 100:.2f}", 99) for v in range(100, 501))


def test_check_means_says_when_grim_cannot_fail() -> None:
    import polars as pl  # noqa: PLC0415

    from bejegening.checks import check_means  # noqa: PLC0415

    means = pl.DataFrame(
        {"survey": ["fictief"] * 2, "question": ["q1", "q2"], "mean": ["3.4", "3.40"], "n": [250, 5]},
        schema_overrides={"n": pl.Int64},
    )
    explanations = check_means(means)["explanation"].to_list()
    assert "Dit zegt weinig: bij 250 personen past elk gemiddelde met 1 decimaal" in explanations[0]
    assert "Dit zegt weinig" not in explanations[1]
