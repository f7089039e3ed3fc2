"""What every command shares about its output: exit codes, ``--format`` names, JSON on failure.

Exit codes, the same in every command:

- ``0`` done (``validate``: valid; ``check``: checked, also when figures do not fit unless
  ``--strict``);
- ``1`` the data has problems (invalid input; with ``check --strict`` a figure that does not
  fit; a site that could not be built from it);
- ``2`` the command was used wrongly (unknown option, value or survey id, missing argument, a
  folder that does not exist).

``--format`` takes the same names everywhere: ``text`` (for people, the default), ``json`` and,
where the output is a table, ``csv`` (for scripts and spreadsheets). With ``json`` a failure is
JSON too: one object on stdout, ``{"ok": false, "exit_code": …, "errors": […], "warnings": […]}``,
each error with the keys of :meth:`bejegening.Problem.as_dict` (``file, line, row, field, value,
message, severity``); messages stay on stderr as well.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "OutputFormat",
    "TableFormat",
    "failure_document",
    "json_text",
    "message_error",
    "written_document",
]

EXIT_OK = 0
EXIT_DATA = 1
"""The data has problems (invalid input; ``check --strict`` with a figure that does not fit)."""
EXIT_USAGE = 2
"""The command was used wrongly (unknown option, value or survey; missing argument or folder)."""


class OutputFormat(StrEnum):
    """``--format`` of commands whose output is a report: for people (text) or scripts (json)."""

    text = "text"
    json = "json"


class TableFormat(StrEnum):
    """``--format`` of commands whose output is a table: text, json or csv."""

    text = "text"
    json = "json"
    csv = "csv"


def message_error(message: str) -> dict[str, Any]:
    """An error without a location, in the keys of ``Problem.as_dict``."""
    return {
        "file": None,
        "line": None,
        "row": None,
        "field": None,
        "value": None,
        "message": message,
        "severity": "error",
    }


def failure_document(
    exit_code: int,
    errors: Iterable[Mapping[str, Any]],
    warnings: Iterable[Mapping[str, Any]] = (),
    **extra: Any,
) -> str:
    """The JSON printed on stdout when a command fails with ``--format json``."""
    document = {
        "ok": False,
        "exit_code": exit_code,
        **extra,
        "errors": [dict(e) for e in errors],
        "warnings": [dict(w) for w in warnings],
    }
    return json_text(document)


def json_text(document: object) -> str:
    """JSON as every command prints it with ``--format json``: indented by 2, letters such as
    ``ë`` as themselves (not ``\\u00eb``)."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def written_document(paths: Iterable[object]) -> str:
    """The JSON of a command that wrote files: ``{"ok": true, "written": [path, …]}``."""
    return json_text({"ok": True, "written": [str(path) for path in paths]})
