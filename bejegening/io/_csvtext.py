"""Small CSV files edited by people (findings): Dutch conventions, every row accounted for."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from bejegening.model import Problem, Severity

__all__ = ["CsvText", "decode_bytes", "read_csv_text", "sniff_delimiter"]


@dataclass(frozen=True)
class CsvText:
    """The header and data rows of a CSV file; ``rows[i]`` is data row ``i + 1``."""

    header: list[str]
    rows: list[dict[str, str]]
    encoding: str
    delimiter: str
    problems: list[Problem] = field(default_factory=list)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252. Returns text, encoding."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(first_line: str) -> str:
    """``;`` when the header has more semicolons than commas (Dutch Excel), else ``,``."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_csv_text(path: Path, display: str) -> CsvText:
    """Read a CSV file; encoding and delimiter problems become problems, never exceptions."""
    problems: list[Problem] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(file=display, message=f"bestand kan niet gelezen worden: {exc.strerror}"))
        return CsvText([], [], "", ",", problems)
    text, encoding = decode_bytes(raw)
    if encoding != "utf-8":
        problems.append(
            Problem(
                file=display,
                message="bestand is geen UTF-8; gelezen als Windows-1252. Sla het op als UTF-8.",
                severity=Severity.warning,
            )
        )
    if not text.strip():
        problems.append(
            Problem(file=display, message="bestand is leeg; verwacht een kopregel met kolomnamen")
        )
        return CsvText([], [], encoding, ",", problems)
    first_line = text.splitlines()[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = list(reader)
    except csv.Error as exc:
        problems.append(Problem(file=display, message=f"onleesbare CSV: {exc}"))
        return CsvText([], [], encoding, delimiter, problems)
    header = [h.strip() for h in table[0]]
    rows: list[dict[str, str]] = []
    for number, values in enumerate(table[1:], start=1):
        if not any(v.strip() for v in values):
            problems.append(
                Problem(file=display, row=number, message="lege rij overgeslagen", severity=Severity.warning)
            )
            rows.append({})
            continue
        if len(values) != len(header):
            problems.append(
                Problem(
                    file=display,
                    row=number,
                    message=(
                        f"rij heeft {len(values)} waarden, de kopregel {len(header)} kolommen "
                        f"(scheidingsteken '{delimiter}')"
                    ),
                )
            )
            rows.append({})
            continue
        rows.append({h: v.strip() for h, v in zip(header, values, strict=True)})
    return CsvText(header, rows, encoding, delimiter, problems)
