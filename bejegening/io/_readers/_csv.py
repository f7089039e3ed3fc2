"""CSV files of answers, Dutch conventions, streamed so that a file of any size fits in memory.

- Delimiter ``;`` (Dutch Excel), ``,`` or tab, detected from the header.
- UTF-8 with or without BOM; UTF-16 with BOM (Excel "Unicode-tekst"); anything else is read as
  Windows-1252 with a warning.  A non-UTF-8 file is converted into a temporary UTF-8 copy
  (deleted when the program ends), so the data itself is always streamed.
- Every record is accounted for: the number of cells of each row is checked against the header
  (quotes and line breaks inside quoted cells respected), empty rows are reported, and empty rows
  at the very end of the file are not rows.

The cells are read by polars' streaming CSV reader; the structure check reads the file once more
as lines and only keeps a few bytes per line, so memory does not grow with the file.
"""

from __future__ import annotations

import atexit
import codecs
import csv
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import polars as pl

from bejegening.io._readers._layout import SCAN_ROWS, Layout, find_layout
from bejegening.io._readers._limits import DEFAULT_LIMITS, ReadLimits, header_problem
from bejegening.io._readers._table import ROW, RawTable, column_name, empty_rejections
from bejegening.model import Problem, Severity

__all__ = ["read_csv_table", "sniff_delimiter"]

_CHUNK = 16 * 1024 * 1024
_DELIMITERS = (";", ",", "\t")
_DELIMITER_NAMES = {";": "puntkomma", ",": "komma", "\t": "tab"}
_STRUCTURE_CHUNK = 4 * 1024 * 1024

_TEMP_DIRS: list[str] = []


def _cleanup() -> None:
    for directory in _TEMP_DIRS:
        shutil.rmtree(directory, ignore_errors=True)


atexit.register(_cleanup)


def _temp_copy(name: str) -> Path:
    directory = tempfile.mkdtemp(prefix="bejegening-")
    _TEMP_DIRS.append(directory)
    return Path(directory) / name


def _first_invalid_utf8(path: Path) -> int | None:
    """Byte offset of the first byte that is not valid UTF-8, or None (streamed)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return offset + exc.start
    return None


def _transcode(path: Path, encoding: str) -> Path:
    """A UTF-8 copy of ``path`` read as ``encoding`` (chunked; undecodable bytes become U+FFFD)."""
    target = _temp_copy(path.name)
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as out:
        while chunk := source.read(_CHUNK):
            out.write(decoder.decode(chunk))
        out.write(decoder.decode(b"", final=True))
    return target


def _utf8_source(path: Path, display: str, encoding: str | None) -> tuple[Path, str, list[Problem]]:
    """A UTF-8 file with the content of ``path``: the file itself or a converted copy."""
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            return (
                path,
                "",
                [
                    Problem(
                        file=display, field="encoding", value=encoding, message="onbekende tekensetcodering"
                    )
                ],
            )
        if codec == "utf-8":
            return path, "utf-8", []
        return _transcode(path, codec), codec, []
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _transcode(path, "utf-16"), "utf-16", []
    bad = _first_invalid_utf8(path)
    if bad is None:
        return path, "utf-8", []
    warning = Problem(
        file=display,
        message=(
            f"bestand is geen UTF-8 (ongeldige byte bij positie {bad}); gelezen als Windows-1252. "
            "Controleer letters als é en ë, en sla het bestand voortaan op als 'CSV UTF-8'"
        ),
        severity=Severity.warning,
    )
    return _transcode(path, "cp1252"), "cp1252", [warning]


def _line_feeds(source: Path) -> Path:
    """A copy with ``\n`` line ends when the file ends its lines with ``\r`` only (Excel for Mac)."""
    with source.open("rb") as handle:
        head = handle.read(1 << 16)
    if b"\r" not in head or b"\n" in head:
        return source
    target = _temp_copy(source.name)
    with source.open("rb") as original, target.open("wb") as out:
        while chunk := original.read(_CHUNK):
            out.write(chunk.replace(b"\r", b"\n"))
    return target


def _outside_quotes(line: str) -> str:
    """The line with quoted parts removed (for counting delimiters)."""
    out, inside = [], False
    for char in line:
        if char == '"':
            inside = not inside
        elif not inside:
            out.append(char)
    return "".join(out)


def sniff_delimiter(first_line: str) -> str:
    """The most frequent of ``;``, ``,`` and tab outside quotes (``;`` wins a tie); ``,`` if none."""
    text = _outside_quotes(first_line)
    counts = {d: text.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ","


def _read_header(
    source: Path, expected: frozenset[str], header_row: int | None, limits: ReadLimits
) -> tuple[Layout, str] | None:
    """Layout of the first rows (header, extra header rows) and delimiter, or None when the file
    has no non-empty first line. Only the first ``limits.columns + 1`` cells of a row, each cut to
    ``limits.cell_chars + 1`` characters, are matched to names (a million cells or a 50 MB cell
    would take long); a header past a limit is returned whole, to be refused."""
    with source.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = handle.readline()
        if not first.strip():
            return None
        delimiter = sniff_delimiter(first[: 1 << 16])
        if not any(d in _outside_quotes(first[: 1 << 16]) for d in _DELIMITERS):
            # a title line without any delimiter ("Enquête 2026"): sniff the first line that has one
            for _ in range(SCAN_ROWS):
                line = handle.readline(1 << 16)
                if not line:
                    break
                if any(d in _outside_quotes(line) for d in _DELIMITERS):
                    delimiter = sniff_delimiter(line)
                    break
        handle.seek(0)
        if handle.read(1) != "\ufeff":
            handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        rows: list[list[str]] = []
        try:
            for record in reader:
                rows.append(record)
                if len(rows) >= SCAN_ROWS + 3:
                    break
        except csv.Error:  # a cell past the csv module's field limit (128 kB)
            pass
        if not rows:
            rows = [first.rstrip("\r\n").split(delimiter)]
    cut = [[cell[: limits.cell_chars + 1] for cell in row[: limits.columns + 1]] for row in rows]
    layout = find_layout(cut, expected, header_row)
    full = rows[layout.header_index] if layout.header_index < len(rows) else []
    if len(full) > limits.columns or any(len(cell) > limits.cell_chars for cell in full):
        layout = replace(layout, header=[cell.strip() for cell in full])  # to be refused as it is
    return layout, delimiter


@dataclass
class _Structure:
    """What one pass over a CSV file found; only the exceptions are kept per record.

    Records are numbered from 0 (the header), so record *i* is data row *i*.
    """

    records: int = 0
    last_filled: int = 0
    """The last record that is not empty (0 when there is none)."""
    blank: list[npt.NDArray[np.int64]] = field(default_factory=list)
    ragged: list[npt.NDArray[np.int64]] = field(default_factory=list)
    ragged_fields: list[npt.NDArray[np.int64]] = field(default_factory=list)
    offsets: dict[int, int] = field(default_factory=dict)
    """Record number → byte offset, for the first rows with a wrong number of cells."""
    unclosed_line: int | None = None

    def add(
        self, fields: npt.NDArray[np.int64], blank: npt.NDArray[np.bool_], width: int
    ) -> npt.NDArray[np.int64]:
        """Record the next records; returns the positions (in this batch) with a wrong cell count."""
        filled = np.flatnonzero(~blank)
        if len(filled):
            self.last_filled = self.records + int(filled[-1])
        self.blank.append(self.records + np.flatnonzero(blank))
        wrong = np.flatnonzero((fields != width) & ~blank)
        wrong = wrong[self.records + wrong > 0]  # the header is no data row
        self.ragged.append(self.records + wrong)
        self.ragged_fields.append(fields[wrong])
        self.records += len(fields)
        return wrong

    @staticmethod
    def _joined(parts: list[npt.NDArray[np.int64]]) -> list[int]:
        return [int(v) for v in np.concatenate(parts)] if parts else []

    def blank_rows(self) -> list[int]:
        return [r for r in self._joined(self.blank) if 0 < r <= self.last_filled]

    def ragged_rows(self) -> list[tuple[int, int]]:
        rows = self._joined(self.ragged)
        fields = self._joined(self.ragged_fields)
        return [(r, f) for r, f in zip(rows, fields, strict=True) if r <= self.last_filled]


def _structure(source: Path, delimiter: str, width: int, max_hints: int) -> _Structure:
    """Count the cells of every record in one streamed pass (numpy over 4 MB chunks).

    A record ends at a line break outside quotes; a cell boundary is a delimiter outside quotes
    (RFC 4180: a quote toggles quoting, ``""`` inside quotes toggles twice).  Whether a line
    break or delimiter is inside quotes follows from the number of quotes before it
    (``searchsorted`` on the quote positions), so only the positions of quotes, line breaks and
    delimiters are kept.  A record is empty when it holds nothing but delimiters, quotes and
    spaces.  Memory: a few arrays per chunk plus 17 bytes per record.
    """
    sep_byte = ord(delimiter)
    out = _Structure()
    parity = seps = lines = offset = start_offset = 0
    filled = False
    start_line = 1
    with source.open("rb") as handle:
        while chunk := handle.read(_STRUCTURE_CHUNK):
            a = np.frombuffer(chunk, dtype=np.uint8)
            quotes = np.flatnonzero(a == ord('"'))
            breaks = np.flatnonzero(a == ord("\n"))
            delimiters = np.flatnonzero(a == sep_byte)
            outside_break = ((np.searchsorted(quotes, breaks) + parity) & 1) == 0
            end_rank = np.flatnonzero(outside_break)
            ends = breaks[end_rank]
            cells = delimiters[((np.searchsorted(quotes, delimiters) + parity) & 1) == 0]
            # Anything but quotes, the delimiter and white space (control characters count as empty).
            nonempty = (a > ord('"')) | (a == ord("!"))
            if sep_byte > ord('"'):
                nonempty &= a != sep_byte
            if len(ends):
                rec_seps = np.diff(np.searchsorted(cells, ends), prepend=0)
                rec_seps[0] += seps
                segments = np.concatenate(([0], ends[:-1] + 1))
                rec_filled = np.maximum.reduceat(nonempty, segments)
                rec_filled[0] |= filled
                first = out.records
                wrong = out.add(rec_seps.astype(np.int64) + 1, ~rec_filled, width)
                if len(out.offsets) < max_hints and len(wrong):
                    offsets = np.concatenate(([start_offset], offset + ends[:-1] + 1))
                    for i in wrong[: max_hints - len(out.offsets)]:
                        out.offsets[first + int(i)] = int(offsets[i])
                seps = len(cells) - int(np.searchsorted(cells, ends[-1]))
                filled = bool(nonempty[ends[-1] + 1 :].any())
                start_line = lines + int(end_rank[-1]) + 2
                start_offset = offset + int(ends[-1]) + 1
            else:
                seps += len(cells)
                filled = filled or bool(nonempty.any())
            parity = (parity + len(quotes)) & 1
            lines += len(breaks)
            offset += len(chunk)
    if parity:
        out.unclosed_line = start_line
    elif offset > start_offset:  # a last record without a line break
        out.add(np.array([seps + 1], dtype=np.int64), np.array([not filled]), width)
    return out


def _hints(source: Path, offsets: dict[int, int], delimiter: str, width: int) -> dict[int, str]:
    """For rows with a wrong number of cells: a hint when they use another delimiter."""
    hints = {}
    with source.open("rb") as handle:
        for record, position in offsets.items():
            handle.seek(position)
            content = handle.readline(1 << 16).decode("utf-8", errors="replace")
            outside = _outside_quotes(content)
            for other in _DELIMITERS:
                if other != delimiter and outside.count(other) >= max(1, width - 1):
                    hints[record] = (
                        f"; deze rij lijkt de {_DELIMITER_NAMES[other]} als scheidingsteken te gebruiken, "
                        f"de kopregel de {_DELIMITER_NAMES[delimiter]}"
                    )
                    break
    return hints


def read_csv_table(
    path: Path,
    display: str,
    *,
    encoding: str | None = None,
    max_hints: int = 100,
    expected: frozenset[str] = frozenset(),
    header_row: int | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> RawTable:
    """Read the structure of a CSV file; the cells stay lazy (streamed when used).

    Rows are numbered as a spreadsheet shows the file (the header is row 1). The header is row
    ``header_row``, or found among the first rows by the ``expected`` column names (see
    :func:`~bejegening.io._readers._layout.find_layout`); Qualtrics' and SurveyMonkey's extra
    header rows are recognised and never read as answers. A header with more columns than
    ``limits.columns`` or a header cell longer than ``limits.cell_chars`` is refused before the
    rows are read.
    """

    def fatal(*problems: Problem) -> RawTable:
        return RawTable.unreadable(display, "csv", *problems)

    try:
        size = path.stat().st_size
    except OSError as exc:
        return fatal(Problem(file=display, message=f"bestand kan niet gelezen worden: {exc.strerror}"))
    empty_message = "bestand is leeg; verwacht een kopregel met kolomnamen en daarna één rij per respondent"
    if size == 0:
        return fatal(Problem(file=display, message=empty_message))
    source, _codec, problems = _utf8_source(path, display, encoding)
    source = _line_feeds(source)
    if any(p.severity is Severity.error for p in problems):
        return fatal(*problems)
    found = _read_header(source, expected, header_row, limits)
    if found is None:
        return fatal(*problems, Problem(file=display, message=empty_message))
    layout, delimiter = found
    header = layout.header
    too_wide = header_problem(display, header, layout.header_index + 1, limits)
    if too_wide is not None:
        return fatal(*problems, too_wide)
    start = layout.data_index
    """Records before ``start`` are the header and the rows around it."""
    width = len(header)
    structure = _structure(source, delimiter, width, max_hints)
    if structure.unclosed_line is not None:
        return fatal(
            *problems,
            Problem(
                file=display,
                message=(
                    f"aanhalingsteken in de rij vanaf regel {structure.unclosed_line} wordt nergens "
                    "gesloten; een cel met een aanhalingsteken moet tussen aanhalingstekens staan, met "
                    '"" voor een aanhalingsteken erin'
                ),
            ),
        )
    n_rows = max(structure.last_filled - start + 1, 0)
    blank_rows = [r + 1 for r in structure.blank_rows() if r >= start]
    ragged = [(r + 1, f) for r, f in structure.ragged_rows() if r >= start]
    hints = {r + 1: h for r, h in _hints(source, structure.offsets, delimiter, width).items()}
    reasons = [(row, "lege rij") for row in blank_rows] + [
        (
            row,
            f"rij heeft {fields} {'waarde' if fields == 1 else 'waarden'}, de kopregel {width} "
            f"{'kolom' if width == 1 else 'kolommen'} (scheidingsteken {_DELIMITER_NAMES[delimiter]})"
            + hints.get(row, ""),
        )
        for row, fields in ragged
    ]
    structural = pl.DataFrame(sorted(reasons), schema=empty_rejections().schema, orient="row")

    names = [column_name(i) for i in range(width)]
    scan = pl.scan_csv(
        source,
        has_header=False,
        skip_rows=start,
        separator=delimiter,
        schema=dict.fromkeys(names, pl.String),
        empty_string_is_null=False,
        truncate_ragged_lines=True,
        missing_columns="insert",
        extra_columns="ignore",
        row_index_name=ROW,
        row_index_offset=start + 1,
    ).with_columns(pl.col(ROW).cast(pl.Int64))
    frame = scan.filter(pl.col(ROW) <= start + n_rows)
    try:
        parsed = scan.select(pl.len()).collect(engine="streaming").item()
    except pl.exceptions.PolarsError as exc:
        return fatal(
            *problems,
            Problem(file=display, message=f"onleesbare CSV (controleer de aanhalingstekens): {exc}"),
        )
    counted = max(structure.records - start, 0)
    if parsed != counted:
        return fatal(
            *problems,
            Problem(
                file=display,
                message=(
                    f"aantal rijen klopt niet ({parsed} gelezen, {counted} geteld); controleer de "
                    "aanhalingstekens: een aanhalingsteken midden in een cel moet verdubbeld worden"
                ),
            ),
        )
    return RawTable(
        file=display,
        kind="csv",
        header=tuple(header),
        frame=frame,
        n_rows=n_rows,
        structural=structural,
        structural_errors=frozenset(row for row, _ in ragged),
        problems=tuple(problems),
        column_labels=layout.labels,
        header_row=layout.header_index + 1,
        first_row=start + 1,
        tool=layout.tool,
    )
