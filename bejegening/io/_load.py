"""Load survey folders into validated, immutable bundles; report every problem at once."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bejegening.io._csvtext import read_csv_text
from bejegening.io._messages import did_you_mean, model_fields_of_type, problems_from_validation
from bejegening.io._readers._text import norm
from bejegening.io._yaml import read_yaml
from bejegening.model import (
    Cause,
    DataError,
    Finding,
    Problem,
    Question,
    Recommendation,
    SampleDesign,
    Severity,
    Survey,
    SurveyFile,
    Theme,
)

if TYPE_CHECKING:
    import polars as pl

    from bejegening.io._readers import ResponsesData

__all__ = [
    "FINDING_COLUMNS",
    "SurveyBundle",
    "ValidationReport",
    "findings_frame",
    "load",
    "load_all",
    "survey_dirs",
    "validate",
]

SURVEY_FILE = "survey.yaml"

FINDING_COLUMNS: tuple[str, ...] = (
    "id",
    "question",
    "options",
    "statement",
    "count",
    "percentage",
    "quantifier",
    "base",
    "base_description",
    "themes",
    "figure",
    "source",
    "section",
    "quote",
    "mean",
    "items",
    "scale_min",
    "scale_max",
    "sd",
)
"""Columns of ``findings.csv``; lists (options, themes) are separated by ``|``."""

_REQUIRED_FINDING_COLUMNS = ("id", "source")
RESERVED_THEME_IDS = frozenset({"index"})
"""Theme ids that would replace a page of the site (``themas/index.md`` is the themes overview)."""
_LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class SurveyBundle:
    """One validated survey: its ``survey.yaml`` content and its published findings.

    Immutable: the pydantic models are frozen and collections are tuples.
    """

    path: Path
    spec: SurveyFile
    findings: tuple[Finding, ...]
    fingerprint: str
    """SHA-256 over the survey's input files (first 12 hex digits are shown on the site)."""
    warnings: tuple[Problem, ...] = field(default=())
    responses_data: ResponsesData | None = field(default=None, repr=False)
    """Respondent-level answers read from ``responses.file`` (None when the survey has none)."""

    @property
    def id(self) -> str:
        """The survey id."""
        return self.spec.survey.id

    @property
    def survey(self) -> Survey:
        """Survey metadata."""
        return self.spec.survey

    @property
    def design(self) -> SampleDesign | None:
        """Sample design of the answers (``responses.design``); None: a simple random sample."""
        return self.spec.responses.design if self.spec.responses is not None else None

    @property
    def design_columns(self) -> list[str]:
        """Background variables the sample design needs (strata, clusters) as answer columns."""
        design = self.design
        return [c for c in (design.strata, design.clusters) if c] if design is not None else []

    @property
    def questions(self) -> tuple[Question, ...]:
        """Questions in file order."""
        return tuple(self.spec.questions)

    @property
    def themes(self) -> tuple[Theme, ...]:
        """Themes in file order."""
        return tuple(self.spec.themes)

    @property
    def causes(self) -> tuple[Cause, ...]:
        """Causes named by the sources."""
        return tuple(self.spec.causes)

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """Recommendations in file order."""
        return tuple(self.spec.recommendations)

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError when unknown)."""
        for question in self.spec.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def finding(self, finding_id: str) -> Finding:
        """The finding with this id (KeyError when unknown)."""
        for finding in self.findings:
            if finding.id == finding_id:
                return finding
        raise KeyError(finding_id)

    def responses(self) -> pl.LazyFrame | None:
        """Respondent-level answers in the wide form (lazy; see :meth:`ResponsesData.frame`).

        One row per counted respondent: ``respondent``, one column per question id (option id;
        ``|``-joined option ids for multiple response; a number; or text), ``weight`` and the
        background variables.  None when the survey has no file with answers.  Microdata: never
        publish this frame, only statistics computed from it.
        """
        return self.responses_data.frame() if self.responses_data is not None else None

    def rejections(self) -> pl.DataFrame | None:
        """Rows of the answers file that are not counted, with the reason: ``row``, ``reason``."""
        return self.responses_data.rejected if self.responses_data is not None else None

    def findings_frame(self) -> pl.DataFrame:
        """Published findings as a polars frame (one row per finding; see :func:`findings_frame`)."""
        return findings_frame(self.findings, survey_id=self.id)


def findings_frame(findings: Iterable[Finding], survey_id: str) -> pl.DataFrame:
    """Findings as a frame: survey, finding, question, options (list), count, percentage, … source.

    Counts are ``Int64`` and percentages ``Float64`` exactly as printed; unknowns are null.
    """
    import polars as pl  # noqa: PLC0415  (deferred: `validate` needs no polars without answers)

    rows = [
        {
            "survey": survey_id,
            "finding": f.id,
            "question": f.question,
            "options": list(f.options),
            "statement": f.statement,
            "count": f.count,
            "percentage": f.percentage,
            "quantifier": f.quantifier,
            "base": f.base,
            "base_description": f.base_description,
            "themes": list(f.themes),
            "figure": f.figure,
            "source": f.source.source,
            "section": f.source.section,
            "quote": f.source.quote,
            "mean": f.mean,
            "items": f.items,
            "scale_min": f.scale_min,
            "scale_max": f.scale_max,
            "sd": f.sd,
        }
        for f in findings
    ]
    schema: dict[str, Any] = {
        "survey": pl.String,
        "finding": pl.String,
        "question": pl.String,
        "options": pl.List(pl.String),
        "statement": pl.String,
        "count": pl.Int64,
        "percentage": pl.Float64,
        "quantifier": pl.String,
        "base": pl.Int64,
        "base_description": pl.String,
        "themes": pl.List(pl.String),
        "figure": pl.String,
        "source": pl.String,
        "section": pl.String,
        "quote": pl.String,
        "mean": pl.String,
        "items": pl.Int64,
        "scale_min": pl.Int64,
        "scale_max": pl.Int64,
        "sd": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)


@dataclass(frozen=True)
class ValidationReport:
    """Result of :func:`validate`: the bundles that loaded and every problem found."""

    bundles: tuple[SurveyBundle, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that make the input invalid."""
        return tuple(p for p in self.problems if p.severity is Severity.error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems reported but not blocking."""
        return tuple(p for p in self.problems if p.severity is Severity.warning)

    @property
    def valid(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON contract of ``bejegening validate --format json``."""
        return {
            "valid": self.valid,
            "surveys": [
                {
                    "id": b.id,
                    "title": b.survey.title,
                    "questions": len(b.questions),
                    "recommendations": len(b.recommendations),
                    "findings": len(b.findings),
                    "responses": (
                        {
                            "file": b.responses_data.file,
                            "input_rows": b.responses_data.input_rows,
                            "counted": b.responses_data.counted,
                            "rejected": b.responses_data.rejected.height,
                            "empty": len(b.responses_data.empty_rows),
                        }
                        if b.responses_data is not None
                        else None
                    ),
                }
                for b in self.bundles
            ],
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(_LIST_SEPARATOR) if part.strip()]


def _number(value: str) -> str | None:
    """Empty cells are null; a decimal comma is accepted ("21,5")."""
    value = value.strip()
    if not value:
        return None
    return value.replace(",", ".") if value.count(",") == 1 and "." not in value else value


def _finding_record(row: dict[str, str]) -> dict[str, Any]:
    def text(name: str) -> str | None:
        value = row.get(name, "").strip()
        return value or None

    record: dict[str, Any] = {
        "id": row.get("id", "").strip(),
        "question": text("question"),
        "options": _split(row.get("options", "")),
        "statement": text("statement"),
        "count": _number(row.get("count", "")),
        "percentage": _number(row.get("percentage", "")),
        "quantifier": text("quantifier"),
        "mean": text("mean"),
        "items": _number(row.get("items", "")),
        "scale_min": _number(row.get("scale_min", "")),
        "scale_max": _number(row.get("scale_max", "")),
        "sd": text("sd"),
        "base": _number(row.get("base", "")),
        "base_description": text("base_description"),
        "themes": _split(row.get("themes", "")),
        "figure": text("figure"),
        "source": {
            "source": row.get("source", "").strip(),
            "section": text("section"),
            "quote": text("quote"),
        },
    }
    return record


# Field names in a finding record that come from a differently named CSV column.
_FINDING_COLUMN_OF = {"source.source": "source", "source.section": "section", "source.quote": "quote"}


def _read_findings(path: Path, display: str) -> tuple[list[tuple[int, Finding]], set[str], list[Problem]]:
    """Findings with their data-row number, the ids of rejected rows, and the problems."""
    table = read_csv_text(path, display)
    problems = list(table.problems)
    rejected: set[str] = set()
    if not table.header:
        return [], rejected, problems
    for column in table.header:
        if column not in FINDING_COLUMNS:
            problems.append(
                Problem(
                    file=display,
                    row=0,
                    field=column,
                    value=column,
                    message=(
                        f"onbekende kolom{did_you_mean(column, FINDING_COLUMNS)}; "
                        f"toegestaan: {', '.join(FINDING_COLUMNS)}"
                    ),
                )
            )
    for column in _REQUIRED_FINDING_COLUMNS:
        if column not in table.header:
            problems.append(Problem(file=display, row=0, field=column, message="verplichte kolom ontbreekt"))
    if any(p.severity is Severity.error and p.row == 0 for p in problems):
        return [], rejected, problems
    findings: list[tuple[int, Finding]] = []
    for number, row in enumerate(table.rows, start=1):
        if not row:
            continue
        record = _finding_record(row)
        try:
            findings.append((number, Finding.model_validate(record)))
        except ValidationError as exc:
            rejected.add(record["id"])
            for problem in problems_from_validation(exc, Finding, record, display, row=number):
                name: str | None = _FINDING_COLUMN_OF.get(problem.field or "", problem.field)
                if name and "[" in name:
                    name = name.split("[", 1)[0]
                problems.append(
                    Problem(
                        file=problem.file,
                        message=problem.message,
                        field=name,
                        value=problem.value,
                        row=number,
                    )
                )
    return findings, rejected, problems


class _Refs:
    """Checks that ids are unique and that references point to something that exists."""

    def __init__(self, file: str, line_of: Any) -> None:
        self.file = file
        self.line_of = line_of
        self.problems: list[Problem] = []

    def unique(self, kind: str, ids: Sequence[str], loc_prefix: tuple[str | int, ...], where: str) -> None:
        seen: set[str] = set()
        for i, value in enumerate(ids):
            if value in seen:
                loc = (*loc_prefix, i, "id")
                self.problems.append(
                    Problem(
                        file=where or self.file,
                        line=self.line_of(loc) if not where else None,
                        field=_path(loc),
                        value=value,
                        message=f"{kind}-id komt meer dan eens voor",
                    )
                )
            seen.add(value)

    def exists(
        self,
        kind: str,
        value: str,
        known: Iterable[str],
        loc: tuple[str | int, ...],
        *,
        file: str | None = None,
        row: int | None = None,
    ) -> None:
        known = list(known)
        if value in known:
            return
        self.problems.append(
            Problem(
                file=file or self.file,
                line=None if row is not None else self.line_of(loc),
                row=row,
                field=_path(loc),
                value=value,
                message=f"onbekende {kind}{did_you_mean(value, known)}",
            )
        )


def _path(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def _check_references(
    spec: SurveyFile,
    findings: list[tuple[int, Finding]],
    rejected_findings: set[str],
    refs: _Refs,
    findings_display: str,
) -> None:
    """Unique ids and existing references; ids of rejected rows count as known (no cascades)."""
    theme_ids = [t.id for t in spec.themes]
    question_ids = [q.id for q in spec.questions]
    source_ids = [s.id for s in spec.survey.sources]
    cause_ids = [c.id for c in spec.causes]
    finding_ids = [f.id for _, f in findings] + sorted(rejected_findings)
    options = {q.id: [o.id for o in q.options] for q in spec.questions}

    refs.unique("thema", theme_ids, ("themes",), "")
    refs.unique("vraag", question_ids, ("questions",), "")
    refs.unique("bron", source_ids, ("survey", "sources"), "")
    refs.unique("oorzaak", cause_ids, ("causes",), "")
    refs.unique("advies", [r.id for r in spec.recommendations], ("recommendations",), "")
    refs.unique("claim", [c.id for c in spec.claims], ("claims",), "")
    for ti, theme_id in enumerate(theme_ids):
        if theme_id in RESERVED_THEME_IDS:
            id_loc = ("themes", ti, "id")
            refs.problems.append(
                Problem(
                    file=refs.file,
                    line=refs.line_of(id_loc),
                    field=_path(id_loc),
                    value=theme_id,
                    message=(
                        f"thema-id '{theme_id}' is gereserveerd voor de overzichtspagina; kies een andere id"
                    ),
                )
            )
    for qi, question in enumerate(spec.questions):
        refs.unique("antwoordoptie", [o.id for o in question.options], ("questions", qi, "options"), "")
        labels: dict[str, tuple[int, str]] = {}
        for oi, choice in enumerate(question.options):
            key = norm(choice.label)
            if key in labels:
                label_loc = ("questions", qi, "options", oi, "label")
                first, label = labels[key]
                refs.problems.append(
                    Problem(
                        file=refs.file,
                        line=refs.line_of(label_loc),
                        field=_path(label_loc),
                        value=choice.label,
                        message=(
                            f"label is gelijk aan '{label}' van optie {first + 1} als hoofdletters en "
                            "spaties niet meetellen; een antwoord in het bestand is dan niet aan één "
                            "optie toe te wijzen. Maak de labels verschillend"
                        ),
                    )
                )
            labels.setdefault(key, (oi, choice.label))
        for ti, theme in enumerate(question.themes):
            refs.exists("thema", theme, theme_ids, ("questions", qi, "themes", ti))
    for ci, cause in enumerate(spec.causes):
        for ti, theme in enumerate(cause.themes):
            refs.exists("thema", theme, theme_ids, ("causes", ci, "themes", ti))
        refs.exists("bron", cause.source.source, source_ids, ("causes", ci, "source", "source"))

    seen_findings: set[str] = set()
    for row, finding in findings:
        at = {"file": findings_display}
        if finding.id in seen_findings:
            refs.problems.append(
                Problem(
                    file=findings_display,
                    row=row,
                    field="id",
                    value=finding.id,
                    message="bevinding-id komt meer dan eens voor",
                )
            )
        seen_findings.add(finding.id)
        refs.exists("bron", finding.source.source, source_ids, ("source",), row=row, **at)
        for theme in finding.themes:
            refs.exists("thema", theme, theme_ids, ("themes",), row=row, **at)
        if finding.question is not None:
            refs.exists("vraag", finding.question, question_ids, ("question",), row=row, **at)
            for option in finding.options:
                if finding.question in options:
                    refs.exists(
                        f"antwoordoptie van vraag {finding.question}",
                        option,
                        options[finding.question],
                        ("options",),
                        row=row,
                        **at,
                    )

    for ri, rec in enumerate(spec.recommendations):
        base: tuple[str | int, ...] = ("recommendations", ri)
        for name, known, kind in (
            ("questions", question_ids, "vraag"),
            ("findings", finding_ids, "bevinding"),
            ("causes", cause_ids, "oorzaak"),
            ("themes", theme_ids, "thema"),
        ):
            for i, value in enumerate(getattr(rec, name)):
                refs.exists(kind, value, known, (*base, name, i))
        refs.exists("bron", rec.source.source, source_ids, (*base, "source", "source"))
        for hi, event in enumerate(rec.history):
            if event.source is not None:
                refs.exists(
                    "bron", event.source.source, source_ids, (*base, "history", hi, "source", "source")
                )
        if not rec.has_evidence:
            refs.problems.append(
                Problem(
                    file=refs.file,
                    line=refs.line_of(base),
                    field=_path(base),
                    value=rec.id,
                    message="advies verwijst naar geen vraag, bevinding of oorzaak (geen onderbouwing)",
                    severity=Severity.warning,
                )
            )
    for ci, claim in enumerate(spec.claims):
        for i, value in enumerate(claim.questions):
            refs.exists("vraag", value, question_ids, ("claims", ci, "questions", i))
        for i, value in enumerate(claim.findings):
            refs.exists("bevinding", value, finding_ids, ("claims", ci, "findings", i))
        refs.exists("bron", claim.source.source, source_ids, ("claims", ci, "source", "source"))


def _fingerprint(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(b"\0")
            with path.open("rb") as handle:  # in chunks: a file of answers can be large
                while chunk := handle.read(1 << 22):
                    digest.update(chunk)
            digest.update(b"\0")
    return digest.hexdigest()


def _confined(
    folder: Path, name: str, display: str, loc: tuple[str | int, ...], line_of: Any
) -> tuple[Path | None, list[Problem]]:
    """``folder / name`` when it stays inside the survey folder (symlinks followed), else a problem.

    A survey names its files relative to its own folder; an absolute path, ``..`` or a symbolic
    link that leads elsewhere (the system's password file, another survey's answers) is refused,
    because whatever the file holds could end up on the public site.
    """
    path = folder / name
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if inside:
        return path, []
    return None, [
        Problem(
            file=display,
            line=line_of(loc),
            field=_path(loc),
            value=name,
            message=(
                "bestand ligt buiten de map van de enquête (ook via een snelkoppeling); zet het in "
                "dezelfde map als survey.yaml en noem alleen de bestandsnaam"
            ),
        )
    ]


def _setting_warnings(spec: SurveyFile, display: str, line_of: Any) -> list[Problem]:
    """Settings that are allowed but risky."""
    problems: list[Problem] = []
    k = spec.survey.small_cell_threshold
    if k < 5:
        loc = ("survey", "small_cell_threshold")
        problems.append(
            Problem(
                file=display,
                line=line_of(loc),
                field=_path(loc),
                value=k,
                message=(
                    f"cellen met {k} of meer personen worden gepubliceerd; gebruikelijk is 5 (het "
                    "minimum is 3). Bij minder dan 5 is een persoon in een kleine groep sneller "
                    "herkenbaar"
                ),
                severity=Severity.warning,
            )
        )
    return problems


_BOOL_FIELDS = model_fields_of_type(SurveyFile, bool)
"""Keys of survey.yaml that take true/false (``yes`` there is no label written unquoted)."""


def _load_one(path: Path) -> tuple[SurveyBundle | None, list[Problem]]:
    folder = path.parent if path.is_file() else path
    yaml_path = folder / SURVEY_FILE
    display = _display(yaml_path)
    if not yaml_path.is_file():
        return None, [Problem(file=_display(folder), message=f"map bevat geen {SURVEY_FILE}")]
    data, index, problems = read_yaml(yaml_path, display, bool_fields=_BOOL_FIELDS)
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, [
            *problems,
            Problem(file=display, line=1, message="verwacht een blok met velden bovenaan het bestand"),
        ]
    try:
        spec = SurveyFile.model_validate(data)
    except ValidationError as exc:
        problems += problems_from_validation(exc, SurveyFile, data, display, line_of=index.line)
        return None, problems

    files = [yaml_path]
    findings: list[tuple[int, Finding]] = []
    rejected: set[str] = set()
    findings_display = display
    problems += _setting_warnings(spec, display, index.line)
    for si, source in enumerate(spec.survey.sources):
        if source.file is not None:
            _, outside = _confined(
                folder, source.file, display, ("survey", "sources", si, "file"), index.line
            )
            problems += outside
    if spec.findings_file is not None:
        findings_path, outside = _confined(
            folder, spec.findings_file, display, ("findings_file",), index.line
        )
        problems += outside
        if findings_path is not None:
            findings_display = _display(findings_path)
        if findings_path is None:
            pass
        elif findings_path.is_file():
            findings, rejected, finding_problems = _read_findings(findings_path, findings_display)
            problems += finding_problems
            files.append(findings_path)
        elif "findings_file" in data or findings_path.exists():
            problems.append(
                Problem(
                    file=display,
                    line=index.line(("findings_file",)),
                    field="findings_file",
                    value=spec.findings_file,
                    message=(
                        "is een map, geen bestand met bevindingen"
                        if findings_path.is_dir()
                        else "bestand met bevindingen bestaat niet"
                    )
                    + "; maak het bestand, of zet findings_file: null als de enquête geen "
                    "gepubliceerde cijfers heeft",
                )
            )
    responses: ResponsesData | None = None
    if spec.responses is not None:
        responses_path, outside = _confined(
            folder, spec.responses.file, display, ("responses", "file"), index.line
        )
        problems += outside
        if responses_path is None:
            pass
        elif responses_path.is_file():
            files.append(responses_path)
            from bejegening.io._readers import read_responses  # noqa: PLC0415  (polars, numpy)

            responses = read_responses(
                folder,
                spec.responses,
                spec.questions,
                display=_display,
                survey_file=display,
                line_of=index.line,
            )
            problems += responses.problems
        else:
            problems.append(
                Problem(
                    file=display,
                    line=index.line(("responses", "file")),
                    field="responses.file",
                    value=spec.responses.file,
                    message=(
                        "is een map, geen bestand met antwoorden"
                        if responses_path.is_dir()
                        else "bestand met antwoorden bestaat niet"
                    ),
                )
            )

    refs = _Refs(display, index.line)
    _check_references(spec, findings, rejected, refs, findings_display)
    problems += refs.problems
    if any(p.severity is Severity.error for p in problems):
        return None, problems
    bundle = SurveyBundle(
        path=folder,
        spec=spec,
        findings=tuple(f for _, f in findings),
        fingerprint=_fingerprint(files),
        warnings=tuple(problems),
        responses_data=responses,
    )
    return bundle, problems


MAX_MESSAGES = 200
"""Problems listed per file and severity; the rest are counted in one closing line."""


def cap_problems(problems: Sequence[Problem], limit: int = MAX_MESSAGES) -> list[Problem]:
    """At most ``limit`` errors and ``limit`` warnings per file, then one line with the rest counted.

    A file with a million unused columns gives 200 lines and "en nog 999.800 …", not 150 MB.
    """
    shown: Counter[tuple[str, Severity]] = Counter()
    hidden: Counter[tuple[str, Severity]] = Counter()
    out: list[Problem] = []
    for problem in problems:
        key = (problem.file, problem.severity)
        if shown[key] < limit:
            shown[key] += 1
            out.append(problem)
        else:
            hidden[key] += 1
    for (file, severity), count in hidden.items():
        kind = "fouten" if severity is Severity.error else "waarschuwingen"
        out.append(
            Problem(
                file=file,
                message=f"en nog {count:,} andere {kind} in dit bestand (niet getoond)".replace(",", "."),
                severity=severity,
            )
        )
    return out


def survey_dirs(data_dir: Path) -> list[Path]:
    """Sub-folders of ``data_dir`` that hold a ``survey.yaml``, sorted by name."""
    return sorted(p for p in data_dir.iterdir() if p.is_dir() and (p / SURVEY_FILE).is_file())


def _targets(path: Path) -> Iterator[Path]:
    if path.is_file() or (path / SURVEY_FILE).is_file():
        yield path
        return
    yield from survey_dirs(path)


def validate(path: str | Path) -> ValidationReport:
    """Validate a data folder (all its surveys) or one survey folder; never raises on bad input.

    Every problem of every file is collected, so a user can fix them all in one go.
    """
    path = Path(path)
    if not path.exists():
        return ValidationReport((), (Problem(file=str(path), message="map of bestand bestaat niet"),))
    bundles: list[SurveyBundle] = []
    problems: list[Problem] = []
    targets = list(_targets(path))
    if not targets:
        problems.append(
            Problem(file=_display(path), message=f"geen enkele map met een {SURVEY_FILE} gevonden")
        )
    for target in targets:
        bundle, found = _load_one(target)
        problems += found
        if bundle is not None:
            bundles.append(bundle)
    if path.is_dir():
        from bejegening.io._site import load_site_settings  # noqa: PLC0415

        problems += load_site_settings(path)[1]
    problems = cap_problems(problems)
    ids = Counter(b.id for b in bundles)
    for bundle in bundles:
        if ids[bundle.id] > 1:
            problems.append(
                Problem(
                    file=_display(bundle.path / SURVEY_FILE),
                    field="survey.id",
                    value=bundle.id,
                    message="twee enquêtes hebben dezelfde id",
                )
            )
    return ValidationReport(tuple(bundles), tuple(problems))


def load(path: str | Path) -> SurveyBundle:
    """Load one survey folder (or its ``survey.yaml``) into a validated, immutable bundle.

    Raises :class:`~bejegening.DataError` listing every problem when the input is invalid.
    """
    report = validate(path)
    if not report.valid:
        raise DataError(list(report.problems))
    if len(report.bundles) != 1:
        raise DataError(
            [Problem(file=str(path), message=f"verwacht één enquête, gevonden: {len(report.bundles)}")]
        )
    return report.bundles[0]


def load_all(data_dir: str | Path) -> tuple[SurveyBundle, ...]:
    """Load every survey folder under ``data_dir``; raises :class:`DataError` with all problems."""
    report = validate(data_dir)
    if not report.valid:
        raise DataError(list(report.problems))
    return report.bundles
