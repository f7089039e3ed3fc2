"""Markdown pages of the public site, generated from computed frames (no I/O, no mkdocs).

:func:`render_pages` takes everything the site shows (bundles, the Frequency table, the Check
result table, chart files, download files) as a :class:`SiteInput` and returns the pages as
:class:`Page` objects plus the navigation. Page text is produced by Jinja templates in
``templates/``; every value from data passes :func:`~bejegening.render._markdown.escape_text`
(the environment's ``finalize``), so data can never inject HTML, Markdown or links.
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
    CHECKS_PAGE,
    DOWNLOADS_PAGE,
    HOME_PAGE,
    SURVEYS_PAGE,
    THEMES_PAGE,
    TRACKER_PAGE,
    Links,
    anchor,
    findings_page,
    method_page,
    question_page,
    survey_page,
    theme_page,
)
from bejegening.render._tree import ABOUT_PAGE, NavEntry, chart_key, page_tree
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


class _Renderer:
    """Renders every page of one site; holds the template environment and cross-references."""

    def __init__(self, site: SiteInput, links: Links) -> None:
        self.site = site
        self.links = links
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
        # The sentence each question page leads with: the question's first headline.
        self.leads: dict[tuple[str, str], Headline] = {}
        for survey, found in every.items():
            for headline in found:
                if headline.question is not None:
                    self.leads.setdefault((survey, headline.question), headline)

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
            "site": self.site,
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
            "pages": {
                "home": HOME_PAGE,
                "surveys": SURVEYS_PAGE,
                "themes": THEMES_PAGE,
                "tracker": TRACKER_PAGE,
                "checks": CHECKS_PAGE,
                "downloads": DOWNLOADS_PAGE,
                "about": ABOUT_PAGE,
                "zelf": SELF_USE_PAGE,
            },
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
                lead=self.leads.get(key),
            )
        return self._question_views[key]

    def recommendation_view(self, bundle: SurveyBundle, rec: Recommendation) -> RecommendationView:
        """The view of one recommendation, built once per build (pages share it)."""
        return self.recs[bundle.id, rec.id]

    # -- pages ----------------------------------------------------------------------------------
    def home(self) -> Page:
        view = home_page([self.summaries[b.id] for b in self.bundles], self.headlines)
        return self.render("home.md.j2", HOME_PAGE, view=view)

    def surveys(self) -> Page:
        summaries = tuple(self.summaries[b.id] for b in self.bundles)
        return self.render("surveys.md.j2", SURVEYS_PAGE, summaries=summaries)

    def survey(self, bundle: SurveyBundle) -> Page:
        view = SurveyPage(
            summary=self.summaries[bundle.id],
            headlines=self.headlines[bundle.id],
            questions=tuple(self.entries[bundle.id, q.id] for q in bundle.questions),
            recommendations=tuple(self.recs[bundle.id, r.id] for r in bundle.recommendations),
        )
        return self.render("survey.md.j2", survey_page(bundle.id), view=view)

    def method(self, bundle: SurveyBundle) -> Page:
        view = method_page_view(bundle, tuple(self.question_view(bundle, q) for q in bundle.questions))
        return self.render("method.md.j2", method_page(bundle.id), view=view, confidence=self.site.confidence)

    def question(self, bundle: SurveyBundle, question: Question) -> Page:
        view = self.question_view(bundle, question)
        return self.render(
            "question.md.j2",
            view.path,
            q=view,
            recommendations=view.recommendations,
            confidence=self.site.confidence,
        )

    def findings(self, bundle: SurveyBundle) -> Page:
        report = self.reports[bundle.id]
        chart = self.site.charts.get(chart_key(bundle.id))
        view = findings_page_view(report, self.finding_rows[bundle.id], chart)
        return self.render("findings.md.j2", findings_page(bundle.id), view=view)

    def theme_list(self) -> tuple[ThemeView, ...]:
        """Themes over all surveys, merged by id, in order of first appearance."""
        questions = {(b.id, q.id): self.question_view(b, q) for b in self.bundles for q in b.questions}
        return theme_views(self.bundles, questions, self.finding_rows, self.recs)

    def themes(self, themes: tuple[ThemeView, ...]) -> Page:
        return self.render("themes.md.j2", THEMES_PAGE, themes=themes)

    def theme(self, theme: ThemeView) -> Page:
        return self.render("theme.md.j2", theme_page(theme.id), theme=theme)

    def tracker(self) -> Page:
        return self.render(
            "tracker.md.j2", TRACKER_PAGE, view=tracker_page(self.bundles, self.recs, self.entries)
        )

    def checks(self) -> Page:
        view = checks_page(self.site.reports, self.site.lexicon)
        return self.render("checks.md.j2", CHECKS_PAGE, view=view)

    def downloads(self) -> Page:
        view = downloads_page(self.bundles, self.site.downloads)
        return self.render("downloads.md.j2", DOWNLOADS_PAGE, view=view)

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
    renderer = _Renderer(site, links or Links())
    themes = renderer.theme_list()
    by_theme = {theme.id: theme for theme in themes}
    tree = page_tree(site.bundles, site.extra_pages)
    pages: list[Page] = []
    for entry in tree.pages:
        bundle = renderer.by_id[entry.survey] if entry.survey is not None else None
        if entry.kind == "home":
            page = renderer.home()
        elif entry.kind == "surveys":
            page = renderer.surveys()
        elif entry.kind == "themes":
            page = renderer.themes(themes)
        elif entry.kind == "theme":
            page = renderer.theme(by_theme[str(entry.subject)])
        elif entry.kind == "tracker":
            page = renderer.tracker()
        elif entry.kind == "checks":
            page = renderer.checks()
        elif entry.kind == "downloads":
            page = renderer.downloads()
        else:
            assert bundle is not None, entry
            if entry.kind == "survey":
                page = renderer.survey(bundle)
            elif entry.kind == "method":
                page = renderer.method(bundle)
            elif entry.kind == "question":
                page = renderer.question(bundle, bundle.question(str(entry.subject)))
            else:
                page = renderer.findings(bundle)
        assert page.path == entry.path, (page.path, entry.path)
        pages.append(page)
        if progress is not None:
            progress(page.path)
    return pages, list(tree.nav), renderer.about_appendix()
