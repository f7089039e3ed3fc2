"""What each survey tool's export looks like: metadata columns, respondent column, separators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bejegening.io._readers._text import norm
from bejegening.model import ResponseFormat

__all__ = ["FILE_KINDS", "Preset", "detect_format", "file_kind", "preset"]

FILE_KINDS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xlsx",
    ".ods": "xlsx",
    ".sav": "sav",
    ".zsav": "sav",
}
"""File extension → reader."""


@dataclass(frozen=True)
class Preset:
    """Conventions of one export format (all names compared after :func:`norm`)."""

    respondent: tuple[str, ...]
    """Candidate respondent-number columns, in order of preference."""
    metadata: tuple[str, ...]
    """Columns the tool adds (time stamps, e-mail, …): not questions, ignored without warning."""
    separators: tuple[str, ...]
    """Between answers of a multiple-response question in one cell."""
    unfinished: tuple[tuple[str, str], ...] = ()
    """(column, value) pairs that mark a response as not finished: ``""`` means an empty cell
    (LimeSurvey's ``submitdate``), other values are compared after :func:`norm` (Qualtrics'
    ``Finished`` = ``false``)."""


_GENERIC = Preset(
    respondent=(
        "respondent",
        "respondent_id",
        "respondent-id",
        "respondent id",
        "respondentnummer",
        "respondentnr",
        "respnr",
        "resp",
        "nr",
        "nummer",
        "id",
    ),
    metadata=(),
    separators=("|", ";", ","),
)

_PRESETS: dict[ResponseFormat, Preset] = {
    ResponseFormat.limesurvey: Preset(
        respondent=("id", "response id", "antwoord id", "antwoord-id"),
        metadata=(
            "id",
            "submitdate",
            "lastpage",
            "startlanguage",
            "seed",
            "token",
            "startdate",
            "datestamp",
            "ipaddr",
            "refurl",
            "response id",
            "date submitted",
            "last page",
            "start language",
            "date started",
            "date last action",
            "ip address",
            "referrer url",
            "antwoord id",
            "antwoord-id",
            "datum verstuurd",
            "laatste pagina",
            "starttaal",
            "startdatum",
            "datum laatste actie",
            "ip-adres",
            "verwijzende url",
        ),
        separators=("|", ";"),
        unfinished=(("submitdate", ""), ("date submitted", ""), ("datum verstuurd", "")),
    ),
    ResponseFormat.qualtrics: Preset(
        respondent=("responseid", "response id"),
        metadata=(
            "startdate",
            "enddate",
            "status",
            "ipaddress",
            "progress",
            "duration (in seconds)",
            "finished",
            "recordeddate",
            "responseid",
            "recipientlastname",
            "recipientfirstname",
            "recipientemail",
            "externalreference",
            "locationlatitude",
            "locationlongitude",
            "distributionchannel",
            "userlanguage",
        ),
        separators=(",",),
        unfinished=(("finished", "false"), ("finished", "0")),
    ),
    ResponseFormat.surveymonkey: Preset(
        respondent=("respondent id",),
        metadata=(
            "respondent id",
            "collector id",
            "start date",
            "end date",
            "ip address",
            "email address",
            "first name",
            "last name",
            "custom data 1",
            "custom data 2",
            "custom data",
        ),
        separators=(",",),
    ),
    ResponseFormat.google_forms: Preset(
        respondent=(),
        metadata=(
            "tijdstempel",
            "timestamp",
            "e-mailadres",
            "email address",
            "e-mail address",
            "score",
            "totaalscore",
        ),
        separators=(",",),
    ),
    ResponseFormat.microsoft_forms: Preset(
        respondent=("id",),
        metadata=(
            "id",
            "begintijd",
            "starttijd",
            "start time",
            "tijd van voltooien",
            "tijdstip van voltooien",
            "voltooiingstijd",
            "completion time",
            "e-mail",
            "email",
            "naam",
            "name",
            "tijd van laatste wijziging",
            "laatst gewijzigd",
            "last modified time",
            "totaal aantal punten",
            "totaalaantal punten",
            "total points",
            "quiz feedback",
            "feedback voor quiz",
        ),
        separators=(";",),
    ),
}


def preset(fmt: ResponseFormat) -> Preset:
    """The conventions of a format (plain CSV/Excel/SPSS share the generic ones)."""
    return _PRESETS.get(fmt, _GENERIC)


def file_kind(path: Path) -> str | None:
    """``csv``, ``xlsx`` or ``sav`` by extension, or None when unknown."""
    return FILE_KINDS.get(path.suffix.lower())


def detect_format(kind: str, header: Sequence[str], tool: str | None = None) -> ResponseFormat:
    """Recognise an export by its column names (and header rows, ``tool``); plain
    ``csv``/``xlsx``/``sav`` otherwise.

    LimeSurvey is recognised by its code headings (``id``, ``submitdate``, ``lastpage``,
    ``startlanguage``) and by its full-text headings in English or Dutch (Response ID, Date
    submitted, Last page, Start language; Antwoord ID, Datum verstuurd, Laatste pagina).
    """
    names = [norm(h) for h in header]
    present = set(names)
    if kind == "sav":
        return ResponseFormat.sav
    if tool == "qualtrics" or {"responseid", "finished", "progress"} <= present:
        return ResponseFormat.qualtrics
    if tool == "surveymonkey" or {"respondent id", "collector id"} <= present:
        return ResponseFormat.surveymonkey
    lime_text = {"date submitted", "last page", "datum verstuurd", "laatste pagina"}
    if (
        {"submitdate", "lastpage"} & present
        or {"id", "startlanguage"} <= present
        or lime_text & present
        or {"response id", "start language"} <= present
    ):
        return ResponseFormat.limesurvey
    if names and names[0] in ("tijdstempel", "timestamp"):
        return ResponseFormat.google_forms
    if "id" in present and {"begintijd", "starttijd", "start time"} & present:
        return ResponseFormat.microsoft_forms
    return ResponseFormat.xlsx if kind == "xlsx" else ResponseFormat.csv
