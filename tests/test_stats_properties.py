"""Property tests (hypothesis) of the aggregation logic on random fictional answers."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bejegening
from bejegening import Option, Question
from bejegening.stats import _frames as frames_module

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def surveys(draw: st.DrawFn) -> tuple[list[Question], pl.DataFrame]:
    """Fictional questions (single and multiple response) and long-form answers to them."""
    questions: list[Question] = []
    rows: list[dict[str, object]] = []
    n_respondents = draw(st.integers(1, 60))
    for qi in range(draw(st.integers(1, 3))):
        k = draw(st.integers(2, 6))
        kind = draw(st.sampled_from(["single", "likert", "multiple"]))
        non_substantive = draw(st.booleans()) and kind != "multiple"
        options = [
            Option(
                id=f"o{j}",
                label=f"Optie {j}",
                valence="non_substantive" if non_substantive and j == k - 1 else None,
            )
            for j in range(k)
        ]
        question = Question(
            id=f"q{qi}", text=f"Vraag {qi} (fictief)", type=kind, options_complete=True, options=options
        )
        questions.append(question)
        choices = [*(o.id for o in options), None, "onbekend"]
        for r in range(n_respondents):
            if kind == "multiple":
                picked = draw(st.lists(st.sampled_from([*choices[:-2], "onbekend"]), max_size=3, unique=True))
                if not picked:
                    picked = [draw(st.sampled_from([None, "_geen"]))]  # type: ignore[list-item]
                rows += [{"respondent": r, "question": question.id, "option": o} for o in picked]
            else:
                rows.append(
                    {"respondent": r, "question": question.id, "option": draw(st.sampled_from(choices))}
                )
    groups = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=n_respondents, max_size=n_respondents))
    frame = pl.DataFrame(rows, schema={"respondent": pl.Int64, "question": pl.String, "option": pl.String})
    frame = frame.with_columns(pl.col("respondent").replace_strict(dict(enumerate(groups))).alias("wijk"))
    return questions, frame


def _sorted(counts: pl.DataFrame) -> pl.DataFrame:
    return counts.select(sorted(counts.columns)).sort(pl.all(), nulls_last=True)


@SETTINGS
@given(data=surveys(), parts=st.integers(2, 4), seed=st.integers(0, 10**6))
def test_partition_merge_equals_whole(
    data: tuple[list[Question], pl.DataFrame], parts: int, seed: int
) -> None:
    questions, answers = data
    part_of = answers.select(((pl.col("respondent") * 7919 + seed) % parts).alias("p"))["p"]
    pieces = [
        bejegening.answer_counts(answers.filter(part_of == i), questions, by=["wijk"]) for i in range(parts)
    ]
    merged = bejegening.merge_counts(*pieces).collect()
    whole = bejegening.answer_counts(answers, questions, by=["wijk"]).collect()
    assert _sorted(merged).equals(_sorted(whole))
    a = bejegening.frequencies_from_counts(merged, questions, survey_id="f")
    b = bejegening.frequencies(answers, questions, survey_id="f")
    assert a.equals(b)


@SETTINGS
@given(data=surveys())
def test_nothing_is_lost_and_percentages_add_up(data: tuple[list[Question], pl.DataFrame]) -> None:
    questions, answers = data
    freq = bejegening.frequencies(answers, questions, survey_id="f")
    for question in questions:
        part = freq.filter(pl.col("question") == question.id)
        rows = answers.filter(pl.col("question") == question.id)
        first = part.row(0, named=True)
        if question.type.value != "multiple":
            counted = int(part["n"].sum())
            assert counted + first["n_missing"] + first["n_rejected"] == rows.height
            substantive = part.filter(pl.col("valence").is_null())
            if first["base"] > 0:
                assert int(substantive["pct_display"].sum()) == 100
                assert math.isclose(float(substantive["pct"].sum()), 1.0)
        else:
            chosen = int(part["n"].sum())
            none = rows.filter(pl.col("option") == "_geen").height
            assert chosen + none + first["n_missing"] + first["n_rejected"] == rows.height
            answered = rows.filter(pl.col("option").is_in([*(o.id for o in question.options), "_geen"]))
            assert first["base"] == answered["respondent"].n_unique()
        for row in part.iter_rows(named=True):
            if row["pct"] is not None:
                assert 0.0 <= row["ci_low"] <= row["pct"] <= row["ci_high"] <= 1.0


@SETTINGS
@given(values=st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=12))
def test_largest_remainder_adds_up_to_100(values: list[float]) -> None:
    rounded = bejegening.largest_remainder(values)
    total = sum(values)
    if total == 0:
        assert rounded == [0] * len(values)
        return
    assert sum(rounded) == 100
    for value, integer in zip(values, rounded, strict=True):
        exact = value * 100 / total
        assert math.floor(round(exact, 9)) <= integer <= math.floor(round(exact, 9)) + 1


@SETTINGS
@given(data=surveys())
def test_all_ones_weights_give_the_unweighted_result(data: tuple[list[Question], pl.DataFrame]) -> None:
    questions, answers = data
    plain = bejegening.frequencies(answers, questions, survey_id="f")
    weighted = bejegening.frequencies(
        answers.with_columns(pl.lit(1.0).alias("w")),
        questions,
        survey_id="f",
        weight="w",
        weighted_method="kish_wilson",
    )
    assert weighted.select("n", "base", "pct_display").equals(plain.select("n", "base", "pct_display"))
    for column in ("pct", "ci_low", "ci_high", "n_effective"):
        for a, b in zip(weighted[column], plain[column], strict=True):
            assert (a is None and b is None) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


@SETTINGS
@given(data=surveys(), permutation=st.permutations(range(6)))
def test_relabelling_options_permutes_the_result(
    data: tuple[list[Question], pl.DataFrame], permutation: list[int]
) -> None:
    questions, answers = data
    mapping = {f"o{i}": f"x{permutation[i]}" for i in range(6)}
    relabelled_questions = [
        q.model_copy(update={"options": [o.model_copy(update={"id": mapping[o.id]}) for o in q.options]})
        for q in questions
    ]
    relabelled = answers.with_columns(pl.col("option").replace(mapping))
    original = bejegening.frequencies(answers, questions, survey_id="f")
    renamed = bejegening.frequencies(relabelled, relabelled_questions, survey_id="f")
    back = renamed.with_columns(pl.col("option").replace({v: k for k, v in mapping.items()}))
    assert back.sort("question", "option").equals(original.sort("question", "option"))


_QS = ["q1", "q2", "q3"]
_OPTS = ["a", "b", "c", "d"]
_GROUPS = ["g1", "g2"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*_QS, None]),
            st.sampled_from([*_OPTS, None]),
            st.sampled_from([*_GROUPS, None]),
            st.floats(0.1, 5.0),
        ),
        min_size=1,
        max_size=300,
    ),
    st.sampled_from([300, 7, 1 << 18]),
)
@settings(max_examples=60, deadline=None)
def test_dense_enum_counts_equal_a_plain_tally(rows: list[tuple[Any, ...]], chunk: int) -> None:
    """Counting an Enum frame (in memory: numpy bincount over a combined code, in chunks; lazy:
    a group-by of that code) gives exactly the tally of the rows (Python's Counter), nulls
    included, weights summed."""
    frame = pl.DataFrame(
        rows,
        schema={
            "question": pl.Enum(_QS),
            "option": pl.Enum(_OPTS),
            "bg": pl.Enum(_GROUPS),
            "w": pl.Float64,
        },
        orient="row",
    )
    previous = frames_module._CHUNK
    frames_module._CHUNK = chunk
    try:
        dense = bejegening.answer_counts(frame, by=["bg"], weight="w").collect()
    finally:
        frames_module._CHUNK = previous
    grouped = bejegening.answer_counts(frame.lazy(), by=["bg"], weight="w").collect()
    tally = Counter((q, o, g) for q, o, g, _ in rows)
    sums: dict[tuple[Any, ...], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for q, o, g, w in rows:
        sums[(q, o, g)][0] += w
        sums[(q, o, g)][1] += w * w
    for got in (dense, grouped):  # the in-memory count and the LazyFrame group-by
        assert got.height == len(tally)
        for q, o, g, n, w, w2 in got.select("question", "option", "bg", "n", "w", "w2").iter_rows():
            assert n == tally[(q, o, g)]
            assert w == pytest.approx(sums[(q, o, g)][0], rel=1e-12)
            assert w2 == pytest.approx(sums[(q, o, g)][1], rel=1e-12)
