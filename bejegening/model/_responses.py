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

from pydantic import Field, field_validator, model_validator

from bejegening.model._base import FrozenModel as _Model
from bejegening.model._base import Identifier as _Identifier
from bejegening.model._base import Text as _Text
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

    question: _Identifier = Field(
        title="Vraag",
        description="Id van de vraag uit questions.",
    )
    """Question id from ``questions``."""
    column: str | None = Field(
        default=None,
        title="Kolom",
        description=(
            "Kopje van de kolom in het bestand (hoofdletters en spaties maken niet uit). "
            "Standaard de kolom met de vraag-id, het nummer of de tekst."
        ),
    )
    """Column header exactly as in the file (case and spacing do not matter). Default: the
    column whose header is the question id, its number or its text."""
    option_columns: dict[_Identifier, str] | None = Field(
        default=None,
        title="Kolom per antwoord",
        description=(
            "Vraag met meer antwoorden, één kolom per antwoord: antwoord-id → kolom. Een "
            "aangevinkte cel bevat Y, Ja, 1, x of de tekst van het antwoord."
        ),
    )
    """Multiple response, one column per option (LimeSurvey ``Q5[SQ001]``, SPSS ``q5_1``):
    option id → column. A ticked cell holds ``Y``, ``Ja``, ``1``, ``x`` or the option label."""
    category_columns: list[str] | None = Field(
        default=None,
        title="Kolommen met gekozen antwoorden",
        description=(
            "Vraag met meer antwoorden in een paar kolommen die elk één gekozen antwoord bevatten "
            "(noem_1, noem_2, …; een code of de tekst van een antwoord): de kolommen, op volgorde."
        ),
    )
    """Multiple response in several columns that each hold one chosen answer (an SPSS
    multiple-category set: ``noem_1``, ``noem_2``, … each a code or label of an option): the
    columns, in order. ``values`` and ``other`` apply to every column."""
    item_columns: dict[_Identifier, str] | None = Field(
        default=None,
        title="Kolom per stelling",
        description="Matrixvraag: stelling-id → kolom, voor stellingen die niet vanzelf gevonden worden.",
    )
    """Grid question (one with ``items``): item id → its column, for items not found by id,
    position or text (see :class:`bejegening.model.Question`). ``values``, ``other`` and
    ``separator`` apply to every item."""
    values: dict[str, _Identifier] = Field(
        default_factory=dict,
        title="Codes",
        description=(
            "Code of tekst in het bestand → antwoord-id, bijvoorbeeld {1: zeer-tevreden, 2: tevreden}."
        ),
    )
    """Code or label in the file → option id, e.g. ``{1: zeer-goed, 2: goed}``."""
    separator: str | None = Field(
        default=None,
        title="Scheidingsteken",
        description="De tekst tussen antwoorden als een cel meer antwoorden bevat.",
    )
    """Multiple response in one cell: the text between answers (default per format)."""
    other: _Identifier | None = Field(
        default=None,
        title="Anders, namelijk",
        description=(
            "Antwoord-id dat elke waarde krijgt die bij geen antwoord past: de vrije tekst bij "
            "'Anders, namelijk'."
        ),
    )
    """Option that takes every value not matching an option: the free text of "Anders, namelijk"
    (Google Forms, Microsoft Forms) or a LimeSurvey ``Q5[other]`` column in ``option_columns``."""
    skip: bool = Field(
        default=False,
        title="Overslaan",
        description="true als deze vraag niet in het bestand staat (alleen gepubliceerde cijfers).",
    )
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

    file: _Text = Field(
        title="Bestand",
        description="Naam van het antwoordenbestand in deze map, bijvoorbeeld antwoorden.csv.",
    )
    """Path relative to the survey folder, e.g. ``antwoorden.csv``."""
    format: ResponseFormat = Field(
        default=ResponseFormat.auto,
        title="Soort bestand",
        description=(
            "auto herkent het meestal zelf; anders csv, xlsx, sav, limesurvey, google_forms, "
            "microsoft_forms, qualtrics of surveymonkey."
        ),
    )
    sheet: str | None = Field(
        default=None,
        title="Werkblad",
        description=(
            "Excel: het werkblad met de antwoorden (standaard het blad met de kolommen van de "
            "vragen, anders het eerste)."
        ),
    )
    """Excel: the sheet to read (default: the sheet whose header has the columns survey.yaml
    names, else the first)."""
    header_row: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        title="Rij met kopjes",
        description=(
            "Nummer van de rij met de kolomkoppen zoals Excel het toont (standaard: gevonden "
            "onder eventuele titelrijen)."
        ),
    )
    """The row of the header as the spreadsheet shows it (default: found below any title rows)."""
    respondent_column: str | None = Field(
        default=None,
        title="Kolom respondentnummer",
        description=(
            "Kolom met het respondentnummer (standaard respondent of id); zonder deze kolom telt "
            "het rijnummer."
        ),
    )
    """Column with a respondent number; default ``respondent`` or ``id`` (per format). Without
    one, the row number is the respondent number."""
    weight_column: str | None = Field(
        default=None,
        title="Kolom gewicht",
        description="Kolom met een gewicht per deelnemer (positieve getallen).",
    )
    """Column with a weight per respondent (positive numbers); read into the column ``weight``."""
    background: dict[_Identifier, str] = Field(
        default_factory=dict,
        title="Achtergrondkenmerken",
        description=(
            "Kenmerken om op te splitsen, zoals leeftijd of wijk: naam → kolom in het bestand. Op"
            " de pagina van elke vraag staat dan 'Per groep'."
        ),
    )
    """Background variables for crosstabs: id → column, e.g. ``{leeftijd: Leeftijdsgroep}``."""
    design: SampleDesign | None = Field(
        default=None,
        title="Steekproefopzet",
        description=(
            "Strata, clusters en populatieomvang van een steekproef; weglaten bij een "
            "enkelvoudige steekproef."
        ),
    )
    """Sample design: ``strata`` and ``clusters`` name background variables; population sizes
    per stratum for the finite population correction. Absent: a simple random sample."""
    columns: list[ColumnMap] = Field(
        default_factory=list,
        title="Kolommen koppelen",
        description="Vragen waarvan de kolom of de codes niet vanzelf gevonden worden.",
    )
    """Questions whose column or codes are not found automatically."""
    ignore_columns: list[str] = Field(
        default_factory=list,
        title="Kolommen negeren",
        description=(
            "Kolommen die bij geen vraag horen (zoals een tijdstempel); die geven geen waarschuwing."
        ),
    )
    """Columns in the file that belong to no question (no warning for these). A column without
    a header is named as the messages name it: ``kolom 7``."""
    ignore_unmapped_columns: bool = Field(
        default=False,
        title="Alle losse kolommen negeren",
        description=(
            "true: elke kolom die bij geen vraag hoort wordt overgeslagen met één samenvattende "
            "waarschuwing in plaats van één per kolom."
        ),
    )
    """True: every column that belongs to no question is left out with one summary warning,
    instead of one warning per column."""
    missing_values: list[str] = Field(
        default_factory=lambda: list(DEFAULT_MISSING_VALUES),
        title="Lege waarden",
        description="Celwaarden die 'geen antwoord' betekenen (standaard: leeg, NA, N/A, #N/A, - en .).",
    )
    """Cell values that mean "no answer"."""
    separator: str | None = Field(
        default=None,
        title="Scheidingsteken meer antwoorden",
        description=(
            "De tekst tussen antwoorden als een cel meer antwoorden bevat, voor elke vraag "
            "(standaard per soort bestand)."
        ),
    )
    """Multiple response in one cell: the text between answers, for every question."""
    invalid_rows: InvalidRows = Field(
        default=InvalidRows.error,
        title="Rijen met een fout",
        description=(
            "error: alles stopt tot het is opgelost; reject: die rij telt niet mee en staat in het rapport."
        ),
    )
    leave_out_unfinished: bool = Field(
        default=False,
        title="Onafgemaakte antwoorden weglaten",
        description=(
            "true: antwoorden die het enquêteprogramma als niet afgemaakt markeert, tellen niet "
            "mee (elk genoemd in het rapport); standaard tellen ze mee, met een waarschuwing."
        ),
    )
    """True: responses the survey tool marks as not finished (LimeSurvey without ``submitdate``,
    Qualtrics ``Finished`` false) are left out, each listed in the rejection report; by default
    they are counted, with a warning naming them."""
    encoding: str | None = Field(
        default=None,
        title="Tekstcodering",
        description="Een vaste tekstcodering (utf-8, cp1252); standaard UTF-8, anders Windows-1252.",
    )
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
