"""The charts of the site: one job per chart, its spec built here, drawn by the one batch
renderer (:func:`bejegening.render.render_batch`) with a cache by spec hash.

A spec costs about 0,1-0,3 s to build (Altair, plus about 0,7 s to import it once); drawing it
about 0,07 s (vl-convert). With a cache folder, both are kept: the light and dark specs of a job
under the SHA-256 of its input (kind, rows, titles) and of the code that turns input into a spec
(the package's source, the Altair and vl-convert versions), and the drawings by spec hash. So a
second ``build`` or a ``serve`` rebuild after one edit builds and draws only that edit's charts,
and a build where no chart changed does not import Altair at all. The self-hosted chart script
(about 1 MB, seconds to bundle) is written in a thread meanwhile, and cached too.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

import bejegening
from bejegening.model import Question, QuestionType
from bejegening.render import (
    BUNDLE_NAME,
    FINDINGS_CHART,
    ChartAsset,
    chart_key,
    render_batch,
    verbal_findings_frame,
    write_vega_bundle,
)
from bejegening.render._breakdown_view import background_labels
from bejegening.render._vega import start_renderer, start_vega_bundle, vega_bundle_cached, write_atomic
from bejegening.report import BaseSource, SurveyReport
from bejegening.site._breakdowns import crosstab_chart_frame
from bejegening.stats import with_suppression_reason

__all__ = ["CHARTS_DIR", "FINDINGS_CHART", "SCRIPTS_DIR", "ChartJob", "build_charts", "chart_jobs"]

CHARTS_DIR = "grafieken"
"""Folder (in the docs folder) with the static SVG and the Vega-Lite spec of every chart."""
SCRIPTS_DIR = "assets/bejegening"
"""Folder (in the docs folder) of the self-hosted chart script, next to the theme's site.js."""


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: its key (``survey/question``), data and title (picklable)."""

    key: str
    label: str
    kind: str
    """``single`` (a question's Frequency table rows), ``grid`` (the rows of a grid's items, with
    ``item_text`` and ``item_rank``), ``histogram`` (a numeric question's bins, with ``k``),
    ``crosstab`` (a question by a background variable) or
    ``verbal`` (findings in words)."""
    frame: pl.DataFrame
    title: str
    group_title: str | None = None
    """Name of the background variable (``crosstab`` only)."""
    base_range: tuple[int, int] | None = None
    """Smallest and largest base that fit the printed figures (an inferred base, not unique)."""

    @property
    def name(self) -> str:
        """File name stem: ``survey.question``."""
        return self.key.replace("/", ".")


def chart_jobs(reports: Sequence[SurveyReport]) -> list[ChartJob]:
    """One chart per closed question with a known count, and one per survey for findings in words.

    Planned once per build; :func:`build_charts` draws them.
    """
    jobs: list[ChartJob] = []
    for report in reports:
        bundle = report.bundle
        own = report.frequencies
        jobs += _crosstab_jobs(report)
        for question in bundle.questions:
            if question.is_grid:
                jobs += _grid_jobs(report, question)
                continue
            if question.type is QuestionType.numeric:
                jobs += _histogram_jobs(report, question)
                continue
            rows = own.filter(pl.col("question") == question.id)
            if rows.is_empty() or rows.get_column("n").drop_nulls().is_empty():
                continue
            rows = with_suppression_reason(rows, bundle.survey.small_cell_threshold)
            label = question.label
            base = report.bases.get(question.id)
            fitting = base.candidates if base is not None and base.source is BaseSource.inferred else ()
            jobs.append(
                ChartJob(
                    chart_key(bundle.id, question.id),
                    label,
                    "single",
                    rows,
                    f"{label}: {question.text}",
                    base_range=(fitting[0], fitting[-1]) if fitting else None,
                )
            )
        # Findings in words that belong to no question (a question's own are on its page).
        verbal = verbal_findings_frame([f for f in bundle.findings if f.question is None], bundle.questions)
        if verbal.is_empty():
            continue
        jobs.append(
            ChartJob(
                chart_key(bundle.id),
                "Bevindingen in woorden",
                "verbal",
                verbal,
                f"Bevindingen in woorden: {bundle.survey.title}",
            )
        )
    return jobs


def _grid_jobs(report: SurveyReport, question: Question) -> list[ChartJob]:
    """The one chart of a grid question: its items' rows with ``item_text`` and ``item_rank``
    (the grid's ``items_order``), key ``survey/question``."""
    grid = report.grids.get(question.id)
    if grid is None or grid.is_empty():
        return []
    order = grid.select(
        pl.col("item_question").alias("question"), "item_text", pl.col("rank").alias("item_rank")
    )
    rows = report.frequencies.join(order, on="question", how="inner").sort("item_rank", "order")
    if rows.get_column("n").drop_nulls().is_empty():
        return []
    return [
        ChartJob(
            chart_key(report.id, question.id),
            question.label,
            "grid",
            rows,
            f"{question.label}: {question.text}",
        )
    ]


def _histogram_jobs(report: SurveyReport, question: Question) -> list[ChartJob]:
    """The histogram of a numeric question (bins of at least k people), key ``survey/question``."""
    bins = report.numeric.histograms.filter(pl.col("question") == question.id)
    if bins.is_empty():
        return []
    k = report.survey.small_cell_threshold
    bins = bins.with_columns(pl.lit(k, dtype=pl.Int64).alias("k"))
    return [
        ChartJob(
            chart_key(report.id, question.id),
            question.label,
            "histogram",
            bins,
            f"{question.label}: {question.text}",
        )
    ]


def _crosstab_jobs(report: SurveyReport) -> list[ChartJob]:
    """Charts of the "Per groep" sections: key ``survey/question/per/background``."""
    tables = report.breakdowns
    if tables is None or tables.table.is_empty():
        return []
    bundle = report.bundle
    k = bundle.survey.small_cell_threshold
    labels = background_labels(bundle)
    jobs = []
    for (question_id, by), part in tables.table.group_by("question", "by", maintain_order=True):
        if part.get_column("n").drop_nulls().is_empty() or "." in str(question_id):
            continue
        question = bundle.question(str(question_id))
        label = question.label
        jobs.append(
            ChartJob(
                f"{bundle.id}/{question_id}/per/{by}",
                f"{label} per {labels.get(str(by), str(by))}",
                "crosstab",
                crosstab_chart_frame(part, k),
                f"{label}: {question.text}",
                labels.get(str(by), str(by)),
            )
        )
    return jobs


def _spec(job: ChartJob) -> dict[str, Any]:
    """The job's Vega-Lite spec (theme applied)."""
    from bejegening.render import (  # noqa: PLC0415  (Altair: only for charts not in the cache)
        chart_spec,
        crosstab_chart,
        grid_chart,
        histogram_chart,
        single_choice_chart,
        verbal_findings_chart,
    )

    # Not validated against the Vega-Lite schema here (85 % of the time of a spec): the builders
    # are this package's own, and the tests validate what they make for the bundled data.
    if job.kind == "verbal":
        chart = verbal_findings_chart(job.frame, title=job.title)
    elif job.kind == "grid":
        labels = dict(job.frame.select("question", "item_text").unique(maintain_order=True).iter_rows())
        chart = grid_chart(job.frame, item_labels=labels, title=job.title)
    elif job.kind == "histogram":
        k = int(job.frame.get_column("k")[0])
        chart = histogram_chart(job.frame.drop("k"), title=job.title, k=k)
    elif job.kind == "crosstab":
        chart = crosstab_chart(job.frame, group_title=job.group_title, question_text=job.title)
    else:
        chart = single_choice_chart(job.frame, question_text=job.title, base_range=job.base_range)
    return chart_spec(chart, validate=False)


DARK_SUFFIX = ".donker"
"""File name suffix of a chart's dark version (``survey.q7.donker.svg``)."""


SPEC_DIR = "specs"
"""Subfolder of the chart cache with the specs by job (``<sha256>.json``)."""

_SPEC_FORMAT = "1"
"""Bump when what a spec cache entry holds changes meaning (it is part of every key)."""


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 of what turns a job into a spec: this package's Python source (every module, so
    no helper is missed), and the Altair and vl-convert versions. Read once per process."""
    digest = hashlib.sha256(_SPEC_FORMAT.encode())
    package = Path(bejegening.__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for library in ("altair", "vl-convert-python"):
        try:
            version = importlib.metadata.version(library)
        except importlib.metadata.PackageNotFoundError:
            version = ""
        digest.update(f"\0{library}={version}".encode())
    return digest.hexdigest()


def job_fingerprint(job: ChartJob) -> str:
    """SHA-256 of a job's input (kind, titles, base range and every row with its column types)
    together with :func:`code_fingerprint`: the key of its specs in the cache."""
    identity = {
        "code": code_fingerprint(),
        "kind": job.kind,
        "title": job.title,
        "group_title": job.group_title,
        "base_range": job.base_range,
        "columns": [[name, str(dtype)] for name, dtype in job.frame.schema.items()],
        "rows": job.frame.rows(),
    }
    text = json.dumps(identity, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


def _read_entry(path: Path) -> dict[str, Any] | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or not {"light", "dark", "vega_lite"} <= entry.keys():
        return None
    return entry


def _write_entry(path: Path, entry: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _build_specs(job: ChartJob, vega_lite: str | None, path: Path | None) -> dict[str, Any]:
    """The light and dark spec of ``job`` with their Vega-Lite version, stored at ``path``."""
    from bejegening.render._theme import dark_spec  # noqa: PLC0415

    spec = _spec(job)
    entry = {"light": spec, "dark": dark_spec(spec), "vega_lite": vega_lite}
    if path is not None:
        _write_entry(path, entry)
    return entry


_CHART_SCRIPT: dict[str, str] = {}


def _start_chart_script(folder: Path, cache_dir: Path | None, vega_lite: str | None) -> Callable[[], None]:
    """Start writing the chart script; the returned function waits for it.

    Bundled once per process (later builds, e.g. ``serve``, reuse it) and copied from the cache
    when there; else bundled in a child process meanwhile (seconds of work that would otherwise
    queue behind the drawings on vl-convert's one JavaScript worker).
    """
    cached = _CHART_SCRIPT.get(BUNDLE_NAME)
    if cached is not None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / BUNDLE_NAME).write_text(cached, encoding="utf-8")
        return lambda: None
    if vega_bundle_cached(cache_dir, vega_lite=vega_lite):
        path = write_vega_bundle(folder, filename=BUNDLE_NAME, cache_dir=cache_dir, vega_lite=vega_lite)
        _CHART_SCRIPT[BUNDLE_NAME] = path.read_text(encoding="utf-8")
        return lambda: None
    folder.mkdir(parents=True, exist_ok=True)
    written = start_vega_bundle(folder, filename=BUNDLE_NAME, cache_dir=cache_dir, vega_lite=vega_lite)

    def finish() -> None:
        _CHART_SCRIPT[BUNDLE_NAME] = written().read_text(encoding="utf-8")

    return finish


def build_charts(
    jobs: Sequence[ChartJob],
    docs_dir: Path,
    *,
    advance: Callable[[str], None] = lambda _key: None,
    workers: int | None = None,
    cache_dir: Path | None = None,
) -> dict[str, ChartAsset]:
    """Render the charts of ``jobs`` (:func:`chart_jobs`) into ``docs_dir/grafieken`` and write
    the chart script.

    ``cache_dir``: specs by job input and drawings by spec hash from earlier builds (never inside
    the published site); only charts missing there are built and drawn. ``workers``: processes
    to draw in (default: one per core when there is much to draw, see
    :func:`bejegening.render.render_batch`). Returns the assets by chart key.
    """
    by_name = {job.name: job for job in jobs}
    paths = {
        job.name: cache_dir / SPEC_DIR / f"{job_fingerprint(job)}.json" if cache_dir is not None else None
        for job in jobs
    }
    entries = {name: _read_entry(path) if path is not None else None for name, path in paths.items()}
    renderer = None
    if any(entry is None for entry in entries.values()):
        # New charts will be drawn: vl-convert's runtime starts on another core meanwhile.
        renderer = start_renderer()
        from bejegening.render import vega_lite_version  # noqa: PLC0415  (imports Altair)

        vega_lite = vega_lite_version()
    else:  # every spec from the cache: Altair is not needed (its version is in the key)
        versions = {entry["vega_lite"] for entry in entries.values() if entry is not None}
        vega_lite = versions.pop() if len(versions) == 1 else None
    script_written = _start_chart_script(docs_dir / SCRIPTS_DIR, cache_dir, vega_lite)
    specs: dict[str, dict[str, Any]] = {}
    for job in jobs:
        entry = entries[job.name] or _build_specs(job, vega_lite, paths[job.name])
        specs[job.name] = entry["light"]
        specs[job.name + DARK_SUFFIX] = entry["dark"]
    if renderer is not None:
        renderer.join()
    drawn = render_batch(
        specs,
        docs_dir / CHARTS_DIR,
        workers=workers,
        cache_dir=cache_dir,
        on_done=lambda name: advance(by_name[name].key) if name in by_name else None,
        vega_lite=vega_lite,
    )
    script_written()
    return {
        job.key: ChartAsset(
            image=f"{CHARTS_DIR}/{job.name}.svg",
            spec=f"{CHARTS_DIR}/{job.name}.vl.json",
            image_dark=f"{CHARTS_DIR}/{job.name}{DARK_SUFFIX}.svg",
            spec_dark=f"{CHARTS_DIR}/{job.name}{DARK_SUFFIX}.vl.json",
            description=drawn[job.name].description,
            title=f"Grafiek: {job.label}",
            width=drawn[job.name].width,
            height=drawn[job.name].height,
        )
        for job in jobs
    }
