"""Tie the columns of a file of answers to the questions of ``survey.yaml``.

A question's column is the one named in ``responses.columns``, or else the column whose header
is the question id, its number or its text (case and spacing ignored; LimeSurvey's ``Q4[SQ001]``
also matches the id ``q4_sq001``).  A multiple-response question may instead have one column per
option (``Q5[SQ001]`` …, ``q5_1`` …), found by option id, label or position.

Values are matched to options by option id or label, by the codes in ``responses.columns[].values``
and, for SPSS files, by the value labels stored in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bejegening.io._identifying import identifying_kind
from bejegening.io._messages import did_you_mean
from bejegening.io._readers._formats import Preset
from bejegening.io._readers._table import RawTable
from bejegening.io._readers._text import norm, shorten
from bejegening.model import (
    ITEM_SEPARATOR,
    ColumnMap,
    Item,
    Problem,
    Question,
    QuestionType,
    ResponsesSpec,
    Severity,
)

__all__ = ["CHECKED", "UNCHECKED", "Mapping", "QuestionSource", "item_keys", "resolve"]

CHECKED = frozenset(
    {"y", "yes", "ja", "j", "1", "x", "true", "waar", "✓", "v", "aangevinkt", "checked", "selected"}
    | {"geselecteerd", "genoemd", "mentioned", "gekozen"}
)
"""Values of a ticked box in a column per option (compared after :func:`norm`)."""
UNCHECKED = frozenset(
    {"n", "no", "nee", "0", "false", "onwaar", "niet aangevinkt", "not checked", "not selected"}
    | {"niet geselecteerd", "niet genoemd", "not mentioned", "niet gekozen"}
)
"""Values of an empty box in a column per option (compared after :func:`norm`)."""

RESERVED = ("respondent", "weight")
"""Column names of the wide frame that are not question or background ids."""

Loc = tuple[str | int, ...]


@dataclass
class QuestionSource:
    """Where the answers to one question are, and how values map to option ids."""

    question: Question
    column: int | None = None
    option_columns: dict[str, int] = field(default_factory=dict)
    category_columns: list[int] = field(default_factory=list)
    """Multiple response with one chosen answer per column (an SPSS multiple-category set)."""
    lookup: dict[str, str] = field(default_factory=dict)
    """Normalised value (id, label, code) → option id."""
    separators: tuple[str, ...] = ()
    value_labels: dict[str, str] = field(default_factory=dict)
    """SPSS value labels of the column (code → label), for messages and option columns."""
    other: str | None = None
    """Option that takes any value that matches no option (free "Anders" text)."""


@dataclass
class Mapping:
    """Result of :func:`resolve`: sources per question and the other columns used."""

    sources: list[QuestionSource]
    respondent: int | None
    weight: int | None
    background: dict[str, int]
    problems: list[Problem]


def _header_index(raw: RawTable) -> dict[str, list[int]]:
    """Normalised name → columns: the header, its first line (Microsoft Forms puts description
    lines below the question), ``Q4[SQ001]`` as ``q4_sq001``, and the column labels (SPSS variable
    labels, Qualtrics' question-text row) when no header has that name."""
    index: dict[str, list[int]] = {}
    for i, name in enumerate(raw.header):
        keys = {norm(name)}
        lines = name.strip().splitlines()
        if len(lines) > 1:
            keys.add(norm(lines[0]))
        bracket = re.fullmatch(r"(.+?)\[(.+)\]", name.strip())
        if bracket:
            keys.add(norm(f"{bracket.group(1)}_{bracket.group(2)}"))
        for key in keys:
            index.setdefault(key, []).append(i)
    headers = set(index)
    for i, label in raw.column_labels.items():
        key = norm(label)
        if key not in headers:
            index.setdefault(key, []).append(i)
    return index


def _question_keys(question: Question) -> list[str]:
    keys = [norm(question.id), norm(question.id.replace("-", "_"))]
    if question.number:
        keys.append(norm(question.number))
    keys.append(norm(question.text))
    return list(dict.fromkeys(keys))


def _option_lookup(question: Question) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for option in question.options:
        lookup.setdefault(norm(option.label), option.id)
    for option in question.options:
        lookup[norm(option.id)] = option.id
    return lookup


OTHER_CODES = frozenset({"-oth-", "other", "anders", "overig", "overige"})
"""LimeSurvey's code and column suffix of "Anders, namelijk", and common names of that option."""


def other_option(question: Question) -> str | None:
    """The question's "Anders"/"Other" option (by id or label), if it has one."""
    for option in question.options:
        for text in (option.id, option.label):
            key = norm(text).replace("_", "-")
            first = re.split(r"[\s,(:-]+", key.strip("-"))[0] if key else ""
            if first in OTHER_CODES:
                return option.id
    return None


def _option_by_suffix(question: Question, suffix: str) -> str | None:
    """Option of a per-option column ``q5[SQ002]`` / ``q5_2`` / ``q5[goed]`` / ``q5[other]``."""
    lookup = _option_lookup(question)
    key = norm(suffix)
    if key in lookup:
        return lookup[key]
    if key in OTHER_CODES:
        return other_option(question)
    position = re.fullmatch(r"(?:sq|a)?0*(\d+)", key)
    ordered = question.ordered_options()
    if position and 1 <= int(position.group(1)) <= len(ordered):
        return ordered[int(position.group(1)) - 1].id
    return None


def _auto_option_columns(question: Question, raw: RawTable) -> dict[str, int]:
    keys = set(_question_keys(question))
    found: dict[str, int] = {}
    for i, name in enumerate(raw.header):
        text = name.strip()
        match = re.fullmatch(r"(.+?)\s*\[(.+)\]", text) or re.fullmatch(r"(.+)_([^_]+)", text)
        if not match or norm(match.group(1)) not in keys:
            continue
        option = _option_by_suffix(question, match.group(2))
        if option is not None and option not in found:
            found[option] = i
    return found


class _Resolver:
    def __init__(
        self,
        raw: RawTable,
        spec: ResponsesSpec,
        preset: Preset,
        survey_file: str,
        line_of: Callable[[Loc], int | None],
    ) -> None:
        self.raw = raw
        self.spec = spec
        self.preset = preset
        self.survey_file = survey_file
        self.line_of = line_of
        self.index = _header_index(raw)
        self.problems: list[Problem] = []
        self.used: set[int] = set()

    def yaml_problem(self, loc: Loc, message: str, value: object = None) -> None:
        field_name = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
        self.problems.append(
            Problem(
                file=self.survey_file, line=self.line_of(loc), field=field_name, value=value, message=message
            )
        )

    def header_problem(
        self, field: str, value: str | None, message: str, severity: Severity = Severity.error
    ) -> None:
        """A problem with the header row of the answers file (its spreadsheet row)."""
        row = self.raw.header_row if self.raw.header_row > 0 else None
        self.problems.append(
            Problem(file=self.raw.file, row=row, field=field, value=value, message=message, severity=severity)
        )

    def missing_column(self, column: str, why: str) -> None:
        self.header_problem(column, column, f"kolom ontbreekt{did_you_mean(column, self.raw.header)}; {why}")

    def find(self, name: str, why: str) -> int | None:
        """Index of the column with this header, or a problem when it is absent or repeated."""
        hits = self.index.get(norm(name), [])
        if not hits:
            self.missing_column(name, why)
            return None
        if len(set(hits)) > 1:
            self.header_problem(
                name, name, f"kolomnaam komt {len(set(hits))} keer voor in de kopregel; maak de namen uniek"
            )
            return None
        self.used.add(hits[0])
        return hits[0]

    def auto_column(self, question: Question) -> int | None:
        """The column of a question found by id, number or text; -1 when several fit."""
        for key in _question_keys(question):
            hits = sorted(set(self.index.get(key, [])))
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                self.header_problem(
                    self.raw.header[hits[0]],
                    self.raw.header[hits[0]],
                    f"{len(hits)} kolommen passen bij vraag {question.id}; kies er één in "
                    "survey.yaml onder responses.columns",
                )
                return -1
        text = norm(question.text)
        labelled = [i for i, label in self.raw.column_labels.items() if norm(label) == text]
        return labelled[0] if len(labelled) == 1 else None


def _entry_loc(spec: ResponsesSpec, entry: ColumnMap) -> Loc:
    return ("responses", "columns", spec.columns.index(entry))


def resolve(
    raw: RawTable,
    spec: ResponsesSpec,
    questions: Sequence[Question],
    preset: Preset,
    *,
    survey_file: str,
    line_of: Callable[[Loc], int | None],
) -> Mapping:
    """Find every question's column(s) and build its value lookup; report what does not fit."""
    r = _Resolver(raw, spec, preset, survey_file, line_of)
    by_id = {q.id: q for q in questions}
    seen: set[str] = set()
    for listed in spec.columns:
        loc = _entry_loc(spec, listed)
        if listed.question not in by_id:
            r.yaml_problem(
                (*loc, "question"),
                f"onbekende vraag{did_you_mean(listed.question, by_id)}; verwacht een id uit questions",
                listed.question,
            )
        elif listed.question in seen:
            r.yaml_problem(
                (*loc, "question"), "vraag staat meer dan eens onder responses.columns", listed.question
            )
        seen.add(listed.question)
    clashes = set(spec.background) & (set(by_id) | set(RESERVED))
    for name in sorted(clashes):
        r.yaml_problem(
            ("responses", "background", name),
            "naam van een achtergrondkenmerk is al een vraag-id of gereserveerd (respondent, weight)",
            name,
        )
    for name in sorted(set(by_id) & set(RESERVED)):
        r.yaml_problem(("questions",), f"vraag-id '{name}' is gereserveerd voor het antwoordenbestand", name)

    sources: list[QuestionSource] = []
    for question in questions:
        entry = spec.column_map(question.id)
        if entry is not None and entry.skip:
            continue
        if question.is_grid:
            sources += _grid_sources(r, question, entry)
            continue
        source = _source(r, question, entry)
        if source is not None:
            sources.append(source)

    respondent = _respondent_column(r)
    weight = (
        r.find(spec.weight_column, "survey.yaml noemt deze kolom als responses.weight_column")
        if spec.weight_column
        else None
    )
    background: dict[str, int] = {}
    for name, column in spec.background.items():
        found = r.find(column, f"survey.yaml noemt deze kolom als achtergrondkenmerk '{name}'")
        if found is not None:
            background[name] = found
    _unused_columns(r)
    _refuse_identifying(r, sources, background)
    return Mapping(sources, respondent, weight, background, r.problems)


def _refuse_identifying(r: _Resolver, sources: list[QuestionSource], background: dict[str, int]) -> None:
    """Columns with names, e-mail or IP addresses are never published as text or group labels."""
    uses = [
        (s.column, f"de open vraag {s.question.id}")
        for s in sources
        if s.question.type is QuestionType.open and s.column is not None
    ] + [(index, f"het achtergrondkenmerk '{name}'") for name, index in background.items()]
    for index, use in uses:
        header = r.raw.header[index]
        kind = identifying_kind(header)
        if kind is None:
            continue
        r.header_problem(
            header,
            header,
            f"deze kolom bevat persoonsgegevens ({kind}) en wordt nooit gebruikt; hij kan geen bron "
            f"zijn voor {use}, want de site zou de waarden publiceren. Koppel {use} aan een andere "
            "kolom in survey.yaml (responses.columns of responses.background), of zet de vraag "
            "daar op skip: true",
        )


def _respondent_column(r: _Resolver) -> int | None:
    if r.spec.respondent_column:
        return r.find(
            r.spec.respondent_column, "survey.yaml noemt deze kolom als responses.respondent_column"
        )
    for name in r.preset.respondent:
        hits = sorted(set(r.index.get(name, [])))
        if len(hits) == 1:
            r.used.add(hits[0])
            return hits[0]
    return None


def _multiple_only(r: _Resolver, question: Question, entry: ColumnMap, key: str) -> bool:
    """Whether ``key`` (``option_columns``, ``category_columns``) fits the question; else a problem.

    Both map several columns onto the options of one question, so they belong only to a
    multiple-response question.
    """
    if question.type is QuestionType.multiple:
        return True
    r.yaml_problem((*_entry_loc(r.spec, entry), key), f"{key} hoort alleen bij een meerkeuzevraag (multiple)")
    return False


def _known_option(
    r: _Resolver, question: Question, loc: Loc, option: str, *, list_options: bool = False
) -> bool:
    """Whether ``option``, an option id ``survey.yaml`` names at ``loc``, is one of the question's.

    Else a problem at ``loc`` with the closest id (and, with ``list_options``, every id).
    """
    options = {o.id for o in question.options}
    if option in options:
        return True
    expected = f"; verwacht een van: {', '.join(sorted(options))}" if list_options else ""
    r.yaml_problem(
        loc, f"onbekende optie{did_you_mean(option, options)} voor vraag {question.id}{expected}", option
    )
    return False


def _source(r: _Resolver, question: Question, entry: ColumnMap | None) -> QuestionSource | None:
    source = QuestionSource(question=question)
    closed = question.type in (QuestionType.single, QuestionType.likert, QuestionType.multiple)
    if entry is not None and entry.option_columns is not None:
        if not _multiple_only(r, question, entry, "option_columns"):
            return None
        loc = _entry_loc(r.spec, entry)
        for option, column in entry.option_columns.items():
            if not _known_option(r, question, (*loc, "option_columns", option), option):
                continue
            found = r.find(
                column, f"survey.yaml koppelt deze kolom aan optie '{option}' van vraag {question.id}"
            )
            if found is not None:
                source.option_columns[option] = found
        if len(source.option_columns) != len(entry.option_columns):
            return None
    elif entry is not None and entry.category_columns is not None:
        if not _multiple_only(r, question, entry, "category_columns"):
            return None
        why = f"survey.yaml koppelt deze kolom aan vraag {question.id} (category_columns)"
        found_all = [r.find(column, why) for column in entry.category_columns]
        if any(index is None for index in found_all) or not found_all:
            return None
        source.category_columns = [index for index in found_all if index is not None]
    elif entry is not None and entry.column is not None:
        found = r.find(entry.column, f"survey.yaml koppelt deze kolom aan vraag {question.id}")
        if found is None:
            return None
        source.column = found
    else:
        found = r.auto_column(question)
        if found == -1:
            return None
        if found is None and question.type is QuestionType.multiple:
            source.option_columns = _auto_option_columns(question, r.raw)
            r.used.update(source.option_columns.values())
            other = other_option(question)
            if other is not None and other in source.option_columns:
                source.other = other  # its column holds the free text of "Anders, namelijk"
        if found is None and not source.option_columns:
            expected = [f"'{question.id}'"]
            if question.number:
                expected.append(f"'{question.number}'")
            expected.append(f"de vraagtekst '{shorten(question.text)}'")
            r.header_problem(
                question.id,
                None,
                f"geen kolom gevonden voor vraag {question.id}"
                f"{did_you_mean(question.text, r.raw.header)}; verwacht een kolom "
                f"{', '.join(expected[:-1])} of {expected[-1]}. Zet de kolom in survey.yaml "
                "onder responses.columns, of zet daar skip: true als de vraag niet in het "
                "bestand staat",
            )
            return None
        if found is not None:
            r.used.add(found)
            source.column = found
    if not closed:
        return source
    return _with_values(r, source, entry)


def _with_values(r: _Resolver, source: QuestionSource, entry: ColumnMap | None) -> QuestionSource:
    """Fill the value lookup of a closed question's source: labels, ids, SPSS labels, codes."""
    question = source.question
    source.lookup = _option_lookup(question)
    other = other_option(question)
    if other is not None:
        source.lookup.setdefault("-oth-", other)  # LimeSurvey's code for "Anders, namelijk"
    for index in [source.column] if source.column is not None else source.category_columns:
        labels = dict(r.raw.value_labels.get(index, {}))
        source.value_labels = {**labels, **source.value_labels}
        for code, label in labels.items():
            labelled = source.lookup.get(norm(label))
            if labelled is not None:
                source.lookup.setdefault(norm(code), labelled)
    if entry is not None:
        loc = _entry_loc(r.spec, entry)
        for code, option in entry.values.items():
            if not _known_option(r, question, (*loc, "values", code), option, list_options=True):
                continue
            source.lookup[norm(code)] = option
    if (
        entry is not None
        and entry.other is not None
        and _known_option(r, question, (*_entry_loc(r.spec, entry), "other"), entry.other)
    ):
        source.other = entry.other
    separators = (entry.separator if entry else None) or r.spec.separator
    source.separators = (separators,) if separators else r.preset.separators
    return source


def item_keys(question: Question, item: Item, position: int) -> list[str]:
    """Headers that name a grid item's column, most specific first (all after :func:`norm`)."""
    prefixes = [norm(question.id), norm(question.id.replace("-", "_"))]
    if question.number:
        prefixes.append(norm(question.number))
    keys: list[str] = []
    for prefix in dict.fromkeys(prefixes):
        keys += [
            norm(f"{prefix}_{item.id}"),
            norm(f"{prefix}_{item.id.replace('-', '_')}"),
            norm(f"{prefix}_{position}"),
            norm(f"{prefix}_sq{position:03d}"),
        ]
    if item.number:
        keys.append(norm(item.number))
    for joiner in (" - ", " [", ": ", "."):
        closing = "]" if joiner == " [" else ""
        keys.append(norm(f"{question.text}{joiner}{item.text}{closing}"))
    keys.append(norm(item.text))
    return list(dict.fromkeys(keys))


def _grid_sources(r: _Resolver, question: Question, entry: ColumnMap | None) -> list[QuestionSource]:
    """One source per item of a grid question (each item is answered in a column of its own)."""
    item_ids = {item.id for item in question.items}
    listed: dict[str, str] = {}
    if entry is not None:
        loc = _entry_loc(r.spec, entry)
        if entry.column is not None or entry.option_columns is not None or entry.category_columns is not None:
            wrong = (
                "column"
                if entry.column is not None
                else "option_columns"
                if entry.option_columns is not None
                else "category_columns"
            )
            r.yaml_problem(
                (*loc, wrong),
                f"vraag {question.id} is een matrix met items; koppel de kolommen per item onder "
                "item_columns (item-id: kolomnaam)",
            )
            return []
        for item_id, column in (entry.item_columns or {}).items():
            if item_id in item_ids:
                listed[item_id] = column
            else:
                r.yaml_problem(
                    (*loc, "item_columns", item_id),
                    f"onbekend item{did_you_mean(item_id, item_ids)} van vraag {question.id}; "
                    f"verwacht een van: {', '.join(item.id for item in question.items)}",
                    item_id,
                )
    sources: list[QuestionSource] = []
    for position, (item, answered) in enumerate(
        zip(question.items, question.item_questions(), strict=True), 1
    ):
        if item.id in listed:
            found = r.find(
                listed[item.id],
                f"survey.yaml koppelt deze kolom aan item '{item.id}' van vraag {question.id}",
            )
        else:
            found = _auto_item_column(r, question, item, position)
        if found is None:
            continue
        r.used.add(found)
        sources.append(_with_values(r, QuestionSource(question=answered, column=found), entry))
    return sources


def _auto_item_column(r: _Resolver, question: Question, item: Item, position: int) -> int | None:
    for key in item_keys(question, item, position):
        hits = sorted(set(r.index.get(key, [])) - r.used)
        if len(hits) == 1:
            return hits[0]
    r.header_problem(
        f"{question.id}{ITEM_SEPARATOR}{item.id}",
        None,
        f"geen kolom gevonden voor item '{item.id}' ({shorten(item.text)}) van vraag {question.id}"
        f"{did_you_mean(item.text, r.raw.header)}; verwacht een kolom '{question.id}_{item.id}', "
        f"'{question.id}_{position}' of de stelling als kolomnaam. Zet de kolom in survey.yaml "
        f"onder responses.columns (question: {question.id}, item_columns: {{{item.id}: kolomnaam}})",
    )
    return None


def column_label(raw: RawTable, index: int) -> str:
    """How messages name a column: its header, or ``kolom N`` (1-based) when the header is empty."""
    return raw.header[index] or f"kolom {index + 1}"


def _unused_columns(r: _Resolver) -> None:
    ignored = {norm(c) for c in r.spec.ignore_columns} | set(r.preset.metadata)
    unused = [
        i
        for i, name in enumerate(r.raw.header)
        if i not in r.used and norm(name) not in ignored and norm(column_label(r.raw, i)) not in ignored
    ]
    if not unused:
        return
    if r.spec.ignore_unmapped_columns:
        names = [column_label(r.raw, i) for i in unused]
        shown = ", ".join(f"'{shorten(n, 40)}'" for n in names[:10]) + (", …" if len(names) > 10 else "")
        r.header_problem(
            "responses.ignore_unmapped_columns",
            None,
            f"{len(unused)} {'kolom hoort' if len(unused) == 1 else 'kolommen horen'} bij geen vraag en "
            f"{'wordt' if len(unused) == 1 else 'worden'} niet gebruikt ({shown}); zo ingesteld met "
            "responses.ignore_unmapped_columns: true",
            Severity.warning,
        )
        return
    for i in unused:
        name = column_label(r.raw, i)
        r.header_problem(
            name,
            r.raw.header[i],
            "kolom hoort bij geen vraag en wordt niet gebruikt; koppel hem in survey.yaml aan een "
            f"vraag (responses.columns), zet '{name}' onder responses.ignore_columns, of zet "
            "responses.ignore_unmapped_columns: true om alle kolommen zonder vraag over te slaan",
            Severity.warning,
        )
