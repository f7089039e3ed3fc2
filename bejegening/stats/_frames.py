"""Canonical frames: respondent-level answers (long form) and mergeable aggregate counts.

**Answers (long form)**, one row per respondent × question (× chosen option for multiple
response): ``respondent``, ``question``, ``option`` (an option id; null = no answer), optional
``value`` (Float64, numeric questions), optional weight column and background columns.
``question``/``option`` may be String, Categorical or Enum (Enum is fastest). Reserved option
ids start with ``_`` (real ids cannot): ``_geen`` = answered a multiple-response question but
ticked nothing.

**Counts**, one row per question × option (× group columns): ``question``, ``option`` (null =
missing answers), group columns, ``n`` (Int64) and, for weighted data, ``w`` (Σ weight) and
``w2`` (Σ weight²). Multiple-response questions carry an extra row ``option = "_respondenten"``
with the number of respondents who answered the question (their own base). Every column is a sum,
so counts of partitions (per file, district, wave) merge into exactly the counts of the whole
(:func:`merge_counts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl

from bejegening.model import DataError, Option, Problem, Question, QuestionType, Valence

__all__ = [
    "COUNT_KEYS",
    "MISSING",
    "NONE_OPTION",
    "REMAINDER_OPTION",
    "RESPONDENTS_OPTION",
    "FrameLike",
    "answer_counts",
    "answers_from_wide",
    "counts_from_wide",
    "merge_counts",
    "option_row",
    "option_spec",
    "questionnaire_order",
]

FrameLike = pl.DataFrame | pl.LazyFrame

NONE_OPTION = "_geen"
"""Answered a multiple-response question without ticking any option."""
RESPONDENTS_OPTION = "_respondenten"
"""Count row of a multiple-response question: respondents who answered it (its base)."""
REMAINDER_OPTION = "_niet_gepubliceerd"
"""Published aggregates: the part of the base the source does not report."""
MISSING = None
COUNT_KEYS = ("question", "option")

_CATEGORICAL = (QuestionType.single, QuestionType.likert)
_TRUE = ("1", "1.0", "true", "ja", "yes", "x", "waar", "j", "y")
_FALSE = ("0", "0.0", "false", "nee", "no", "onwaar", "n")
_WHERE = "antwoorden (tabel)"


def _lazy(frame: FrameLike) -> pl.LazyFrame:
    return frame.lazy() if isinstance(frame, pl.DataFrame) else frame


def option_row(question: Question, position: int, option: Option) -> dict[str, Any]:
    """The identifying columns of one option's row: ``question, option, label, order, valence``."""
    return {
        "question": question.id,
        "option": option.id,
        "label": option.label,
        "order": position,
        "valence": option.valence.value if option.valence is not None else None,
    }


_SPEC_CACHE: dict[tuple[int, ...], tuple[tuple[Question, ...], pl.DataFrame]] = {}
_SPEC_CACHE_SIZE = 8


def option_spec(questions: Iterable[Question]) -> pl.DataFrame:
    """One row per (question, option) of closed questions, in questionnaire order.

    Columns: ``question, option, label, order (1-based), valence, score, type, options_complete``.
    The last few results are kept (questions are frozen, so the same question objects give the
    same table; the cache holds them, so their ids cannot be reused); each call returns its own
    copy.
    """
    given = tuple(questions)
    key = tuple(map(id, given))
    hit = _SPEC_CACHE.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], given, strict=True)):
        return hit[1].clone()
    spec = _option_spec(given)
    if len(_SPEC_CACHE) >= _SPEC_CACHE_SIZE:
        _SPEC_CACHE.pop(next(iter(_SPEC_CACHE)))
    _SPEC_CACHE[key] = (given, spec)
    return spec.clone()


def _option_spec(questions: Sequence[Question]) -> pl.DataFrame:
    rows = []
    for question in questions:
        for position, option in enumerate(question.ordered_options(), start=1):
            rows.append(
                {
                    **option_row(question, position, option),
                    "score": option.score,
                    "type": question.type.value,
                    "options_complete": question.options_complete,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "question": pl.String,
            "option": pl.String,
            "label": pl.String,
            "order": pl.Int64,
            "valence": pl.String,
            "score": pl.Float64,
            "type": pl.String,
            "options_complete": pl.Boolean,
        },
    )


def _require(schema: pl.Schema, columns: Iterable[str], what: str) -> None:
    problems = [
        Problem(file=_WHERE, field=column, message=f"kolom ontbreekt ({what})")
        for column in columns
        if column not in schema
    ]
    if problems:
        raise DataError(problems)


def _clean_text(expr: pl.Expr) -> pl.Expr:
    text = expr.cast(pl.String).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def answers_from_wide(
    wide: FrameLike,
    questions: Sequence[Question],
    *,
    respondent: str = "respondent",
    weight: str | None = None,
    background: Sequence[str] = (),
    delimiter: str = "|",
) -> pl.LazyFrame:
    """Convert the wide form survey tools export to the canonical long form (lazily).

    The wide frame has one row per respondent and one column per question, named by question id,
    whose cells are option ids (numbers are read as text: option id ``"3"``). Multiple-response
    questions come either as one column ``q5`` holding a ``delimiter``-separated list of option
    ids, or as one 0/1 column per option named ``q5__<option id>`` (also true/false, ja/nee).
    Numeric questions go to ``value``. Open questions are not converted (free text is not
    statistics, and may identify people).

    Nothing is dropped: an empty cell becomes a row with ``option = null`` (no answer); an unknown
    option id stays as it is (frequencies count it as rejected); an indicator cell that is neither
    0/1 nor empty becomes the option ``"<column>=<value>"`` (rejected); a respondent who answered
    a multiple-response question without ticking anything gets ``option = "_geen"``.

    Output columns: ``respondent`` (as in the input), ``question``, ``option`` (String),
    ``value`` (Float64, only when there are numeric questions), the weight column, and the
    background columns. Question columns that are absent from ``wide`` give no rows.
    """
    lazy = _lazy(wide)
    schema = lazy.collect_schema()
    index = [respondent, *([weight] if weight else []), *background]
    _require(schema, index, "respondent, gewicht of achtergrondkenmerk")
    names = list(schema.names())
    parts: list[pl.LazyFrame] = []
    has_numeric = any(q.type is QuestionType.numeric and q.id in schema for q in questions)

    def finish(frame: pl.LazyFrame) -> pl.LazyFrame:
        frame = frame.with_columns(pl.col("question").cast(pl.String), pl.col("option").cast(pl.String))
        if has_numeric and "value" not in frame.collect_schema():
            frame = frame.with_columns(pl.lit(None, dtype=pl.Float64).alias("value"))
        return frame.select(respondent, "question", "option", *(["value"] if has_numeric else []), *index[1:])

    singles = [q.id for q in questions if q.type in _CATEGORICAL and q.id in schema]
    if singles:
        long = (
            lazy.select(*index, *(_clean_text(pl.col(c)).alias(c) for c in singles))
            .unpivot(index=index, on=singles, variable_name="question", value_name="option")
            .with_columns(pl.col("question").cast(pl.Enum(singles)))
        )
        parts.append(finish(long))

    numerics = [q.id for q in questions if q.type is QuestionType.numeric and q.id in schema]
    if numerics:
        long = lazy.select(*index, *(_clean_text(pl.col(c)).alias(c) for c in numerics)).unpivot(
            index=index, on=numerics, variable_name="question", value_name="raw"
        )
        number = pl.col("raw").str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
        long = long.with_columns(
            value=number,
            # An unreadable number is kept as a (rejected) option value, not silently dropped.
            option=pl.when(number.is_null() & pl.col("raw").is_not_null()).then(pl.col("raw")),
        )
        parts.append(finish(long))

    for question in questions:
        if question.type is not QuestionType.multiple:
            continue
        prefix = f"{question.id}__"
        if question.id in schema:
            items = (
                _clean_text(pl.col(question.id))
                .str.split(delimiter)
                .list.eval(pl.element().str.strip_chars().filter(pl.element() != ""))
            )
            chosen = (
                pl.when(items.list.len() > 0).then(items).otherwise(pl.lit([None], dtype=pl.List(pl.String)))
            )
        else:
            columns = [c for c in names if c.startswith(prefix)]
            if not columns:
                continue
            cells = []
            for column in columns:
                text = _clean_text(pl.col(column)).str.to_lowercase()
                option_id = column[len(prefix) :]
                cells.append(
                    pl.when(text.is_null())
                    .then(None)
                    .when(text.is_in(_TRUE))
                    .then(pl.lit(option_id))
                    .when(text.is_in(_FALSE))
                    .then(pl.lit(""))
                    .otherwise(pl.lit(f"{column}=") + _clean_text(pl.col(column)))
                )
            answered = pl.any_horizontal(*(c.is_not_null() for c in cells))
            picked = pl.concat_list(*cells).list.eval(pl.element().filter(pl.element() != ""))
            chosen = (
                pl.when(~answered)
                .then(pl.lit([None], dtype=pl.List(pl.String)))
                .when(picked.list.len() == 0)
                .then(pl.lit([NONE_OPTION]))
                .otherwise(picked)
            )
        long = (
            lazy.select(*index, chosen.alias("option"))
            .with_columns(pl.lit(question.id).alias("question"))
            .explode("option")
        )
        parts.append(finish(long))

    if not parts:
        empty: dict[str, pl.DataType] = {
            respondent: schema[respondent],
            "question": pl.String(),
            "option": pl.String(),
        }
        if has_numeric:
            empty["value"] = pl.Float64()
        for column in index[1:]:
            empty[column] = schema[column]
        return pl.LazyFrame(schema=empty)
    return pl.concat(parts, how="vertical_relaxed")


def _aggregations(weight: str | None, tallied: bool) -> list[pl.Expr]:
    """Count (or, for pre-aggregated rows, sum) n, and Σw, Σw² for weighted data."""
    if tallied:
        aggs = [pl.col("_n").sum().cast(pl.Int64).alias("n")]
        if weight:
            aggs += [pl.col("_w").sum().alias("w"), pl.col("_w2").sum().alias("w2")]
        return aggs
    aggs = [pl.len().cast(pl.Int64).alias("n")]
    if weight:
        w = pl.col(weight).cast(pl.Float64)
        aggs += [w.sum().alias("w"), (w * w).sum().alias("w2")]
    return aggs


def _all_enum(schema: pl.Schema, keys: Sequence[str]) -> bool:
    return all(isinstance(schema[k], pl.Enum) for k in keys)


def _enum_codes(keys: Sequence[str], schema: pl.Schema) -> tuple[list[list[str]], list[int]]:
    """The categories of each Enum key and its radix (categories + 1: null is the last code)."""
    categories = [list(schema[k].categories) for k in keys]  # type: ignore[attr-defined]
    return categories, [len(c) + 1 for c in categories]


def _decoded(keys: Sequence[str], sizes: Sequence[int], categories: Sequence[list[str]]) -> list[pl.Expr]:
    """The key columns (String) from the combined code ``_key`` (mixed radix, first key slowest)."""
    decoded = []
    radix = 1
    for key, size, names in reversed(list(zip(keys, sizes, categories, strict=True))):
        digit = (pl.col("_key") // radix) % size
        decoded.append(
            digit.replace_strict(dict(enumerate(names)), default=None, return_dtype=pl.String).alias(key)
        )
        radix *= size
    return decoded[::-1]


def _enum_group_by(
    lazy: pl.LazyFrame, keys: Sequence[str], schema: pl.Schema, aggs: list[pl.Expr]
) -> pl.LazyFrame:
    """``group_by(keys)`` over Enum keys as one combined integer key (a mixed-radix code of the
    physical codes, null as one extra code, in the narrowest unsigned type that holds it), decoded
    after grouping: one hash of an integer instead of several columns, measured faster on large
    answer frames (benchmarks/stats.py)."""
    categories, sizes = _enum_codes(keys, schema)
    total = 1
    for size in sizes:
        total *= size
    dtype = pl.UInt16 if total <= 1 << 16 else pl.UInt32 if total <= 1 << 32 else pl.UInt64
    code: pl.Expr | None = None
    for key, size in zip(keys, sizes, strict=True):
        physical = pl.col(key).to_physical().cast(dtype).fill_null(size - 1)
        code = physical if code is None else code * size + physical
    assert code is not None
    grouped = lazy.group_by(code.alias("_key")).agg(aggs)
    return grouped.select(*_decoded(keys, sizes, categories), pl.exclude("_key"))


_DENSE_CODES = 1 << 24
"""Largest number of combined codes counted densely (a bincount array of at most 128 MB)."""
_CHUNK = 1 << 18
"""Answers per step of the dense count (its codes and their bincount stay in the CPU cache)."""


def enum_dense_counts(
    frame: pl.DataFrame, keys: Sequence[str], schema: pl.Schema, weight: str | None
) -> pl.DataFrame | None:
    """The counts of an in-memory frame with Enum keys by one ``numpy.bincount`` over the
    combined code (built in the narrowest unsigned type that holds it), or None when the codes
    are too many. Same rows as :func:`_enum_group_by` (codes that occur), measured at about
    0.6× a plain int64 bincount and 2–3× faster than grouping (benchmarks/stats.py)."""
    import numpy as np  # noqa: PLC0415  (deferred: the CLI's validate path never counts)

    categories, sizes = _enum_codes(keys, schema)
    total = int(np.prod(sizes, dtype=np.int64))
    if total > _DENSE_CODES or frame.height == 0:
        return None
    dtype: type[np.unsignedinteger[Any]] = np.uint16 if total <= 1 << 16 else np.uint32
    digits = [
        frame.get_column(key).to_physical().fill_null(size - 1).to_numpy()
        for key, size in zip(keys, sizes, strict=True)
    ]
    weights = (
        frame.get_column(weight).cast(pl.Float64).fill_null(0.0).fill_nan(0.0).to_numpy() if weight else None
    )
    n = np.zeros(total, dtype=np.int64)
    w = np.zeros(total) if weights is not None else None
    w2 = np.zeros(total) if weights is not None else None
    # In chunks that stay in the CPU cache: the code in the narrow type, then bincount.
    buffer = np.empty(_CHUNK, dtype=dtype)
    for start in range(0, frame.height, _CHUNK):
        stop = min(start + _CHUNK, frame.height)
        code: np.ndarray[Any, np.dtype[np.unsignedinteger[Any]]] = buffer[: stop - start]
        code[:] = digits[0][start:stop]
        for part, size in zip(digits[1:], sizes[1:], strict=True):
            np.multiply(code, size, out=code, casting="unsafe")
            np.add(code, part[start:stop], out=code, casting="unsafe")
        n += np.bincount(code, minlength=total)
        if weights is not None and w is not None and w2 is not None:
            chunk = weights[start:stop]
            w += np.bincount(code, weights=chunk, minlength=total)
            w2 += np.bincount(code, weights=chunk * chunk, minlength=total)
    present = np.flatnonzero(n)
    columns: dict[str, Any] = {"_key": present, "n": n[present]}
    if w is not None and w2 is not None:
        columns["w"] = w[present]
        columns["w2"] = w2[present]
    decoded: dict[str, pl.Series] = {}
    radix = 1
    for key, size, names in reversed(list(zip(keys, sizes, categories, strict=True))):
        digit = (present // radix) % size
        decoded[key] = pl.Series(key, [*names, None], dtype=pl.String).gather(digit)
        radix *= size
    return pl.DataFrame([decoded[key] for key in keys]).with_columns(
        pl.Series(name, values) for name, values in columns.items() if name != "_key"
    )


def _count(
    lazy: pl.LazyFrame,
    questions: Sequence[Question],
    *,
    by: Sequence[str],
    weight: str | None,
    respondent: str,
    tallied: bool,
    frame: pl.DataFrame | None = None,
) -> pl.LazyFrame:
    schema = lazy.collect_schema()
    keys = ["question", "option", *by]
    aggs = _aggregations(weight, tallied)
    dense = (
        enum_dense_counts(frame, keys, schema, weight)
        if frame is not None and not tallied and _all_enum(schema, keys)
        else None
    )
    if dense is not None:
        counts = dense.lazy()
    elif _all_enum(schema, keys):
        counts = _enum_group_by(lazy, keys, schema, aggs)
    else:
        counts = lazy.group_by(keys).agg(aggs)
    multiple = [q for q in questions if q.type is QuestionType.multiple]
    if multiple:
        _require(schema, [respondent], "respondent-id, nodig voor meerkeuzevragen")
        valid = pl.LazyFrame(
            [(q.id, o) for q in multiple for o in [*(opt.id for opt in q.options), NONE_OPTION]],
            schema={"question": pl.String, "option": pl.String},
            orient="row",
        )
        mult_ids = [q.id for q in multiple]
        answered = (
            lazy.filter(pl.col("question").cast(pl.String).is_in(mult_ids))
            .with_columns(pl.col("question", "option").cast(pl.String))
            .join(valid, on=["question", "option"], how="semi")
            .unique(subset=["question", respondent, *by], keep="first")
            .group_by(["question", *by])
            .agg(aggs)
            .with_columns(pl.lit(RESPONDENTS_OPTION).alias("option"))
        )
        counts = pl.concat(
            [
                counts.with_columns(pl.col(keys).cast(pl.String)),
                answered.select(counts.collect_schema().names()),
            ],
            how="vertical_relaxed",
        )
    if dense is not None and not multiple:
        return counts  # its keys are String already
    return counts.with_columns(pl.col(keys).cast(pl.String))


def answer_counts(
    answers: FrameLike,
    questions: Sequence[Question] = (),
    *,
    by: Sequence[str] = (),
    weight: str | None = None,
    respondent: str = "respondent",
) -> pl.LazyFrame:
    """Aggregate long-form answers to the canonical counts frame (lazily; see module docstring).

    ``questions`` is only needed for multiple-response questions (their respondent base). Group
    columns ``by`` are kept; keys come out as String. Counts are Int64; with ``weight``, also
    ``w`` = Σw and ``w2`` = Σw² (Float64). An in-memory DataFrame whose keys are all Enum is
    counted at once, by one ``numpy.bincount`` over a combined code (the fastest way measured);
    a LazyFrame is counted when collected (streaming possible).
    """
    lazy = _lazy(answers)
    schema = lazy.collect_schema()
    _require(schema, ["question", "option", *by, *([weight] if weight else [])], "antwoorden in lange vorm")
    frame = answers if isinstance(answers, pl.DataFrame) else None
    return _count(lazy, questions, by=by, weight=weight, respondent=respondent, tallied=False, frame=frame)


def counts_from_wide(
    wide: FrameLike,
    questions: Sequence[Question],
    *,
    by: Sequence[str] = (),
    weight: str | None = None,
    delimiter: str = "|",
) -> pl.LazyFrame:
    """The counts frame straight from the wide form, without building the long form.

    Same result as ``answer_counts(answers_from_wide(wide, ...), ...)`` but much faster: each
    question column is first grouped by its distinct cell values (× ``by``), and only those few
    distinct values are cleaned and converted (:func:`answers_from_wide` rules). One row of
    ``wide`` is one respondent.
    """
    lazy = _lazy(wide)
    schema = lazy.collect_schema()
    _require(schema, [*by, *([weight] if weight else [])], "gewicht of achtergrondkenmerk")
    names = list(schema.names())
    tallies = [pl.len().alias("_n")]
    if weight:
        w = pl.col(weight).cast(pl.Float64)
        tallies += [w.sum().alias("_w"), (w * w).sum().alias("_w2")]
    carried = ["_n", *(["_w", "_w2"] if weight else [])]
    parts: list[pl.LazyFrame] = []
    for question in questions:
        if question.type is QuestionType.open:
            continue
        if question.id in schema:
            columns = [question.id]
        elif question.type is QuestionType.multiple:
            columns = [c for c in names if c.startswith(f"{question.id}__")]
        else:
            columns = []
        if not columns:
            continue
        # Distinct cells (× groups) of this question, as a tiny "wide" frame with one row per cell.
        cells = lazy.group_by([*columns, *by]).agg(tallies).with_row_index("_cell")
        long = answers_from_wide(
            cells, [question], respondent="_cell", background=[*by, *carried], delimiter=delimiter
        )
        parts.append(_count(long, [question], by=by, weight=weight, respondent="_cell", tallied=True))
    if not parts:
        empty: dict[str, pl.DataType] = {"question": pl.String(), "option": pl.String()}
        empty |= {column: pl.String() for column in by}
        empty["n"] = pl.Int64()
        if weight:
            empty |= {"w": pl.Float64(), "w2": pl.Float64()}
        return pl.LazyFrame(schema=empty)
    return pl.concat(parts, how="vertical_relaxed")


def merge_counts(*parts: FrameLike) -> pl.LazyFrame:
    """Combine counts frames of partitions into the counts of the whole (sums per key).

    Partitions must split respondents (per file, per district, per wave), not the answers of one
    respondent, so that the ``_respondenten`` rows of multiple-response questions add up.
    Keys are every column except ``n``, ``w`` and ``w2``; frames may differ in which of those
    they have (a missing one counts as 0).
    """
    if not parts:
        raise ValueError("merge_counts heeft minstens één tabel nodig")
    frames = [_lazy(p) for p in parts]
    combined = pl.concat(frames, how="diagonal_relaxed")
    names = combined.collect_schema().names()
    values = [c for c in ("n", "w", "w2") if c in names]
    keys = [c for c in names if c not in values]
    return combined.group_by(keys, maintain_order=True).agg(pl.col(c).fill_null(0).sum() for c in values)


def is_substantive(valence: pl.Expr) -> pl.Expr:
    """True unless the option is non-substantive ("weet niet") or the remainder."""
    return valence.is_null() | ~valence.is_in([Valence.non_substantive.value, "remainder"])


def questionnaire_order(question_ids: Iterable[str]) -> pl.Expr:
    """Int64 sort key of a row's ``question``: its position in ``question_ids`` (questionnaire
    order). Raises polars' ``InvalidOperationError`` for a question not in ``question_ids``."""
    position = {qid: i for i, qid in enumerate(question_ids)}
    return pl.col("question").replace_strict(position, return_dtype=pl.Int64)
