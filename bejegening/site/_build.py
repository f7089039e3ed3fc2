"""Build the public site: data → Markdown pages, charts and downloads → MkDocs → ``site/``.

The build works in a fresh folder next to the output folder: ``docs/`` (the general pages
plus the generated ones), ``overrides/`` (the theme overrides) and an ``mkdocs.yml`` made from
the packaged settings (:data:`PACKAGED_CONFIG`, with its ``pages/`` and ``overrides/`` beside
it) plus the navigation (which follows the data). That folder is a complete plain-Markdown
MkDocs project. Another ``mkdocs.yml`` is used only when given explicitly (``config_file``);
nothing is read from the current folder. Only when MkDocs succeeds is the result
moved into place with a rename, so a failing build leaves the previous site untouched.

Two builds of the same data are byte-identical: ``SOURCE_DATE_EPOCH`` gets a fixed default,
every file is written in a fixed order, and nothing depends on the time or the build folder.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bejegening._version import __version__
from bejegening.checks import lexicon_frame
from bejegening.io import SurveyBundle, load_all, load_site_settings, schema_reference
from bejegening.model import DataError, Problem
from bejegening.render import ABOUT_PAGE, Links, NavEntry, SiteInput, page_tree, render_pages
from bejegening.report import build_reports
from bejegening.site import _chart_process, _mkdocs_process
from bejegening.site._brand import apply_branding, contact_sentence, select_pages
from bejegening.site._chart_process import ChartProcess
from bejegening.site._charts import (
    build_charts,
    chart_jobs,
    code_fingerprint,
    fill_chart_sizes,
    plan_charts,
    user_cache_dir,
)
from bejegening.site._downloads import write_downloads
from bejegening.site._error import SiteBuildError
from bejegening.site._kept import kept
from bejegening.site._mkdocs_process import PACKAGED_CONFIG, MkDocsProcess
from bejegening.site._review import write_review_files
from bejegening.site._statement import fill_statement, read_check_record

__all__ = [
    "CHART_CACHE",
    "DEFAULT_SOURCE_DATE_EPOCH",
    "PACKAGED_CONFIG",
    "SITE_MARKER",
    "BuildSummary",
    "SiteBuildError",
    "build_site",
    "data_fingerprint",
    "find_config",
]

DEFAULT_SOURCE_DATE_EPOCH = "1700000000"
"""Used when ``SOURCE_DATE_EPOCH`` is not set, so that two builds are byte-identical."""


SITE_MARKER = ".bejegening-site"
SELF_USE_PAGE = "zelf-gebruiken.md"
FIELDS_PAGE = "zelf-gebruiken/velden.md"
"""Generated reference of every field of survey.yaml and findings.csv (linked from "Zelf
gebruiken", not in the navigation)."""
"""File in every built site; an existing output folder without it is never replaced."""

CHART_CACHE = Path(".build") / "cache" / "charts"
"""Default chart cache, relative to the output folder's parent (``site`` → ``.build/cache/charts``)."""

_SKIP_DOCS = ("developers", "generated")
_HAND_WRITTEN_TITLES = {
    "zelf-gebruiken.md": "Zelf gebruiken",
    "publiceren.md": "Publiceren",
    "toegankelijkheid.md": "Toegankelijkheid",
}
_STAGES = ("laden", "rekenen", "grafieken", "downloads", "pagina's", "mkdocs")
_STAGE_KEYS = {
    "laden": "load",
    "rekenen": "compute",
    "grafieken": "charts",
    "downloads": "downloads",
    "pagina's": "pages",
    "mkdocs": "mkdocs",
}
"""English keys of the stages in the JSON summary (``timings``)."""


@dataclass(frozen=True)
class BuildSummary:
    """What a build produced, and how long each stage took (seconds)."""

    out_dir: Path
    surveys: int
    pages: int
    """HTML pages in the built site."""
    generated_pages: int
    """Markdown pages generated from the data."""
    charts: int
    downloads: int
    fingerprint: str
    version: str
    seconds: Mapping[str, float] = field(default_factory=dict)
    review_files: tuple[Path, ...] = ()
    """Review files of open answers (outside the site, in the survey folders; personal data)."""

    @property
    def total_seconds(self) -> float:
        """Time of the whole build."""
        return sum(self.seconds.values())

    def shares(self) -> dict[str, float]:
        """Share of the total time per stage (0..1)."""
        total = self.total_seconds or 1.0
        return {stage: seconds / total for stage, seconds in self.seconds.items()}

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly summary (the contract of ``bejegening build --format json``).

        ``timings`` has English stage keys (``load, compute, charts, downloads, pages,
        mkdocs``); ``seconds`` is the same with the original Dutch keys, kept for scripts that
        read it.
        """
        return {
            "ok": True,
            "out_dir": str(self.out_dir),
            "surveys": self.surveys,
            "pages": self.pages,
            "generated_pages": self.generated_pages,
            "charts": self.charts,
            "downloads": self.downloads,
            "fingerprint": self.fingerprint,
            "version": self.version,
            "timings": {_STAGE_KEYS.get(stage, stage): value for stage, value in self.seconds.items()},
            "seconds": dict(self.seconds),
            "review_files": [str(p) for p in self.review_files],
            "total_seconds": self.total_seconds,
        }


def data_fingerprint(bundles: tuple[SurveyBundle, ...] | list[SurveyBundle]) -> str:
    """SHA-256 over the fingerprints of all surveys (sorted by id); the site shows 12 digits."""
    digest = hashlib.sha256()
    for bundle in sorted(bundles, key=lambda b: b.id):
        digest.update(f"{bundle.id}\0{bundle.fingerprint}\n".encode())
    return digest.hexdigest()


def find_config(config_file: Path | None = None) -> Path:
    """The ``mkdocs.yml`` to build with: ``config_file`` when given, else :data:`PACKAGED_CONFIG`.

    A configuration in the current folder is never picked up by itself (it could add pages,
    copy files or load scripts from other hosts). Raises :class:`SiteBuildError` when the given
    file does not exist.
    """
    if config_file is None:
        return PACKAGED_CONFIG
    if not config_file.is_file():
        raise SiteBuildError(f"{config_file}: bestand niet gevonden (opgegeven met --config)")
    return config_file.resolve()


def _read_settings(config_file: Path) -> dict[str, Any]:
    try:
        settings = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise SiteBuildError(
            f"{config_file}{where}: geen geldige YAML, of een Python-tag (!!python/…) die hier niet "
            f"mag: {getattr(exc, 'problem', exc)}"
        ) from exc
    if not isinstance(settings, dict):
        raise SiteBuildError(f"{config_file}: verwacht instellingen (sleutel: waarde) bovenaan het bestand")
    return settings


def _copy_hand_written(source: Path, docs: Path) -> list[str]:
    """Copy the hand-written pages (not the developer guide); returns their docs paths."""
    pages: list[str] = []
    if not source.is_dir():
        return pages
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if relative.parts[0] in _SKIP_DOCS or any(part.startswith(".") for part in relative.parts):
            continue
        target = docs / relative
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        if path.suffix == ".md":
            pages.append(relative.as_posix())
    return pages


def _extra_pages(hand_written: list[str]) -> tuple[tuple[str, str], ...]:
    """Hand-written top-level pages other than "Over deze site", for the navigation."""
    extra = []
    for page in hand_written:
        if page == ABOUT_PAGE or "/" in page:
            continue
        title = _HAND_WRITTEN_TITLES.get(page, Path(page).stem.replace("-", " ").capitalize())
        extra.append((title, page))
    return tuple(extra)


def _nav_config(nav: list[NavEntry]) -> list[Any]:
    return [entry.as_config() for entry in nav]


_WORK_OWNER = "bouwproces.pid"
"""File in a build's work folder with the process id of the build that owns it."""


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    try:
        import ctypes  # noqa: PLC0415  (only at the very end of a build)

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # the file system or kernel cannot swap
    raise OSError(code, os.strerror(code), str(second))


def _replace_output(built: Path, out_dir: Path, work: Path) -> None:
    """Put the new site in place so that ``out_dir`` exists at every moment once a build succeeded.

    Where the kernel can swap two folders atomically, the new site and the old one change places
    in one step (the old one lands in ``work`` and is removed with it).  Elsewhere the old folder
    is renamed away and the new one renamed in; a build killed between those two renames leaves
    the old site in ``work``, and the next build puts it back (:func:`_clean_stale_work`).
    """
    if out_dir.exists():
        if _exchange(built, out_dir):
            return
        previous = work / "previous-site"
        os.replace(out_dir, previous)
        try:
            os.replace(built, out_dir)
        except OSError:
            os.replace(previous, out_dir)
            raise
    else:
        os.replace(built, out_dir)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_UNCLAIMED_SECONDS = 60
"""A work folder without a pid file is left alone this long (its build has only just made it)."""


def _younger_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False


def _clean_stale_work(out_dir: Path) -> None:
    """Remove the work folders of builds that were killed (their process is gone).

    A work folder holds the pid of its build; one without a living owner is left over from an
    interrupted build.  If such a build was killed between the two renames of a non-atomic swap,
    the old site is still in its ``previous-site`` and goes back to ``out_dir`` first.
    """
    for work in sorted(out_dir.parent.glob(f".{out_dir.name}.build-*")):
        if not work.is_dir():
            continue
        try:
            pid = int((work / _WORK_OWNER).read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            pid = None
        if pid is not None and _alive(pid):
            continue
        if pid is None and _younger_than(work, _UNCLAIMED_SECONDS):
            continue  # another build made it a moment ago and is about to write its pid
        previous = work / "previous-site"
        if not out_dir.exists() and (previous / SITE_MARKER).is_file():
            os.replace(previous, out_dir)
        shutil.rmtree(work, ignore_errors=True)


def _fields_reference(cache_dir: Path | None) -> str:
    """The reference of every field (:func:`~bejegening.io.schema_reference`), kept in
    ``cache_dir`` under the code and the pydantic version it came from (pydantic builds the JSON
    schema of every model for it: about 0,1 s a build). A cache that cannot be read or written
    only costs that time."""
    entry = None
    if cache_dir is not None:
        from pydantic.version import VERSION  # noqa: PLC0415

        key = hashlib.sha256(f"{code_fingerprint()}\0pydantic={VERSION}".encode()).hexdigest()
        entry = cache_dir / "velden" / f"{key}.md"
    return kept(entry, lambda: schema_reference().encode("utf-8")).decode("utf-8")


def _start_chart_process() -> ChartProcess | None:
    """The build's chart process (:func:`~bejegening.site._chart_process.take_process`)."""
    return _chart_process.take_process()


def _start_mkdocs_process() -> MkDocsProcess | None:
    """The build's MkDocs process (:func:`~bejegening.site._mkdocs_process.take_process`)."""
    return _mkdocs_process.take_process()


def _run_mkdocs(config_path: Path, template_cache: Path | None, process: MkDocsProcess | None) -> None:
    """MkDocs' build of the project at ``config_path`` (:func:`~bejegening.site._mkdocs.run_mkdocs`):
    in ``process`` when given and it answers, else in this process. Raises
    :class:`SiteBuildError` when MkDocs fails, and what a hook or template of the project raises."""
    if process is not None:
        answered, error = process.build(config_path, template_cache)
        if answered:
            if error is not None:
                raise error
            return
    from bejegening.site._mkdocs import run_mkdocs  # noqa: PLC0415  (MkDocs: only when needed)

    run_mkdocs(config_path, template_cache)


def _check_output(out_dir: Path, data_dir: Path) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise SiteBuildError(f"{out_dir} bestaat al en is geen map")
    if any(out_dir.iterdir()) and not (out_dir / SITE_MARKER).is_file():
        raise SiteBuildError(
            f"{out_dir} bestaat al en is geen eerder gebouwde site (het bestand {SITE_MARKER} ontbreekt). "
            "Kies een lege of nieuwe map voor --out; deze map wordt niet overschreven."
        )
    resolved = data_dir.resolve()
    if resolved == out_dir or out_dir in resolved.parents:
        raise SiteBuildError(f"--out ({out_dir}) mag niet de gegevensmap zijn of bevatten")


class _Progress:
    """Optional rich progress bar over the build stages."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True, markup=False),
                transient=True,
            )
            self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def stage(self, description: str, total: int | None = 1) -> Callable[[str], None]:
        if self._progress is None:
            return lambda _item: None
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[-1].total)
        self._task = self._progress.add_task(description, total=total)
        task = self._task
        progress = self._progress
        return lambda _item: progress.advance(task)


def build_site(
    data_dir: Path | str,
    out_dir: Path | str,
    *,
    progress: bool = False,
    config_file: Path | str | None = None,
    site_url: str | None = None,
    cache_dir: Path | str | None = None,
    cache: bool = True,
) -> BuildSummary:
    """Build the public site from the surveys in ``data_dir`` into ``out_dir``.

    Raises :class:`~bejegening.DataError` (Dutch, located problems) for invalid input and
    :class:`SiteBuildError` when the site cannot be built; in both cases ``out_dir`` is left as
    it was. ``config_file`` replaces the packaged ``mkdocs.yml`` (its ``docs_dir`` and
    ``theme.custom_dir`` are read beside it); ``site_url`` overrides its ``site_url`` (the
    public address; enables instant navigation). Chart specs and drawings, and the Excel
    workbooks, are cached by the hash of their input in ``cache_dir`` (default
    :data:`CHART_CACHE` next to ``out_dir``, never inside it), so a rebuild draws only changed
    charts; the chart script (the same for every survey) is kept in the user's cache
    (``~/.cache/bejegening``). ``cache=False`` draws every chart and touches no cache.
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    data_dir = Path(data_dir)
    out_dir = Path(out_dir).resolve()
    config_path = find_config(Path(config_file) if config_file is not None else None)
    settings = _read_settings(config_path)
    project = config_path.parent
    if not data_dir.exists():
        raise DataError([Problem(file=str(data_dir), message="map bestaat niet")])
    _check_output(out_dir, data_dir)
    branding, site_problems = load_site_settings(data_dir)
    if any(p.severity.value == "error" for p in site_problems):
        raise DataError(site_problems)
    chart_cache = None
    if cache:
        chart_cache = Path(cache_dir).resolve() if cache_dir is not None else out_dir.parent / CHART_CACHE
        if chart_cache == out_dir or out_dir in chart_cache.parents:
            raise SiteBuildError(f"de grafiekencache ({chart_cache}) mag niet in --out ({out_dir}) liggen")

    seconds: dict[str, float] = dict.fromkeys(_STAGES, 0.0)
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] += now - clock
        clock = now

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale_work(out_dir)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.build-", dir=out_dir.parent))
    chart_process = mkdocs_process = None
    try:
        (work / _WORK_OWNER).write_text(str(os.getpid()), encoding="utf-8")  # at once: _clean_stale_work
        # Started first: their imports run while this process loads the data (see _worker).
        chart_process = _start_chart_process()
        mkdocs_process = _start_mkdocs_process()
        with _Progress(progress) as bar:
            bar.stage("Gegevens laden")("")
            bundles = load_all(data_dir)
            lap("laden")

            docs = work / "docs"
            docs.mkdir()
            hand_written = _copy_hand_written(project / str(settings.get("docs_dir", "docs")), docs)
            hand_written = select_pages(branding, docs, hand_written)
            if SELF_USE_PAGE in hand_written:  # its reference of every field, from the schema
                (docs / FIELDS_PAGE).parent.mkdir(parents=True, exist_ok=True)
                (docs / FIELDS_PAGE).write_text(_fields_reference(chart_cache), encoding="utf-8")
            fingerprint = data_fingerprint(bundles)
            links = Links(use_directory_urls=bool(settings.get("use_directory_urls", True)))

            bar.stage("Cijfers berekenen en controleren")("")
            reports = build_reports(bundles)
            for report in reports:  # computed here, so the stage timings stay honest
                _ = report.bases, report.open_answers
            lap("rekenen")
            # The specs not in the cache are asked of the chart process, which builds them
            # while this process writes the downloads.
            plan = plan_charts(chart_jobs(reports), cache_dir=chart_cache, process=chart_process)
            if not plan.requested and chart_process is not None:
                _chart_process.give_back(chart_process)  # every spec in the cache: nothing to do for it
                chart_process = plan.process = None
            extra = settings.get("extra") or {}
            licence = extra.get("data_licence") or {"name": "other-at", "title": "Zie de site"}
            bar.stage("Downloads schrijven")("")
            downloads = write_downloads(
                docs,
                reports,
                licence=licence,
                title=branding.name,
                version=__version__,
                cache_dir=chart_cache / "werkboeken" if chart_cache is not None else None,
            )
            lap("downloads")
            charts = build_charts(
                plan,
                docs,
                scratch=work,
                advance=bar.stage("Grafieken maken", len(plan.jobs)),
                script_cache=user_cache_dir() if cache else None,
            )
            if charts.drawing is None and chart_process is not None:
                _chart_process.give_back(chart_process)  # nothing left for it to draw
                chart_process = None
            lap("grafieken")

            site = SiteInput(
                reports=reports,
                fingerprint=fingerprint,
                version=__version__,
                charts=charts.assets,
                downloads=tuple(downloads),
                lexicon=lexicon_frame(),
                extra_pages=_extra_pages(hand_written),
            )
            advance = bar.stage("Pagina's maken", page_tree(bundles, site.extra_pages).count)
            pages, nav, about = render_pages(site, links, progress=advance)
            for page in pages:
                target = docs / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page.markdown, encoding="utf-8")
            about_path = docs / ABOUT_PAGE
            intro = about_path.read_text(encoding="utf-8") if about_path.is_file() else "# Over deze site\n"
            about_path.write_text(intro.rstrip("\n") + "\n" + about, encoding="utf-8")
            lap("pagina's")

            bar.stage("Site bouwen (MkDocs)")("")
            overrides = work / "overrides"
            custom_dir = (settings.get("theme") or {}).get("custom_dir")
            if custom_dir and (project / custom_dir).is_dir():
                shutil.copytree(project / custom_dir, overrides)
            config = dict(settings)
            config["docs_dir"] = "docs"
            config["site_dir"] = "site"
            config["nav"] = _nav_config(nav)
            if (docs / FIELDS_PAGE).is_file():  # linked from "Zelf gebruiken", not in the menu
                config["not_in_nav"] = f"/{FIELDS_PAGE}"
            if site_url is not None:
                config["site_url"] = site_url
            theme = dict(config.get("theme") or {})
            if custom_dir:
                theme["custom_dir"] = "overrides"
            config["theme"] = theme
            config["extra"] = {
                **extra,
                "bejegening": {
                    "fingerprint": fingerprint[:12],
                    "version": __version__,
                    "about_url": links.url_of(ABOUT_PAGE),
                },
            }
            apply_branding(branding, data_dir, docs, config)
            fill_statement(docs, contact_sentence(branding), read_check_record())
            config_out = work / "mkdocs.yml"
            config_out.write_text(
                "# Generated by `bejegening build` from the project's mkdocs.yml; do not edit.\n"
                + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100),
                encoding="utf-8",
            )
            _run_mkdocs(
                config_out, chart_cache / "sjablonen" if chart_cache is not None else None, mkdocs_process
            )
            built = work / "site"
            lap("mkdocs")
            fill_chart_sizes(built, charts.finish(built))  # the drawings made meanwhile
            lap("grafieken")
            (built / SITE_MARKER).write_text(
                f"Gebouwd door bejegening {__version__}; gegevens {fingerprint}\n", encoding="utf-8"
            )
            html_pages = sum(1 for _ in built.rglob("*.html"))
            _replace_output(built, out_dir, work)
            review_files = write_review_files(bundles)
            lap("mkdocs")
    finally:
        if chart_process is not None:
            _chart_process.give_back(chart_process)  # ended instead when a request is still unanswered
        if mkdocs_process is not None:
            _mkdocs_process.give_back(mkdocs_process)
        shutil.rmtree(work, ignore_errors=True)

    return BuildSummary(
        out_dir=out_dir,
        surveys=len(bundles),
        pages=html_pages,
        generated_pages=len(pages),
        charts=len(charts.assets),
        downloads=len(downloads),
        fingerprint=fingerprint,
        version=__version__,
        seconds={stage: round(value, 4) for stage, value in seconds.items()},
        review_files=tuple(review_files),
    )
