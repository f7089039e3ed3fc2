"""Excel (``.xlsx``, ``.xls``, ``.ods``) and SPSS (``.sav``, ``.zsav``) files of answers.

Both are read whole (these formats cannot be streamed); every cell becomes text, the way a
person sees it: an Excel number ``2.0`` is ``"2"``.  SPSS value labels are kept, so a code can be
matched to an answer option by its label.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from bejegening.io._readers._layout import SCAN_ROWS, find_layout
from bejegening.io._readers._limits import DEFAULT_LIMITS, ReadLimits, header_problem
from bejegening.io._readers._table import RawTable, ResponseSet, from_strings
from bejegening.model import Problem, Severity

__all__ = ["read_excel_table", "read_sav_table"]


MAX_UNPACKED_BYTES = 300 * 1024 * 1024
"""Largest uncompressed size of an Excel/OpenDocument file (its XML), checked before reading."""
MAX_PACKING_RATIO = 100
"""Largest ratio of uncompressed to compressed size (real sheets: about 5 to 20)."""


def _zip_bomb(path: Path) -> str | None:
    """A Dutch message when the zip inside an .xlsx/.ods would unpack too large, else None.

    Only the zip directory is read (sizes as stored); the sheets themselves are not unpacked.
    """
    import zipfile  # noqa: PLC0415

    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # .xls, or not a zip: fastexcel reports what it is
    unpacked = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if unpacked > MAX_UNPACKED_BYTES:
        return (
            f"bestand wordt uitgepakt {unpacked / 1e6:,.0f} MB groot; hoogstens "
            f"{MAX_UNPACKED_BYTES / 1e6:,.0f} MB. Sla de antwoorden op als CSV (die wordt in delen "
            "gelezen) of verdeel ze over meer bestanden"
        ).replace(",", ".")
    if unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_PACKING_RATIO:
        return (
            f"bestand is verdacht sterk ingepakt ({unpacked / packed:,.0f} keer; hoogstens "
            f"{MAX_PACKING_RATIO} keer); sla de antwoorden op als CSV"
        ).replace(",", ".")
    return None


def _fatal(display: str, kind: str, message: str, field: str | None = None, value: Any = None) -> RawTable:
    problem = Problem(file=display, message=message, field=field, value=value)
    return RawTable.unreadable(display, kind, problem)


def _text(series: pl.Series) -> pl.Series:
    """Any column as text; whole floats without ``.0``."""
    if series.dtype.is_float():
        whole = series.is_finite() & (series == series.floor()) & (series.abs() < 1e15)
        return (
            pl.select(
                pl.when(whole)
                .then(series.cast(pl.Int64, strict=False).cast(pl.String))
                .otherwise(series.cast(pl.String))
            )
            .to_series()
            .alias(series.name)
        )
    return series.cast(pl.String)


def _sheet_rows(frame: pl.DataFrame) -> list[list[str]]:
    return [["" if cell is None else str(cell) for cell in row] for row in frame.iter_rows()]


def read_excel_table(
    path: Path,
    display: str,
    *,
    sheet: str | None = None,
    expected: frozenset[str] = frozenset(),
    header_row: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> RawTable:
    """Read one sheet of an Excel or OpenDocument file, rows numbered as Excel shows them.

    The sheet is ``sheet``, or else the one whose header holds most of the ``expected`` column
    names (the first sheet when none does); the header row is ``header_row`` or found below
    title rows (see :func:`~bejegening.io._readers._layout.find_layout`). The file shown in
    messages names the sheet when the workbook has several. A sheet wider than ``limits.columns``
    or a header cell longer than ``limits.cell_chars`` is refused.
    """
    import fastexcel  # noqa: PLC0415  (heavy import, only when an Excel file is read)

    too_big = _zip_bomb(path)
    if too_big is not None:
        return _fatal(display, "xlsx", too_big)
    try:
        reader = fastexcel.read_excel(path)
    except Exception as exc:  # fastexcel raises its own error types for unreadable files
        return _fatal(display, "xlsx", f"geen leesbaar Excel-bestand: {exc}")
    names = list(reader.sheet_names)
    if sheet is not None and sheet not in names:
        return _fatal(
            display,
            "xlsx",
            f"werkblad bestaat niet; het bestand heeft de werkbladen: {', '.join(names)}. Zet de "
            "naam van het werkblad met de antwoorden onder responses.sheet",
            field="responses.sheet",
            value=sheet,
        )
    if not names:
        return _fatal(display, "xlsx", "bestand bevat geen werkbladen")
    try:
        sheets = {
            name: reader.load_sheet(name, header_row=None, dtypes="string").to_polars()
            for name in ([sheet] if sheet is not None else names)
        }
    except Exception as exc:
        return _fatal(display, "xlsx", f"werkblad kan niet gelezen worden: {exc}")
    for name, frame in sheets.items():
        if frame.width > limits.columns:
            shown = display if len(names) == 1 else f"{display}, werkblad '{name}'"
            first = _sheet_rows(frame.head(1))[0] if frame.height else [""] * frame.width
            problem = header_problem(shown, first, 1, limits)
            if problem is not None:
                return RawTable.unreadable(shown, "xlsx", problem)
    layouts = {
        name: find_layout(_sheet_rows(frame.head(SCAN_ROWS + 3)), expected, header_row)
        for name, frame in sheets.items()
    }
    chosen = max(
        layouts, key=lambda name: (layouts[name].matched, sheets[name].height > 1, -names.index(name))
    )
    frame = sheets[chosen].with_columns(pl.all().cast(pl.String))
    shown = display if len(names) == 1 else f"{display}, werkblad '{chosen}'"
    if frame.height == 0:
        return _fatal(shown, "xlsx", "werkblad is leeg; verwacht een kopregel met kolomnamen")
    layout = layouts[chosen]
    too_long = header_problem(shown, layout.header, layout.header_index + 1, limits)
    if too_long is not None:
        return RawTable.unreadable(shown, "xlsx", too_long)
    return from_strings(
        shown,
        "xlsx",
        layout.header,
        frame.slice(layout.data_index),
        [],
        column_labels=layout.labels,
        header_row=layout.header_index + 1,
        first_row=layout.data_index + 1,
        sheet=chosen,
        sheets=tuple(names),
        tool=layout.tool,
    )


def read_sav_table(path: Path, display: str, limits: ReadLimits = DEFAULT_LIMITS) -> RawTable:
    """Read an SPSS file with its value labels, variable labels and user-missing codes.

    pyreadstat reads declared user-missing codes only with ``user_missing=True``; without it a
    labelled code such as 9 = "Weet niet" would silently become an empty cell. Here a declared-
    missing code that has a value label stays a code (matched to its option by its label, like
    any other code: "Weet niet" is an answer). A declared-missing code without a label is no
    answer: the cell is read as empty and the number of such cells per column is reported as a
    warning. Cases are numbered as SPSS' Data View shows them (case 1 is row 1). A file with more
    variables than ``limits.columns`` is refused from its dictionary, before the data is read.
    """
    import pyreadstat  # noqa: PLC0415  (heavy import, only when an SPSS file is read)

    try:
        _, dictionary = pyreadstat.read_sav(str(path), metadataonly=True)
    except Exception as exc:  # pyreadstat raises ReadstatError and others for unreadable files
        return _fatal(display, "sav", f"geen leesbaar SPSS-bestand: {exc}")
    too_wide = header_problem(display, list(dictionary.column_names), 0, limits)
    if too_wide is not None:
        return RawTable.unreadable(display, "sav", too_wide)
    try:
        frame, meta = pyreadstat.read_sav(str(path), output_format="polars", user_missing=True)
    except Exception as exc:  # pyreadstat raises ReadstatError and others for unreadable files
        return _fatal(display, "sav", f"geen leesbaar SPSS-bestand: {exc}")
    header = list(frame.columns)
    value_labels: dict[int, dict[str, str]] = {}
    for i, column in enumerate(header):
        labels = (meta.variable_value_labels or {}).get(column) or {}
        if labels:
            value_labels[i] = {_code(code): str(label) for code, label in labels.items()}
    problems: list[Problem] = []
    columns: list[pl.Series] = []
    for i, column in enumerate(header):
        text = _text(frame[column])
        missing = _unlabelled_missing(
            frame[column], (meta.missing_ranges or {}).get(column), value_labels.get(i, {})
        )
        if missing is not None and missing.any():
            codes = sorted({_code(v) for v in frame[column].filter(missing).to_list()})
            problems.append(
                Problem(
                    file=display,
                    field=column,
                    value=", ".join(codes),
                    message=(
                        f"{int(missing.sum())} cellen met een code die het SPSS-bestand als ontbrekend "
                        "markeert, zonder label: geteld als geen antwoord"
                    ),
                    severity=Severity.warning,
                )
            )
            text = pl.select(pl.when(missing).then(None).otherwise(text)).to_series().alias(column)
        columns.append(text)
    text_frame = pl.DataFrame(columns) if header else frame
    column_labels = {
        i: str(label)
        for i, label in enumerate(meta.column_labels or [])
        if label is not None and str(label).strip()
    }
    missing_codes: dict[int, frozenset[str]] = {}
    for i, column in enumerate(header):
        declared: Sequence[object] = (meta.missing_ranges or {}).get(column) or []
        found: set[str] = set()
        for code_text in value_labels.get(i, {}):
            number = float(code_text) if _is_number(code_text) else None
            for entry in declared:
                low, high = (entry.get("lo"), entry.get("hi")) if isinstance(entry, dict) else (entry, entry)
                if number is not None and isinstance(low, int | float) and isinstance(high, int | float):
                    if low <= number <= high:
                        found.add(code_text)
                elif str(low) == code_text:
                    found.add(code_text)
        if found:
            missing_codes[i] = frozenset(found)
    measures = {
        i: str((meta.variable_measure or {}).get(column, "unknown")) for i, column in enumerate(header)
    }
    response_sets = _response_sets(getattr(meta, "mr_sets", None) or {}, header)
    return from_strings(
        display,
        "sav",
        header,
        text_frame,
        problems,
        value_labels=value_labels,
        column_labels=column_labels,
        missing_codes=missing_codes,
        measures=measures,
        header_row=0,
        first_row=1,
        response_sets=response_sets,
    )


def _response_sets(declared: dict[str, Any], header: list[str]) -> tuple[ResponseSet, ...]:
    """The multiple-response sets pyreadstat read (``meta.mr_sets``), variables as column indices.

    Variable names are matched without regard to case (SPSS compares them so); a set naming a
    variable that is not in the file is left out.
    """
    position = {name.casefold(): i for i, name in enumerate(header)}
    out = []
    for name, entry in declared.items():
        variables = [str(v).casefold() for v in entry.get("variable_list") or []]
        if not variables or any(v not in position for v in variables):
            continue
        dichotomy = bool(entry.get("is_dichotomy")) or entry.get("type") in ("D", "E")
        counted = entry.get("counted_value")
        out.append(
            ResponseSet(
                name=str(name).lstrip("$"),
                label=str(entry.get("label") or "").strip(),
                kind="dichotomy" if dichotomy else "category",
                columns=tuple(position[v] for v in variables),
                counted=None if counted is None else _code(counted),
                counted_labels=entry.get("type") == "E",
            )
        )
    return tuple(out)


def _unlabelled_missing(
    series: pl.Series, ranges: Sequence[object] | None, labels: dict[str, str]
) -> pl.Series | None:
    """Cells holding a declared user-missing code that has no value label (None: no such codes)."""
    if not ranges:
        return None
    hit = pl.Series([False] * series.len())
    for declared in ranges:
        if isinstance(declared, dict):
            low, high = declared.get("lo"), declared.get("hi")
        else:  # a single discrete missing value
            low = high = declared
        if series.dtype.is_numeric() and isinstance(low, int | float) and isinstance(high, int | float):
            inside = series.is_between(low, high).fill_null(False)
        elif low is not None:
            inside = (series.cast(pl.String) == str(low)).fill_null(False)
        else:
            continue
        hit = hit | inside
    if labels:
        if series.dtype.is_numeric():
            labelled = series.cast(pl.Float64).is_in([float(k) for k in labels if _is_number(k)])
        else:
            labelled = series.cast(pl.String).str.strip_chars().is_in(list(labels))
        hit = hit & ~labelled.fill_null(False)
    return hit


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _code(code: object) -> str:
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return str(code)
