"""How a file with respondent-level answers maps onto the questions of ``survey.yaml``.

A council exports its answers from LimeSurvey, Google Forms or Microsoft Forms, types paper forms
into Excel, or receives an SPSS file.  The ``responses`` block of ``survey.yaml`` says which file
it is, which column holds which question and, where the file uses codes, which code means which
answer option.  Most of it is optional: columns are found by question id, number or text, and
values by option id or label (ignoring case and extra spaces).

The answers themselves are microdata: they are read to compute statistics and never copied into
the public site.
"""

from __future__ import annotations

import codecs
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator, model_validator

from bejegening.model._base import FrozenModel as _Model
from bejegening.model._base import Identifier as _Identifier
from bejegening.model._design import SampleDesign

__all__ = [
    "DEFAULT_MISSING_VALUES",
    "ColumnMap",
    "InvalidRows",
    "ResponseFormat",
    "ResponsesSpec",
]

DEFAULT_MISSING_VALUES: tuple[str, ...] = ("", "NA", "N/A", "#N/A", "-", ".")
"""Cell values that mean "no answer" unless ``missing_values`` says otherwise."""


class ResponseFormat(StrEnum):
    """The kind of file; ``auto`` looks at the extension and the column names."""

    auto = "auto"
    csv = "csv"
    xlsx = "xlsx"
    sav = "sav"
    """SPSS data file; value labels are matched to answer options."""
    limesurvey = "limesurvey"
    """LimeSurvey CSV export (question codes, ``Q4[SQ001]`` columns, ``Y`` for ticked)."""
    google_forms = "google_forms"
    """Google Forms CSV export (question text as header, ticked answers joined by ``, ``)."""
    microsoft_forms = "microsoft_forms"
    """Microsoft Forms Excel export (question text as header, answers joined by ``;``)."""
    qualtrics = "qualtrics"
    """Qualtrics CSV/Excel export (three header rows: names, question texts, ImportIds)."""
    surveymonkey = "surveymonkey"
    """SurveyMonkey CSV/Excel export (two header rows; a checkbox question over several columns)."""


class InvalidRows(StrEnum):
    """What to do with a row that has an error (unknown answer, duplicate respondent, …)."""

    error = "error"
    """The file is invalid: every problem is reported and nothing is computed (default)."""
    reject = "reject"
    """The row is left out, listed in the rejection report and reported as a warning."""


def _as_text(value: Any) -> Any:
    """A number written in YAML (``1``) as text (``"1"``); codes are compared as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _keys_as_text(value: Any) -> Any:
    """YAML reads ``1: goed`` with an integer key."""
    if isinstance(value, dict):
        return {_as_text(k): v for k, v in value.items()}
    return value


class ColumnMap(_Model):
    """Where one question is in the file, and which values mean which answer option."""

    question: _Identifier
    """Question id from ``questions``."""
    column: str | None = None
    """Column header exactly as in the file (case and spacing do not matter). Default: the
    column whose header is the question id, its number or its text."""
    option_columns: dict[_Identifier, str] | None = None
    """Multiple response, one column per option (LimeSurvey ``Q5[SQ001]``, SPSS ``q5_1``):
    option id → column. A ticked cell holds ``Y``, ``Ja``, ``1``, ``x`` or the option label."""
    category_columns: list[str] | None = None
    """Multiple response in several columns that each hold one chosen answer (an SPSS
    multiple-category set: ``noem_1``, ``noem_2``, … each a code or label of an option): the
    columns, in order. ``values`` and ``other`` apply to every column."""
    item_columns: dict[_Identifier, str] | None = None
    """Grid question (one with ``items``): item id → its column, for items not found by id,
    position or text (see :class:`bejegening.model.Question`). ``values``, ``other`` and
    ``separator`` apply to every item."""
    values: dict[str, _Identifier] = Field(default_factory=dict)
    """Code or label in the file → option id, e.g. ``{1: zeer-goed, 2: goed}``."""
    separator: str | None = None
    """Multiple response in one cell: the text between answers (default per format)."""
    other: _Identifier | None = None
    """Option that takes every value not matching an option: the free text of "Anders, namelijk"
    (Google Forms, Microsoft Forms) or a LimeSurvey ``Q5[other]`` column in ``option_columns``."""
    skip: bool = False
    """True when this question is not in the file (only published figures exist)."""

    @field_validator("values", mode="before")
    @classmethod
    def _codes_as_text(cls, value: Any) -> Any:
        return _keys_as_text(value)

    @model_validator(mode="after")
    def _one_source(self) -> ColumnMap:
        given = [
            name
            for name, value in (
                ("column", self.column),
                ("option_columns", self.option_columns),
                ("category_columns", self.category_columns),
                ("item_columns", self.item_columns),
            )
            if value is not None
        ]
        if len(given) > 1:
            raise ValueError(
                "gebruik één van column, option_columns, category_columns en item_columns, niet "
                f"{' én '.join(given)}"
            )
        return self


class ResponsesSpec(_Model):
    """The ``responses`` block of ``survey.yaml``: the file with answers and how to read it."""

    file: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    """Path relative to the survey folder, e.g. ``antwoorden.csv``."""
    format: ResponseFormat = ResponseFormat.auto
    sheet: str | None = None
    """Excel: the sheet to read (default: the sheet whose header has the columns survey.yaml
    names, else the first)."""
    header_row: Annotated[int, Field(ge=1)] | None = None
    """The row of the header as the spreadsheet shows it (default: found below any title rows)."""
    respondent_column: str | None = None
    """Column with a respondent number; default ``respondent`` or ``id`` (per format). Without
    one, the row number is the respondent number."""
    weight_column: str | None = None
    """Column with a weight per respondent (positive numbers); read into the column ``weight``."""
    background: dict[_Identifier, str] = Field(default_factory=dict)
    """Background variables for crosstabs: id → column, e.g. ``{leeftijd: Leeftijdsgroep}``."""
    design: SampleDesign | None = None
    """Sample design: ``strata`` and ``clusters`` name background variables; population sizes
    per stratum for the finite population correction. Absent: a simple random sample."""
    columns: list[ColumnMap] = Field(default_factory=list)
    """Questions whose column or codes are not found automatically."""
    ignore_columns: list[str] = Field(default_factory=list)
    """Columns in the file that belong to no question (no warning for these). A column without
    a header is named as the messages name it: ``kolom 7``."""
    ignore_unmapped_columns: bool = False
    """True: every column that belongs to no question is left out with one summary warning,
    instead of one warning per column."""
    missing_values: list[str] = Field(default_factory=lambda: list(DEFAULT_MISSING_VALUES))
    """Cell values that mean "no answer"."""
    separator: str | None = None
    """Multiple response in one cell: the text between answers, for every question."""
    invalid_rows: InvalidRows = InvalidRows.error
    leave_out_unfinished: bool = False
    """True: responses the survey tool marks as not finished (LimeSurvey without ``submitdate``,
    Qualtrics ``Finished`` false) are left out, each listed in the rejection report; by default
    they are counted, with a warning naming them."""
    encoding: str | None = None
    """Force a text encoding (``utf-8``, ``cp1252``); default: UTF-8, else Windows-1252."""

    @field_validator("encoding")
    @classmethod
    def _text_encoding(cls, value: str | None) -> str | None:
        """Only encodings that turn bytes into text (not ``rot13``, ``base64``, ``zip``)."""
        if value is None:
            return value
        try:
            info = codecs.lookup(value)
        except LookupError:
            raise ValueError(
                f"onbekende tekstcodering {value[:40]!r}; gebruik bijvoorbeeld utf-8 of cp1252"
            ) from None
        if not getattr(info, "_is_text_encoding", True):
            raise ValueError(
                f"{value[:40]!r} is geen tekstcodering voor een bestand; gebruik bijvoorbeeld utf-8 of cp1252"
            )
        return value

    @field_validator("missing_values", "ignore_columns", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [_as_text(v) for v in value]
        return value

    @model_validator(mode="after")
    def _design_names_background(self) -> ResponsesSpec:
        if self.design is not None:
            for role in ("strata", "clusters"):
                name = getattr(self.design, role)
                if name is not None and name not in self.background:
                    known = ", ".join(sorted(self.background)) or "geen"
                    raise ValueError(
                        f"design.{role}: {name!r} is geen achtergrondvariabele; zet hem onder "
                        f"background (nu: {known})"
                    )
        return self

    def column_map(self, question_id: str) -> ColumnMap | None:
        """The explicit mapping of a question, if ``columns`` has one."""
        for entry in self.columns:
            if entry.question == question_id:
                return entry
        return None
