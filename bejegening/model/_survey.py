"""Typed description of a client-experience survey, its published figures and recommendations.

Every model is a frozen pydantic v2 model with ``extra="forbid"``: an unknown key in a data file
is an error, not silently ignored.  Unknown facts are explicit ``None`` values, never guesses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from bejegening.model._base import FrozenModel as _Model
from bejegening.model._base import Identifier, Text
from bejegening.model._printed import printed_decimals, text_decimals
from bejegening.model._responses import ResponsesSpec

__all__ = [
    "ITEM_SEPARATOR",
    "Cause",
    "Claim",
    "ClaimKind",
    "FieldValueError",
    "Finding",
    "Item",
    "ItemsOrder",
    "Mode",
    "Option",
    "Organisation",
    "Population",
    "Question",
    "QuestionType",
    "Recommendation",
    "Sampling",
    "Source",
    "SourceRef",
    "Status",
    "StatusEvent",
    "Survey",
    "SurveyFile",
    "Theme",
    "Valence",
    "answered_questions",
]

MAX_COUNT = 1_000_000_000
"""Largest count, base or population size accepted (later stages store counts as Int64)."""
MIN_SMALL_CELL_THRESHOLD = 3
"""Smallest ``small_cell_threshold``: below 3, a published cell can single out one or two people."""

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
"""A number of people (0 … :data:`MAX_COUNT`)."""
Position = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]
"""A position or scale point: a small integer."""


class FieldValueError(ValueError):
    """A cross-field validation error that belongs to one named field (for error locations)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class QuestionType(StrEnum):
    """How a question is answered."""

    single = "single"
    multiple = "multiple"
    likert = "likert"
    open = "open"
    numeric = "numeric"


class ItemsOrder(StrEnum):
    """How the site lists the items (statements) of a grid question."""

    questionnaire = "questionnaire"
    """As in the questionnaire (the default)."""
    top_box = "top_box"
    """Largest top-2-box share first (the most positive statement on top)."""
    net_score = "net_score"
    """Highest net score (top-2-box minus bottom-2-box) first."""


class Valence(StrEnum):
    """Whether an answer option expresses a positive, neutral or negative experience."""

    positive = "positive"
    neutral = "neutral"
    negative = "negative"
    non_substantive = "non_substantive"
    """"Weet niet", "geen mening": counted, but kept out of the valid percentage."""


class Sampling(StrEnum):
    """How respondents were selected."""

    probability = "probability"
    opt_in = "opt_in"
    """Self-selection: anyone who saw the invitation could take part."""


class Mode(StrEnum):
    """How the questionnaire was administered."""

    online = "online"
    phone = "phone"
    paper = "paper"
    interview = "interview"
    mixed = "mixed"


class Status(StrEnum):
    """Fixed vocabulary for the follow-up of a recommendation."""

    uitgebracht = "uitgebracht"
    reactie_ontvangen = "reactie_ontvangen"
    overgenomen = "overgenomen"
    deels_overgenomen = "deels_overgenomen"
    niet_overgenomen = "niet_overgenomen"
    in_uitvoering = "in_uitvoering"
    uitgevoerd = "uitgevoerd"
    onbekend = "onbekend"


class Organisation(_Model):
    """An organisation: a client council, a social service, a research bureau, a municipality."""

    name: Text = Field(
        title="Naam",
        description="Naam van de organisatie.",
    )
    url: str | None = Field(
        default=None,
        title="Webadres",
        description="Website van de organisatie (https://…); weglaten als onbekend.",
    )


class Source(_Model):
    """A document that figures and recommendations are taken from, cited so a reader can find it.

    The site prints a full citation: title, author and publisher, date, the internet address or
    "niet online beschikbaar", and where the document can be requested. Each element is ``None``
    when the document does not state it; the site then says "niet bekend", never a guess.
    ``file`` is the project's own copy of the text (an internal name, never shown on the site).
    """

    id: Identifier = Field(
        title="Id",
        description="Korte naam van de bron; cijfers en adviezen verwijzen ernaar.",
    )
    title: Text = Field(
        title="Titel",
        description="Titel van het document.",
    )
    kind: str | None = Field(
        default=None,
        title="Soort",
        description="Wat voor document het is: advies, brief, nieuwsartikel, onderzoeksrapport.",
    )
    """What the document is, in Dutch words: "advies", "nieuwsartikel", "onderzoeksrapport"."""
    author: str | None = Field(
        default=None,
        title="Auteur",
        description="Wie het schreef, zoals het document het noemt.",
    )
    """Person(s) who wrote it, as the document names them."""
    publisher: str | None = Field(
        default=None,
        title="Uitgever",
        description="Organisatie die het uitgaf of publiceerde.",
    )
    """Organisation that issued or published it (a council, a newspaper, a research bureau)."""
    date: dt.date | None = Field(
        default=None,
        title="Datum",
        description="Datum van het document, als jaar-maand-dag.",
    )
    url: str | None = Field(
        default=None,
        title="Webadres",
        description="Internetadres waar het document te lezen is.",
    )
    """Internet address where the document can be read."""
    online: bool | None = Field(
        default=None,
        title="Online beschikbaar",
        description="true: op internet te lezen; false: niet online (dan geen url); weglaten als onbekend.",
    )
    """True: published online (``url`` may still be unknown); False: not available online;
    None: not known."""
    request_from: str | None = Field(
        default=None,
        title="Op te vragen bij",
        description="Waar een lezer een kopie kan opvragen (een organisatie, een adres).",
    )
    """Where a copy can be requested (an organisation, an address), when known."""
    file: str | None = Field(
        default=None,
        title="Eigen kopie",
        description="Bestandsnaam van de eigen kopie van de tekst in deze map; komt niet op de website.",
    )
    """Internal file name of the project's copy of the text; not published."""
    section: str | None = Field(
        default=None,
        title="Onderdeel",
        description="Hoofdstuk of bladzijde waar het gebruikte deel staat.",
    )
    note: str | None = Field(
        default=None,
        title="Opmerking",
        description="Wat de lezer over de bron moet weten.",
    )

    @model_validator(mode="after")
    def _online_and_url(self) -> Source:
        if self.online is False and self.url is not None:
            raise FieldValueError("online", "online: false past niet bij een url: laat een van beide weg")
        return self


class SourceRef(_Model):
    """Where in a source a figure or statement is printed: document id, section and exact quote."""

    source: Identifier = Field(
        title="Bron",
        description="Id van een bron uit survey.sources.",
    )
    section: str | None = Field(
        default=None,
        title="Onderdeel",
        description="Hoofdstuk, paragraaf of bladzijde in de bron.",
    )
    quote: str | None = Field(
        default=None,
        title="Citaat",
        description="De zin letterlijk zoals de bron hem drukt.",
    )


class Population(_Model):
    """Who the survey is about; ``size`` only when a source states it."""

    description: Text = Field(
        title="Beschrijving",
        description="Wie tot de groep behoren, in woorden.",
    )
    size: Annotated[int, Field(ge=1, le=MAX_COUNT)] | None = Field(
        default=None,
        title="Omvang",
        description="Aantal mensen in de groep, alleen als een bron het noemt.",
    )


class Survey(_Model):
    """Metadata of one survey: who, whom, how and when (the AAPOR disclosure elements)."""

    id: Identifier = Field(
        title="Id",
        description=(
            "Korte naam van de enquête (kleine letters, cijfers, - en _); ook het webadres van de pagina's."
        ),
    )
    title: Text = Field(
        title="Titel",
        description="De titel zoals die op de website komt.",
    )
    organisation: Organisation = Field(
        title="Organisatie",
        description="De organisatie waarover de enquête gaat, meestal de sociale dienst.",
    )
    """The organisation whose treatment of clients is surveyed."""
    commissioned_by: Organisation | None = Field(
        default=None,
        title="Opdrachtgever",
        description="Wie de enquête liet doen; weglaten als onbekend.",
    )
    conducted_by: Organisation | None = Field(
        default=None,
        title="Uitvoerder",
        description="Wie de enquête uitvoerde; weglaten als onbekend.",
    )
    population: Population = Field(
        title="Doelgroep",
        description="Over wie de enquête gaat, en hoe groot die groep is als een bron het noemt.",
    )
    sampling: Sampling | None = Field(
        default=None,
        title="Werving",
        description=(
            "Hoe deelnemers gekozen zijn: opt_in (iedereen die de oproep zag kon meedoen) of "
            "probability (een willekeurige steekproef); null als onbekend."
        ),
    )
    mode: Mode | None = Field(
        default=None,
        title="Afname",
        description="Hoe de vragenlijst is afgenomen: online, phone, paper, interview of mixed.",
    )
    fieldwork_start: dt.date | None = Field(
        default=None,
        title="Begin veldwerk",
        description="Eerste dag van het veldwerk, als jaar-maand-dag.",
    )
    fieldwork_end: dt.date | None = Field(
        default=None,
        title="Einde veldwerk",
        description="Laatste dag van het veldwerk, als jaar-maand-dag.",
    )
    language: str = Field(
        default="nl",
        title="Taal",
        description="Taal van de vragenlijst als taalcode, bijvoorbeeld nl.",
    )
    weighting: str | None = Field(
        default=None,
        title="Weging",
        description="Hoe er gewogen is, in woorden; null als er niet gewogen is.",
    )
    respondents: Count | None = Field(
        default=None,
        title="Aantal deelnemers",
        description=(
            "Aantal deelnemers volgens een bron; null als het uit het antwoordenbestand geteld wordt."
        ),
    )
    """Total number of respondents, only when a source states it."""
    invited: Count | None = Field(
        default=None,
        title="Aantal uitgenodigd",
        description=(
            "Hoeveel mensen zijn uitgenodigd; dan staat de respons (deelnemers gedeeld door "
            "uitgenodigden) op de site."
        ),
    )
    """Number of people invited to take part (for the response rate), when known."""
    small_cell_threshold: Annotated[int, Field(ge=MIN_SMALL_CELL_THRESHOLD, le=1000)] = Field(
        default=5,
        title="Grens kleine aantallen",
        description=(
            "Cijfers over minder dan zoveel personen worden op de website afgeschermd (minstens "
            "3; onder 5 volgt een waarschuwing)."
        ),
    )
    """Cells with fewer respondents than this are suppressed on the public site (at least 3;
    below 5 the validation warns)."""
    merge_small_categories: bool = Field(
        default=False,
        title="Kleine antwoorden samenvoegen",
        description=(
            "true: een te klein antwoord wordt samengevoegd met het antwoord ernaast aan dezelfde"
            " kant van de schaal ('(Zeer) ontevreden') in plaats van afgeschermd."
        ),
    )
    """Merge an answer chosen by fewer than ``small_cell_threshold`` people with its neighbour on
    the same side of the scale ("(Zeer) ontevreden") instead of hiding it; off by default."""
    publish_open_answers: bool = Field(
        default=False,
        title="Open antwoorden publiceren",
        description=(
            "true: antwoorden op open vragen komen op de website, zonder e-mailadressen, "
            "telefoonnummers, BSN, IBAN, adressen en de namen uit redact_names. Standaard false."
        ),
    )
    """Publish answers to open questions (after automatic redaction); off by default."""
    redact_names: list[str] = Field(
        default_factory=list,
        title="Namen weglaten",
        description=(
            "Namen (van medewerkers, locaties) die uit gepubliceerde open antwoorden worden weggelaten."
        ),
    )
    """Names (of staff, places, …) replaced by ``[naam]`` in published open answers."""
    sources: Annotated[list[Source], Field(min_length=1)] = Field(
        title="Bronnen",
        description="De documenten waar gegevens en adviezen vandaan komen; minstens één.",
    )
    notes: str | None = Field(
        default=None,
        title="Aantekeningen",
        description="Wat bijzonder is aan deze enquête, voor de lezer.",
    )

    @model_validator(mode="after")
    def _fieldwork_order(self) -> Survey:
        if (
            self.fieldwork_start is not None
            and self.fieldwork_end is not None
            and self.fieldwork_end < self.fieldwork_start
        ):
            raise FieldValueError(
                "fieldwork_end",
                f"fieldwork_end ({self.fieldwork_end.isoformat()}) ligt vóór "
                f"fieldwork_start ({self.fieldwork_start.isoformat()})",
            )
        return self


class Theme(_Model):
    """A subject that questions, findings and recommendations are grouped by."""

    id: Identifier = Field(
        title="Id",
        description="Korte naam van het thema (kleine letters, cijfers, - en _).",
    )
    label: Text = Field(
        title="Naam",
        description="Naam van het thema op de website.",
    )
    description: str | None = Field(
        default=None,
        title="Beschrijving",
        description="Waar het thema over gaat, in één zin.",
    )


class Option(_Model):
    """One answer option of a closed question, with its label exactly as printed."""

    id: Identifier = Field(
        title="Id",
        description="Korte naam van het antwoord (kleine letters, cijfers, - en _).",
    )
    label: Text = Field(
        title="Antwoord",
        description="Het antwoord letterlijk zoals in de vragenlijst.",
    )
    order: Position | None = Field(
        default=None,
        title="Volgorde",
        description="Plaats in de vragenlijst; standaard de plaats in de lijst.",
    )
    """Position in the questionnaire; defaults to the position in the list."""
    valence: Valence | None = Field(
        default=None,
        title="Lading",
        description=(
            "positive, neutral of negative; non_substantive voor 'weet niet' (telt mee, maar niet"
            " in het geldige percentage)."
        ),
    )
    score: float | None = Field(
        default=None,
        title="Score",
        description="Getal van het antwoord op een schaal (bijvoorbeeld 1 tot 5), voor gemiddelden.",
    )
    """Numeric score on a Likert scale."""


ITEM_SEPARATOR = "."
"""Between a grid question's id and an item id in :meth:`Question.item_questions` ("q2.luistert")."""


class Item(_Model):
    """One statement of a grid question (a row of a Likert matrix), answered on the grid's options."""

    id: Identifier = Field(
        title="Id",
        description=(
            "Korte naam van de stelling; de kolom in het antwoordenbestand wordt erop gevonden (q5_a)."
        ),
    )
    """Unique within the question; the answers file's column is found by it (``q2_luistert``)."""
    text: Text = Field(
        title="Stelling",
        description="De stelling letterlijk zoals in de vragenlijst.",
    )
    """The statement verbatim ("Mijn klantmanager luistert naar mij")."""
    number: str | None = Field(
        default=None,
        title="Nummer",
        description="Eigen nummer of code van de stelling, zoals gedrukt of geëxporteerd (5a, SQ001).",
    )
    """The item's own number or code as printed or exported ("2a", ``SQ001``, ``Q2_1``)."""


class Question(_Model):
    """A question with its verbatim wording and (possibly only partly known) options.

    A *grid* (matrix, Likert battery) is one question with ``items``: statements that are each
    answered with one of the question's ``options`` (type ``single`` or ``likert``; the options
    are shared by every item).  ``text`` is the common introduction ("In hoeverre bent u het
    eens met …").  In the answers, every item is a question of its own, named
    ``<question id>.<item id>`` (see :meth:`item_questions`): the wide frame of
    :func:`bejegening.io.read_responses` has one column per item and statistics are computed per
    item.  In the answers file each item has its own column, found by ``<id>_<item id>``,
    ``<id>[<item id>]``, ``<id>_<position>`` (Q2_1), ``<id>[SQ001]``, the item's ``number`` or
    its text (also "vraagtekst - stelling" or "vraagtekst [stelling]"), or named in
    ``responses.columns[].item_columns``.
    """

    id: Identifier = Field(
        title="Id",
        description="Korte naam van de vraag (kleine letters, cijfers, - en _), bijvoorbeeld q1.",
    )
    number: str | None = Field(
        default=None,
        title="Nummer",
        description="Het nummer zoals in de vragenlijst of het rapport (3, 12b).",
    )
    """The number as printed in the questionnaire or report ("3", "12b")."""
    text: Text = Field(
        title="Vraagtekst",
        description="De vraag letterlijk zoals in de vragenlijst.",
    )
    """Verbatim wording."""
    type: QuestionType = Field(
        title="Soort vraag",
        description=(
            "single (één antwoord), likert (één antwoord op een schaal), multiple (meer "
            "antwoorden mogelijk), numeric (een getal) of open (vrije tekst)."
        ),
    )
    options: list[Option] = Field(
        default_factory=list,
        title="Antwoordmogelijkheden",
        description="De antwoorden letterlijk, in de volgorde van de vragenlijst.",
    )
    options_complete: bool = Field(
        title="Alle antwoorden bekend",
        description=(
            "true als alle antwoordmogelijkheden hierboven staan; false als een bron er maar een paar noemt."
        ),
    )
    """False when a source reports only some of the answer options."""
    items: list[Item] = Field(
        default_factory=list,
        title="Stellingen",
        description=(
            "Bij een matrixvraag: de stellingen, elk beantwoord met dezelfde antwoordmogelijkheden."
        ),
    )
    """The statements of a grid question; empty for an ordinary question."""
    items_order: ItemsOrder = Field(
        default=ItemsOrder.questionnaire,
        title="Volgorde van de stellingen",
        description=(
            "Volgorde van de stellingen van een matrixvraag op de site: questionnaire (zoals in de "
            "vragenlijst, standaard), top_box (grootste aandeel in de twee hoogste antwoorden eerst) "
            "of net_score (hoogste nettoscore eerst)."
        ),
    )
    """Order of a grid's items on the site (chart and table): ``questionnaire`` (default),
    ``top_box`` (largest top-2-box share first) or ``net_score`` (highest net score first);
    items whose figure is not shown (small cells) come last, in questionnaire order."""
    themes: list[Identifier] = Field(
        default_factory=list,
        title="Thema's",
        description="Id's van thema's waar de vraag bij hoort.",
    )
    note: str | None = Field(
        default=None,
        title="Opmerking",
        description="Wat de lezer over deze vraag moet weten.",
    )
    subject: str | None = Field(
        default=None,
        title="Onderwerp",
        description=(
            "Waar de vraag over gaat in een paar woorden die passen in '… noemt {onderwerp} "
            "‘overdreven’' (bijvoorbeeld 'het fouilleren'), voor de belangrijkste uitkomsten."
        ),
    )
    """What the question is about, in a few words that fit "… noemt {subject} ‘overdreven’"
    ("het fouilleren"), for the headline findings; our words, not the source's."""

    @model_validator(mode="after")
    def _grid(self) -> Question:
        if not self.items:
            if self.items_order is not ItemsOrder.questionnaire:
                raise FieldValueError(
                    "items_order",
                    "items_order geldt alleen voor een vraag met items (matrix); laat het weg",
                )
            return self
        if self.type not in (QuestionType.single, QuestionType.likert):
            raise FieldValueError(
                "items",
                f"een vraag met items (matrix) heeft type single of likert, niet {self.type.value}: "
                "elke stelling krijgt één antwoord uit de gedeelde opties",
            )
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise FieldValueError(
                    "items", f"item-id '{item.id}' komt meer dan eens voor; maak de ids uniek"
                )
            seen.add(item.id)
        return self

    @property
    def is_grid(self) -> bool:
        """True for a grid (matrix) question: one with ``items``."""
        return bool(self.items)

    def item_questions(self) -> list[Question]:
        """Each item as a question of its own, as answered: id ``<question id>.<item id>``.

        The item question has the item's text and number, the grid's type and options, and no
        items.  Its id contains ``.`` (not a valid id in ``survey.yaml``), so it never clashes with
        a question of the file.  An ordinary question returns ``[self]``.
        """
        if not self.items:
            return [self]
        return [
            self.model_copy(
                update={
                    "id": f"{self.id}{ITEM_SEPARATOR}{item.id}",
                    "text": item.text,
                    "number": item.number,
                    "items": [],
                }
            )
            for item in self.items
        ]

    @property
    def label(self) -> str:
        """How the site and the CLI name the question: ``"Vraag 7"`` (its number, else its id)."""
        return f"Vraag {self.number or self.id}"

    @property
    def label_lower(self) -> str:
        """:attr:`label` inside a sentence: ``"vraag 7"``."""
        return f"vraag {self.number or self.id}"

    def option(self, option_id: str) -> Option:
        """Return the option with this id (KeyError when unknown)."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def ordered_options(self) -> list[Option]:
        """Options in questionnaire order (explicit ``order`` first, then list position)."""
        indexed = list(enumerate(self.options))
        indexed.sort(key=lambda pair: pair[1].order if pair[1].order is not None else pair[0])
        return [option for _, option in indexed]


def answered_questions(questions: Iterable[Question]) -> list[Question]:
    """The questions as respondents answer them: every grid replaced by its item questions.

    Use it to compute statistics from the answers (the wide frame has a column per item):
    ``frequencies(answers, answered_questions(survey.questions), ...)``.
    """
    return [answered for question in questions for answered in question.item_questions()]


class Finding(_Model):
    """One figure or statement as a source reports it.

    Numbers are transcribed exactly as printed, also when they do not add up: finding that is
    the job of :mod:`bejegening.checks`.  A verbal finding carries its quantifier as printed
    ("bijna de helft") instead of a number.
    """

    id: Identifier = Field(
        title="Id",
        description="Korte naam van het cijfer (kleine letters, cijfers, - en _).",
    )
    question: Identifier | None = Field(
        default=None,
        title="Vraag",
        description="Id van de vraag waar het cijfer over gaat; leeg als het bij geen vraag hoort.",
    )
    options: list[Identifier] = Field(
        default_factory=list,
        title="Antwoorden",
        description=(
            "Id's van de antwoorden waar het cijfer over gaat; meer dan één voor een samengenomen"
            " cijfer (in findings.csv gescheiden door |)."
        ),
    )
    """Option ids this figure is about; several for a combined figure (e.g. Uitstekend + Goed)."""
    statement: str | None = Field(
        default=None,
        title="Uitspraak",
        description="Wat het cijfer zegt in woorden, voor een cijfer dat bij geen vraag hoort.",
    )
    """What the figure says in words, for findings not tied to a known question."""
    count: Count | None = Field(
        default=None,
        title="Aantal",
        description="Aantal personen zoals gedrukt.",
    )
    percentage: Annotated[float, Field(ge=0)] | None = Field(
        default=None,
        title="Percentage",
        description="Percentage zoals gedrukt (21 voor '21 %').",
    )
    """Percentage as printed (21 for "21 %"); may exceed 100 if the source says so."""
    quantifier: str | None = Field(
        default=None,
        title="Woorden",
        description="Een hoeveelheid in woorden zoals gedrukt: 'bijna de helft', 'ruim een derde'.",
    )
    """Verbal quantifier as printed: "bijna de helft", "ruim een derde"."""
    mean: Annotated[str, StringConstraints(pattern=r"^-?\d+([.,]\d+)?$", max_length=30)] | None = Field(
        default=None,
        title="Gemiddelde",
        description=(
            "Een gemiddelde precies zoals gedrukt ('3,40'): de decimalen tellen mee. "
            "Gecontroleerd met de GRIM-toets."
        ),
    )
    """A mean as printed, as text so its decimals count ("3,40"); checked with GRIM."""
    items: Annotated[int, Field(ge=1, le=MAX_COUNT)] | None = Field(
        default=None,
        title="Aantal vragen",
        description="Aantal vragen dat in het gemiddelde is samengenomen (standaard 1).",
    )
    """Number of questions averaged into ``mean`` (default 1)."""
    scale_min: Position | None = Field(
        default=None,
        title="Laagste score",
        description="Laagste antwoordscore van de schaal van het gemiddelde (bijvoorbeeld 1).",
    )
    """Lowest answer score of the scale ``mean`` is on (e.g. 1)."""
    scale_max: Position | None = Field(
        default=None,
        title="Hoogste score",
        description="Hoogste antwoordscore van de schaal van het gemiddelde (bijvoorbeeld 5).",
    )
    """Highest answer score of the scale ``mean`` is on (e.g. 5)."""
    sd: Annotated[str, StringConstraints(pattern=r"^\d+([.,]\d+)?$", max_length=30)] | None = Field(
        default=None,
        title="Standaardafwijking",
        description=(
            'De standaardafwijking (SD) bij het gemiddelde, precies zoals gedrukt ("0,50"): de '
            "decimalen tellen mee. Bij een gemiddelde van ja/nee-antwoorden (schaal 0–1) gecontroleerd "
            "met de DEBIT-toets, bij een schaal van hele getallen met de GRIMMER-toets."
        ),
    )
    """The sample standard deviation printed with ``mean``, as text so its decimals count
    ("0,50"); checked with DEBIT for a 0–1 (yes/no) mean and GRIMMER for a whole-number scale."""
    base: Count | None = Field(
        default=None,
        title="Totaal (n)",
        description="Het aantal personen waar het cijfer over gaat, alleen als de bron het noemt.",
    )
    """The n the figure refers to, only when the source states it."""
    base_description: str | None = Field(
        default=None,
        title="Over wie",
        description="Over wie het cijfer gaat, bijvoorbeeld 'deelnemers die een huisbezoek kregen'.",
    )
    """Who the figure is about, e.g. "respondenten die een huisbezoek kregen"."""
    themes: list[Identifier] = Field(
        default_factory=list,
        title="Thema's",
        description="Id's van thema's waar het cijfer bij hoort (in findings.csv gescheiden door |).",
    )
    figure: str | None = Field(
        default=None,
        title="Zoals gedrukt",
        description="Het cijfer letterlijk zoals de bron het drukt: '12 personen, ofwel 15 %'.",
    )
    """The figure exactly as printed: "26 personen, ofwel 21 %"."""
    source: SourceRef = Field(
        title="Bron",
        description=(
            "Waar het cijfer staat: de bron, het onderdeel en het citaat (in findings.csv de "
            "kolommen source, section en quote)."
        ),
    )

    _percentage_decimals: int | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_printed_decimals(cls, data: Any, handler: ModelWrapValidatorHandler[Finding]) -> Finding:
        """Read the percentage's printed decimals once, from the text it was given as."""
        finding = handler(data)
        if isinstance(data, Mapping) and finding.percentage is not None:
            cell = data.get("percentage")
            finding._percentage_decimals = printed_decimals(
                finding.percentage,
                finding.figure or finding.source.quote,
                cell if isinstance(cell, str) else None,
            )
        return finding

    @property
    def percentage_decimals(self) -> int | None:
        """Decimals the percentage was printed with ("20,8 %" → 1, "21 %" → 0); ``None`` without one.

        Read once at load (:func:`~bejegening.model.printed_decimals`): from the printed figure
        or quote when it shows the value, else from the text of the ``percentage`` cell (so
        "21,0" keeps its decimal), else from the value.  The check table, the question page and
        the chart all show the percentage with these decimals.
        """
        if self.percentage is None:
            return None
        if self._percentage_decimals is None:
            return printed_decimals(self.percentage, self.figure or self.source.quote)
        return self._percentage_decimals

    @property
    def sd_decimals(self) -> int | None:
        """Decimals the SD was printed with ("0,50" → 2); ``None`` without an SD.

        Read from the SD's text (:func:`~bejegening.model.text_decimals`), which keeps trailing
        zeros, as the mean's are.
        """
        return None if self.sd is None else text_decimals(self.sd)

    @model_validator(mode="after")
    def _has_content(self) -> Finding:
        if (
            self.count is None
            and self.percentage is None
            and self.mean is None
            and self.quantifier is None
            and self.statement is None
        ):
            raise ValueError(
                "een bevinding heeft een aantal, percentage, gemiddelde, kwantor of uitspraak nodig"
            )
        if self.options and self.question is None:
            raise FieldValueError("question", "options vraagt ook een question")
        if self.sd is not None and self.mean is None:
            raise FieldValueError(
                "sd", "een standaardafwijking (sd) hoort bij een gemiddelde: vul ook mean in"
            )
        return self


class ClaimKind(StrEnum):
    """What kind of claim a source makes about its own results."""

    significance = "significance"
    """The source calls outcomes "significant"."""


class Claim(_Model):
    """A claim a source makes about its results, recorded so it can be checked."""

    id: Identifier = Field(
        title="Id",
        description="Korte naam van de bewering.",
    )
    kind: ClaimKind = Field(
        title="Soort",
        description="Wat voor bewering: significance (de bron noemt uitkomsten 'significant').",
    )
    text: Text = Field(
        title="Tekst",
        description="De bewering letterlijk zoals gedrukt.",
    )
    """The claim as printed."""
    questions: list[Identifier] = Field(
        default_factory=list,
        title="Vragen",
        description="Id's van de vragen waar de bewering over gaat.",
    )
    findings: list[Identifier] = Field(
        default_factory=list,
        title="Cijfers",
        description="Id's van de cijfers waar de bewering over gaat.",
    )
    source: SourceRef = Field(
        title="Bron",
        description="Waar de bewering staat.",
    )


class Cause(_Model):
    """A cause a source names for the problems it found (qualitative; no figure)."""

    id: Identifier = Field(
        title="Id",
        description="Korte naam van de oorzaak.",
    )
    text: Text = Field(
        title="Tekst",
        description="De oorzaak zoals de bron hem noemt.",
    )
    themes: list[Identifier] = Field(
        default_factory=list,
        title="Thema's",
        description="Id's van thema's waar de oorzaak bij hoort.",
    )
    source: SourceRef = Field(
        title="Bron",
        description="Waar de oorzaak genoemd wordt.",
    )


class StatusEvent(_Model):
    """One dated step in the follow-up of a recommendation."""

    date: dt.date | None = Field(
        title="Datum",
        description=(
            "Datum van deze stap, als jaar-maand-dag; null als de bron geen datum noemt (nooit gokken)."
        ),
    )
    """``None`` when the source gives no date: shown as "datum onbekend", never guessed."""
    status: Status = Field(
        title="Stand",
        description=(
            "uitgebracht, reactie_ontvangen, overgenomen, deels_overgenomen, niet_overgenomen, "
            "in_uitvoering, uitgevoerd of onbekend."
        ),
    )
    source: SourceRef | None = Field(
        default=None,
        title="Bron",
        description="Waar deze stap staat, bijvoorbeeld de brief van het college of een raadsbesluit.",
    )
    note: str | None = Field(
        default=None,
        title="Toelichting",
        description="In één zin wat er besloten of gedaan is.",
    )


class Recommendation(_Model):
    """A recommendation (advies, aanbeveling) with its evidence and follow-up history."""

    id: Identifier = Field(
        title="Id",
        description="Korte naam van het advies (kleine letters, cijfers, - en _).",
    )
    number: str | None = Field(
        default=None,
        title="Nummer",
        description="Het nummer zoals in de adviesbrief.",
    )
    title: Text = Field(
        title="Titel",
        description="Korte titel van het advies.",
    )
    summary: Text = Field(
        title="Samenvatting",
        description="Het advies in één zin, in eigen woorden.",
    )
    """In our own words."""
    text: str | None = Field(
        default=None,
        title="Tekst",
        description="Het advies letterlijk, als de bron het zo geeft.",
    )
    """Verbatim text, when the source gives it."""
    questions: list[Identifier] = Field(
        default_factory=list,
        title="Vragen",
        description="Id's van de vragen waarop het advies steunt.",
    )
    findings: list[Identifier] = Field(
        default_factory=list,
        title="Cijfers",
        description="Id's van de cijfers uit findings.csv waarop het advies steunt.",
    )
    causes: list[Identifier] = Field(
        default_factory=list,
        title="Oorzaken",
        description="Id's van de oorzaken waarop het advies steunt.",
    )
    themes: list[Identifier] = Field(
        default_factory=list,
        title="Thema's",
        description="Id's van thema's waar het advies bij hoort.",
    )
    addressee: str | None = Field(
        default=None,
        title="Gericht aan",
        description="Aan wie het advies gericht is, bijvoorbeeld het college.",
    )
    source: SourceRef = Field(
        title="Bron",
        description="Waar het advies staat: de bron en het onderdeel.",
    )
    history: Annotated[list[StatusEvent], Field(min_length=1)] = Field(
        title="Opvolging",
        description=(
            "Elke stap in de opvolging, de oudste eerst: datum, status en bron. Voeg bij elke "
            "reactie of elk besluit een stap toe; de laatste is de stand op de website."
        ),
    )

    @property
    def label(self) -> str:
        """How the site names the recommendation: ``"Advies 3"`` (its number, else its id)."""
        return f"Advies {self.number or self.id}"

    @property
    def label_lower(self) -> str:
        """:attr:`label` inside a sentence: ``"advies 3"``."""
        return f"advies {self.number or self.id}"

    @property
    def current_status(self) -> Status:
        """The status of the latest event (undated events count as oldest, then file order)."""
        ordered = sorted(
            enumerate(self.history),
            key=lambda pair: (pair[1].date or dt.date.min, pair[0]),
        )
        return ordered[-1][1].status

    @property
    def has_evidence(self) -> bool:
        """True when the recommendation cites at least one question, finding or cause."""
        return bool(self.questions or self.findings or self.causes)


class SurveyFile(_Model):
    """The content of a ``survey.yaml`` file."""

    survey: Survey = Field(
        title="Enquête",
        description="Wie, wat, wanneer en hoe: de beschrijving van de enquête.",
    )
    themes: list[Theme] = Field(
        default_factory=list,
        title="Thema's",
        description="Onderwerpen waarop vragen, cijfers en adviezen op de website gegroepeerd worden.",
    )
    questions: list[Question] = Field(
        default_factory=list,
        title="Vragen",
        description="De vragen, letterlijk zoals in de vragenlijst, met hun antwoordmogelijkheden.",
    )
    causes: list[Cause] = Field(
        default_factory=list,
        title="Oorzaken",
        description="Oorzaken die een bron noemt voor de gevonden problemen (zonder cijfer).",
    )
    recommendations: list[Recommendation] = Field(
        default_factory=list,
        title="Adviezen",
        description="De adviezen met hun onderbouwing en elke stap in de opvolging (de pagina 'Adviezen').",
    )
    claims: list[Claim] = Field(
        default_factory=list,
        title="Beweringen",
        description=(
            "Beweringen van een bron over de eigen uitkomsten, zoals 'significant', zodat ze "
            "gecontroleerd worden."
        ),
    )
    findings_file: str | None = Field(
        default="findings.csv",
        title="Bestand met gepubliceerde cijfers",
        description=(
            "CSV-bestand in deze map met de cijfers precies zoals een bron ze drukt; null als er geen is."
        ),
    )
    """CSV with published figures, relative to the survey folder; ``None`` for none."""
    responses: ResponsesSpec | None = Field(
        default=None,
        title="Antwoordenbestand",
        description=(
            "Het bestand met de antwoorden (één rij per deelnemer) en hoe het gelezen wordt. Het "
            "komt nooit op de website."
        ),
    )
    """File with respondent-level answers (microdata, never published) and how to read it."""
