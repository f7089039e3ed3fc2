"""Excel (``.xlsx``, ``.xls``, ``.ods``) and SPSS (``.sav``, ``.zsav``) files of answers.

Both are read whole (these formats cannot be streamed); every cell becomes text, the way a
person sees it: an Excel number ``2.0`` is ``"2"``.  SPSS value labels are kept, so a code can be
matched to an answer option by its label.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from bejegening.io._readers._table import RawTable, from_strings
from bejegening.model import Problem

__all__ = ["read_excel_table", "read_sav_table"]


def _fatal(display: str, kind: str, message: str, field: str | None = None, value: Any = None) -> RawTable:
    problem = Problem(file=display, message=message, field=field, value=value)
    return RawTable(display, kind, (), pl.LazyFrame(), 0, problems=(problem,), fatal=True)


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


def read_excel_table(path: Path, display: str, *, sheet: str | None = None) -> RawTable:
    """Read one sheet (default the first) of an Excel or OpenDocument file; row 1 is the header."""
    import fastexcel  # noqa: PLC0415  (heavy import, only when an Excel file is read)

    try:
        reader = fastexcel.read_excel(path)
    except Exception as exc:  # fastexcel raises its own error types for unreadable files
        return _fatal(display, "xlsx", f"geen leesbaar Excel-bestand: {exc}")
    names = list(reader.sheet_names)
    if sheet is not None and sheet not in names:
        return _fatal(
            display,
            "xlsx",
            f"werkblad bestaat niet; aanwezig: {', '.join(names)}",
            field="sheet",
            value=sheet,
        )
    if not names:
        return _fatal(display, "xlsx", "bestand bevat geen werkbladen")
    try:
        frame = reader.load_sheet(
            sheet if sheet is not None else 0, header_row=None, dtypes="string"
        ).to_polars()
    except Exception as exc:
        return _fatal(display, "xlsx", f"werkblad kan niet gelezen worden: {exc}")
    if frame.height == 0:
        return _fatal(display, "xlsx", "werkblad is leeg; verwacht een kopregel met kolomnamen")
    frame = frame.with_columns(pl.all().cast(pl.String))
    header = ["" if cell is None else str(cell).strip() for cell in frame.row(0)]
    return from_strings(display, "xlsx", header, frame.slice(1), [])


def read_sav_table(path: Path, display: str) -> RawTable:
    """Read an SPSS file with its value labels and variable labels (user-missing codes → empty)."""
    import pyreadstat  # noqa: PLC0415  (heavy import, only when an SPSS file is read)

    try:
        frame, meta = pyreadstat.read_sav(str(path), output_format="polars", user_missing=False)
    except Exception as exc:  # pyreadstat raises ReadstatError and others for unreadable files
        return _fatal(display, "sav", f"geen leesbaar SPSS-bestand: {exc}")
    header = list(frame.columns)
    text = pl.DataFrame([_text(frame[column]) for column in header]) if header else frame
    value_labels: dict[int, dict[str, str]] = {}
    for i, column in enumerate(header):
        labels = (meta.variable_value_labels or {}).get(column) or {}
        if labels:
            value_labels[i] = {_code(code): str(label) for code, label in labels.items()}
    column_labels = {
        i: str(label)
        for i, label in enumerate(meta.column_labels or [])
        if label is not None and str(label).strip()
    }
    return from_strings(
        display, "sav", header, text, [], value_labels=value_labels, column_labels=column_labels
    )


def _code(code: object) -> str:
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return str(code)
