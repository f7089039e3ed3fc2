"""The accessibility statement ("Toegankelijkheid") filled from a recorded test run and ``site.yaml``.

The Dutch model statement (toegankelijkheidsverklaring.nl) asks for the status, what was tested
and how, the known limits, the date and a contact for problems. The hand-written page
(``_files/pages/toegankelijkheid.md``) holds the fixed text; two markers are replaced at build time:

- :data:`CHECK_MARKER`: the last recorded run of the browser tests
  (``tests/test_browser.py``, Debian Chromium with axe-core at 360 and 1280 px), read from
  :data:`CHECK_RECORD` inside the package: its date, the software version, the widths, the number
  of pages and the number of serious or critical axe violations. The record is written by that
  test when it passes with ``BEJEGENING_RECORD_A11Y=1`` (a release step), never by hand; without a
  record the page says that no recorded run is known.
- :data:`~bejegening.site._brand.CONTACT_MARKER`: how to reach the site's publisher, from
  ``site.yaml`` (``organisation``, ``contact_email``, ``contact_url``).
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

from bejegening._nl import MONTHS, format_int
from bejegening.site._brand import CONTACT_MARKER

__all__ = [
    "CHECK_MARKER",
    "CHECK_RECORD",
    "DATE_MARKER",
    "STATEMENT_PAGE",
    "fill_statement",
    "read_check_record",
]

STATEMENT_PAGE = "toegankelijkheid.md"
CHECK_MARKER = "<!-- bejegening:toegankelijkheid-controle -->"
CHECK_RECORD = "toegankelijkheid-controle.json"
"""File name of the recorded browser-test run, in ``bejegening/site/_files/``."""
DATE_MARKER = "<!-- bejegening:toegankelijkheid-datum -->"
_FIELDS = {"date", "version", "widths", "pages", "violations", "axe", "browser"}


def read_check_record(path: Path | None = None) -> dict[str, Any] | None:
    """The recorded browser-test run (``None`` when there is none or it is unreadable).

    Shape: ``{"date": "2026-11-29", "version": "0.1.0", "widths": [360, 1280], "pages": 38,
    "violations": 0, "axe": "4.12.1", "browser": "Chromium 131"}``; ``violations`` counts
    serious and critical axe findings over all pages and widths.
    """
    source = path if path is not None else resources.files("bejegening.site").joinpath("_files", CHECK_RECORD)
    try:
        record = json.loads(source.read_text(encoding="utf-8"))
        dt.date.fromisoformat(record["date"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(record, dict) or not set(record) >= _FIELDS:
        return None
    return record


def _date(value: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _check_text(record: dict[str, Any] | None) -> str:
    if record is None:
        return (
            "Van de automatische controles is voor deze versie geen vastgelegde uitvoering bekend. "
            "Daarom noemen we hier geen datum en geen uitkomst."
        )
    widths = " en ".join(f"{format_int(int(w))} pixels" for w in record["widths"])
    violations = int(record["violations"])
    outcome = (
        "Daarbij vond axe-core geen ernstige of kritieke fouten, was geen pagina breder dan het "
        "scherm en was geen grafiektekst kleiner dan 11 pixels."
        if violations == 0
        else f"Daarbij vond axe-core {format_int(violations)} ernstige of kritieke fouten."
    )
    return (
        f"De automatische controles hierboven zijn voor het laatst uitgevoerd op "
        f"**{_date(record['date'])}**, met versie {record['version']} van de software *bejegening*, "
        f"op de voorbeeldsite van die software: {format_int(int(record['pages']))} pagina's, elk op "
        f"een breedte van {widths}, in {record['browser']} met axe-core {record['axe']}. {outcome} "
        "Deze site is gemaakt met dezelfde software en dezelfde sjablonen; pagina's die alleen op "
        "deze site staan, zijn in die controle niet zelf bekeken."
    )


def _date_text(record: dict[str, Any] | None) -> str:
    if record is None:
        return "Deze verklaring heeft nog geen datum: er is geen vastgelegde controle."
    return f"Deze verklaring is opgesteld op {_date(record['date'])}, de datum van de laatste controle."


def fill_statement(docs: Path, contact: str, record: dict[str, Any] | None) -> None:
    """Replace the markers on the statement page in ``docs`` (if the page is there).

    ``contact`` is the contact sentence that "Over deze site" gets too
    (:func:`~bejegening.site._brand.contact_sentence`, from ``site.yaml``); ``record`` the
    recorded test run (:func:`read_check_record`).
    """
    page = docs / STATEMENT_PAGE
    if not page.is_file():
        return
    text = page.read_text(encoding="utf-8")
    text = text.replace(CHECK_MARKER, _check_text(record))
    text = text.replace(DATE_MARKER, _date_text(record))
    text = text.replace(CONTACT_MARKER, contact)
    page.write_text(text, encoding="utf-8")
