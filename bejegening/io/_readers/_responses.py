"""Read a file of answers into the wide frame, checking every cell and accounting for every row.

The result is a :class:`ResponsesData`: the answers as a lazy polars frame in the *wide form*
(one row per respondent; see :meth:`ResponsesData.frame`), every problem with file, row, column,
value and what was expected (in Dutch), and the rejection report.  Every data row of the file is
either counted, empty, or rejected with its reason:
``counted + len(rejected) + len(empty_rows) == input_rows``.

The checks stream through the file (polars' streaming engine): unique values per column are
collected once and matched to the options in Python, so the cost of matching does not grow with
the number of rows, and memory does not grow with the size of the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Mapping as Mapping_
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from bejegening.io._messages import did_you_mean
from bejegening.io._readers._binary import read_excel_table, read_sav_table
from bejegening.io._readers._csv import read_csv_table
from bejegening.io._readers._formats import Preset, detect_format, file_kind, preset
from bejegening.io._readers._limits import DEFAULT_LIMITS, ReadLimits, long_cell_message
from bejegening.io._readers._mapping import CHECKED, UNCHECKED, Mapping, QuestionSource, item_keys, resolve
from bejegening.io._readers._table import ROW, RawTable, column_name, empty_rejections
from bejegening.io._readers._text import norm, number_expr, shorten
from bejegening.model import (
    DataError,
    InvalidRows,
    Problem,
    Question,
    QuestionType,
    ResponseFormat,
    ResponsesSpec,
    Severity,
)

__all__ = [
    "MAX_PROBLEMS",
    "NONE_CHOSEN",
    "REJECTION_COLUMNS",
    "ResponsesData",
    "read_responses",
    "read_table",
]

MAX_PROBLEMS = 100
"""Row-level problems listed per file; the rest are counted in one closing message."""

NONE_CHOSEN = "_geen"
"""Wide-frame value of a multiple-response question answered without ticking anything
(the same reserved option id as ``bejegening.stats.NONE_OPTION``)."""

REJECTION_COLUMNS = ("row", "reason")

Loc = tuple[str | int, ...]

_CLOSED = (QuestionType.single, QuestionType.likert)


@dataclass(frozen=True)
class ResponsesData:
    """The answers of one survey as read from its file, with the account of every row.

    ``frame()`` is lazy: it reads the file again each time it is collected (streamed), so a
    large file is never held in memory by the bundle.
    """

    file: str
    """The file as shown in messages."""
    format: ResponseFormat
    """The format the file was read as (``auto`` resolved)."""
    input_rows: int
    """Data rows in the file (the header is not a row; empty rows at the very end do not count)."""
    rejected: pl.DataFrame
    """One row per rejected data row: ``row`` (Int64, the row as the spreadsheet shows it) and
    ``reason`` (Dutch). Empty rows are not rejected rows: see :attr:`empty_rows`."""
    problems: tuple[Problem, ...]
    questions: tuple[str, ...]
    """Question ids that are columns of the wide frame, in questionnaire order."""
    weight: str | None
    """``"weight"`` when the file has a weight column, else None."""
    background: tuple[str, ...]
    """Background variable ids (columns of the wide frame)."""
    _frame: pl.LazyFrame | None = field(default=None, repr=False)
    empty_rows: tuple[int, ...] = ()
    """Rows (as the spreadsheet shows them) that are empty between the answers: not counted,
    reported as empty."""

    @property
    def counted(self) -> int:
        """Rows that are respondents in the statistics: ``input_rows - rejected - empty``."""
        return self.input_rows - self.rejected.height - len(self.empty_rows)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that make the file unusable."""
        return tuple(p for p in self.problems if p.severity is Severity.error)

    @property
    def valid(self) -> bool:
        """True when the answers can be used (warnings allowed)."""
        return self._frame is not None and not self.errors

    def frame(self) -> pl.LazyFrame:
        """The answers in the wide form, one row per counted respondent.

        Columns: ``respondent`` (String: the respondent column, or the row number), then one
        column per question id: single and Likert questions hold the option id (String),
        multiple response the chosen option ids joined by ``|`` in questionnaire order
        (``"_geen"`` = answered without ticking anything), numeric questions a Float64, open
        questions the text; then ``weight`` (Float64) when there is a weight column, then the
        background variables (String).  Null means no answer.

        Raises :class:`~bejegening.DataError` when the file has errors.
        """
        if not self.valid or self._frame is None:
            raise DataError(
                list(self.errors) or [Problem(file=self.file, message="antwoorden niet leesbaar")]
            )
        return self._frame


def expected_columns(spec: ResponsesSpec, questions: Sequence[Question]) -> frozenset[str]:
    """Normalised column names ``survey.yaml`` refers to (to find the header row and sheet)."""
    names: list[str] = []
    for question in questions:
        names += [question.id, question.id.replace("-", "_"), question.text, question.number or ""]
        for position, item in enumerate(question.items, 1):
            names += item_keys(question, item, position)
    names += [spec.respondent_column or "", spec.weight_column or "", *spec.background.values()]
    for entry in spec.columns:
        names += [
            entry.column or "",
            *(entry.option_columns or {}).values(),
            *(entry.category_columns or []),
            *(entry.item_columns or {}).values(),
        ]
    names += spec.ignore_columns
    return frozenset(norm(n) for n in names if n and n.strip())


def read_table(
    path: Path,
    display: str,
    spec: ResponsesSpec,
    expected: frozenset[str] = frozenset(),
    limits: ReadLimits = DEFAULT_LIMITS,
) -> RawTable:
    """Read the cells of a file of answers as text (CSV streamed; Excel and SPSS whole).

    ``expected`` column names (:func:`expected_columns`) help find the sheet and header row; a
    header wider than ``limits.columns`` or with a cell longer than ``limits.cell_chars`` makes
    the table fatal (see :mod:`bejegening.io._readers._limits`).
    """
    kind = file_kind(path)
    if spec.format is ResponseFormat.sav:
        kind = "sav"
    elif spec.format is ResponseFormat.xlsx:
        kind = "xlsx"
    elif spec.format is ResponseFormat.csv:
        kind = "csv"
    if kind is None:
        problem = Problem(
            file=display,
            field="responses.format",
            value=path.suffix or path.name,
            message=(
                "onbekend bestandstype; gebruik .csv, .xlsx of .sav, of zet responses.format "
                "(csv, xlsx, sav, limesurvey, google_forms, microsoft_forms)"
            ),
        )
        return RawTable.unreadable(display, "", problem)
    if not path.is_file():
        problem = Problem(file=display, message="bestand met antwoorden bestaat niet")
        return RawTable.unreadable(display, kind, problem)
    if kind == "xlsx":
        return read_excel_table(
            path, display, sheet=spec.sheet, expected=expected, header_row=spec.header_row, limits=limits
        )
    if kind == "sav":
        return read_sav_table(path, display, limits)
    return read_csv_table(
        path,
        display,
        encoding=spec.encoding,
        expected=expected,
        header_row=spec.header_row,
        limits=limits,
    )


# --------------------------------------------------------------------------------------------
# Matching values to options (in Python, once per distinct value)


@dataclass
class _Verdict:
    """What one distinct cell value of one column means."""

    value: str | None
    """Mapped value: option id(s), ``""`` for an unticked box, None for no answer."""
    error: str | None = None


def _expected_labels(source: QuestionSource, limit: int = 8) -> str:
    labels = [o.label for o in source.question.ordered_options()]
    text = ", ".join(f"'{label}'" for label in labels[:limit])
    return text + (", …" if len(labels) > limit else "")


def _single(source: QuestionSource, raw: str, missing: frozenset[str]) -> _Verdict:
    key = norm(raw)
    if key in source.lookup:
        return _Verdict(source.lookup[key])
    if key in missing:
        return _Verdict(None)
    if source.other is not None:
        return _Verdict(source.other)
    labels = [o.label for o in source.question.options]
    return _Verdict(
        None,
        f"onbekend antwoord voor vraag {source.question.id}{did_you_mean(raw.strip(), labels)}; "
        f"verwacht een van: {_expected_labels(source)}"
        + (" of de codes uit survey.yaml (responses.columns[].values)" if source.column is not None else ""),
    )


def _segment(source: QuestionSource, raw: str) -> tuple[list[str], list[str]]:
    """Split a multiple-response cell into options: (option ids, unknown parts).

    The cell is split at every separator; neighbouring pieces are joined again when together
    they form an option label that itself contains the separator ("Ja, soms").  Among all ways
    to do that, the one with the fewest unknown pieces wins.
    """
    pattern = "|".join(re.escape(s) for s in sorted(source.separators, key=len, reverse=True))
    parts = re.split(f"({pattern})", raw) if pattern else [raw]
    pieces, glue = parts[0::2], parts[1::2]
    n = len(pieces)
    best: list[tuple[int, list[tuple[int, int, str | None]]] | None] = [None] * (n + 1)
    best[0] = (0, [])
    for i in range(n):
        current = best[i]
        if current is None:
            continue
        cost, path = current
        for j in range(i + 1, min(n, i + 12) + 1):
            text = "".join(pieces[k] + (glue[k] if k < j - 1 else "") for k in range(i, j))
            key = norm(text)
            if not key:
                step: tuple[int, str | None] | None = (0, None) if j == i + 1 else None
            elif key in source.lookup:
                step = (0, source.lookup[key])
            else:
                step = (1, None) if j == i + 1 else None
            if step is None:
                continue
            candidate = (cost + step[0], [*path, (i, j, step[1])])
            if best[j] is None or candidate[0] < best[j][0]:  # type: ignore[index]
                best[j] = candidate
    final = best[n]
    assert final is not None  # every piece on its own is always a step
    chosen: list[str] = []
    unknown: list[str] = []
    for i, j, option in final[1]:
        if option is not None:
            chosen.append(option)
        elif norm(pieces[i]) and j == i + 1:
            unknown.append(pieces[i].strip())
    return chosen, unknown


def _multiple(source: QuestionSource, raw: str, missing: frozenset[str]) -> _Verdict:
    key = norm(raw)
    if key in missing:
        return _Verdict(None)
    if key in source.lookup:
        return _Verdict(source.lookup[key])
    chosen, unknown = _segment(source, raw)
    if unknown and source.other is not None:
        chosen.append(source.other)
    elif unknown:
        labels = [o.label for o in source.question.options]
        first = unknown[0]
        seps = " of ".join(f"'{s}'" for s in source.separators)
        return _Verdict(
            None,
            f"onbekend deel '{shorten(first)}' in meerkeuzeantwoord voor vraag {source.question.id}"
            f"{did_you_mean(first, labels)}; verwacht antwoorden uit: {_expected_labels(source)}, "
            f"gescheiden door {seps}",
        )
    order = {o.id: i for i, o in enumerate(source.question.ordered_options())}
    ids = sorted(set(chosen), key=lambda o: order[o])
    return _Verdict("|".join(ids) if ids else None)


def _option_cell(
    source: QuestionSource,
    option: str,
    raw: str,
    missing: frozenset[str],
    labels: Mapping_[str, str] | None = None,
) -> _Verdict:
    """A cell of the column of one option: ticked, not ticked, no answer, or an error.

    A value label of the column (SPSS) decides before the code itself: with ``1 = "Nee"``,
    ``2 = "Ja"`` the code 1 is *not* ticked.
    """
    key = norm(raw)
    opt = source.question.option(option)
    ticked = CHECKED | {norm(opt.id), norm(opt.label)}
    label = (labels or {}).get(key) or source.value_labels.get(key)
    if label is not None and norm(label) in ticked:
        return _Verdict(option)
    if label is not None and norm(label) in UNCHECKED:
        return _Verdict("")
    if key in ticked:
        return _Verdict(option)
    if key in UNCHECKED:
        return _Verdict("")
    if key in missing:
        return _Verdict(None)
    if option == source.other:  # the free text of "Anders, namelijk"
        return _Verdict(option)
    return _Verdict(
        None,
        f"onverwachte waarde in de kolom van optie '{opt.label}' (vraag {source.question.id}); "
        "verwacht Y, Ja, 1 of x (aangevinkt), N, Nee, 0 of leeg (niet aangevinkt)",
    )


# --------------------------------------------------------------------------------------------
# The passes over the file


@dataclass
class _Cell:
    """A categorical column to check: which question, and for a per-option column which option."""

    source: QuestionSource
    index: int
    option: str | None = None
    category: bool = False
    """A column of a multiple-category set: one chosen answer per cell."""


def _missing_expr(raw: pl.Expr, missing: frozenset[str]) -> pl.Expr:
    return raw.str.strip_chars().str.to_lowercase().is_in(sorted(missing)) | raw.is_null()


class _Reader:
    def __init__(
        self, raw: RawTable, spec: ResponsesSpec, max_problems: int, limits: ReadLimits = DEFAULT_LIMITS
    ) -> None:
        self.raw = raw
        self.spec = spec
        self.max_problems = max_problems
        self.limits = limits
        self.missing = frozenset(norm(m) for m in spec.missing_values)
        self.reject = spec.invalid_rows is InvalidRows.reject
        # (row, column index, message, value, severity)
        self.row_problems: list[tuple[int, int | None, str, str | None]] = []
        # Unknown answers, reported once per column (rows still listed in the rejection report).
        self.value_problems: list[tuple[int, int, str, str]] = []
        self.sources: dict[int, QuestionSource] = {}

    @property
    def severity(self) -> Severity:
        return Severity.warning if self.reject else Severity.error

    def header(self, index: int | None) -> str | None:
        if index is None:
            return None
        return self.raw.header[index] or f"kolom {index + 1}"


def _categorical_cells(sources: Sequence[QuestionSource]) -> list[_Cell]:
    cells: list[_Cell] = []
    for source in sources:
        qtype = source.question.type
        if qtype not in (*_CLOSED, QuestionType.multiple):
            continue
        if source.column is not None:
            cells.append(_Cell(source, source.column))
        for option, index in source.option_columns.items():
            cells.append(_Cell(source, index, option))
        for index in source.category_columns:
            cells.append(_Cell(source, index, category=True))
    return cells


def _verdict(reader: _Reader, cell: _Cell, value: str) -> _Verdict:
    if cell.option is not None:
        labels = reader.raw.value_labels.get(cell.index)
        return _option_cell(cell.source, cell.option, value, reader.missing, labels)
    if cell.category:
        return _single(cell.source, value, reader.missing)
    if cell.source.question.type is QuestionType.multiple:
        return _multiple(cell.source, value, reader.missing)
    return _single(cell.source, value, reader.missing)


def _value_counts(cells: list[_Cell], rows: pl.LazyFrame) -> pl.LazyFrame | None:
    """Distinct values per checked column (``col``, ``val``, ``n``)."""
    if not cells:
        return None
    names = sorted({column_name(c.index) for c in cells})
    return (
        rows.select(names)
        .unpivot(on=names, variable_name="col", value_name="val")
        .group_by("col", "val")
        .agg(pl.len().alias("n"))
    )


def _value_maps(
    reader: _Reader, cells: list[_Cell], counts: pl.DataFrame | None
) -> tuple[dict[int, dict[str, str | None]], dict[int, dict[str, str]]]:
    """Per checked column: distinct value → mapped value, and distinct value → error message."""
    if counts is None:
        return {}, {}
    by_index = {c.index: c for c in cells}
    mapped: dict[int, dict[str, str | None]] = {c.index: {} for c in cells}
    bad: dict[int, dict[str, str]] = {c.index: {} for c in cells}
    for col, val, _n in counts.iter_rows():
        index = int(col[2:])
        value = "" if val is None else str(val)
        if len(value) > reader.limits.cell_chars:
            mapped[index][value] = None  # its row is reported by the cell-size check
            continue
        verdict = _verdict(reader, by_index[index], value)
        mapped[index][value] = verdict.value
        if verdict.error is not None:
            bad[index][value] = verdict.error
    return mapped, bad


def _bad_value_query(
    cells: list[_Cell], bad: dict[int, dict[str, str]], rows: pl.LazyFrame
) -> pl.LazyFrame | None:
    involved = [c for c in cells if bad.get(c.index)]
    if not involved:
        return None
    conditions = [pl.col(column_name(c.index)).is_in(list(bad[c.index])) for c in involved]
    names = sorted({column_name(c.index) for c in involved})
    return rows.filter(pl.any_horizontal(conditions)).select(ROW, *names)


def _bad_value_rows(
    reader: _Reader, cells: list[_Cell], bad: dict[int, dict[str, str]], found: pl.DataFrame
) -> None:
    involved = [c for c in cells if bad.get(c.index)]
    for record in found.iter_rows(named=True):
        for cell in involved:
            value = record[column_name(cell.index)]
            message = bad[cell.index].get(value)
            if message is not None:
                reader.value_problems.append((record[ROW], cell.index, message, value))
                reader.sources[cell.index] = cell.source


Check = tuple[int, pl.Expr, str]


def _number_checks(
    reader: _Reader,
    sources: Sequence[QuestionSource],
    respondent: int | None,
    weight: int | None,
    background: dict[str, int],
) -> list[Check]:
    """Per-cell checks that need no list of values: cell size (every column used), numbers,
    weights, respondent numbers."""
    used = sorted(
        {s.column for s in sources if s.column is not None}
        | {i for s in sources for i in s.option_columns.values()}
        | {i for s in sources for i in s.category_columns}
        | {i for i in (respondent, weight) if i is not None}
        | set(background.values())
    )
    too_long = long_cell_message(reader.limits)
    checks: list[Check] = [
        (index, pl.col(column_name(index)).str.len_chars() > reader.limits.cell_chars, too_long)
        for index in used
    ]
    for source in sources:
        if source.question.type is QuestionType.numeric and source.column is not None:
            raw = pl.col(column_name(source.column))
            declared = reader.missing | reader.raw.missing_codes.get(source.column, frozenset())
            checks.append(
                (
                    source.column,
                    ~_missing_expr(raw, declared) & number_expr(raw).is_null(),
                    f"geen getal voor vraag {source.question.id}; verwacht een getal zoals 12 of 3,5",
                )
            )
    if weight is not None:
        number = number_expr(pl.col(column_name(weight)))
        checks.append(
            (weight, number.is_null() | (number <= 0), "gewicht ontbreekt of is geen positief getal")
        )
    if respondent is not None:
        raw = pl.col(column_name(respondent))
        checks.append(
            (respondent, raw.is_null() | (raw.str.strip_chars() == ""), "respondentnummer ontbreekt")
        )
    return checks


def _number_query(checks: list[Check], rows: pl.LazyFrame) -> pl.LazyFrame | None:
    if not checks:
        return None
    flags = [expr.alias(f"_bad{i}") for i, (_, expr, _) in enumerate(checks)]
    names = sorted({column_name(index) for index, _, _ in checks})
    return rows.select(ROW, *names, *flags).filter(
        pl.any_horizontal(pl.col(f"_bad{i}") for i in range(len(checks)))
    )


def _number_rows(reader: _Reader, checks: list[Check], found: pl.DataFrame) -> None:
    for record in found.iter_rows(named=True):
        for i, (index, _, message) in enumerate(checks):
            if record[f"_bad{i}"]:
                reader.row_problems.append((record[ROW], index, message, record[column_name(index)]))


def _respondent_ids(respondent: int) -> pl.Expr:
    return pl.col(column_name(respondent)).str.strip_chars()


def _hash_query(respondent: int | None, rows: pl.LazyFrame) -> pl.LazyFrame | None:
    """A 64-bit hash per respondent number: 8 bytes per row, sorted to find duplicates."""
    if respondent is None:
        return None
    ids = _respondent_ids(respondent)
    return rows.filter(ids.fill_null("") != "").select(ids.hash().alias("h"))


def _duplicate_query(respondent: int, hashes: pl.DataFrame, rows: pl.LazyFrame) -> pl.LazyFrame | None:
    """Rows whose hash occurs more than once (the exact comparison of their numbers follows)."""
    values = np.sort(hashes["h"].to_numpy())
    repeated = np.unique(values[1:][values[1:] == values[:-1]])
    if not len(repeated):
        return None
    ids = _respondent_ids(respondent)
    wanted = pl.Series(repeated, dtype=pl.UInt64).implode()
    return rows.filter(ids.hash().is_in(wanted)).select(ROW, ids.alias("id"))


def _duplicates(reader: _Reader, respondent: int, exact: pl.DataFrame) -> None:
    """Report rows whose respondent number occurs more than once."""
    groups = (
        exact.sort(ROW)
        .group_by("id", maintain_order=True)
        .agg(pl.col(ROW))
        .filter(pl.col(ROW).list.len() > 1)
    )
    for value, group in groups.iter_rows():
        for row in group:
            others = [r for r in group if r != row]
            shown = ", ".join(str(r) for r in others[:5]) + (", …" if len(others) > 5 else "")
            reader.row_problems.append(
                (row, respondent, f"respondentnummer komt vaker voor (ook in rij {shown})", value)
            )


def _collect(queries: list[pl.LazyFrame | None]) -> list[pl.DataFrame | None]:
    """Collect each query with the streaming engine, one after the other.

    (``pl.collect_all`` would share the file scan, but measured on a 1 GB file it holds about
    twice the memory for little gain in time; one at a time keeps memory bounded.)
    """
    return [q.collect(engine="streaming") if q is not None else None for q in queries]


def _check_rows(
    reader: _Reader, mapping: Mapping, cells: list[_Cell], rows: pl.LazyFrame
) -> dict[int, dict[str, str | None]]:
    """Run every row check (five streamed reads at most); returns the value maps per column."""
    checks = _number_checks(reader, mapping.sources, mapping.respondent, mapping.weight, mapping.background)
    counts, numbers, hashes = _collect(
        [_value_counts(cells, rows), _number_query(checks, rows), _hash_query(mapping.respondent, rows)]
    )
    mapped, bad = _value_maps(reader, cells, counts)
    if numbers is not None:
        _number_rows(reader, checks, numbers)
    duplicates = (
        _duplicate_query(mapping.respondent, hashes, rows)
        if hashes is not None and mapping.respondent is not None
        else None
    )
    found, exact = _collect([_bad_value_query(cells, bad, rows), duplicates])
    if found is not None:
        _bad_value_rows(reader, cells, bad, found)
    if exact is not None and mapping.respondent is not None:
        _duplicates(reader, mapping.respondent, exact)
    return mapped


def _rows_text(rows: list[int], limit: int = 8) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return f"{'rij' if len(rows) == 1 else 'rijen'} {shown}{', …' if len(rows) > limit else ''}"


def _values_block(source: QuestionSource, values: list[str]) -> str:
    """A ``responses.columns`` entry to paste into survey.yaml: the codes found, mapped in
    questionnaire order (codes 1, 2, … to the options in order; other codes to a "weet niet"
    option when there is one), to be checked against the questionnaire."""
    question_id = source.question.id.split(".")[0]
    ordered = source.question.ordered_options()
    substantive = [o for o in ordered if o.valence is None or o.valence.value != "non_substantive"]
    rest = [o for o in ordered if o not in substantive]
    lines = [f"  - question: {question_id}", "    values:"]
    for value in values:
        guess = None
        if value.isdecimal() and 1 <= int(value) <= len(substantive):
            guess = substantive[int(value) - 1].id
        elif rest:
            guess = rest[0].id
        lines.append(f'      "{value}": {guess or "?"}')
    return "\n".join(lines)


def _value_problem_list(reader: _Reader) -> list[Problem]:
    """One problem per column with unknown answers: the distinct values, their rows, the fix."""
    by_column: dict[int, list[tuple[int, str, str]]] = {}
    for row, index, message, value in reader.value_problems:
        by_column.setdefault(index, []).append((row, value, message))
    out = []
    for index in sorted(by_column):
        found = sorted(by_column[index])
        rows = sorted({row for row, _, _ in found})
        counts: dict[str, int] = {}
        for _, value, _ in found:
            counts[value] = counts.get(value, 0) + 1
        distinct = sorted(
            counts, key=lambda v: (not v.strip().isdecimal(), int(v) if v.strip().isdecimal() else 0, v)
        )
        listed = ", ".join(f"'{shorten(v, 30)}' ({counts[v]}×)" for v in distinct[:20])
        source = reader.sources[index]
        message = (
            f"{len(found)} onbekende {'waarde' if len(found) == 1 else 'waarden'} in deze kolom "
            f"({_rows_text(rows)}); gevonden: {listed}{', …' if len(distinct) > 20 else ''}. " + found[0][2]
        )
        codes = [v.strip() for v in distinct]
        if (
            source.column is not None
            and source.question.type is not QuestionType.multiple
            and all(re.fullmatch(r"-?[A-Za-z]{0,3}[0-9]{1,4}", c) for c in codes)
        ):
            message += (
                ". Staan er codes in het bestand, zet dan onder responses.columns in survey.yaml "
                "(controleer elke code met de vragenlijst):\n" + _values_block(source, codes)
            )
        out.append(
            Problem(
                file=reader.raw.file,
                row=rows[0],
                field=reader.header(index),
                value=", ".join(shorten(v, 30) for v in distinct[:20]),
                message=message
                + (
                    (" (rij niet meegeteld)" if len(rows) == 1 else " (rijen niet meegeteld)")
                    if reader.reject
                    else ""
                ),
                severity=reader.severity,
            )
        )
    return out


def _problems(reader: _Reader) -> list[Problem]:
    """Row problems sorted by row and column, at most ``max_problems`` plus a closing count;
    unknown answers once per column (:func:`_value_problem_list`)."""
    order = sorted(reader.row_problems, key=lambda p: (p[0], -1 if p[1] is None else p[1]))
    out = [
        Problem(
            file=reader.raw.file,
            row=row,
            field=reader.header(index),
            value=value,
            message=message + (" (rij niet meegeteld)" if reader.reject else ""),
            severity=reader.severity,
        )
        for row, index, message, value in order[: reader.max_problems]
    ]
    out = sorted([*_value_problem_list(reader), *out], key=lambda p: p.row or 0)
    if len(order) > reader.max_problems:
        rest = len(order) - reader.max_problems
        rows = len({p[0] for p in order[reader.max_problems :]})
        out.append(
            Problem(
                file=reader.raw.file,
                message=f"en nog {rest} andere problemen in {rows} rijen (niet getoond)",
                severity=reader.severity,
            )
        )
    return out


def _chosen_options(cells: Sequence[pl.Expr], chosen: Sequence[pl.Expr]) -> pl.Expr:
    """A multiple-response answer from its columns: the ``chosen`` option ids (null when not
    chosen) joined by ``|``; ``"_geen"`` when answered without choosing; null when every
    cell is empty."""
    answered = pl.any_horizontal(c.is_not_null() for c in cells)
    picked = pl.concat_str(chosen, separator="|", ignore_nulls=True)
    return (
        pl.when(~answered)
        .then(None)
        .when(picked.fill_null("") == "")
        .then(pl.lit(NONE_CHOSEN))
        .otherwise(picked)
    )


def _wide(  # noqa: PLR0917  (one private caller)
    raw: RawTable,
    mapping_sources: Sequence[QuestionSource],
    respondent: int | None,
    weight: int | None,
    background: dict[str, int],
    mapped: dict[int, dict[str, str | None]],
    rejected_rows: list[int],
    missing: frozenset[str],
) -> pl.LazyFrame:
    rows = raw.frame
    if rejected_rows:
        rows = rows.filter(~pl.col(ROW).is_in(pl.Series(rejected_rows, dtype=pl.Int64).implode()))

    def recode(index: int) -> pl.Expr:
        table = mapped.get(index, {})
        return pl.col(column_name(index)).replace_strict(
            list(table), list(table.values()), default=None, return_dtype=pl.String
        )

    def text(index: int) -> pl.Expr:
        raw_text = pl.col(column_name(index)).str.strip_chars()
        return pl.when(_missing_expr(raw_text, missing)).then(None).otherwise(raw_text)

    columns: list[pl.Expr] = [
        (
            pl.col(column_name(respondent)).str.strip_chars()
            if respondent is not None
            else (pl.col(ROW) - (raw.first_row - 1)).cast(pl.String)
        ).alias("respondent")
    ]
    for source in mapping_sources:
        qid = source.question.id
        qtype = source.question.type
        if qtype in (*_CLOSED, QuestionType.multiple) and source.column is not None:
            columns.append(recode(source.column).alias(qid))
        elif qtype is QuestionType.multiple and source.category_columns:
            coded = [recode(index) for index in source.category_columns]
            chosen = [
                pl.when(pl.any_horizontal([(c == o.id).fill_null(False) for c in coded])).then(pl.lit(o.id))
                for o in source.question.ordered_options()
            ]
            columns.append(_chosen_options(coded, chosen).alias(qid))
        elif qtype is QuestionType.multiple:
            ordered = [o.id for o in source.question.ordered_options() if o.id in source.option_columns]
            cells = [recode(source.option_columns[o]) for o in ordered]
            columns.append(_chosen_options(cells, [pl.when(c != "").then(c) for c in cells]).alias(qid))
        elif qtype is QuestionType.numeric and source.column is not None:
            # SPSS: a code the file declares missing (99 = "weet niet") is no number
            declared = raw.missing_codes.get(source.column, frozenset())
            number = number_expr(pl.col(column_name(source.column)))
            if declared:
                number = (
                    pl.when(_missing_expr(pl.col(column_name(source.column)), declared))
                    .then(None)
                    .otherwise(number)
                )
            columns.append(number.alias(qid))
        elif source.column is not None:
            columns.append(text(source.column).alias(qid))
    if weight is not None:
        columns.append(number_expr(pl.col(column_name(weight))).alias("weight"))
    for name, index in background.items():
        labels = raw.value_labels.get(index)
        value = text(index)
        if labels:  # SPSS: a background code is shown by its value label ("1" → "18-30")
            value = value.replace_strict(list(labels), list(labels.values()), default=value)
        columns.append(value.alias(name))
    return rows.select(columns)


def _where_read(raw: RawTable) -> Problem:
    """Which sheet and header row were read, the sheets that exist, and how to name others."""
    others = ", ".join(f"'{name}'" for name in raw.sheets)
    return Problem(
        file=raw.file,
        row=raw.header_row,
        message=(
            f"de kopregel is gelezen op werkblad '{raw.sheet}', rij {raw.header_row}; geen werkblad "
            f"heeft een rij met alle kolommen uit survey.yaml (werkbladen in het bestand: {others}). "
            "Staan de antwoorden elders, zet dan in survey.yaml onder responses: sheet: <naam van het "
            "werkblad> en header_row: <rijnummer van de kopregel>"
        ),
    )


def _unfinished(
    raw: RawTable, conventions: Preset, respondent: int | None, rows: pl.LazyFrame, *, leave_out: bool
) -> tuple[Problem | None, list[int]]:
    """A warning naming the responses the tool marks as not finished, and the rows to leave out
    (none unless ``leave_out``: by default they are counted)."""
    conditions = []
    for name, value in conventions.unfinished:
        for i, header in enumerate(raw.header):
            if norm(header) != name:
                continue
            cell = pl.col(column_name(i)).str.strip_chars().fill_null("")
            conditions.append(cell == "" if value == "" else cell.str.to_lowercase() == value)
    if not conditions:
        return None, []
    ids = (
        pl.col(column_name(respondent)).str.strip_chars()
        if respondent is not None
        else pl.col(ROW).cast(pl.String)
    )
    found = rows.filter(pl.any_horizontal(conditions)).select(ROW, ids.alias("id")).collect()
    if found.is_empty():
        return None, []
    listed = ", ".join(found["id"].head(10).to_list()) + (", …" if found.height > 10 else "")
    who = "respondent" if respondent is not None else "rij"
    counted = (
        "niet meegeteld (responses.leave_out_unfinished: true)"
        if leave_out
        else "meegeteld met de vragen die wel beantwoord zijn. Wilt u ze niet meetellen, zet dan in "
        "survey.yaml onder responses: leave_out_unfinished: true"
    )
    problem = Problem(
        file=raw.file,
        row=int(found[ROW][0]),
        message=(
            f"{found.height} {'antwoord is' if found.height == 1 else 'antwoorden zijn'} niet afgerond "
            f"volgens de export ({who} {listed}); {counted}"
        ),
        severity=Severity.warning,
    )
    return problem, (found[ROW].to_list() if leave_out else [])


def read_responses(
    folder: Path,
    spec: ResponsesSpec,
    questions: Sequence[Question],
    *,
    display: Callable[[Path], str] = str,
    survey_file: str = "survey.yaml",
    line_of: Callable[[Loc], int | None] = lambda loc: None,
    max_problems: int = MAX_PROBLEMS,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ResponsesData:
    """Read and check the answers of a survey: see :class:`ResponsesData`.

    ``folder`` is the survey folder (``spec.file`` is relative to it); ``questions`` are the
    survey's questions.  Problems in ``survey.yaml`` itself (a mapping to an unknown question or
    option) are reported against ``survey_file`` with the line from ``line_of``.  Never raises on
    bad input: every problem is in :attr:`ResponsesData.problems`.  ``limits`` bound the header's
    columns and each cell's characters (a longer cell rejects its row, or is an error when
    ``invalid_rows`` is ``error``).
    """
    path = folder / spec.file
    raw = read_table(path, display(path), spec, expected_columns(spec, questions), limits)
    shown = raw.file
    fmt = spec.format
    if fmt is ResponseFormat.auto:
        fmt = detect_format(raw.kind, raw.header, raw.tool)

    def result(
        problems: list[Problem],
        *,
        input_rows: int = raw.n_rows,
        rejected: pl.DataFrame = raw.structural,
        mapped: tuple[str, ...] = (),
        weight: str | None = None,
        background: tuple[str, ...] = (),
        frame: pl.LazyFrame | None = None,
        empty: tuple[int, ...] = (),
    ) -> ResponsesData:
        return ResponsesData(
            file=shown,
            format=fmt,
            input_rows=input_rows,
            rejected=rejected,
            problems=tuple(problems),
            questions=mapped,
            weight=weight,
            background=background,
            _frame=frame,
            empty_rows=empty,
        )

    if raw.fatal:
        return result(list(raw.problems), input_rows=0, rejected=empty_rejections())
    problems = list(raw.problems)
    mapping = resolve(raw, spec, questions, preset(fmt), survey_file=survey_file, line_of=line_of)
    problems += mapping.problems
    if raw.kind == "xlsx" and any(
        p.severity is Severity.error and p.file == raw.file and p.row == raw.header_row
        for p in mapping.problems
    ):
        problems.append(_where_read(raw))
    if raw.n_rows == 0:
        problems.append(
            Problem(
                file=shown,
                message=(
                    "bestand bevat alleen een kopregel en geen antwoorden; verwacht één rij per respondent"
                ),
            )
        )
    if any(p.severity is Severity.error for p in problems):
        return result(problems)

    reader = _Reader(raw, spec, max_problems, limits)
    structural_rows = raw.structural["row"]
    for row, reason in raw.structural.iter_rows():
        if row in raw.structural_errors:
            reader.row_problems.append((row, None, reason, None))
    rows = raw.frame
    if not structural_rows.is_empty():
        rows = rows.filter(~pl.col(ROW).is_in(structural_rows.implode()))
    cells = _categorical_cells(mapping.sources)
    try:
        mapped = _check_rows(reader, mapping, cells, rows)
    except pl.exceptions.PolarsError as exc:
        problems.append(Problem(file=shown, message=f"bestand kan niet verder gelezen worden: {exc}"))
        return result(problems)
    problems += _problems(reader)
    unfinished, unfinished_rows = _unfinished(
        raw, preset(fmt), mapping.respondent, rows, leave_out=spec.leave_out_unfinished
    )
    if unfinished is not None:
        problems.append(unfinished)
    if raw.structural.height:
        blanks = raw.structural.filter(~pl.col("row").is_in(sorted(raw.structural_errors)))
        if blanks.height:
            listed = ", ".join(str(r) for r in blanks["row"].head(10).to_list())
            problems.append(
                Problem(
                    file=shown,
                    row=int(blanks["row"][0]),
                    message=(
                        f"{blanks.height} lege {'rij' if blanks.height == 1 else 'rijen'} niet meegeteld "
                        f"(rij {listed}{', …' if blanks.height > 10 else ''})"
                    ),
                    severity=Severity.warning,
                )
            )

    reasons: dict[int, list[str]] = {}
    empty: list[int] = []
    for row, reason in raw.structural.iter_rows():
        if row in raw.structural_errors:
            reasons.setdefault(row, []).append(reason)
        else:
            empty.append(row)
    for row in unfinished_rows:
        reasons.setdefault(row, []).append("niet afgerond volgens de export (responses.leave_out_unfinished)")
    for row, index, message, _value in [*reader.row_problems, *reader.value_problems]:
        if index is None:
            continue
        shown_value = f" = '{shorten(_value)}'" if _value else ""
        reasons.setdefault(row, []).append(f"kolom '{reader.header(index)}'{shown_value}: {message}")
    rejected = pl.DataFrame(
        {"row": sorted(reasons), "reason": ["; ".join(dict.fromkeys(reasons[r])) for r in sorted(reasons)]},
        schema=empty_rejections().schema,
    )
    frame = _wide(
        raw,
        mapping.sources,
        mapping.respondent,
        mapping.weight,
        mapping.background,
        mapped,
        rejected["row"].to_list() + empty,
        reader.missing,
    )
    return result(
        problems,
        empty=tuple(empty),
        rejected=rejected,
        mapped=tuple(s.question.id for s in mapping.sources),
        weight="weight" if mapping.weight is not None else None,
        background=tuple(mapping.background),
        frame=frame,
    )
