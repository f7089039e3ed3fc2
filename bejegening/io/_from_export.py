"""``bejegening init DIR --from EXPORT``: a survey folder written from a survey tool's export.

What the export already says is not typed again: question texts (headers, SPSS variable labels,
Qualtrics' question row), options (SPSS value labels, else the answers found), which columns are
the tool's metadata and respondent id, multiple-response groups (one column per option, or
answers joined in one cell), Likert grids (a statement per column on one shared scale) and the
fieldwork dates (the first and last time stamp). The folder gets ``survey.yaml`` with Dutch
comments on what still needs the council's eye, and a copy of the export (microdata: never
published). The folder validates and builds as written.

Column analysis (per export, after :func:`~bejegening.io._readers.read_table` found the header):

- metadata and respondent columns: the tool's conventions (:mod:`._formats`) and time stamps;
- groups: columns ``stem [sub]``, ``stem - sub`` (also in the column labels), ``stem: sub``
  (SPSS variable labels) or ``name_1``, ``name_2`` next to each other form one question: a
  multiple-response question when the cells are tick marks (Y/1/Ja/x/the sub label; one
  "Anders" column may hold free text), otherwise a grid on the shared options;
- single columns: SPSS value labels give the options (declared-missing labelled codes become
  non-substantive options); numbers with many distinct values are numeric; cells joined by the
  tool's separator are a multiple-response question; up to 15 distinct answers a single or Likert
  question (Likert when the labels form a known Dutch scale), otherwise open.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl
import yaml

from bejegening.io._readers import read_table
from bejegening.io._readers._formats import detect_format, preset
from bejegening.io._readers._limits import DEFAULT_LIMITS, long_cell_message
from bejegening.io._readers._lss import (
    ARRAY_TYPES,
    MULTIPLE_TYPES,
    NUMERIC_TYPES,
    SINGLE_TYPES,
    TEXT_TYPES,
    LssQuestion,
    read_lss,
)
from bejegening.io._readers._mapping import CHECKED, OTHER_CODES, UNCHECKED
from bejegening.io._readers._table import RawTable, ResponseSet, column_name
from bejegening.io._readers._text import norm
from bejegening.io._scaffold import survey_id_for
from bejegening.model import DataError, Problem, ResponseFormat, ResponsesSpec

__all__ = ["survey_from_export"]

MAX_OPTIONS = 15
"""A column with more distinct answers than this is an open (or numeric) question."""

SCALES: tuple[tuple[str, ...], ...] = (
    ("zeer tevreden", "tevreden", "neutraal", "ontevreden", "zeer ontevreden"),
    ("helemaal eens", "eens", "neutraal", "oneens", "helemaal oneens"),
    ("helemaal mee eens", "mee eens", "neutraal", "mee oneens", "helemaal mee oneens"),
    ("zeer goed", "goed", "neutraal", "slecht", "zeer slecht"),
    ("altijd", "meestal", "soms", "zelden", "nooit"),
)
"""Known Dutch answer scales, most positive first (a Likert question when the labels fit one)."""

NON_SUBSTANTIVE = frozenset(
    {"weet niet", "weet ik niet", "geen mening", "geen antwoord", "n.v.t.", "nvt", "niet van toepassing"}
    | {"wil ik niet zeggen", "zeg ik liever niet"}
)

_TOOLS = {
    ResponseFormat.sav: "SPSS",
    ResponseFormat.limesurvey: "LimeSurvey",
    ResponseFormat.qualtrics: "Qualtrics",
    ResponseFormat.surveymonkey: "SurveyMonkey",
    ResponseFormat.google_forms: "Google Forms",
    ResponseFormat.microsoft_forms: "Microsoft Forms",
    ResponseFormat.csv: "CSV",
    ResponseFormat.xlsx: "Excel",
}
_TIME_NAMES = frozenset(
    {"startdate", "enddate", "recordeddate", "start date", "end date", "submitdate", "datestamp"}
    | {"date submitted", "startdatum", "datum verstuurd", "tijdstempel", "timestamp", "begintijd"}
    | {"starttijd", "start time", "completion time", "tijdstip van voltooien", "tijd van voltooien"}
)
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %I:%M:%S %p",
    "%Y/%m/%d %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y",
)


@dataclass
class _Column:
    index: int
    header: str
    text: str
    """The question text this column carries (label, first header line, or header)."""
    counts: Counter[str]
    labels: dict[str, str] = field(default_factory=dict)
    missing: frozenset[str] = frozenset()
    measure: str = "unknown"


@dataclass
class _Question:
    data: dict[str, Any]
    column: dict[str, Any] | None
    comments: list[str]


def _slug(text: str, limit: int = 40) -> str:
    ascii_text = survey_id_for(text)
    if len(ascii_text) <= limit:
        return ascii_text or "x"
    cut = ascii_text[:limit].rsplit("-", 1)[0]
    return cut or ascii_text[:limit]


def _is_code(name: str) -> bool:
    """A variable name (``Q1``, ``q2_3``, ``tevr``) rather than a text."""
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,15}", name)) and (
        bool(re.search(r"[0-9_]", name)) or name.islower()
    )


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _scale(labels: list[str]) -> tuple[str, ...] | None:
    keys = {norm(label) for label in labels} - NON_SUBSTANTIVE
    for scale in SCALES:
        if len(keys) >= 3 and keys <= set(scale):
            return scale
    return None


def _options(
    labels: list[str], codes: dict[str, str] | None = None, missing: frozenset[str] = frozenset()
) -> tuple[list[dict[str, Any]], str]:
    """Options (id, label, valence, score) in questionnaire order, and ``single``/``likert``."""
    scale = _scale(labels)
    if scale is not None and not codes:  # answers found: complete the known scale
        present = {norm(label) for label in labels}
        labels = [*labels, *(point[0].upper() + point[1:] for point in scale if point not in present)]
    taken: set[str] = set()
    out: list[dict[str, Any]] = []
    if scale is not None:
        ranked = sorted(labels, key=lambda label: scale.index(norm(label)) if norm(label) in scale else 99)
    elif codes:
        ranked = list(labels)
    else:
        ranked = sorted(labels, key=lambda label: (norm(label) in NON_SUBSTANTIVE, norm(label)))
    for label in ranked:
        option: dict[str, Any] = {"id": _unique(_slug(label, 30), taken), "label": label}
        key = norm(label)
        code = next((c for c, lab in (codes or {}).items() if lab == label), None)
        if key in NON_SUBSTANTIVE or (code is not None and code in missing):
            option["valence"] = "non_substantive"
        elif scale is not None and key in scale:
            position = scale.index(key)
            option["valence"] = "positive" if position < 2 else "neutral" if position == 2 else "negative"
            option["score"] = 5 - position
        out.append(option)
    return out, "likert" if scale is not None else "single"


def _long_cells(raw: RawTable, frame: pl.DataFrame, names: list[str]) -> list[Problem]:
    """A Dutch error for the first cell past the cell limit in each column (never written into
    survey.yaml as a question text or option label)."""
    limit = DEFAULT_LIMITS.cell_chars
    problems = []
    for i, name in enumerate(names):
        lengths = frame[name].str.len_chars().fill_null(0)
        longest = lengths.max()
        if not isinstance(longest, int) or longest <= limit:
            continue
        first = int((lengths > limit).arg_true()[0])
        problems.append(
            Problem(
                file=raw.file,
                row=raw.row_of(first + 1),
                field=raw.header[i] or f"kolom {i + 1}",
                value=frame[name][first],
                message=long_cell_message(DEFAULT_LIMITS),
            )
        )
    return problems


def _columns(raw: RawTable) -> list[_Column]:
    names = [column_name(i) for i in range(len(raw.header))]
    frame = raw.frame.select(names).collect() if names else pl.DataFrame()
    too_long = _long_cells(raw, frame, names)
    if too_long:
        raise DataError(too_long)
    out = []
    for i, header in enumerate(raw.header):
        values = [v.strip() for v in frame[names[i]].to_list() if v is not None and v.strip()]
        text = raw.column_labels.get(i) or (header.strip().splitlines()[0] if header.strip() else "")
        text = re.sub(r"\s+-\s+Selected Choice$", "", text.strip())  # Qualtrics' multi-select label
        out.append(
            _Column(
                i,
                header,
                text.strip(),
                Counter(values),
                dict(raw.value_labels.get(i, {})),
                raw.missing_codes.get(i, frozenset()),
                raw.measures.get(i, "unknown"),
            )
        )
    return out


def _stem(column: _Column) -> tuple[str, str] | None:
    """(question stem, sub label) when the column is one part of a group."""
    for text in (column.header, column.text):
        match = re.fullmatch(r"(.+?)\s*\[(.+)\]", text.strip(), flags=re.S)
        if match:
            return match.group(1).strip(), match.group(2).strip()
        if " - " in text:
            stem, sub = text.split(" - ", 1)
            return stem.strip(), sub.strip()
    if ": " in column.text and column.labels is not None:
        stem, sub = column.text.split(": ", 1)
        return stem.strip(), sub.strip()
    match = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*)_(\d+)", column.header.strip())
    if match:
        return match.group(1), column.text or column.header
    return None


def _groups(columns: list[_Column]) -> list[list[_Column]]:
    """Neighbouring columns with the same stem form one group; others stand alone."""
    groups: list[list[_Column]] = []
    previous: str | None = None
    for column in columns:
        stem = _stem(column)
        key = norm(stem[0]) if stem else None
        if key is not None and key == previous:
            groups[-1].append(column)
        else:
            groups.append([column])
        previous = key
    return groups


def _scale_of(column: _Column) -> tuple[str, ...] | None:
    if column.labels or _stem(column) is not None or not column.counts:
        return None
    return _scale(list(column.counts))


def _scale_runs(groups: list[list[_Column]]) -> list[list[_Column]]:
    """Neighbouring single columns answered on one known scale (statements of a grid whose
    question text the export left out, as Microsoft Forms does) become one group."""
    out: list[list[_Column]] = []
    for group in groups:
        scale = _scale_of(group[0]) if len(group) == 1 else None
        previous = out[-1] if out else None
        if scale is not None and previous is not None and all(_scale_of(m) == scale for m in previous):
            previous.append(group[0])
        else:
            out.append(list(group))
    return out


def _ticks(column: _Column, sub: str) -> bool:
    values = {norm(v) for v in column.counts}
    labels = {norm(label) for label in column.labels.values()}
    allowed = CHECKED | UNCHECKED | {norm(sub), "gekozen", "niet gekozen"}
    return values <= allowed and (not labels or labels <= allowed | {norm(sub)})


def _tick_codes(column: _Column) -> bool:
    return {norm(v) for v in column.counts} <= CHECKED | UNCHECKED


@dataclass
class _Builder:
    raw: RawTable
    fmt: ResponseFormat
    ids: set[str] = field(default_factory=set)
    questions: list[_Question] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def question_id(self, name: str, text: str) -> str:
        """The export's variable name (``Q1``, ``tevr``) as id, else one made from the text."""
        name = name.strip()
        base = name.lower() if _is_code(name) else _slug(text)
        return _unique(_slug(base), self.ids)

    def group(self, members: list[_Column]) -> None:
        stems = [_stem(m) for m in members]
        first = stems[0]
        stem = first if first is not None else ("NOG INVULLEN: de vraag boven deze stellingen", "")
        subs = [s[1] if s is not None else (m.text or m.header) for s, m in zip(stems, members, strict=True)]
        others = [i for i, sub in enumerate(subs) if norm(sub).split(" ")[0].strip("(") in OTHER_CODES]
        ticks = [i for i, m in enumerate(members) if _ticks(m, subs[i])]
        text = stem[0] if not _is_code(stem[0]) else (members[0].text.split(": ")[0] or stem[0])
        numbered = {re.sub(r"_\d+$", "", m.header.strip()) for m in members if re.search(r"_\d+$", m.header)}
        hint = numbered.pop() if len(numbered) == 1 and len(members) > 1 else stem[0]
        qid = self.question_id(hint, text) if first is not None else _unique("stellingen", self.ids)
        if len(ticks) + len([i for i in others if i not in ticks]) == len(members) and ticks:
            taken: set[str] = set()
            options = []
            option_columns = {}
            other = None
            for i, member in enumerate(members):
                option = {"id": _unique(_slug(subs[i], 30), taken), "label": subs[i]}
                options.append(option)
                option_columns[option["id"]] = member.header
                if i in others and i not in ticks:
                    other = option["id"]
            column: dict[str, Any] = {"question": qid, "option_columns": option_columns}
            if other is not None:
                column["other"] = other
            self.questions.append(
                _Question(
                    {
                        "id": qid,
                        "text": text,
                        "type": "multiple",
                        "options_complete": True,
                        "options": options,
                    },
                    column,
                    [f"Meerkeuzevraag uit de kolommen {', '.join(repr(m.header) for m in members)}."],
                )
            )
            return
        labels = _observed(members)
        options, qtype = _options(labels, members[0].labels or None, members[0].missing)
        taken = set()
        items = [{"id": _unique(_slug(sub, 30), taken), "text": sub} for sub in subs]
        data = {
            "id": qid,
            "text": text,
            "type": qtype,
            "options_complete": bool(members[0].labels),
            "options": options,
            "items": items,
        }
        self.questions.append(
            _Question(
                data,
                {
                    "question": qid,
                    "item_columns": {item["id"]: m.header for item, m in zip(items, members, strict=True)},
                },
                [
                    f"Matrixvraag (stellingen op één schaal) uit {len(members)} kolommen.",
                    *_option_comment(members[0]),
                ],
            )
        )

    def response_set(self, declared: ResponseSet, members: list[_Column]) -> None:
        """An SPSS multiple-response set: one multiple question. A dichotomy set has an option per
        variable (its label, without the question text in front, as SPSS' CATEGORYLABELS=VARLABELS);
        a category set's variables each hold one chosen code (options from their value labels)."""
        stems = [_stem(m) for m in members]
        text = (
            declared.label
            or next((s[0] for s in stems if s is not None), "")
            or "NOG INVULLEN: de vraag van deze meerkeuzeset"
        )
        qid = self.question_id(declared.name, text)
        if declared.kind == "category":
            self._category_set(declared, members, qid, text)
            return
        taken: set[str] = set()
        options: list[dict[str, Any]] = []
        option_columns: dict[str, str] = {}
        for member, stem in zip(members, stems, strict=True):
            label = stem[1] if stem is not None else (member.text or member.header)
            if declared.counted_labels and declared.counted is not None:
                label = member.labels.get(declared.counted) or label  # CATEGORYLABELS=COUNTEDVALUES
            if declared.label and norm(label).startswith(norm(declared.label)):
                label = label[len(declared.label) :].lstrip(" :-") or member.header
            option = {"id": _unique(_slug(label, 30), taken), "label": label}
            options.append(option)
            option_columns[option["id"]] = member.header
        comments = [
            f"Meerkeuzevraag uit de meerkeuzeset ${declared.name} van het SPSS-bestand "
            f"(kolommen {', '.join(repr(m.header) for m in members)})."
        ]
        counted = declared.counted
        if counted is not None and any(
            not ({norm(counted), norm(m.labels.get(counted, ""))} & CHECKED) for m in members
        ):
            comments.append(
                f"NOG NAKIJKEN: het SPSS-bestand telt de waarde {declared.counted} als gekozen; "
                "bejegening leest 1, Y, Ja of x als gekozen en 0, N, Nee of leeg als niet gekozen."
            )
        self.questions.append(
            _Question(
                {"id": qid, "text": text, "type": "multiple", "options_complete": True, "options": options},
                {"question": qid, "option_columns": option_columns},
                comments,
            )
        )

    def _category_set(self, declared: ResponseSet, members: list[_Column], qid: str, text: str) -> None:
        codes: dict[str, str] = {}
        missing: set[str] = set()
        for member in members:
            for code, label in member.labels.items():
                codes.setdefault(code, label)
            missing |= member.missing
        if codes:
            options, _ = _options(list(dict.fromkeys(codes.values())), codes, frozenset(missing))
            origin = ["Opties uit de waardelabels van het bestand."]
        else:
            options, _ = _options(_observed(members))
            origin = _option_comment(members[0])
        data = {
            "id": qid,
            "text": text,
            "type": "multiple",
            "options_complete": bool(codes),
            "options": options,
        }
        self.questions.append(
            _Question(
                data,
                {"question": qid, "category_columns": [m.header for m in members]},
                [
                    f"Meerkeuzevraag uit de meerkeuzeset ${declared.name} van het SPSS-bestand: elke kolom "
                    f"({', '.join(repr(m.header) for m in members)}) bevat één gekozen antwoord.",
                    *origin,
                ],
            )
        )

    def single(self, column: _Column) -> None:
        text = column.text or column.header
        qid = self.question_id(column.header, text)
        counts = column.counts
        measured = _measure_comment(column)
        if column.labels:
            codes = dict(column.labels)
            labels = list(codes.values())
            options, qtype = _options(labels, codes, column.missing)
            if column.measure == "scale" and _numbers_beyond_labels(column):
                self.add(qid, text, "numeric", column, [], comment=[*measured, *_coded_numbers(column)])
                return
            if column.measure == "nominal":
                qtype = "single"  # categories without an order: no Likert scale
            comment = [*_option_comment(column), *measured]
            if column.measure == "scale":
                comment.append(
                    "Elke waarde heeft een label, dus gelezen als keuzevraag. Is het een getal "
                    "(aantal, leeftijd), zet dan type: numeric en laat de opties weg."
                )
            self.add(qid, text, qtype, column, options, complete=True, comment=comment)
            return
        if not counts:
            self.ignored.append(column.header or f"kolom {column.index + 1}")
            return
        if column.measure == "scale" and all(_number(v) is not None for v in counts):
            self.add(qid, text, "numeric", column, [], comment=measured)
            return
        if column.measure in ("nominal", "ordinal") and len(counts) <= MAX_OPTIONS:
            options, qtype = _options(sorted(counts))
            if column.measure == "nominal":
                qtype = "single"
            self.add(qid, text, qtype, column, options, comment=[*_option_comment(column), *measured])
            return
        if _free_text(column):
            self.add(qid, text, "open", column, [])
            return
        if all(_number(v) is not None for v in counts) and (
            len(counts) > MAX_OPTIONS or any("." in v or "," in v for v in counts)
        ):
            self.add(qid, text, "numeric", column, [])
            return
        joined = (ResponseFormat.google_forms, ResponseFormat.microsoft_forms, ResponseFormat.qualtrics)
        separators = preset(self.fmt).separators if self.fmt in joined else ()
        parts = _split(counts, separators)
        if parts is not None:
            options, _ = _options(sorted(parts))
            self.add(qid, text, "multiple", column, options, comment=_option_comment(column))
            return
        if len(counts) <= MAX_OPTIONS:
            options, qtype = _options(sorted(counts))
            self.add(qid, text, qtype, column, options, comment=_option_comment(column))
            return
        self.add(qid, text, "open", column, [])

    def add(
        self,
        qid: str,
        text: str,
        qtype: str,
        column: _Column,
        options: list[dict[str, Any]],
        *,
        complete: bool = False,
        comment: list[str] | None = None,
    ) -> None:
        data: dict[str, Any] = {"id": qid, "text": text, "type": qtype, "options_complete": complete}
        if qtype in ("single", "likert", "multiple"):
            data["options"] = options
        else:
            data["options_complete"] = True
        self.questions.append(
            _Question(
                data,
                {"question": qid, "column": column.header},
                [f"Uit kolom {column.header!r}.", *(comment or [])],
            )
        )


def _lss_column(
    index: dict[str, str], question: LssQuestion, sub: str | None, sub_text: str = ""
) -> str | None:
    """The header of a question (or subquestion) in a code or full-text export, if present."""
    names = [question.code] if sub is None else [f"{question.code}[{sub}]", f"{question.code}_{sub}"]
    if sub is None:
        names.append(question.text)
    else:
        names.append(f"{question.text} [{sub_text}]")
    for name in names:
        if norm(name) in index:
            return index[norm(name)]
    return None


class _LssPart(NamedTuple):
    """A subquestion of a .lss question (an item of an array, an option of a multiple question)."""

    code: str
    id: str
    text: str
    header: str


def _lss_parts(
    index: dict[str, str], question: LssQuestion, subs: Iterable[tuple[str, str]], taken: set[str]
) -> list[_LssPart]:
    """The subquestions ``(code, text)`` that have a column in the export, each with a new id.

    The id is made from the text (else the code), unique within ``taken``; subquestions without a
    column are left out.
    """
    parts = []
    for code, text in subs:
        header = _lss_column(index, question, code, text)
        if header is not None:
            parts.append(_LssPart(code, _unique(_slug(text or code, 30), taken), text or code, header))
    return parts


def _lss_questions(builder: _Builder, structure: list[LssQuestion], columns: list[_Column]) -> set[int]:
    """Questions from the LimeSurvey structure file; returns the columns used."""
    index = {norm(c.header): c.header for c in columns}
    by_header = {c.header: c.index for c in columns}
    used: set[int] = set()
    for q in structure:
        qid = builder.question_id(q.code, q.text)
        taken: set[str] = set()
        answers = q.answers or ([("Y", "Ja"), ("N", "Nee")] if q.type == "Y" else [])
        if q.type in SINGLE_TYPES or q.type in ARRAY_TYPES:
            labels = [label for _, label in answers]
            options, qtype = _options(labels, {code: label for code, label in answers})
            values = {code: next(o["id"] for o in options if o["label"] == label) for code, label in answers}
            mapping: dict[str, Any] = {"question": qid, "values": values}
            data: dict[str, Any] = {"id": qid, "text": q.text, "type": qtype, "options_complete": True}
            if q.type in ARRAY_TYPES:
                parts = _lss_parts(index, q, q.subquestions, taken)
                if not parts:
                    continue
                used.update(by_header[part.header] for part in parts)
                data["options"] = options
                data["items"] = [{"id": part.id, "text": part.text} for part in parts]
                mapping["item_columns"] = {part.id: part.header for part in parts}
                comment = [f"Matrixvraag {q.code} uit het structuurbestand (.lss)."]
            else:
                header = _lss_column(index, q, None)
                if header is None:
                    continue
                if q.other:
                    options.append({"id": _unique("anders", {o["id"] for o in options}), "label": "Anders"})
                    other_text = by_header.get(index.get(norm(f"{q.code}[other]"), ""))
                    if other_text is not None:  # the free text of "Anders": not a question of its own
                        used.add(other_text)
                data["options"] = options
                mapping["column"] = header
                used.add(by_header[header])
                comment = [f"Vraag {q.code} uit het structuurbestand (.lss)."]
            builder.questions.append(_Question(data, mapping, comment))
        elif q.type in MULTIPLE_TYPES:
            subs = list(q.subquestions) + ([("other", "Anders")] if q.other else [])
            parts = _lss_parts(index, q, subs, taken)
            if not parts:
                continue
            used.update(by_header[part.header] for part in parts)
            options = [{"id": part.id, "label": part.text} for part in parts]
            mapping = {"question": qid, "option_columns": {part.id: part.header for part in parts}}
            other = next((part.id for part in parts if part.code == "other"), None)
            if other is not None:
                mapping["other"] = other
            data = {
                "id": qid,
                "text": q.text,
                "type": "multiple",
                "options_complete": True,
                "options": options,
            }
            builder.questions.append(
                _Question(data, mapping, [f"Meerkeuzevraag {q.code} uit het structuurbestand (.lss)."])
            )
        elif q.type in NUMERIC_TYPES or q.type in TEXT_TYPES:
            header = _lss_column(index, q, None)
            if header is None:
                continue
            used.add(by_header[header])
            kind = "numeric" if q.type in NUMERIC_TYPES else "open"
            builder.questions.append(
                _Question(
                    {"id": qid, "text": q.text, "type": kind, "options_complete": True},
                    {"question": qid, "column": header},
                    [f"Vraag {q.code} uit het structuurbestand (.lss)."],
                )
            )
    return used


def _response_sets(builder: _Builder, declared: tuple[ResponseSet, ...], columns: list[_Column]) -> set[int]:
    """One multiple question per SPSS multiple-response set; returns the columns used."""
    by_index = {c.index: c for c in columns}
    used: set[int] = set()
    for entry in declared:
        if any(i not in by_index or i in used for i in entry.columns):
            continue
        builder.response_set(entry, [by_index[i] for i in entry.columns])
        used.update(entry.columns)
    return used


def _observed(members: list[_Column]) -> list[str]:
    if members[0].labels:
        return list(members[0].labels.values())
    seen: set[str] = set()
    for member in members:
        seen.update(member.counts)
    return sorted(seen)


def _option_comment(column: _Column) -> list[str]:
    if column.labels:
        return ["Opties uit de waardelabels van het bestand."]
    return [
        "Opties zoals gevonden in de antwoorden: controleer ze met de vragenlijst en vul opties aan",
        "die niemand koos (zet dan options_complete: true).",
    ]


_MEASURES = {"nominal": "nominaal", "ordinal": "ordinaal", "scale": "schaal"}


def _measure_comment(column: _Column) -> list[str]:
    """The SPSS measurement level the type was taken from (nothing for other files)."""
    level = _MEASURES.get(column.measure)
    return [f"Meetniveau in het SPSS-bestand: {level}."] if level else []


def _numbers_beyond_labels(column: _Column) -> bool:
    """A numeric column whose value labels name only some values (``99 = "weet niet"`` on an
    age): a number question, not a choice between the labels."""
    labelled = {norm(code) for code in column.labels}
    found = [v for v in column.counts if norm(v) not in labelled]
    return bool(found) and all(_number(v) is not None for v in found)


def _coded_numbers(column: _Column) -> list[str]:
    """A note on labelled codes of a number question that the file does not declare missing."""
    codes = {c: label for c, label in column.labels.items() if c not in column.missing}
    if not codes:
        return []
    listed = ", ".join(f"{code} = {label!r}" for code, label in codes.items())
    return [
        f"NOG NAKIJKEN: de codes {listed} worden als getal gelezen. Betekenen ze 'geen antwoord', "
        "markeer ze dan in SPSS als ontbrekend (missing values) en exporteer opnieuw."
    ]


def _free_text(column: _Column) -> bool:
    """Answers in the respondents' own words: long, and hardly any repeated."""
    values = list(column.counts)
    if column.header.strip().lower().endswith("_text"):
        return True
    if len(values) < 2 or max(column.counts.values()) > 2:
        return False
    return sum(len(v) for v in values) / len(values) > 15


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _split(counts: Counter[str], separators: tuple[str, ...]) -> set[str] | None:
    """The parts of answers joined in one cell, when at least one cell holds several."""
    if not separators:
        return None
    pattern = "|".join(re.escape(s) for s in separators)
    parts: set[str] = set()
    joined = False
    for value in counts:
        pieces = [p.strip() for p in re.split(pattern, value) if p.strip()]
        joined = joined or len(pieces) > 1
        parts.update(pieces)
    if not joined or len(parts) > MAX_OPTIONS:
        return None
    return parts


def _parse_time(value: str) -> dt.date | None:
    text = re.sub(r"\s+(CET|CEST|UTC|GMT[+-]?\d*)$", "", value.strip())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _fieldwork(columns: list[_Column]) -> tuple[dt.date | None, dt.date | None]:
    dates = [
        date
        for column in columns
        if norm(column.header) in _TIME_NAMES
        for value in column.counts
        if (date := _parse_time(value)) is not None
    ]
    return (min(dates), max(dates)) if dates else (None, None)


def _dump(data: Any, indent: int = 0) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    pad = " " * indent
    return "".join(pad + line + "\n" for line in text.splitlines())


def survey_from_export(
    directory: str | Path,
    export: str | Path,
    *,
    survey_id: str | None = None,
    title: str | None = None,
    structure: str | Path | None = None,
) -> list[Path]:
    """Write a survey folder from a survey tool's export; returns the files written.

    ``directory`` must not exist or be empty; ``export`` is a CSV, Excel or SPSS file from SPSS,
    LimeSurvey, Qualtrics, SurveyMonkey, Google Forms, Microsoft Forms or a plain spreadsheet.
    The export is copied into the folder and ``survey.yaml`` written with every question, its
    options and the ``responses`` mapping (see the module docstring for how columns are read).
    ``structure`` is LimeSurvey's survey structure file (``.lss``): with it, question texts,
    answer labels (codes kept in ``values``), arrays (grids) and "Anders" come from the
    questionnaire itself, for an export with code or full-text headings.

    Raises :class:`~bejegening.DataError` (Dutch) when the folder is in use or the export cannot
    be read.
    """
    folder = Path(directory)
    source = Path(export)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DataError(
            [
                Problem(
                    file=str(folder),
                    message="map bestaat al en is niet leeg; kies een nieuwe mapnaam (niets overschreven)",
                )
            ]
        )
    spec = ResponsesSpec(file=source.name)
    raw = read_table(source, str(source), spec)
    if raw.fatal:
        raise DataError(list(raw.problems))
    fmt = detect_format(raw.kind, raw.header, raw.tool)
    conventions = preset(fmt)
    columns = _columns(raw)
    respondent = next((c for name in conventions.respondent for c in columns if norm(c.header) == name), None)
    metadata = set(conventions.metadata) | _TIME_NAMES
    builder = _Builder(raw, fmt)
    start, end = _fieldwork(columns)
    content = [c for c in columns if c is not respondent and norm(c.header) not in metadata]
    in_sets = _response_sets(builder, raw.response_sets, content)
    content = [c for c in content if c.index not in in_sets]
    if structure is not None:
        used = _lss_questions(builder, read_lss(Path(structure)), content)
        content = [c for c in content if c.index not in used]
    skipped_meta = [c.header for c in columns if c is not respondent and norm(c.header) in metadata]
    for members in _scale_runs(_groups(content)):
        if len(members) > 1:
            builder.group(members)
        else:
            builder.single(members[0])

    chosen_id = survey_id or survey_id_for(folder.resolve().name)
    tool = _TOOLS.get(fmt, "export")
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / source.name
    shutil.copyfile(source, copy)
    survey: dict[str, Any] = {
        "id": chosen_id,
        "title": title or f"Cliëntervaringen ({tool}-export {source.name})",
        "organisation": {"name": "NOG INVULLEN: naam van de sociale dienst"},
        "population": {"description": "NOG INVULLEN: wie kregen de vragenlijst?"},
        "sampling": None,
        "mode": "online"
        if fmt not in (ResponseFormat.sav, ResponseFormat.csv, ResponseFormat.xlsx)
        else None,
        "fieldwork_start": start.isoformat() if start else None,
        "fieldwork_end": end.isoformat() if end else None,
        "sources": [{"id": "eigen-enquete", "title": f"Antwoorden uit {tool} ({source.name})"}],
    }
    responses: dict[str, Any] = {"file": source.name}
    if raw.sheet is not None and len(raw.sheets) > 1:
        responses["sheet"] = raw.sheet
    if raw.header_row != 1 and raw.kind != "sav":
        responses["header_row"] = raw.header_row
    if respondent is not None:
        responses["respondent_column"] = respondent.header
    ignore = [name for name in skipped_meta if norm(name) not in conventions.metadata] + builder.ignored
    if ignore:
        responses["ignore_columns"] = ignore
    responses["columns"] = [q.column for q in builder.questions if q.column is not None]

    lines = [
        "# yaml-language-server: $schema=../schema/survey.schema.json",
        f"# survey.yaml, gemaakt door 'bejegening init --from' uit {source.name} ({tool}).",
        "# Alles hieronder komt uit het bestand zelf. Nog nakijken door de cliëntenraad:",
        "# - de regels met NOG INVULLEN (organisatie, doelgroep) en de titel;",
        "# - sampling (opt_in of probability) en mode (online, phone, paper, interview, mixed);",
        "# - bij elke vraag: de tekst (letterlijk uit de vragenlijst?), en bij opties 'zoals gevonden",
        "#   in de antwoorden': ontbreekt een optie die niemand koos?",
        "# Controleer daarna met: bejegening validate " + str(folder),
        "",
        "survey:",
        "  # Veldwerk: eerste en laatste tijdstempel in het bestand (null als het bestand er geen heeft).",
        _dump(survey, 2).rstrip("\n"),
        "",
        "questions:",
    ]
    for question in builder.questions:
        lines += [f"  # {comment}" for comment in question.comments]
        lines.append(_dump([question.data], 2).rstrip("\n"))
    lines += [
        "",
        "# Het antwoordenbestand (blijft privé: alleen de uitkomsten komen op de website).",
        "responses:",
        _dump(responses, 2).rstrip("\n"),
        "",
    ]
    target = folder / "survey.yaml"
    target.write_text("\n".join(lines), encoding="utf-8", newline="\n")
    return [target, copy]
