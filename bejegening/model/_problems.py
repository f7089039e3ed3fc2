"""Problems found in input files, reported all at once with their location."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["MAX_VALUE_CHARS", "DataError", "Problem", "Severity", "shown_value"]

MAX_VALUE_CHARS = 200
"""A value quoted in a message is cut to this many characters (a cell may hold 50 MB)."""


def shown_value(value: Any) -> Any:
    """``value`` for a message: text longer than :data:`MAX_VALUE_CHARS` is cut, with its length."""
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return f"{value[: MAX_VALUE_CHARS - 1]}… ({len(value):,} tekens)".replace(",", ".")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"een getal van ongeveer {int(value.bit_length() * 0.30103) + 1} cijfers"
    return value


class Severity(StrEnum):
    """An error makes the input unusable; a warning is reported but the input still loads."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input file.

    ``line`` is set for YAML (1-based), ``row`` for table files: for a file of answers the row as
    the spreadsheet shows it (Excel row; a CSV record as Excel numbers it, the header on row 1;
    SPSS case number), for ``findings.csv`` the data row; ``file`` names the sheet when a workbook
    has several. ``field`` is a dotted path (``questions[2].options[0].id``) or a column name.
    """

    file: str
    message: str
    field: str | None = None
    value: Any = None
    line: int | None = None
    row: int | None = None
    severity: Severity = Severity.error

    def location(self) -> str:
        """``file:line`` or ``file, rij N`` for humans."""
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.row is not None:
            return f"{self.file}, rij {self.row}"
        return self.file

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape: ``file, line, row, field, value, message, severity``."""
        value = self.value
        if value is not None and not isinstance(value, str | int | float | bool):
            value = str(value)
        value = shown_value(value)
        return {
            "file": self.file,
            "line": self.line,
            "row": self.row,
            "field": self.field,
            "value": value,
            "message": self.message,
            "severity": self.severity.value,
        }

    def format(self) -> str:
        """One readable Dutch line: location, field, message and the value found."""
        parts = [self.location()]
        if self.field:
            parts.append(f"veld '{self.field}'")
        text = ": ".join([", ".join(parts), self.message])
        if self.value is not None:
            text += f" (gevonden: {shown_value(self.value)!r})"
        if self.severity is Severity.warning:
            text = "waarschuwing: " + text
        return text


@dataclass(eq=False)
class DataError(Exception):
    """Raised when input files have errors; carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.severity is Severity.error]
        head = f"{len(errors)} fout(en) in de invoer:"
        return "\n".join([head, *(p.format() for p in self.problems)])
