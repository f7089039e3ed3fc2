"""Small-cell suppression for published tables, with secondary suppression.

A cell counting fewer than *k* respondents (0 < n < k; default k = 5, ``small_cell_threshold`` in
``survey.yaml``) could point at a person, so it is not published: *primary suppression*.  When a
set of cells has a published total (the base of a question, the column base of a crosstab, the
overall count of an option), one hidden cell in that set could be recomputed as the total minus
the others.  *Secondary suppression* therefore hides more cells until no set with a published
total has exactly one hidden cell, always taking the smallest remaining cell of that set (fewest
answers lost; ties by questionnaire order), and repeats until nothing changes.  This is the usual
"no single suppressed cell per margin" rule (Hundepool et al., *Statistical Disclosure Control*,
Wiley 2012, §5.5; CBS/Eurostat practice).

The sets with a published total are, per survey and question (and group, if any):

- the substantive options of a single or Likert question (their total is the base of the valid
  percentage), and its non-substantive options ("weet niet"; their total follows from the base on
  their own rows);
- in a crosstab, in addition, every option's row across the groups (its total is the option's
  count in the overall table).

Multiple-response options are no partition (a respondent may tick several), so they get primary
suppression only.  Which questions partition their base is read from ``questions`` when given,
else from the data (the substantive counts add up to the base).  If a set has one hidden cell
and nothing left to hide with it, the total that would reveal it (``base`` on its rows and
``n_non_substantive``) is hidden instead.

Figures transcribed from a published source (``published`` true) and the unknown remainder of
partly published questions are already public and are never suppressed.

Every suppressed cell says why, in the column ``suppression``: ``"primary"`` (fewer than *k*
respondents) or ``"secondary"`` (hidden so that a small cell elsewhere cannot be recomputed; it
may count *k* or more).  :func:`suppression_reason` gives the Dutch wording the site, the CLI and
the downloads use, so the two are never labelled alike.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from bejegening.model import Question, QuestionType, Valence
from bejegening.stats._frames import REMAINDER_OPTION

__all__ = [
    "PRIMARY",
    "SECONDARY",
    "SUPPRESSED_COLUMNS",
    "hidden_share",
    "suppress_crosstab",
    "suppress_small_cells",
    "suppression_reason",
    "with_suppression_reason",
]

PRIMARY = "primary"
"""``suppression`` of a cell hidden because it counts fewer than *k* respondents."""
SECONDARY = "secondary"
"""``suppression`` of a cell hidden only so that a small cell elsewhere cannot be recomputed."""


def suppression_reason(kind: str | None, k: int, *, short: bool = False) -> str:
    """Dutch wording of why a cell is hidden; ``kind`` is a value of the ``suppression`` column.

    ``"primary"`` → "minder dan {k} personen"; ``"secondary"`` → "afgeschermd zodat een klein
    aantal elders niet terug te rekenen is" (the cell itself may be large). ``short`` gives the
    forms for narrow places (CLI column, chart label). ``None`` (not suppressed) gives "".
    """
    if kind is None:
        return ""
    if kind == PRIMARY:
        return f"< {k}" if short else f"minder dan {k} personen"
    if short:
        return "afgeschermd (terugrekenen)"
    return "afgeschermd zodat een klein aantal elders niet terug te rekenen is"


def with_suppression_reason(table: pl.DataFrame, k: int) -> pl.DataFrame:
    """``table`` with a column ``suppression_reason``: :func:`suppression_reason` of each row's
    ``suppression`` (null where nothing is hidden; a suppressed row without ``suppression`` counts
    as primary)."""
    kind = pl.col("suppression") if "suppression" in table.columns else pl.lit(None, dtype=pl.String)
    suppressed = pl.col("suppressed").fill_null(False) if "suppressed" in table.columns else pl.lit(False)
    return table.with_columns(
        pl.when(~suppressed)
        .then(pl.lit(None, dtype=pl.String))
        .when(kind == SECONDARY)
        .then(pl.lit(suppression_reason(SECONDARY, k)))
        .otherwise(pl.lit(suppression_reason(PRIMARY, k)))
        .alias("suppression_reason")
    )


SUPPRESSED_COLUMNS = ("n", "pct", "ci_low", "ci_high", "pct_display", "w")
"""Columns set to null in a suppressed cell (those that are present)."""

_NS = Valence.non_substantive.value
_IDX = "_sup_i"


def _prepare(
    table: pl.DataFrame, k: int, questions: Sequence[Question] | None, keys: list[str]
) -> pl.DataFrame:
    names = table.columns
    published = pl.col("published").fill_null(False) if "published" in names else pl.lit(False)
    remainder = (pl.col("option") == REMAINDER_OPTION).fill_null(False)
    if "valence" in names:
        remainder = remainder | (pl.col("valence") == "remainder").fill_null(False)
    already = pl.col("suppressed").fill_null(False) if "suppressed" in names else pl.lit(False)
    eligible = ~published & ~remainder
    n = pl.col("n")
    primary = eligible & (already | ((n > 0) & (n < k)).fill_null(False))
    ns = (pl.col("valence") == _NS).fill_null(False) if "valence" in names else pl.lit(False)
    frame = table.with_row_index(_IDX).with_columns(
        eligible.alias("_eligible"),
        primary.alias("suppressed"),
        primary.alias("_primary"),
        ns.alias("_ns"),
        already.alias("_already"),
    )
    if questions is not None:
        types = {q.id: q.type for q in questions}
        partitioned_ids = [qid for qid, t in types.items() if t in (QuestionType.single, QuestionType.likert)]
        return frame.with_columns(pl.col("question").is_in(partitioned_ids).alias("_partition"))
    # Without question types: the substantive counts add up to the base (or cells are already
    # hidden, in which case we cannot tell and stay on the safe side).
    group = [*keys]
    substantive = pl.col("_eligible") & ~pl.col("_ns")
    total = pl.col("n").filter(substantive).sum().over(group)
    base = pl.col("base").filter(substantive).first().over(group) if "base" in names else pl.lit(None)
    hidden = pl.col("_already").filter(pl.col("_eligible")).any().over(group)
    return frame.with_columns(((total == base).fill_null(False) | hidden).alias("_partition"))


def _sort_key(frame: pl.DataFrame, prefer_positive: bool) -> list[pl.Expr]:
    """Smallest cell first (a zero last when ``prefer_positive``), then questionnaire order."""
    keys = [pl.col("n") == 0] if prefer_positive else []
    return [*keys, pl.col("n"), *([pl.col("order")] if "order" in frame.columns else []), pl.col(_IDX)]


Line = tuple[list[str], bool]
"""Key columns of a set of cells with a published total; True when only partitioning questions count."""
Stuck = list[tuple[list[str], pl.DataFrame]]


def _secondary_pass(
    frame: pl.DataFrame, lines: list[Line], prefer_positive: bool
) -> tuple[pl.DataFrame, Stuck]:
    """One round over every kind of line; returns the frame and the lines that cannot be fixed."""
    stuck: Stuck = []
    for keys, partition_only in lines:
        in_line = pl.col("_eligible") & (pl.col("_partition") if partition_only else pl.lit(True))
        members = frame.filter(in_line)
        need = (
            members.group_by(keys)
            .agg(pl.col("suppressed").sum().alias("_hidden"))
            .filter(pl.col("_hidden") == 1)
            .drop("_hidden")
        )
        if need.is_empty():
            continue
        candidates = (
            members.filter(~pl.col("suppressed") & pl.col("n").is_not_null())
            .join(need, on=keys, how="semi", nulls_equal=True)
            .sort(_sort_key(frame, prefer_positive))
            .group_by(keys, maintain_order=True)
            .first()
        )
        chosen = candidates[_IDX]
        frame = frame.with_columns(
            (pl.col("suppressed") | pl.col(_IDX).is_in(chosen.implode())).alias("suppressed")
        )
        unfixable = need.join(candidates.select(keys), on=keys, how="anti", nulls_equal=True)
        if not unfixable.is_empty():
            stuck.append((keys, unfixable))
    return frame, stuck


def _fixpoint(frame: pl.DataFrame, lines: list[Line], prefer_positive: bool) -> tuple[pl.DataFrame, Stuck]:
    """Secondary suppression repeated until no line has exactly one hidden cell (or cannot)."""
    stuck: Stuck = []
    while True:
        before = int(frame["suppressed"].sum())
        frame, stuck = _secondary_pass(frame, lines, prefer_positive)
        if int(frame["suppressed"].sum()) == before:
            return frame, stuck


def _null_out(frame: pl.DataFrame, stuck: Stuck, question_keys: list[str]) -> pl.DataFrame:
    """Null the suppressed cells, and the totals of lines whose one hidden cell has no partner."""
    names = frame.columns
    hide_base = pl.lit(False)
    hide_ns_total = pl.lit(False)
    for keys, unfixable in stuck:
        marker = unfixable.with_columns(pl.lit(True).alias("_stuck"))
        flagged = (
            frame.select(_IDX, *keys)
            .join(marker, on=keys, how="left", nulls_equal=True)
            .select(_IDX, pl.col("_stuck").fill_null(False))
        )
        stuck_rows = flagged.filter(pl.col("_stuck"))[_IDX]
        in_stuck = pl.col(_IDX).is_in(stuck_rows.implode())
        hide_base = hide_base | in_stuck
        hide_ns_total = hide_ns_total | (in_stuck & pl.col("_ns")).any().over(question_keys)
    out = frame.with_columns(
        pl.when(pl.col("suppressed")).then(None).otherwise(pl.col(c)).alias(c)
        for c in SUPPRESSED_COLUMNS
        if c in names
    )
    if "base" in names:
        out = out.with_columns(pl.when(hide_base).then(None).otherwise(pl.col("base")).alias("base"))
    if "n_non_substantive" in names:
        out = out.with_columns(
            pl.when(hide_ns_total)
            .then(None)
            .otherwise(pl.col("n_non_substantive"))
            .alias("n_non_substantive")
        )
    return out


def exposed_cells(frame: pl.DataFrame, lines: list[Line], table_keys: list[str]) -> list[int]:
    """Small cells whose value follows exactly from the published totals (linear programming).

    For every table, the hidden cells are unknowns ≥ 0; every line (row or column) with a
    published total gives one equation.  A hidden cell is exposed when its smallest and largest
    feasible values coincide (scipy's HiGHS solver; Hundepool et al. 2012, §5.4 "audit").
    Only primary cells (0 < n < k) count: a hidden cell of k or more may be known.  Returns the
    internal row indices of exposed cells.
    """
    from scipy.optimize import linprog  # noqa: PLC0415  (only for crosstabs)

    exposed: list[int] = []
    eligible = frame.filter(pl.col("_eligible"))
    for _, table in eligible.group_by(table_keys, maintain_order=True):
        hidden = table.filter(pl.col("suppressed"))
        if hidden.is_empty():
            continue
        index = {int(i): j for j, i in enumerate(hidden[_IDX].to_list())}
        primary = dict(zip(hidden[_IDX].cast(pl.Int64).to_list(), hidden["_primary"].to_list(), strict=True))
        rows: list[list[float]] = []
        totals: list[float] = []
        for keys, partition_only in lines:
            members = hidden.filter(pl.col("_partition")) if partition_only else hidden
            for _, line in members.group_by(keys, maintain_order=True):
                row = [0.0] * len(index)
                for i in line[_IDX].to_list():
                    row[index[int(i)]] = 1.0
                rows.append(row)
                totals.append(float(line["n"].sum()))
        for i, j in index.items():
            if not primary[i]:
                continue
            objective = [0.0] * len(index)
            objective[j] = 1.0
            low = linprog(objective, A_eq=rows, b_eq=totals, bounds=(0, None), method="highs")
            objective[j] = -1.0
            high = linprog(objective, A_eq=rows, b_eq=totals, bounds=(0, None), method="highs")
            if low.status == 0 and high.status == 0 and (-high.fun - low.fun) < 0.5:
                exposed.append(i)
    return exposed


def _finish(original: pl.DataFrame, frame: pl.DataFrame) -> pl.DataFrame:
    columns = [c for c in original.columns if c != "suppression"]
    if "suppressed" not in columns:
        columns.append("suppressed")
    kind = (
        pl.when(~pl.col("suppressed"))
        .then(pl.lit(None, dtype=pl.String))
        .when(pl.col("_primary"))
        .then(pl.lit(PRIMARY))
        .otherwise(pl.lit(SECONDARY))
        .alias("suppression")
    )
    return frame.sort(_IDX).with_columns(pl.col("suppressed").cast(pl.Boolean)).select(*columns, kind)


def hidden_share(table: pl.DataFrame, *, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per question (and ``by`` group): how much of its answers suppression hides.

    ``table`` is a suppressed frequency table (see :func:`suppress_small_cells`). Returns one row
    per ``survey, question`` (+ ``by``) with ``options`` (answer options with a count),
    ``hidden_options`` (suppressed ones), ``base``, ``hidden_n`` (respondents in hidden cells:
    the base minus the shown counts, for single and Likert questions whose base is shown, else
    null) and ``mostly_hidden`` — true when half or more of the options, or of the respondents,
    are hidden.
    """
    keys = [*_group_keys(table, by)]
    rows = table.filter((pl.col("option") != REMAINDER_OPTION).fill_null(True))
    if "published" in rows.columns:
        rows = rows.filter(~pl.col("published").fill_null(False))
    ns = (pl.col("valence") == _NS).fill_null(False) if "valence" in rows.columns else pl.lit(False)
    substantive = rows.filter(~ns)
    out = substantive.group_by(keys, maintain_order=True).agg(
        pl.len().alias("options"),
        pl.col("suppressed").fill_null(False).sum().cast(pl.Int64).alias("hidden_options"),
        pl.col("base").drop_nulls().first().alias("base"),
        pl.col("n").fill_null(0).sum().alias("_shown"),
        pl.col("suppressed").fill_null(False).any().alias("_any"),
    )
    hidden_n = (
        pl.when(pl.col("_any") & pl.col("base").is_not_null())
        .then((pl.col("base") - pl.col("_shown")).clip(0))
        .when(~pl.col("_any"))
        .then(pl.lit(0))
        .otherwise(None)
        .cast(pl.Int64)
        .alias("hidden_n")
    )
    out = out.with_columns(hidden_n)
    mostly = (pl.col("hidden_options") * 2 >= pl.col("options")) & (pl.col("hidden_options") > 0)
    by_people = (pl.col("hidden_n") * 2 >= pl.col("base")).fill_null(False) & (
        pl.col("hidden_n") > 0
    ).fill_null(False)
    return out.with_columns((mostly | by_people).alias("mostly_hidden")).drop("_shown", "_any")


def _empty_finish(table: pl.DataFrame) -> pl.DataFrame:
    out = table if "suppressed" in table.columns else table.with_columns(pl.lit(False).alias("suppressed"))
    return out.drop("suppression", strict=False).with_columns(
        pl.lit(None, dtype=pl.String).alias("suppression")
    )


def _group_keys(table: pl.DataFrame, by: Sequence[str]) -> list[str]:
    return [c for c in ("survey", "question") if c in table.columns] + list(by)


def suppress_small_cells(
    freq: pl.DataFrame,
    k: int,
    *,
    by: Sequence[str] = (),
    questions: Sequence[Question] | None = None,
) -> pl.DataFrame:
    """Suppress cells with 0 < n < ``k`` in a frequency table, and enough others to protect them.

    ``freq`` follows the frequency-table contract (extra columns are kept); ``by`` names extra
    group columns that split a question into separate tables.  Returns the same rows and
    columns with ``suppressed`` set, ``suppression`` added (``"primary"``, ``"secondary"`` or
    null; see :func:`suppression_reason`) and ``n``, ``pct``, ``ci_low``, ``ci_high`` (and
    ``pct_display``) null in every suppressed cell.  See the module docstring for the rules.

    >>> table = suppress_small_cells(freq, survey.small_cell_threshold)  # doctest: +SKIP
    """
    if freq.is_empty():
        return _empty_finish(freq)
    keys = _group_keys(freq, by)
    frame = _prepare(freq, k, questions, keys)
    frame, stuck = _fixpoint(frame, [([*keys, "_ns"], True)], prefer_positive=False)
    return _finish(freq, _null_out(frame, stuck, keys))


def suppress_crosstab(
    table: pl.DataFrame,
    k: int,
    *,
    group: str = "group",
    by: Sequence[str] = ("by",),
    questions: Sequence[Question] | None = None,
) -> pl.DataFrame:
    """Suppress small cells of a crosstab so that no small cell follows from a row or column total.

    ``table`` has one row per question × option × ``group`` (the crosstab frame of
    :func:`bejegening.crosstab`): columns are the groups (their base is published), rows the
    options (their total is the overall count).  Secondary suppression works on both until no
    row or column has exactly one hidden cell, and a linear-programming audit
    (:func:`exposed_cells`) adds cells until no small cell is pinned down by the totals; if even
    hiding every cell of a table is not enough (rows and columns of zeros), its column bases are
    hidden too.  A group whose ``base`` is null (withheld, e.g. a group too small to show) has no
    published column total.  Returns the table with ``suppressed`` and ``suppression`` (``"primary"``,
    ``"secondary"`` or null) columns and ``n``, ``pct``, ``ci_low``, ``ci_high`` null where
    suppressed.
    """
    if table.is_empty():
        return _empty_finish(table)
    by_columns = [c for c in by if c in table.columns]
    keys = _group_keys(table, by_columns)
    frame = _prepare(table, k, questions, [*keys, group])
    if "base" in frame.columns:
        # A group whose base is withheld (null) has no published column total.
        frame = frame.with_columns((pl.col("_partition") & pl.col("base").is_not_null()).alias("_partition"))
    lines: list[Line] = [([*keys, group, "_ns"], True), ([*keys, "option"], False)]
    hidden_bases: pl.DataFrame | None = None
    while True:
        frame, stuck = _fixpoint(frame, lines, prefer_positive=True)
        exposed = exposed_cells(frame, lines, keys)
        if not exposed:
            break
        # Hide one more cell next to each exposed one: the smallest visible cell of its row.
        partners = (
            frame.filter(pl.col(_IDX).is_in(exposed))
            .select(*keys, "option")
            .unique()
            .join(
                frame.filter(pl.col("_eligible") & ~pl.col("suppressed") & pl.col("n").is_not_null()),
                on=[*keys, "option"],
                how="inner",
                nulls_equal=True,
            )
            .sort(_sort_key(frame, prefer_positive=True))
            .group_by([*keys, "option"], maintain_order=True)
            .first()[_IDX]
        )
        if partners.is_empty():
            # Nothing left in those rows: hide the smallest visible cell of the same table.
            tables = frame.filter(pl.col(_IDX).is_in(exposed)).select(keys).unique()
            partners = (
                frame.filter(pl.col("_eligible") & ~pl.col("suppressed") & pl.col("n").is_not_null())
                .join(tables, on=keys, how="semi", nulls_equal=True)
                .sort(_sort_key(frame, prefer_positive=True))
                .head(1)[_IDX]
            )
            if partners.is_empty():
                # Every cell of the table is hidden and a small cell still follows from the
                # totals (zero rows and columns pin it down): hide the column bases as well.
                hidden_bases = tables
                break
        frame = frame.with_columns(
            (pl.col("suppressed") | pl.col(_IDX).is_in(partners.implode())).alias("suppressed")
        )
    out = _null_out(frame, stuck, keys)
    if hidden_bases is not None and "base" in out.columns:
        flagged = out.select(_IDX, *keys).join(
            hidden_bases.with_columns(pl.lit(True).alias("_hide")), on=keys, how="left", nulls_equal=True
        )
        hide = pl.col(_IDX).is_in(flagged.filter(pl.col("_hide").fill_null(False))[_IDX].implode())
        out = out.with_columns(pl.when(hide).then(None).otherwise(pl.col("base")).alias("base"))
    return _finish(table, out)
