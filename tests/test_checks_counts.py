"""Rounding rules and counts against percentages, with hand-computed cases."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bejegening.checks import (
    BaseRange,
    PercentagePair,
    Rounding,
    consistent_bases,
    largest_consistent_subsets,
    percentage_bases,
    possible_counts,
    printed_percentage,
    rounding_interval,
)
from bejegening.checks._rounding import printed_decimals, round_fraction, scaled_value

# ---- rounding -----------------------------------------------------------------------------------


def test_half_up_interval_of_21_percent() -> None:
    interval = rounding_interval(21, 0, Rounding.half_up)
    assert (interval.low, interval.high) == (Fraction(41, 2), Fraction(43, 2))
    assert interval.low_closed and not interval.high_closed
    assert interval.contains(Fraction(41, 2))
    assert not interval.contains(Fraction(43, 2))


def test_half_even_interval_depends_on_last_digit() -> None:
    even = rounding_interval(20, 0, Rounding.half_even)
    odd = rounding_interval(21, 0, Rounding.half_even)
    assert even.low_closed and even.high_closed  # 19,5 and 20,5 both round to 20
    assert not odd.low_closed and not odd.high_closed  # 20,5 → 20 and 21,5 → 22


def test_truncate_and_half_down_intervals() -> None:
    truncate = rounding_interval(20, 0, Rounding.truncate)
    assert (truncate.low, truncate.high, truncate.low_closed, truncate.high_closed) == (20, 21, True, False)
    down = rounding_interval(21, 0, Rounding.half_down)
    assert (down.low, down.high, down.low_closed, down.high_closed) == (
        Fraction(41, 2),
        Fraction(43, 2),
        False,
        True,
    )


def test_interval_with_one_decimal() -> None:
    interval = rounding_interval(205, 1, Rounding.half_up)  # "20,5%"
    assert (interval.low, interval.high) == (Fraction(409, 20), Fraction(411, 20))  # 20,45 .. 20,55


@pytest.mark.parametrize(
    ("value", "rounding", "expected"),
    [
        (Fraction(41, 2), Rounding.half_up, 21),
        (Fraction(41, 2), Rounding.half_even, 20),
        (Fraction(43, 2), Rounding.half_even, 22),
        (Fraction(41, 2), Rounding.half_down, 20),
        (Fraction(209, 10), Rounding.truncate, 20),
        (Fraction(-5, 2), Rounding.half_up, -3),
    ],
)
def test_round_fraction(value: Fraction, rounding: Rounding, expected: int) -> None:
    assert round_fraction(value, 0, rounding) == expected


def test_printed_decimals_reads_the_printed_text() -> None:
    assert printed_decimals(21.0, "26 personen, ofwel 21 %") == 0
    assert printed_decimals(21.0, "21,0% van de klanten") == 1
    assert printed_decimals(11.0, "9 personen (11 procent)") == 0
    assert printed_decimals(20.5) == 1
    assert printed_decimals(21.0) == 0


def test_scaled_value_is_exact_and_refuses_hidden_decimals() -> None:
    assert scaled_value(20.5, 1) == 205
    assert scaled_value(0.1, 2) == 10
    with pytest.raises(ValueError, match="meer dan 0 decimalen"):
        scaled_value(20.5, 0)


# ---- counts against percentages -----------------------------------------------------------------


def test_bases_of_one_pair() -> None:
    # 16/75 = 21,3%, 16/78 = 20,5% (→ 21); 16/74 = 21,6% and 16/79 = 20,3% do not print as 21%.
    assert percentage_bases(16, 21) == [75, 76, 77, 78]


def test_wpi_question_7_fits_only_n_77() -> None:
    # 16/77 = 20,8%, 36/77 = 46,8%, 25/77 = 32,5% (→ 32 would need < 32,5: 25/77 = 32,47%).
    assert consistent_bases([(16, 21), (36, 47), (25, 32)]) == [77]


def test_truncation_moves_question_7_to_n_76() -> None:
    # Truncated: 16/n in [21, 22) → 73..76; 36/n in [47, 48) → 76; 25/n in [32, 33) → 76..78.
    assert consistent_bases([(16, 21), (36, 47), (25, 32)], rounding=Rounding.truncate) == [76]


def test_rounding_rule_decides_a_boundary_case() -> None:
    # 1 of 8 is exactly 12,5%: half-up prints 13%, half-even, half-down and truncation print 12%.
    assert percentage_bases(1, 12) == []
    assert percentage_bases(1, 13) == [8]
    assert percentage_bases(1, 12, rounding=Rounding.half_even) == [8]
    assert percentage_bases(1, 12, rounding=Rounding.half_down) == [8]
    assert percentage_bases(1, 12, rounding=Rounding.truncate) == [8]
    assert percentage_bases(1, 12.5) == [8]


def test_zero_and_impossible_pairs() -> None:
    assert percentage_bases(0, 0, max_n=5) == [1, 2, 3, 4, 5]
    assert percentage_bases(0, 5) == []
    assert percentage_bases(10, 120) == []  # a count is never more than its base
    # 5 of n prints as 0% only when 500/n < 0,5, so n > 1000: open-ended up to the search limit.
    assert percentage_bases(5, 0, max_n=1003) == [1001, 1002, 1003]


def test_wpi_question_6_odd_one_out() -> None:
    # 10 (12%) → n = 81..86; 6 (7%) → n = 81..92; 25 (25%) → n = 99..102.
    pairs = [(10, 12), (6, 7), (25, 25)]
    assert consistent_bases(pairs) == []
    assert largest_consistent_subsets(pairs) == [(frozenset({0, 1}), BaseRange(81, 86))]


def test_wpi_question_3_odd_one_out() -> None:
    # 26 (21%) → n = 121..126; 16 (20%) → 79..82; 15 (19%) → 77..81.
    pairs = [(26, 21), (16, 20), (15, 19)]
    assert largest_consistent_subsets(pairs) == [(frozenset({1, 2}), BaseRange(79, 81))]


def test_tie_between_two_subsets() -> None:
    # 1 (50%) needs n = 2, 1 (33%) needs n = 3: two equally large subsets, no way to choose.
    assert largest_consistent_subsets([(1, 50), (1, 33)]) == [
        (frozenset({0}), BaseRange(2, 2)),
        (frozenset({1}), BaseRange(3, 3)),
    ]


def test_no_pair_fits_at_all() -> None:
    assert largest_consistent_subsets([(5, 120), (3, 150)]) == []


def test_pair_with_explicit_decimals() -> None:
    pair = PercentagePair(1, 12.5, decimals=2)  # printed "12,50%"
    assert pair.printed_decimals == 2
    assert consistent_bases([pair]) == [8]


def test_printed_percentage() -> None:
    assert printed_percentage(26, 80) == 33  # 32,5% → 33%
    assert printed_percentage(26, 80, rounding=Rounding.half_even) == 32
    assert printed_percentage(25, 83) == 30  # 30,1%
    assert printed_percentage(25, 83, decimals=1) == Fraction(301, 10)


def test_possible_counts_is_grim_for_percentages() -> None:
    assert possible_counts(6, 50) == [3]
    assert possible_counts(7, 50) == []  # 3 of 50 is 6%, 4 of 50 is 8%
    assert possible_counts(21, 80) == [17]  # 17/80 = 21,25%
    assert possible_counts(0, 300) == [0, 1]  # 1/300 = 0,33% → 0%
