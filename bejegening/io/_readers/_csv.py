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
import io
import re
import shutil
import tempfile
from pathlib import Path

import polars as pl

from bejegening.io._readers._table import ROW, RawTable, column_name, empty_rejections
from bejegening.model import Problem, Severity

__all__ = ["read_csv_table", "sniff_delimiter"]

_CHUNK = 16 * 1024 * 1024
_DELIMITERS = (";", ",", "\t")
_DELIMITER_NAMES = {";": "puntkomma", ",": "komma", "\t": "tab"}
_MAX_RECORD_LINES = 1000
"""A quoted cell that spans more lines than this is taken as a missing closing quote."""

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


def _read_header(source: Path) -> tuple[list[str], str] | None:
    """Header cells and delimiter, or None when the file has no non-empty first line."""
    with source.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = handle.readline()
        if not first.strip():
            return None
        delimiter = sniff_delimiter(first)
        handle.seek(0)
        if handle.read(1) != "\ufeff":
            handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader)
        except (csv.Error, StopIteration):
            header = first.rstrip("\r\n").split(delimiter)
    return [cell.strip() for cell in header], delimiter


def _lines(source: Path) -> pl.LazyFrame:
    """The file as raw lines (no CSV parsing), one String column ``line``."""
    return pl.scan_csv(
        source,
        has_header=False,
        separator="\x1f",
        quote_char=None,
        schema={"line": pl.String},
        empty_string_is_null=False,
        truncate_ragged_lines=True,
    )


def _line_features(source: Path, delimiter: str) -> pl.DataFrame:
    """Per line: odd number of quotes, delimiters outside quoted parts, blank (a few bytes each)."""
    line = pl.col("line")
    return (
        _lines(source)
        .select(
            (line.str.count_matches('"', literal=True) % 2).cast(pl.UInt8).alias("odd"),
            line.str.replace_all(r'"[^"]*(?:"|$)', "")
            .str.count_matches(delimiter, literal=True)
            .cast(pl.UInt32)
            .alias("seps"),
            # Empty, or only delimiters and quotes: a row whose every cell is empty.
            (line.str.replace_all(f'[\\s"{re.escape(delimiter)}]', "").str.len_bytes() == 0).alias("blank"),
        )
        .collect(engine="streaming")
    )


def _multi_line_fields(source: Path, records: pl.DataFrame, delimiter: str) -> dict[int, int]:
    """Number of cells of records that span several lines (parsed exactly with :mod:`csv`)."""
    wanted = records.select("rec", pl.col("line").cast(pl.UInt32).alias("lineno"))
    text = (
        _lines(source)
        .with_row_index("lineno")
        .join(wanted.lazy(), on="lineno", how="inner")
        .sort("lineno")
        .collect()
    )
    fields: dict[int, int] = {}
    for (rec,), group in text.group_by("rec", maintain_order=True):
        body = "\n".join(group["line"].to_list())
        try:
            rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter))
        except csv.Error:
            rows = []
        fields[int(str(rec))] = len(rows[0]) if len(rows) == 1 else -1
    return fields


def _records(source: Path, delimiter: str, display: str) -> tuple[pl.DataFrame, list[Problem]]:
    """One row per CSV record: ``rec`` (1 = header), ``fields``, ``blank``, first ``line`` (0-based)."""
    features = _line_features(source, delimiter)
    if features.height == 0:
        return pl.DataFrame(schema={"rec": pl.Int64, "fields": pl.Int64, "blank": pl.Boolean}), []
    odd = features["odd"].cast(pl.Int64)
    before = odd.cum_sum() - odd
    if int(odd.sum()) % 2 == 1:
        starts = (before % 2 == 0) & (odd == 1)
        line = int(starts.arg_true()[-1]) + 1
        return pl.DataFrame(), [
            Problem(
                file=display,
                message=(
                    f"aanhalingsteken op regel {line} wordt nergens gesloten; een cel met een "
                    'aanhalingsteken moet tussen aanhalingstekens staan, met "" voor een aanhalingsteken erin'
                ),
            )
        ]
    frame = features.with_columns(
        inside=(before % 2 == 1),
    ).with_columns(rec=(~pl.col("inside")).cast(pl.Int64).cum_sum())
    frame = frame.with_row_index("line").with_columns(pl.col("line").cast(pl.Int64))
    if not frame["inside"].any():
        records = frame.select("rec", (pl.col("seps").cast(pl.Int64) + 1).alias("fields"), "blank", "line")
        return records, []
    span = frame.group_by("rec").agg(
        pl.len().alias("n_lines"),
        pl.col("line").first(),
        pl.col("blank").all(),
        (pl.col("seps").first().cast(pl.Int64) + 1).alias("fields"),
    )
    too_long = span.filter(pl.col("n_lines") > _MAX_RECORD_LINES)
    if too_long.height:
        line = int(too_long["line"].min()) + 1  # type: ignore[arg-type]
        return pl.DataFrame(), [
            Problem(
                file=display,
                message=(
                    f"een cel vanaf regel {line} loopt over meer dan {_MAX_RECORD_LINES} regels; "
                    "waarschijnlijk ontbreekt een sluitend aanhalingsteken"
                ),
            )
        ]
    multi = span.filter(pl.col("n_lines") > 1).select("rec")
    multi_lines = frame.join(multi, on="rec", how="semi").select("rec", "line")
    exact = _multi_line_fields(source, multi_lines, delimiter)
    records = span.sort("rec").with_columns(
        pl.col("rec")
        .replace_strict(list(exact), list(exact.values()), default=pl.col("fields"), return_dtype=pl.Int64)
        .alias("fields")
    )
    return records.select("rec", "fields", "blank", "line"), []


def _hints(source: Path, lines: list[int], delimiter: str, width: int) -> dict[int, str]:
    """For rows with a wrong number of cells: a hint when they use another delimiter."""
    if not lines:
        return {}
    text = (
        _lines(source)
        .with_row_index("lineno")
        .filter(pl.col("lineno").is_in(pl.Series(lines, dtype=pl.UInt32).implode()))
        .collect()
    )
    hints = {}
    for line, content in text.select("lineno", "line").iter_rows():
        outside = _outside_quotes(content)
        for other in _DELIMITERS:
            if other != delimiter and outside.count(other) >= max(1, width - 1):
                hints[int(line)] = (
                    f"; deze rij lijkt de {_DELIMITER_NAMES[other]} als scheidingsteken te gebruiken, "
                    f"de kopregel de {_DELIMITER_NAMES[delimiter]}"
                )
                break
    return hints


def read_csv_table(
    path: Path, display: str, *, encoding: str | None = None, max_hints: int = 100
) -> RawTable:
    """Read the structure of a CSV file; the cells stay lazy (streamed when used)."""

    def fatal(*problems: Problem) -> RawTable:
        return RawTable(display, "csv", (), pl.LazyFrame(), 0, problems=problems, fatal=True)

    try:
        size = path.stat().st_size
    except OSError as exc:
        return fatal(Problem(file=display, message=f"bestand kan niet gelezen worden: {exc.strerror}"))
    empty_message = "bestand is leeg; verwacht een kopregel met kolomnamen en daarna één rij per respondent"
    if size == 0:
        return fatal(Problem(file=display, message=empty_message))
    source, _codec, problems = _utf8_source(path, display, encoding)
    if any(p.severity is Severity.error for p in problems):
        return fatal(*problems)
    found = _read_header(source)
    if found is None:
        return fatal(*problems, Problem(file=display, message=empty_message))
    header, delimiter = found
    try:
        records, record_problems = _records(source, delimiter, display)
    except pl.exceptions.PolarsError as exc:
        return fatal(*problems, Problem(file=display, message=f"onleesbare CSV: {exc}"))
    if record_problems:
        return fatal(*problems, *record_problems)
    data = records.filter(pl.col("rec") > 1).with_columns((pl.col("rec") - 1).alias("row"))
    filled = data.filter(~pl.col("blank"))
    n_rows = int(filled["row"].max()) if filled.height else 0  # type: ignore[arg-type]
    data = data.filter(pl.col("row") <= n_rows)

    width = len(header)
    blank = data.filter(pl.col("blank")).select(pl.col("row"), pl.lit("lege rij").alias("reason"))
    ragged = data.filter(~pl.col("blank") & (pl.col("fields") != width))
    hints = _hints(source, ragged["line"].head(max_hints).to_list(), delimiter, width)
    ragged_reasons = [
        f"rij heeft {fields} {'waarde' if fields == 1 else 'waarden'}, de kopregel {width} "
        f"{'kolom' if width == 1 else 'kolommen'} (scheidingsteken {_DELIMITER_NAMES[delimiter]})"
        + hints.get(line, "")
        for fields, line in zip(ragged["fields"].to_list(), ragged["line"].to_list(), strict=True)
    ]
    structural = pl.concat(
        [
            empty_rejections(),
            blank.cast({"row": pl.Int64}),
            pl.DataFrame({"row": ragged["row"], "reason": ragged_reasons}, schema=empty_rejections().schema),
        ]
    ).sort("row")

    names = [column_name(i) for i in range(width)]
    scan = pl.scan_csv(
        source,
        has_header=False,
        skip_rows=1,
        separator=delimiter,
        schema=dict.fromkeys(names, pl.String),
        empty_string_is_null=False,
        truncate_ragged_lines=True,
        missing_columns="insert",
        extra_columns="ignore",
        row_index_name=ROW,
        row_index_offset=1,
    ).with_columns(pl.col(ROW).cast(pl.Int64))
    frame = scan.filter(pl.col(ROW) <= n_rows)
    try:
        parsed = scan.select(pl.len()).collect(engine="streaming").item()
    except pl.exceptions.PolarsError as exc:
        return fatal(
            *problems,
            Problem(file=display, message=f"onleesbare CSV (controleer de aanhalingstekens): {exc}"),
        )
    expected = records.height - 1
    if parsed != expected:
        return fatal(
            *problems,
            Problem(
                file=display,
                message=(
                    f"aantal rijen klopt niet ({parsed} gelezen, {expected} geteld); controleer de "
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
        structural_errors=frozenset(ragged["row"].to_list()),
        problems=tuple(problems),
    )
