"""A file of answers as read, before any question is known: header, text cells, row numbers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

import polars as pl

from bejegening.model import Problem

__all__ = ["ROW", "RawTable", "ResponseSet", "column_name", "empty_rejections", "from_strings"]

ROW = "_row"
"""Column with the row as a spreadsheet shows it: the Excel row, or the CSV record opened in
Excel (with a header on row 1, the first answers are on row 2)."""

REJECTION_SCHEMA: dict[str, pl.DataType] = {"row": pl.Int64(), "reason": pl.String()}


def column_name(index: int) -> str:
    """Internal name of the column at ``index`` (headers may be empty or repeated)."""
    return f"_c{index}"


def empty_rejections() -> pl.DataFrame:
    """A rejection frame without rows: ``row`` (Int64), ``reason`` (String)."""
    return pl.DataFrame(schema=REJECTION_SCHEMA)


@dataclass(frozen=True)
class ResponseSet:
    """An SPSS multiple-response set (``MRSETS``): several variables that are one question."""

    name: str
    """The set's name without ``$``."""
    label: str
    """The set's label (often the question text; may be empty)."""
    kind: str
    """``dichotomy`` (a variable per option, ``counted`` = ticked) or ``category`` (each variable
    holds one of the chosen codes)."""
    columns: tuple[int, ...]
    """Column indices of the set's variables, in the set's order."""
    counted: str | None = None
    """Dichotomy sets: the value that means "ticked" (as text, ``"1"``)."""
    counted_labels: bool = False
    """Dichotomy sets: each option is named by its variable's value label of ``counted`` (SPSS
    ``CATEGORYLABELS=COUNTEDVALUES``) rather than by the variable label."""


class TableDetails(TypedDict, total=False):
    """What a reader knows about a file beyond its cells: optional fields of :class:`RawTable`
    (which documents them and their defaults), passed on by :func:`from_strings`."""

    value_labels: Mapping[int, Mapping[str, str]]
    column_labels: Mapping[int, str]
    missing_codes: Mapping[int, frozenset[str]]
    measures: Mapping[int, str]
    header_row: int
    sheet: str | None
    sheets: tuple[str, ...]
    tool: str | None
    response_sets: tuple[ResponseSet, ...]


@dataclass(frozen=True)
class RawTable:
    """The cells of a file of answers as text, with the rows that could not be read as rows.

    ``frame`` has the columns ``_c0 … _c{n-1}`` (String, in header order) and ``_row`` (Int64,
    the spreadsheet row: ``first_row`` … ``first_row + n_rows - 1``) and holds the ``n_rows``
    data rows; empty rows after the last filled one are not rows. Rows above the header (title
    rows) and extra header rows (Qualtrics, SurveyMonkey) are never data rows.
    ``structural`` lists rows that are no usable row at all (an empty row, a row with more or
    fewer cells than the header) with the reason, in Dutch; ``structural_errors`` says which of
    those rows are errors (the others, empty rows, are warnings).
    """

    file: str
    kind: str
    header: tuple[str, ...]
    frame: pl.LazyFrame
    n_rows: int
    structural: pl.DataFrame = field(default_factory=empty_rejections)
    structural_errors: frozenset[int] = frozenset()
    problems: tuple[Problem, ...] = ()
    value_labels: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    """SPSS: column index → code → value label."""
    column_labels: Mapping[int, str] = field(default_factory=dict)
    """SPSS: column index → variable label (often the question text)."""
    fatal: bool = False
    """True when the file cannot be read at all (``problems`` says why)."""
    missing_codes: Mapping[int, frozenset[str]] = field(default_factory=dict)
    """SPSS: column index → labelled codes the file declares user-missing ("weet niet")."""
    measures: Mapping[int, str] = field(default_factory=dict)
    """SPSS: column index → measurement level (``nominal``, ``ordinal``, ``scale``)."""
    header_row: int = 1
    """The spreadsheet row of the header (1 unless title rows are above it)."""
    first_row: int = 2
    """The spreadsheet row of the first data row (after the header and extra header rows)."""
    sheet: str | None = None
    """Excel: the sheet read."""
    sheets: tuple[str, ...] = ()
    """Excel: every sheet of the workbook, in order."""
    tool: str | None = None
    """A survey tool recognised from the header rows (``qualtrics``, ``surveymonkey``)."""
    response_sets: tuple[ResponseSet, ...] = ()
    """SPSS: the multiple-response sets the file declares."""

    @classmethod
    def unreadable(cls, file: str, kind: str, *problems: Problem) -> RawTable:
        """A file that cannot be read at all (``fatal``): no header, no rows; ``problems`` say why."""
        return cls(file, kind, (), pl.LazyFrame(), 0, problems=problems, fatal=True)

    def row_of(self, data_index: int) -> int:
        """Spreadsheet row of the 1-based data row ``data_index``."""
        return self.first_row + data_index - 1


def from_strings(
    file: str,
    kind: str,
    header: list[str],
    rows: pl.DataFrame,
    problems: list[Problem],
    *,
    first_row: int,
    **details: Unpack[TableDetails],
) -> RawTable:
    """A table from an in-memory frame of the data rows whose columns are the header cells.

    ``first_row`` is the spreadsheet row of the first row of ``rows``.  Trailing empty rows are
    dropped; empty rows in between are reported as empty rows (warnings, not counted).
    ``details`` are what the reader knows beyond the cells, as :class:`RawTable` names them.
    """
    names = [column_name(i) for i in range(len(header))]
    frame = rows.rename(dict(zip(rows.columns, names, strict=True))) if rows.width else rows
    filled = (
        frame.select(
            pl.any_horizontal(pl.col(names).str.strip_chars().fill_null("").str.len_chars() > 0)
        ).to_series()
        if names and frame.height
        else pl.Series([], dtype=pl.Boolean)
    )
    positions = filled.arg_true()
    last = int(positions[-1]) + 1 if len(positions) else 0
    frame = frame.head(last).with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))
    empty_rows = [i + first_row for i, ok in enumerate(filled.head(last).to_list()) if not ok]
    structural = pl.DataFrame(
        {"row": empty_rows, "reason": ["lege rij"] * len(empty_rows)}, schema=REJECTION_SCHEMA
    )
    return RawTable(
        file=file,
        kind=kind,
        header=tuple(header),
        frame=frame.lazy(),
        n_rows=last,
        structural=structural,
        problems=tuple(problems),
        first_row=first_row,
        **details,
    )
