"""The downloads as one Excel workbook per survey, for people who open tables in Excel.

One sheet per table, with Dutch column headers, Dutch-readable number formats (shares as
percentages, whole counts without decimals, dates as day-month-year; Excel shows them with the
reader's decimal comma) and ``ja``/``nee`` for true/false. Text that Excel would treat as a
formula (``=…``) is stored as text, never as a formula, and characters XML cannot hold are
dropped. The file is byte-identical for the same tables: fixed document dates (from
``SOURCE_DATE_EPOCH``) and fixed zip entry dates.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path

import polars as pl
import xlsxwriter

__all__ = ["HEADERS", "NUMBER_FORMATS", "write_workbook"]

HEADERS: Mapping[str, str] = {
    "survey": "Onderzoek",
    "question": "Vraag",
    "option": "Antwoord (id)",
    "label": "Antwoord",
    "order": "Volgorde",
    "valence": "Soort antwoord",
    "n": "Aantal",
    "base": "Totaal",
    "pct": "Percentage (berekend)",
    "ci_low": "Marge van",
    "ci_high": "Marge tot",
    "published": "Uit de bron",
    "pct_published": "Percentage in de bron",
    "base_inferred": "Totaal afgeleid",
    "sampling_note": "Marge alleen over toeval",
    "suppressed": "Afgeschermd",
    "finding": "Bevinding (id)",
    "options": "Antwoorden (ids)",
    "statement": "Uitspraak",
    "count": "Aantal (zoals gedrukt)",
    "percentage": "Percentage (zoals gedrukt)",
    "quantifier": "Woorden voor een aantal",
    "base_description": "Over wie",
    "figure": "Cijfer zoals gedrukt",
    "source": "Bron (id)",
    "section": "Plaats in de bron",
    "quote": "Citaat",
    "status": "Uitkomst",
    "consistent_n": "Totalen die passen",
    "explanation": "Uitleg",
    "rule": "Controleregel",
    "recommendation": "Advies (id)",
    "number": "Nummer",
    "title": "Titel",
    "summary": "Samenvatting",
    "status_date": "Datum van de stand",
    "questions": "Vragen (ids)",
    "findings": "Bevindingen (ids)",
    "causes": "Oorzaken (ids)",
    "addressee": "Gericht aan",
    "item": "Uitspraak (id)",
    "item_question": "Uitspraak in frequenties (id)",
    "item_text": "Uitspraak",
    "rank": "Volgorde op de site",
    "top_options": "Eens: antwoorden (ids)",
    "top_n": "Aantal eens",
    "top_pct": "Percentage eens",
    "top_ci_low": "Marge eens van",
    "top_ci_high": "Marge eens tot",
    "bottom_options": "Oneens: antwoorden (ids)",
    "bottom_n": "Aantal oneens",
    "bottom_pct": "Percentage oneens",
    "bottom_ci_low": "Marge oneens van",
    "bottom_ci_high": "Marge oneens tot",
    "net": "Nettoscore",
    "net_ci_low": "Marge nettoscore van",
    "net_ci_high": "Marge nettoscore tot",
    "n_missing": "Zonder antwoord",
    "mean": "Gemiddelde",
    "sd": "Standaardafwijking",
    "q1": "Eerste kwartiel",
    "median": "Mediaan",
    "q3": "Derde kwartiel",
    "min": "Kleinste antwoord",
    "max": "Grootste antwoord",
    "too_few": "Te weinig antwoorden",
    "low": "Van",
    "high": "Tot (niet inbegrepen)",
}
"""Column → Dutch header in the workbook (the CSV keeps the documented column names)."""

PERCENT = "0.0%"
"""A share (0..1) as a percentage with one decimal (Dutch Excel shows ``21,3%``)."""
NUMBER_FORMATS: Mapping[str, str] = {
    "pct": PERCENT,
    "ci_low": PERCENT,
    "ci_high": PERCENT,
    "pct_published": PERCENT,
    "n": "0",
    "base": "0",
    "count": "0",
    "order": "0",
    "percentage": "0.###",
    "status_date": "d-m-yyyy",
    "top_pct": PERCENT,
    "top_ci_low": PERCENT,
    "top_ci_high": PERCENT,
    "bottom_pct": PERCENT,
    "bottom_ci_low": PERCENT,
    "bottom_ci_high": PERCENT,
    "net": PERCENT,
    "net_ci_low": PERCENT,
    "net_ci_high": PERCENT,
    "top_n": "0",
    "bottom_n": "0",
    "n_missing": "0",
    "rank": "0",
}
"""Column → Excel number format code (locale-independent codes; Excel applies the reader's
decimal and thousands separators)."""

_WIDTH = (8, 60)
"""Narrowest and widest column (characters)."""
_DATE = "d-m-yyyy"
"""A date without a format of its own."""
_DATE_TIME = "d-m-yyyy h:mm:ss"
"""A moment (date and time) without a format of its own."""
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE and U+FFFF)."""


def _fixed_time() -> dt.datetime:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).replace(tzinfo=None)


def _cell_value(value: object) -> object:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str):  # a line break is "\n" in a cell, as XML reads any other
        return _NOT_IN_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, float) and not math.isfinite(value):
        return None  # not a number: an empty cell
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return value


def _sheet_title(name: str) -> str:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name)
    return cleaned[:31] or "Tabel"


def write_workbook(tables: Mapping[str, pl.DataFrame], path: Path, *, title: str) -> None:
    """Write ``tables`` (sheet name → table) as one ``.xlsx`` workbook at ``path`` (XlsxWriter).

    Headers come from :data:`HEADERS` (bold, frozen first row, autofilter), number formats from
    :data:`NUMBER_FORMATS`. Empty tables get no sheet; with no table at all the workbook has one
    sheet saying so. Strings are always stored as text (a leading ``=`` never becomes a formula).
    The zip entries carry XlsxWriter's fixed date and the document its ``SOURCE_DATE_EPOCH``
    date, so the same tables give the same bytes.
    """
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})
    header_format = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    codes = {*NUMBER_FORMATS.values(), _DATE, _DATE_TIME}
    formats = {code: book.add_format({"num_format": code}) for code in codes}
    for name, frame in tables.items():
        if frame.is_empty():
            continue
        sheet = book.add_worksheet(_sheet_title(name))
        columns = frame.columns
        widths = [len(HEADERS.get(column, column)) for column in columns]
        for index, column in enumerate(columns):
            sheet.write_string(0, index, HEADERS.get(column, column), header_format)
        for row_index, row in enumerate(frame.iter_rows(), start=1):
            for index, raw in enumerate(row):
                value = _cell_value(raw)
                if value is None or value == "":
                    continue  # an empty cell
                if isinstance(value, str):  # text, also when it starts with "="
                    sheet.write_string(row_index, index, value)
                    widths[index] = max(widths[index], min(len(value), _WIDTH[1]))
                    continue
                code = NUMBER_FORMATS.get(columns[index])
                if isinstance(value, dt.date):
                    moment = _DATE_TIME if isinstance(value, dt.datetime) else _DATE
                    sheet.write_datetime(row_index, index, value, formats[code or moment])
                else:
                    sheet.write_number(row_index, index, value, formats[code] if code else None)
                if code is not None:
                    widths[index] = max(widths[index], 8)
        for index, width in enumerate(widths):
            sheet.set_column(index, index, max(_WIDTH[0], width + 2))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, frame.height, len(columns) - 1)
    if not book.worksheets():
        book.add_worksheet("Tabellen").write_string(0, 0, "Voor dit onderzoek zijn geen tabellen.")
    book.set_properties({"title": title, "author": "bejegening", "created": _fixed_time()})
    book.close()
