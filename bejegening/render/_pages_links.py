"""The page tree of the public site: where every page lives and how pages link to each other.

Pages are Markdown files relative to the docs folder (``enquetes/wpi/vragen/q7.md``). Links in
Markdown text point at ``.md`` files (MkDocs checks them); links inside raw HTML (tables,
figures) are not rewritten by MkDocs, so :meth:`Links.href` computes the final relative URL for
both settings of ``use_directory_urls``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

__all__ = [
    "CHECKS_PAGE",
    "DOWNLOADS_PAGE",
    "HOME_PAGE",
    "SURVEYS_PAGE",
    "THEMES_PAGE",
    "TRACKER_PAGE",
    "Links",
    "anchor",
    "findings_page",
    "method_page",
    "question_page",
    "survey_page",
    "theme_page",
]

HOME_PAGE = "index.md"
SURVEYS_PAGE = "enquetes/index.md"
THEMES_PAGE = "themas/index.md"
TRACKER_PAGE = "adviezen.md"
CHECKS_PAGE = "cijfercontrole.md"
DOWNLOADS_PAGE = "downloads/index.md"

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _safe_id(value: str) -> str:
    """Ids come from validated data (``[a-z0-9_-]``); refuse anything else in a path or anchor."""
    if not _ID.match(value):
        raise ValueError(f"ongeldige id voor een pagina of anker: {value!r}")
    return value


def survey_page(survey: str) -> str:
    """Overview page of a survey."""
    return f"enquetes/{_safe_id(survey)}/index.md"


def method_page(survey: str) -> str:
    """Methodology page of a survey (the AAPOR disclosure elements)."""
    return f"enquetes/{_safe_id(survey)}/methode.md"


def question_page(survey: str, question: str) -> str:
    """Page of one question."""
    return f"enquetes/{_safe_id(survey)}/vragen/{_safe_id(question)}.md"


def findings_page(survey: str) -> str:
    """Page of the findings of a survey that belong to no question (reported in words)."""
    return f"enquetes/{_safe_id(survey)}/bevindingen.md"


def theme_page(theme: str) -> str:
    """Page of one theme, all surveys side by side."""
    return f"themas/{_safe_id(theme)}.md"


def anchor(*parts: str) -> str:
    """An HTML id built from data ids: ``anchor("advies", "wpi", "advies-1")``."""
    return "-".join(_safe_id(part) for part in parts)


@dataclass(frozen=True)
class Links:
    """Relative links between pages and files of the built site."""

    use_directory_urls: bool = False

    def url_of(self, path: str) -> str:
        """The site URL (relative to the site root) of a docs file; pages end in ``.html``."""
        if not path.endswith(".md"):
            return path
        stem = path[: -len(".md")]
        if not self.use_directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def _page_dir(self, page: str) -> str:
        url = self.url_of(page)
        return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"

    def href(self, page: str, target: str, fragment: str | None = None) -> str:
        """URL of ``target`` (a docs path) as seen from ``page``, for raw HTML."""
        start = self._page_dir(page).rstrip("/") or "."
        url = self.url_of(target)
        relative = posixpath.relpath(url or ".", start)
        if url.endswith("/") or not url:
            relative = relative.rstrip("/") + "/" if relative != "." else "./"
        if fragment:
            relative += "#" + _safe_id(fragment)
        return relative

    @staticmethod
    def md(page: str, target: str, fragment: str | None = None) -> str:
        """Relative ``.md`` link for Markdown text (MkDocs rewrites and checks it)."""
        start = posixpath.dirname(page) or "."
        relative = posixpath.relpath(target, start)
        if fragment:
            relative += "#" + _safe_id(fragment)
        return relative
