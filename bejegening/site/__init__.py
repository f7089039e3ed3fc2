"""Layer 6: the public site. Page tree, downloads and the MkDocs build (``bejegening build``)."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.site._build import *
    from bejegening.site._downloads import (
        TABLES,
        download_tables,
        write_downloads,
    )
    from bejegening.site._zip import *
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.site._build": (
                "CHART_CACHE DEFAULT_SOURCE_DATE_EPOCH PACKAGED_CONFIG SITE_MARKER BuildSummary "
                "SiteBuildError build_site data_fingerprint find_config"
            ),
            "bejegening.site._downloads": "TABLES download_tables write_downloads",
            "bejegening.site._zip": "site_zip_path zip_site",
        },
    )
    del lazy_exports

__all__ = [
    "CHART_CACHE",
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
    "site_zip_path",
    "write_downloads",
    "zip_site",
]
