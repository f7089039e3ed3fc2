"""GRIM for means of integer scales.

Test cases ported from the R package scrutiny (Lukas Jung, https://github.com/lhdjung/scrutiny),
files ``tests/testthat/test-grim.R`` and ``tests/testthat/test-grim-map.R`` (data ``pigs1``
from ``data-raw/``).  scrutiny's default rounding ``"up_or_down"`` accepts a mean when it is
consistent under rounding half up *or* half down; :func:`_up_or_down` reproduces that.  Its
``"even"`` and ``"trunc"`` expectations are not ported: scrutiny computes them on binary
floating point numbers (R's ``round(5.225, 2)`` is 5.22 or 5.23 depending on representation),
whereas this implementation is exact, so those corner cases legitimately differ.
"""

from __future__ import annotations

import polars as pl
import pytest

from bejegening.checks import Rounding, check_means, grim_consistent, grim_totals


def _up_or_down(mean: str, n: int, items: int = 1) -> bool:
    return grim_consistent(mean, n, items=items, rounding=Rounding.half_up) or grim_consistent(
        mean, n, items=items, rounding=Rounding.half_down
    )


def _seq(first: float, last: float, decimals: int) -> list[str]:
    """scrutiny's ``seq_endpoint``: every value from first to last in steps of the last digit."""
    scale = 10**decimals
    return [f"{i / scale:.{decimals}f}" for i in range(round(first * scale), round(last * scale) + 1)]


def _flags(text: str) -> list[bool]:
    return [c == "t" for c in text.replace(",", "").replace(" ", "")]


# test-grim.R: "Correct values are returned (basic)"
def test_scrutiny_basic_sequence() -> None:
    assert [_up_or_down(x, 28) for x in _seq(5.19, 5.30, 2)] == _flags("f,f,t,f,f,f,t,f,f,f,t,f")


# test-grim.R: "Correct values are returned (`items` argument)"
def test_scrutiny_items() -> None:
    assert [_up_or_down(x, 120, items=3) for x in _seq(0.150, 0.159, 3)] == _flags("t,f,f,t,f,f,t,f,t,f")
    assert [_up_or_down(x, 28, items=2) for x in _seq(0.80, 0.89, 2)] == _flags("t,f,t,f,t,f,t,t,t,t")


# test-grim.R: "Correct values are returned (`percent` argument)": 6%..16% of 50 people.
def test_scrutiny_percent() -> None:
    flags = [_up_or_down(f"{p / 100:.2f}", 50) for p in range(6, 17)]
    assert flags == _flags("t,f,t,f,t,f,t,f,t,f,t")


PIGS1 = [
    ("7.22", 32),
    ("4.74", 25),
    ("5.23", 29),
    ("2.57", 24),
    ("6.77", 27),
    ("2.68", 28),
    ("7.01", 29),
    ("7.38", 26),
    ("3.14", 27),
    ("6.89", 31),
    ("5.00", 25),
    ("0.24", 28),
]


# test-grim-map.R: "`consistency` has the correct values" and the items = 2 count.
def test_scrutiny_pigs1() -> None:
    assert [_up_or_down(x, n) for x, n in PIGS1] == _flags("t,f,f,f,f,t,f,t,f,f,t,f")
    assert sum(_up_or_down(x, n, items=2) for x, n in PIGS1) == 6


# test-grim-map.R: "rounding specifications lead to the expected consistency results in the
# corner case of n = 40" (and n = 80): the "up" and "down" rows.
@pytest.mark.parametrize(
    ("n", "rounding", "expected"),
    [
        (40, Rounding.half_up, "f, f, t, f, f, t, f, t, f, f, t, f"),
        (40, Rounding.half_down, "t, f, f, t, t, f, f, f, f, f, t, f"),
        (80, Rounding.half_up, "f, t, t, f, f, t, t, t, t, t, t, t"),
        (80, Rounding.half_down, "t, t, f, t, t, f, t, f, t, t, t, t"),
    ],
)
def test_scrutiny_corner_cases(n: int, rounding: Rounding, expected: str) -> None:
    assert [grim_consistent(x, n, rounding=rounding) for x, _ in PIGS1] == _flags(expected)


# ---- hand-computed cases --------------------------------------------------------------------------


def test_hand_computed_means() -> None:
    assert grim_consistent("3.40", 5)  # 17 / 5
    assert not grim_consistent("3.45", 5)  # steps of 0,2: 3,40 or 3,60
    assert grim_consistent("2.50", 3, items=2)  # 15 / 6
    assert grim_consistent("-1.25", 4)  # −5 / 4 on a −2..2 scale
    assert grim_consistent("3,4", 5)  # Dutch decimal comma
    assert grim_totals("5.19", 28) == []  # 145/28 = 5,18 and 146/28 = 5,21
    assert grim_totals("5.21", 28) == [146]


def test_scale_bounds() -> None:
    assert grim_consistent("5.20", 5)  # 26 / 5 …
    assert not grim_consistent("5.20", 5, scale=(1, 5))  # … but not on a 1–5 scale
    assert not grim_consistent("0.80", 5, scale=(1, 5))


def test_trailing_zeros_count_as_decimals() -> None:
    # "3.5" has one decimal: 7/2 fits with n = 2; "3.50" with n = 3 does not (3,33 or 3,67).
    assert grim_consistent("3.5", 2)
    assert not grim_consistent("3.50", 3)
    assert grim_consistent(3.5, 2)


def test_invalid_n() -> None:
    with pytest.raises(ValueError, match="minstens 1"):
        grim_consistent("3.40", 0)


def test_check_means_frame() -> None:
    means = pl.DataFrame(
        {
            "survey": ["fictief"] * 4,
            "question": ["q1", "q2", "q3", "q4"],
            "mean": ["3.40", "3.45", "5.20", "4.10"],
            "n": [5, 5, 5, None],
            "scale_min": [1, 1, 1, 1],
            "scale_max": [5, 5, 5, 5],
        },
        schema_overrides={"n": pl.Int64},
    )
    result = check_means(means)
    assert result.get_column("status").to_list() == [
        "consistent",
        "inconsistent",
        "inconsistent",
        "niet_toetsbaar",
    ]
    assert result.get_column("rule").unique().to_list() == ["mean"]
    assert result.get_column("consistent_n").to_list() == [[5], [], [], []]
    explanations = result.get_column("explanation").to_list()
    assert explanations[0] == "Klopt: een totaal van 17 punten over 5 personen geeft 3,400, afgerond 3,40."
    assert "17 geeft 3,400 en 18 geeft 3,600" in explanations[1]
    assert "buiten de schaal 1–5" in explanations[2]
    assert explanations[3] == "Gemiddelde 4,10 zonder n: niet na te rekenen."
