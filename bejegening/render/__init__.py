"""Layer 5: render. Markdown pages (Jinja templates) and Altair charts from computed frames.

Nothing here reads or writes files of the data folder; the site layer decides where output goes.
"""

# Pages of the public site (helper "site").
from bejegening.render._markdown import escape_text, page_environment, safe_url
from bejegening.render._pages import (
    ABOUT_PAGE,
    CHECK_LABELS,
    RULE_NAMES,
    RULE_TEXTS,
    STATUS_LABELS,
    ChartAsset,
    DownloadFile,
    NavEntry,
    Page,
    SiteInput,
    render_pages,
)
from bejegening.render._pages_links import Links

__all__ = [
    "ABOUT_PAGE",
    "CHECK_LABELS",
    "RULE_NAMES",
    "RULE_TEXTS",
    "STATUS_LABELS",
    "ChartAsset",
    "DownloadFile",
    "Links",
    "NavEntry",
    "Page",
    "SiteInput",
    "escape_text",
    "page_environment",
    "render_pages",
    "safe_url",
]
