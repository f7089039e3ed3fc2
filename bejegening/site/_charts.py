"""The charts of the site: one job per chart, its spec built here, drawn by the one batch
renderer (:func:`bejegening.render.render_batch`) with a cache by spec hash.

A spec costs about 0,1-0,3 s to build (Altair, plus about 1 s to import it and the chart modules
once); drawing it about 0,06 s (vl-convert, plus about 0,7 s of start-up once). With a cache
folder, both are kept: the light and dark specs of a job under the SHA-256 of its input (kind,
rows, titles) and of the code that turns input into a spec (the package's source, the Altair and
vl-convert versions), and the drawings by spec hash. So a second ``build`` or a ``serve``
rebuild after one edit builds and draws only that edit's charts, and a build where no chart
changed does not import Altair at all. What is not in the cache is built and drawn by the
build's chart process (:mod:`bejegening.site._chart_process`) on another core: the pages wait
only for the specs (their descriptions), MkDocs runs while the charts are drawn, and the
drawings go into the built site afterwards (:meth:`SiteCharts.finish`,
:func:`fill_chart_sizes`). The self-hosted chart script (about 1 MB, 3 s to bundle) is kept in
the user's cache.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
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
from bejegening.render._theme import dark_svg
from bejegening.render._vega import (
    cached_drawings,
    start_vega_bundle,
    vega_bundle_cached,
    write_spec_file,
)
from bejegening.report import BaseSource, SurveyReport
from bejegening.site._breakdowns import crosstab_chart_frame
from bejegening.site._chart_process import ChartProcess, Drawing
from bejegening.site._chart_specs import ChartJob, build_specs
from bejegening.stats import with_suppression_reason

__all__ = [
    "CHARTS_DIR",
    "FINDINGS_CHART",
    "SCRIPTS_DIR",
    "ChartJob",
    "ChartPlan",
    "SiteCharts",
    "build_charts",
    "build_specs",
    "chart_jobs",
    "fill_chart_sizes",
    "plan_charts",
    "user_cache_dir",
]

CHARTS_DIR = "grafieken"
"""Folder (in the docs folder) with the static SVG and the Vega-Lite spec of every chart."""
SCRIPTS_DIR = "assets/bejegening"
"""Folder (in the docs folder) of the self-hosted chart script, next to the theme's site.js."""


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
        digest.update(f"\0{library}={_version(library)}".encode())
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
    if not all(isinstance(entry[key], dict) and entry[key].get("description") for key in ("light", "dark")):
        return None  # not what build_specs writes (every site chart has a description): built again
    return entry


def user_cache_dir() -> Path | None:
    """This user's cache of things that belong to no survey (``$XDG_CACHE_HOME/bejegening``,
    else ``~/.cache/bejegening``); None when there is no home folder."""
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base else Path.home() / ".cache"
    except RuntimeError:
        return None
    return root / "bejegening"


def _version(library: str) -> str:
    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return ""


_CHART_SCRIPT: dict[str, str] = {}


def _start_chart_script(folder: Path, cache: Path | None) -> Callable[[], None]:
    """Start writing the chart script into ``folder``; the returned function waits for it.

    The script (Vega, Vega-Lite and vega-embed, about 1 MB) is the same for every survey: it is
    bundled once per process (later builds, e.g. ``serve``, reuse it) and kept in
    ``cache/grafiekscript`` (the user's cache, not the chart cache: see :func:`user_cache_dir`)
    by :func:`bejegening.render.write_vega_bundle`. Bundling takes about 3 s of CPU, in a child
    process meanwhile.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cached = _CHART_SCRIPT.get(BUNDLE_NAME)
    if cached is not None:
        (folder / BUNDLE_NAME).write_text(cached, encoding="utf-8")
        return lambda: None
    kept = cache / "grafiekscript" if cache is not None else None
    if vega_bundle_cached(kept):
        write_vega_bundle(folder, filename=BUNDLE_NAME, cache_dir=kept)
        return lambda: None
    written = start_vega_bundle(folder, filename=BUNDLE_NAME, cache_dir=kept)

    def finish() -> None:
        _CHART_SCRIPT[BUNDLE_NAME] = written().read_text(encoding="utf-8")

    return finish


Size = tuple[int | None, int | None]
"""Width and height in pixels of a drawn chart (None when the SVG does not say)."""


@dataclass
class SiteCharts:
    """The charts of one build: their assets for the pages, and the drawings still under way.

    The assets carry no pixel size: :meth:`finish` puts the drawings into the built site and
    :func:`fill_chart_sizes` writes their sizes into its pages, so a chart drawn meanwhile and
    one from the cache give the same pages.
    """

    assets: dict[str, ChartAsset]
    sizes: dict[str, Size]
    """Sizes by chart file name stem, of the charts already in the docs folder."""
    rest: dict[str, dict[str, Any]]
    """Specs still to draw (by name), into the built site by :meth:`finish`."""
    drawing: Drawing | None
    derive: dict[str, tuple[str, Callable[[str], str | None]]]
    """Charts made from another's drawing (:func:`~bejegening.render.render_batch`)."""
    drawn_dir: Path
    cache_dir: Path | None
    vega_lite: str | None

    def finish(self, site_dir: Path) -> dict[str, Size]:
        """Put the charts still under way into ``site_dir/grafieken`` (waiting for the chart
        process, or drawing them here when it failed); the sizes of all charts by image path
        (``grafieken/name.svg``)."""
        sizes = dict(self.sizes)
        folder = site_dir / CHARTS_DIR
        if self.rest:
            drawn = self.drawing.wait() if self.drawing is not None else None
            if drawn is not None and all((self.drawn_dir / f"{name}.svg").is_file() for name in self.rest):
                folder.mkdir(parents=True, exist_ok=True)
                for name in self.rest:
                    shutil.copyfile(self.drawn_dir / f"{name}.svg", folder / f"{name}.svg")
                sizes.update(drawn)
            else:
                charts = render_batch(
                    self.rest, folder, cache_dir=self.cache_dir, vega_lite=self.vega_lite, derive=self.derive
                )
                sizes.update({name: (chart.width, chart.height) for name, chart in charts.items()})
        return {f"{CHARTS_DIR}/{name}.svg": size for name, size in sizes.items()}


_IMAGE = re.compile(r'(<img src="[^"]*?\b' + CHARTS_DIR + r'/([^"/]+\.svg)" alt="[^"]*")>')


def fill_chart_sizes(site_dir: Path, sizes: Mapping[str, Size]) -> None:
    """Give every chart image in the built pages its ``width`` and ``height`` (from ``sizes`` by
    image path, :meth:`SiteCharts.finish`), so the page keeps the chart's room while it loads."""

    def sized(match: re.Match[str]) -> str:
        width, height = sizes.get(f"{CHARTS_DIR}/{match.group(2)}", (None, None))
        if not (width and height):
            return match.group(0)
        return f'{match.group(1)} width="{width}" height="{height}">'

    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if f"{CHARTS_DIR}/" not in text:
            continue
        filled = _IMAGE.sub(sized, text)
        if filled != text:
            page.write_text(filled, encoding="utf-8")


@dataclass
class ChartPlan:
    """The charts of a build before their specs are all known: :func:`plan_charts` reads the
    cache and asks the chart process for the rest; :func:`build_charts` goes on from here."""

    jobs: Sequence[ChartJob]
    entries: dict[str, dict[str, Any] | None]
    """Spec cache entries by job name (None: still to build)."""
    paths: dict[str, Path | None]
    """Where each job's entry is kept in the cache."""
    cache_dir: Path | None
    process: ChartProcess | None
    requested: bool
    """Whether the chart process was asked for the missing entries."""


def plan_charts(
    jobs: Sequence[ChartJob], *, cache_dir: Path | None = None, process: ChartProcess | None = None
) -> ChartPlan:
    """Read the spec cache for ``jobs`` (:func:`chart_jobs`) and ask ``process`` (the build's
    chart process) for the specs not there, without waiting: the caller does other work
    meanwhile, then calls :func:`build_charts`."""
    paths = {
        job.name: cache_dir / SPEC_DIR / f"{job_fingerprint(job)}.json" if cache_dir is not None else None
        for job in jobs
    }
    entries = {name: _read_entry(path) if path is not None else None for name, path in paths.items()}
    missing = [job for job in jobs if entries[job.name] is None]
    requested = bool(
        missing
        and process is not None
        and process.request_specs(missing, {job.name: paths[job.name] for job in missing})
    )
    return ChartPlan(jobs, entries, paths, cache_dir, process, requested)


def build_charts(
    plan: ChartPlan,
    docs_dir: Path,
    *,
    scratch: Path,
    advance: Callable[[str], None] = lambda _key: None,
    workers: int | None = None,
    script_cache: Path | None = None,
) -> SiteCharts:
    """Write the charts of ``plan`` (:func:`plan_charts`) into ``docs_dir/grafieken`` and the
    chart script; the charts not in the cache are drawn meanwhile (see :class:`SiteCharts`).

    Specs still missing come from the chart process (else, or when it fails, they are built
    here); drawings not in the cache (by spec hash, :func:`bejegening.render.render_batch`) are
    made by the chart process while the build goes on, or here, into the docs folder.
    ``scratch``: a folder of the build for the drawings under way. ``workers``: processes to
    draw in here (see :func:`~bejegening.render.render_batch`). ``script_cache``: where the chart
    script is kept between builds.
    """
    jobs, entries, cache_dir, process = plan.jobs, dict(plan.entries), plan.cache_dir, plan.process
    script_written = _start_chart_script(docs_dir / SCRIPTS_DIR, script_cache)
    missing = [job for job in jobs if entries[job.name] is None]
    if missing:
        built = process.receive_specs() if process is not None and plan.requested else None
        if built is None or set(built) != {job.name for job in missing}:
            built = {job.name: build_specs(job, plan.paths[job.name]) for job in missing}
        entries.update(built)
    found = {name: entry for name, entry in entries.items() if entry is not None}
    versions = {entry["vega_lite"] for entry in found.values()}
    vega_lite = versions.pop() if len(versions) == 1 else None
    specs: dict[str, dict[str, Any]] = {}
    for job in jobs:
        specs[job.name] = found[job.name]["light"]
        specs[job.name + DARK_SUFFIX] = found[job.name]["dark"]

    folder = docs_dir / CHARTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    kept = cached_drawings(specs, cache_dir, vega_lite=vega_lite)
    rest = {name: spec for name, spec in specs.items() if name not in kept}
    # The dark version is made from the light one's drawing (the same SVG in other colours).
    derive: dict[str, tuple[str, Callable[[str], str | None]]] = {
        job.name + DARK_SUFFIX: (job.name, dark_svg) for job in jobs
    }
    drawing = None
    if rest and process is not None:
        drawing = process.draw(rest, scratch / CHARTS_DIR, cache_dir, vega_lite, derive)
    now = {name: spec for name, spec in specs.items() if name in kept or drawing is None}
    drawn = render_batch(
        now, folder, workers=workers, cache_dir=cache_dir, vega_lite=vega_lite, derive=derive
    )
    if drawing is not None:  # their SVGs follow into the built site; MkDocs copies the specs
        for name, spec in rest.items():
            write_spec_file(folder, name, spec)
    for job in jobs:
        advance(job.key)
    script_written()
    return SiteCharts(
        assets={
            job.key: ChartAsset(
                image=f"{CHARTS_DIR}/{job.name}.svg",
                spec=f"{CHARTS_DIR}/{job.name}.vl.json",
                image_dark=f"{CHARTS_DIR}/{job.name}{DARK_SUFFIX}.svg",
                spec_dark=f"{CHARTS_DIR}/{job.name}{DARK_SUFFIX}.vl.json",
                description=str(specs[job.name].get("description") or ""),
                title=f"Grafiek: {job.label}",
            )
            for job in jobs
        },
        sizes={name: (chart.width, chart.height) for name, chart in drawn.items()},
        rest=rest if drawing is not None else {},
        drawing=drawing,
        derive=derive,
        drawn_dir=scratch / CHARTS_DIR,
        cache_dir=cache_dir,
        vega_lite=vega_lite,
    )
