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
import io
import os
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import polars as pl
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

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
_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _fixed_time() -> dt.datetime:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).replace(tzinfo=None)


def _cell_value(value: object) -> object:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return value


def _sheet_title(name: str) -> str:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name)
    return cleaned[:31] or "Tabel"


def _deterministic(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so equal tables give equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the clock time when saving
                stamp = _fixed_time().strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            target.writestr(entry, content)
    return out.getvalue()


def write_workbook(tables: Mapping[str, pl.DataFrame], path: Path, *, title: str) -> None:
    """Write ``tables`` (sheet name → table) as one ``.xlsx`` workbook at ``path``.

    Headers come from :data:`HEADERS` (bold, frozen first row, autofilter), number formats from
    :data:`NUMBER_FORMATS`. Empty tables get no sheet; with no table at all the workbook has one
    sheet saying so. Strings are always stored as text (a leading ``=`` never becomes a formula).
    """
    book = Workbook()
    book.remove(book.active)
    for name, frame in tables.items():
        if frame.is_empty():
            continue
        sheet = book.create_sheet(_sheet_title(name))
        columns = frame.columns
        sheet.append([HEADERS.get(column, column) for column in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in frame.iter_rows():
            sheet.append([_cell_value(value) for value in row])
        widths = [len(HEADERS.get(column, column)) for column in columns]
        for column_index, column in enumerate(columns, start=1):
            number_format = NUMBER_FORMATS.get(column)
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column_index, max_col=column_index):
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, also when it starts with "="
                    widths[column_index - 1] = max(widths[column_index - 1], min(len(cell.value), _WIDTH[1]))
                elif number_format is not None and cell.value is not None:
                    cell.number_format = number_format
                    widths[column_index - 1] = max(widths[column_index - 1], 8)
        for column_index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column_index)].width = max(_WIDTH[0], width + 2)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    if not book.worksheets:
        book.create_sheet("Tabellen").append(["Voor dit onderzoek zijn geen tabellen."])
    moment = _fixed_time()
    book.properties.title = title
    book.properties.creator = "bejegening"
    book.properties.created = moment
    book.properties.modified = moment
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_deterministic(buffer.getvalue()))
