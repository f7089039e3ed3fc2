"""Layer 6: the public site. Page tree, downloads and the MkDocs build (``bejegening build``)."""

from bejegening.site._build import (
    DEFAULT_SOURCE_DATE_EPOCH,
    PACKAGED_CONFIG,
    SITE_MARKER,
    BuildSummary,
    SiteBuildError,
    build_site,
    data_fingerprint,
    find_config,
)
from bejegening.site._downloads import TABLES, download_tables, write_downloads

__all__ = [
    "DEFAULT_SOURCE_DATE_EPOCH",
    "PACKAGED_CONFIG",
    "SITE_MARKER",
    "TABLES",
    "BuildSummary",
    "SiteBuildError",
    "build_site",
    "data_fingerprint",
    "download_tables",
    "find_config",
    "write_downloads",
]
