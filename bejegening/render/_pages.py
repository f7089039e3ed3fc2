"""Markdown pages of the public site, generated from computed reports (no I/O, no mkdocs).

:func:`render_pages` takes everything the site shows (one report per survey, chart files,
download files) as a :class:`SiteInput` and returns the pages as :class:`Page` objects plus the
navigation. It renders every page of the page tree (``render/_tree.py``) from frozen view models
(``render/_views_*.py``) built once per build; page text is produced by Jinja templates in
``templates/``, and every value from data passes
:func:`~bejegening.render._markdown.escape_text` (the environment's ``finalize``), so data can
never inject HTML, Markdown or links.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from markupsafe import Markup

from bejegening.checks import CHECK_SCHEMA
from bejegening.io import SurveyBundle
from bejegening.model import Question, Recommendation, Status
from bejegening.render._assets import ChartAsset, DownloadFile, downloads_page
from bejegening.render._citation import citation
from bejegening.render._markdown import page_environment
from bejegening.render._pages_links import (
    Links,
    anchor,
    findings_page,
    method_page,
    question_page,
    survey_page,
    theme_page,
)
from bejegening.render._tree import ABOUT_PAGE, NavEntry, PageTree, chart_key, page_tree
from bejegening.render._views_checks import (
    CHECK_LABELS,
    RULE_NAMES,
    RULE_TEXTS,
    checks_page,
    status_badge,
)
from bejegening.render._views_findings import finding_row, findings_page_view
from bejegening.render._views_method import method_page_view
from bejegening.render._views_question import QuestionView, question_entry, question_view
from bejegening.render._views_recs import (
    STATUS_EXPLANATIONS,
    STATUS_LABELS,
    RecommendationView,
    recommendation_view,
)
from bejegening.render._views_survey import SurveyPage, home_page, survey_summary
from bejegening.render._views_themes import ThemeView, theme_views
from bejegening.render._views_tracker import tracker_page
from bejegening.report import SurveyReport
from bejegening.report._headlines import Headline

__all__ = [
    "ABOUT_PAGE",
    "CHECK_LABELS",
    "RULE_NAMES",
    "RULE_TEXTS",
    "STATUS_LABELS",
    "ChartAsset",
    "DownloadFile",
    "NavEntry",
    "Page",
    "SiteInput",
    "render_pages",
]

SURVEY_HEADLINES = 6
"""Headline findings on a survey's page."""


@dataclass(frozen=True)
class Page:
    """One generated Markdown page; ``path`` is relative to the docs folder."""

    path: str
    markdown: str


@dataclass(frozen=True)
class SiteInput:
    """Everything the pages show, computed before rendering.

    ``reports``: one :class:`~bejegening.report.SurveyReport` per survey (checks, frequencies
    already suppressed for small cells, bases, verbal meanings, open answers). ``charts`` maps
    ``"<survey>/<question>"`` (and ``"<survey>/_bevindingen"`` for findings in words) to the
    chart files.
    """

    reports: tuple[SurveyReport, ...]
    fingerprint: str
    version: str
    charts: Mapping[str, ChartAsset] = field(default_factory=dict)
    downloads: tuple[DownloadFile, ...] = ()
    lexicon: pl.DataFrame | None = None
    """The lexicon of verbal quantifiers (``bejegening.checks.lexicon_frame()`` columns
    ``phrase, kind, interval, explanation``), shown on the Cijfercontrole page."""
    confidence: float = 0.95
    extra_pages: tuple[tuple[str, str], ...] = ()
    """Hand-written pages to list in the navigation: (title, docs path)."""

    @property
    def bundles(self) -> tuple[SurveyBundle, ...]:
        """The surveys, in report order."""
        return tuple(r.bundle for r in self.reports)

    @property
    def checks(self) -> pl.DataFrame:
        """The check result tables of every report, as one table."""
        frames = [r.checks for r in self.reports]
        return pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=dict(CHECK_SCHEMA))


# --------------------------------------------------------------------------------------------
# Helpers turning frames and models into plain values for the templates


SELF_USE_PAGE = "zelf-gebruiken.md"
"""Hand-written page for councils ("Zelf gebruiken"); question pages link to its sections."""


_Content = tuple[str, dict[str, Any]]
"""What a page shows: its template and the values (view models) the template reads."""


class _Renderer:
    """Renders every page of one site; holds the template environment and cross-references."""

    def __init__(self, site: SiteInput, links: Links, tree: PageTree) -> None:
        self.site = site
        self.links = links
        # The site-wide pages by kind ("tracker", "checks", …), as templates name them: pages.tracker.
        self.site_pages = {p.kind: p.path for p in tree.pages if p.survey is None and p.subject is None}
        self.env = page_environment()
        self.bundles = site.bundles
        self.by_id = {b.id: b for b in site.bundles}
        self.reports = {r.id: r for r in site.reports}
        self._question_views: dict[tuple[str, str], QuestionView] = {}
        self.summaries = {r.id: survey_summary(r) for r in site.reports}
        self.entries = {(r.id, q.id): question_entry(r, q) for r in site.reports for q in r.bundle.questions}
        self.recs = {(b.id, r.id): recommendation_view(b, r) for b in site.bundles for r in b.recommendations}
        self.finding_rows = {
            r.id: {f.id: finding_row(r, f, self.recs) for f in r.bundle.findings} for r in site.reports
        }
        every = {r.id: r.headlines for r in site.reports}
        self.headlines: dict[str, tuple[Headline, ...]] = {
            survey: found[:SURVEY_HEADLINES] for survey, found in every.items()
        }

    # -- links bound to the page being rendered --------------------------------------------
    def _context(self, page: str, **values: Any) -> dict[str, Any]:
        links = self.links

        def link(target: str, fragment: str | None = None) -> Markup:
            return Markup(links.md(page, target, fragment))

        def href(target: str, fragment: str | None = None) -> Markup:
            return Markup(links.href(page, target, fragment))

        return {
            "page": page,
            "link": link,
            "href": href,
            "confidence": self.site.confidence,
            "fingerprint": self.site.fingerprint,
            "version": self.site.version,
            "status_label": lambda status: STATUS_LABELS[Status(status)],
            "status_explanation": lambda status: STATUS_EXPLANATIONS[Status(status)],
            "question_page": question_page,
            "survey_page": survey_page,
            "method_page": method_page,
            "findings_page": findings_page,
            "theme_page": theme_page,
            "anchor": anchor,
            "citation": citation,
            "check_badge": status_badge,
            "pages": {**self.site_pages, "about": ABOUT_PAGE, "zelf": SELF_USE_PAGE},
            # The "Zelf gebruiken" page is optional (site.yaml ``pages``): link to it only if built.
            "self_use_page": any(path == SELF_USE_PAGE for _, path in self.site.extra_pages),
            **values,
        }

    def render(self, template: str, page: str, **values: Any) -> Page:
        text = self.env.get_template(template).render(self._context(page, **values))
        return Page(page, text)

    # -- shared view models --------------------------------------------------------------------
    def question_view(self, bundle: SurveyBundle, question: Question) -> QuestionView:
        """The view of one question, built once per build (pages share it)."""
        key = (bundle.id, question.id)
        if key not in self._question_views:
            self._question_views[key] = question_view(
                self.reports[bundle.id],
                question,
                charts=self.site.charts,
                confidence=self.site.confidence,
                finding_rows=self.finding_rows[bundle.id],
                recs=self.recs,
                lead=self.reports[bundle.id].leads.get(question.id),
            )
        return self._question_views[key]

    def recommendation_view(self, bundle: SurveyBundle, rec: Recommendation) -> RecommendationView:
        """The view of one recommendation, built once per build (pages share it)."""
        return self.recs[bundle.id, rec.id]

    # -- pages: each returns its template and the values it shows --------------------------
    def home(self) -> _Content:
        return "home.md.j2", {"view": home_page([self.summaries[b.id] for b in self.bundles], self.headlines)}

    def surveys(self) -> _Content:
        return "surveys.md.j2", {"summaries": tuple(self.summaries[b.id] for b in self.bundles)}

    def survey(self, bundle: SurveyBundle) -> _Content:
        view = SurveyPage(
            summary=self.summaries[bundle.id],
            headlines=self.headlines[bundle.id],
            questions=tuple(self.entries[bundle.id, q.id] for q in bundle.questions),
            recommendations=tuple(self.recs[bundle.id, r.id] for r in bundle.recommendations),
        )
        return "survey.md.j2", {"view": view}

    def method(self, bundle: SurveyBundle) -> _Content:
        view = method_page_view(bundle, tuple(self.question_view(bundle, q) for q in bundle.questions))
        return "method.md.j2", {"view": view}

    def question(self, bundle: SurveyBundle, question: Question) -> _Content:
        view = self.question_view(bundle, question)
        return "question.md.j2", {"q": view, "recommendations": view.recommendations}

    def findings(self, bundle: SurveyBundle) -> _Content:
        chart = self.site.charts.get(chart_key(bundle.id))
        view = findings_page_view(self.reports[bundle.id], self.finding_rows[bundle.id], chart)
        return "findings.md.j2", {"view": view}

    def theme_list(self) -> tuple[ThemeView, ...]:
        """Themes over all surveys, merged by id, in order of first appearance."""
        questions = {(b.id, q.id): self.question_view(b, q) for b in self.bundles for q in b.questions}
        return theme_views(self.bundles, questions, self.finding_rows, self.recs)

    def tracker(self) -> _Content:
        return "tracker.md.j2", {"view": tracker_page(self.bundles, self.recs, self.entries)}

    def checks(self) -> _Content:
        return "checks.md.j2", {"view": checks_page(self.site.reports, self.site.lexicon)}

    def downloads(self) -> _Content:
        return "downloads.md.j2", {"view": downloads_page(self.bundles, self.site.downloads)}

    def about_appendix(self) -> str:
        return self.env.get_template("about.md.j2").render(self._context(ABOUT_PAGE, bundles=self.bundles))


def render_pages(
    site: SiteInput,
    links: Links | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Page], list[NavEntry], str]:
    """Render every generated page of the site.

    Returns the pages, the navigation and the generated Markdown to append to the hand-written
    "Over deze site" page (version and data fingerprints). ``progress`` is called with each
    page path as it is rendered.
    """
    tree = page_tree(site.bundles, site.extra_pages)
    renderer = _Renderer(site, links or Links(), tree)
    themes = renderer.theme_list()
    by_theme = {theme.id: theme for theme in themes}
    pages: list[Page] = []
    for entry in tree.pages:
        bundle = renderer.by_id[entry.survey] if entry.survey is not None else None
        content: _Content
        if entry.kind == "home":
            content = renderer.home()
        elif entry.kind == "surveys":
            content = renderer.surveys()
        elif entry.kind == "themes":
            content = "themes.md.j2", {"themes": themes}
        elif entry.kind == "theme":
            content = "theme.md.j2", {"theme": by_theme[str(entry.subject)]}
        elif entry.kind == "tracker":
            content = renderer.tracker()
        elif entry.kind == "checks":
            content = renderer.checks()
        elif entry.kind == "downloads":
            content = renderer.downloads()
        else:
            assert bundle is not None, entry
            if entry.kind == "survey":
                content = renderer.survey(bundle)
            elif entry.kind == "method":
                content = renderer.method(bundle)
            elif entry.kind == "question":
                content = renderer.question(bundle, bundle.question(str(entry.subject)))
            else:
                content = renderer.findings(bundle)
        template, values = content
        page = renderer.render(template, entry.path, **values)
        pages.append(page)
        if progress is not None:
            progress(page.path)
    return pages, list(tree.nav), renderer.about_appendix()
