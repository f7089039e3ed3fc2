"""Where the header and the answers start: title rows above the header, and the extra header rows
of survey tools.

- Title rows ("Enquête 2026 — antwoorden", "Geëxporteerd op …") above the header, as councils
  keep Excel files: the header is the first row (of the first 30) that holds most of the column
  names ``survey.yaml`` expects, or, without expectations, the first row that is about as full as
  the fullest row.
- Qualtrics CSV/Excel: three header rows: column names, question texts, ``{"ImportId": …}``.
  The names are the header; the texts become column labels (matched like SPSS variable labels).
- SurveyMonkey CSV/Excel: two header rows: the question texts (empty above the extra columns of a
  checkbox or matrix question) and "Response", an option label or "Open-Ended Response". The
  header becomes ``question`` or ``question [option]``, so a checkbox question's columns are
  found as per-option columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from bejegening.io._readers._text import norm

__all__ = ["SCAN_ROWS", "Layout", "find_layout", "header_keys"]

SCAN_ROWS = 30
"""Rows read to look for the header."""

_MONKEY_SUB = frozenset({"response", "open-ended response", "antwoord", "open antwoord", "reactie"})
_MONKEY_IDS = frozenset({"respondent id", "respondent-id", "respondentid"})


@dataclass(frozen=True)
class Layout:
    """Positions (0-based, among the rows scanned) and the header to use."""

    header_index: int
    data_index: int
    header: list[str]
    labels: dict[int, str] = field(default_factory=dict)
    """Column → question text from an extra header row (Qualtrics)."""
    tool: str | None = None
    """``qualtrics`` or ``surveymonkey`` when recognised by its header rows."""
    matched: int = 0
    """Header cells that are names ``survey.yaml`` expects (0 without expectations)."""


def header_keys(cell: str) -> set[str]:
    """The normalised names a header cell answers to: whole, first line, before ``[…]``/`` - ``."""
    text = cell.strip()
    keys = {norm(text)}
    first = text.splitlines()[0] if text else ""
    keys.add(norm(first))
    for sep in (" [", "[", " - "):
        if sep in text:
            keys.add(norm(text.split(sep, 1)[0]))
    keys.discard("")
    return keys


def _filled(row: Sequence[str]) -> int:
    return sum(1 for cell in row if cell.strip())


def _header_position(rows: Sequence[Sequence[str]], expected: frozenset[str]) -> tuple[int, int]:
    """(row index, matched names) of the header among ``rows``."""
    if expected:
        scores = [sum(1 for cell in row if header_keys(cell) & expected) for row in rows]
        best = max(scores, default=0)
        if best > 0:
            return scores.index(best), best
    widest = max((_filled(row) for row in rows), default=0)
    need = max(min(2, widest), math.ceil(widest / 2))
    for i, row in enumerate(rows):
        if _filled(row) >= need:
            return i, 0
    return 0, 0


def _is_import_ids(row: Sequence[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and sum(c.startswith('{"ImportId"') for c in cells) * 2 >= len(cells)


def _is_monkey_subheader(top: Sequence[str], sub: Sequence[str]) -> bool:
    """SurveyMonkey's second header row: "Response"/"Open-Ended Response" under the questions,
    nothing under its metadata columns (a data row would have a respondent id there)."""
    cells = [norm(c) for c in sub]
    return bool(set(cells) & _MONKEY_SUB) and not (cells and cells[0] and norm(top[0]) in _MONKEY_IDS)


def _monkey_header(top: Sequence[str], sub: Sequence[str]) -> list[str]:
    header: list[str] = []
    question = ""
    for i, name in enumerate(top):
        below = sub[i].strip() if i < len(sub) else ""
        if name.strip():
            question = name.strip()
            current = question
        elif below:
            current = question
        else:
            header.append("")
            continue
        if below and norm(below) not in _MONKEY_SUB and norm(below) != norm(current):
            header.append(f"{current} [{below}]")
        else:
            header.append(current)
    return header


def find_layout(
    rows: Sequence[Sequence[str]], expected: frozenset[str] = frozenset(), header_row: int | None = None
) -> Layout:
    """The layout of a table from its first rows (cells as text, ``""`` for empty).

    ``expected`` are normalised column names ``survey.yaml`` refers to; ``header_row`` (1-based)
    fixes the header row. Only the header row's position is guessed; extra header rows are
    recognised by their content (Qualtrics ImportIds, SurveyMonkey's "Response" row).
    """
    if not rows:
        return Layout(0, 1, [])
    if header_row is not None:
        index = min(max(header_row - 1, 0), len(rows) - 1)
        matched = sum(1 for cell in rows[index] if header_keys(cell) & expected)
    else:
        index, matched = _header_position(rows[:SCAN_ROWS], expected)
        if index >= 1 and index + 1 < len(rows) and _is_import_ids(rows[index + 1]):
            index -= 1  # the question texts of Qualtrics matched; its header is the row above
    top = [c.strip() for c in rows[index]]
    if index + 2 < len(rows) and _is_import_ids(rows[index + 2]):
        labels = {i: c.strip() for i, c in enumerate(rows[index + 1]) if i < len(top) and c.strip()}
        return Layout(index, index + 3, top, labels, "qualtrics", matched)
    if index + 1 < len(rows) and _is_monkey_subheader(top, rows[index + 1]):
        return Layout(index, index + 2, _monkey_header(top, rows[index + 1]), {}, "surveymonkey", matched)
    return Layout(index, index + 1, top, {}, None, matched)
