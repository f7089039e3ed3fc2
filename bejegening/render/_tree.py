"""The site's page tree, defined once: which pages exist, their paths, the navigation, the page
count and the chart keys.

:func:`page_tree` lists every generated page (:class:`TreePage`: path, kind, survey, subject) in
build order and the MkDocs navigation over them; :func:`render_pages` renders exactly these
pages, the build counts them for its progress bar, and charts are keyed by :func:`chart_key`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bejegening.io import SurveyBundle
from bejegening.render._markdown import escape_text
from bejegening.render._pages_links import (
    CHECKS_PAGE,
    DOWNLOADS_PAGE,
    HOME_PAGE,
    SURVEYS_PAGE,
    THEMES_PAGE,
    TRACKER_PAGE,
    findings_page,
    method_page,
    question_page,
    survey_page,
    theme_page,
)

__all__ = [
    "ABOUT_PAGE",
    "FINDINGS_CHART",
    "NavEntry",
    "PageKind",
    "PageTree",
    "TreePage",
    "chart_key",
    "page_tree",
]

ABOUT_PAGE = "over.md"
"""Hand-written page; the build appends the generated version and fingerprint section."""

FINDINGS_CHART = "_bevindingen"
"""Chart key suffix of a survey's findings in words (no question id starts with ``_``)."""

PageKind = Literal[
    "home",
    "surveys",
    "survey",
    "method",
    "question",
    "findings",
    "themes",
    "theme",
    "tracker",
    "checks",
    "downloads",
]


def chart_key(survey: str, question: str | None = None) -> str:
    """Key of a chart: ``survey/question``, or ``survey/_bevindingen`` for its findings in words."""
    return f"{survey}/{question if question is not None else FINDINGS_CHART}"


@dataclass(frozen=True)
class NavEntry:
    """One navigation entry: a page (``path``) or a section (``children``)."""

    title: str | None
    """Shown in the navigation (already escaped); ``None``: the page's own heading."""
    path: str | None = None
    children: tuple[NavEntry, ...] = ()

    def as_config(self) -> str | dict[str, Any]:
        """The entry as MkDocs writes it in ``nav:``."""
        if self.children:
            return {str(self.title): [child.as_config() for child in self.children]}
        assert self.path is not None
        return self.path if self.title is None else {self.title: self.path}


@dataclass(frozen=True)
class TreePage:
    """One generated page: its docs path, kind, survey id and subject (question or theme id)."""

    path: str
    kind: PageKind
    survey: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class PageTree:
    """Every generated page in build order, and the navigation."""

    pages: tuple[TreePage, ...]
    nav: tuple[NavEntry, ...]

    @property
    def count(self) -> int:
        """Number of generated pages."""
        return len(self.pages)


def _themes(bundles: Sequence[SurveyBundle]) -> dict[str, str]:
    """Theme id → label over all surveys, in order of first appearance."""
    themes: dict[str, str] = {}
    for bundle in bundles:
        for theme in bundle.themes:
            themes.setdefault(theme.id, theme.label)
    return themes


def has_findings_page(bundle: SurveyBundle) -> bool:
    """A survey has a page of findings in words when some finding belongs to no question."""
    return any(f.question is None for f in bundle.findings)


def page_tree(bundles: Sequence[SurveyBundle], extra_pages: Sequence[tuple[str, str]] = ()) -> PageTree:
    """The page tree of a site over ``bundles``; ``extra_pages``: hand-written (title, path) pages."""
    pages = [TreePage(HOME_PAGE, "home"), TreePage(SURVEYS_PAGE, "surveys")]
    surveys: list[NavEntry] = [NavEntry(None, SURVEYS_PAGE)]
    for bundle in bundles:
        pages.append(TreePage(survey_page(bundle.id), "survey", bundle.id))
        pages.append(TreePage(method_page(bundle.id), "method", bundle.id))
        children = [NavEntry(None, survey_page(bundle.id)), NavEntry("Methode", method_page(bundle.id))]
        for question in bundle.questions:
            path = question_page(bundle.id, question.id)
            pages.append(TreePage(path, "question", bundle.id, question.id))
            children.append(NavEntry(str(escape_text(question.label)), path))
        if has_findings_page(bundle):
            pages.append(TreePage(findings_page(bundle.id), "findings", bundle.id))
            children.append(NavEntry("Bevindingen in woorden", findings_page(bundle.id)))
        surveys.append(NavEntry(str(escape_text(bundle.survey.title)), children=tuple(children)))
    themes = _themes(bundles)
    pages.append(TreePage(THEMES_PAGE, "themes"))
    pages += [TreePage(theme_page(theme), "theme", subject=theme) for theme in themes]
    pages += [
        TreePage(TRACKER_PAGE, "tracker"),
        TreePage(CHECKS_PAGE, "checks"),
        TreePage(DOWNLOADS_PAGE, "downloads"),
    ]
    theme_entries = [NavEntry(None, THEMES_PAGE)] + [
        NavEntry(str(escape_text(label)), theme_page(theme)) for theme, label in themes.items()
    ]
    nav = [
        NavEntry("Home", HOME_PAGE),
        NavEntry("Onderzoeken", children=tuple(surveys)),
        NavEntry("Thema's", children=tuple(theme_entries)),
        NavEntry("Adviezen", TRACKER_PAGE),
        NavEntry("Cijfercontrole", CHECKS_PAGE),
        NavEntry("Downloads", DOWNLOADS_PAGE),
    ]
    nav += [NavEntry(str(escape_text(title)), path) for title, path in extra_pages]
    nav.append(NavEntry("Over deze site", ABOUT_PAGE))
    return PageTree(tuple(pages), tuple(nav))
