"""Files the pages show: rendered charts and published downloads (docs-relative paths)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bejegening.io import SurveyBundle

__all__ = [
    "ChartAsset",
    "DownloadFile",
    "DownloadTable",
    "DownloadsPage",
    "SurveyDownloads",
    "downloads_page",
]


@dataclass(frozen=True)
class ChartAsset:
    """A rendered chart: the static SVG and the Vega-Lite spec, as files in the docs folder."""

    image: str
    """Docs-relative path of the static SVG."""
    spec: str
    """Docs-relative path of the Vega-Lite JSON (made interactive by the site script)."""
    description: str
    """Dutch text alternative (the chart's description)."""
    title: str
    width: int | None = None
    height: int | None = None
    image_dark: str | None = None
    """Docs-relative path of the static SVG in dark colours (shown when the reader prefers dark)."""
    spec_dark: str | None = None
    """Docs-relative path of the dark Vega-Lite JSON (used when the site is in dark mode)."""


@dataclass(frozen=True)
class DownloadFile:
    """A published download (aggregate tables only)."""

    path: str
    """Docs-relative path."""
    title: str
    format: str
    size: int
    survey: str | None = None


@dataclass(frozen=True)
class DownloadTable:
    """One published table of a survey and its files (CSV, Parquet, JSON…)."""

    title: str
    files: tuple[DownloadFile, ...]
    """Its formats, in the order the downloads were written."""


@dataclass(frozen=True)
class SurveyDownloads:
    """The downloads of one survey, grouped per table."""

    bundle: SurveyBundle
    tables: tuple[DownloadTable, ...]
    """Empty: nothing of this survey to download."""


@dataclass(frozen=True)
class DownloadsPage:
    """The Downloads page: per survey its tables, then the files about all tables."""

    surveys: tuple[SurveyDownloads, ...]
    common: tuple[DownloadFile, ...]
    """Files of no single survey (the data package description)."""


def downloads_page(bundles: Sequence[SurveyBundle], downloads: Sequence[DownloadFile]) -> DownloadsPage:
    """The Downloads page over ``bundles``, tables in the order their first file comes."""
    surveys = []
    for bundle in bundles:
        tables: dict[str, list[DownloadFile]] = {}
        for download in downloads:
            if download.survey == bundle.id:
                tables.setdefault(download.title, []).append(download)
        surveys.append(
            SurveyDownloads(
                bundle, tuple(DownloadTable(title, tuple(files)) for title, files in tables.items())
            )
        )
    return DownloadsPage(tuple(surveys), tuple(d for d in downloads if d.survey is None))
