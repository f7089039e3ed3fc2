"""Layer 5: render. Markdown pages (Jinja templates) and Altair charts from computed frames.

Nothing here reads or writes files of the data folder; the site layer decides where output goes.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.render._chart_comparison import (
        comparison_chart,
        comparison_description,
    )
    from bejegening.render._chart_crosstab import (
        crosstab_chart,
        crosstab_description,
    )
    from bejegening.render._chart_grid import (
        grid_chart,
        grid_description,
    )
    from bejegening.render._chart_histogram import (
        histogram_chart,
        histogram_description,
    )
    from bejegening.render._chart_likert import (
        likert_chart,
        likert_description,
    )
    from bejegening.render._chart_single import (
        partial_distribution_chart,
        partial_distribution_description,
        single_choice_chart,
        single_choice_description,
    )
    from bejegening.render._chart_verbal import (
        verbal_findings_chart,
        verbal_findings_description,
        verbal_findings_frame,
    )
    from bejegening.render._charts import *
    from bejegening.render._charts_prep import *
    from bejegening.render._markdown import (
        escape_text,
        page_environment,
        safe_url,
    )
    from bejegening.render._pages import (
        CHECK_LABELS,
        RULE_NAMES,
        RULE_TEXTS,
        STATUS_LABELS,
        ChartAsset,
        DownloadFile,
        Page,
        SiteInput,
        render_pages,
    )
    from bejegening.render._pages_links import Links
    from bejegening.render._theme import (
        THEME_NAME,
        contrast_ratio,
        register_theme,
        theme_config,
    )
    from bejegening.render._tree import (
        ABOUT_PAGE,
        FINDINGS_CHART,
        NavEntry,
        PageTree,
        TreePage,
        chart_key,
        page_tree,
    )
    from bejegening.render._vega import (
        BUNDLE_NAME,
        RenderedChart,
        accessible_svg,
        chart_spec,
        render_batch,
        render_charts,
        render_png,
        render_svg,
        spec_json,
        vega_lite_version,
        write_vega_bundle,
    )
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.render._markdown": "escape_text page_environment safe_url",
            "bejegening.render._pages": (
                "CHECK_LABELS RULE_NAMES RULE_TEXTS STATUS_LABELS ChartAsset DownloadFile Page "
                "SiteInput render_pages"
            ),
            "bejegening.render._pages_links": "Links",
            "bejegening.render._tree": (
                "ABOUT_PAGE FINDINGS_CHART NavEntry PageTree TreePage chart_key page_tree"
            ),
            "bejegening.render._chart_comparison": "comparison_chart comparison_description",
            "bejegening.render._chart_crosstab": "crosstab_chart crosstab_description",
            "bejegening.render._chart_grid": "grid_chart grid_description",
            "bejegening.render._chart_histogram": "histogram_chart histogram_description",
            "bejegening.render._chart_likert": "likert_chart likert_description",
            "bejegening.render._chart_single": (
                "partial_distribution_chart partial_distribution_description single_choice_chart "
                "single_choice_description"
            ),
            "bejegening.render._chart_verbal": (
                "verbal_findings_chart verbal_findings_description verbal_findings_frame"
            ),
            "bejegening.render._charts": "Chart",
            "bejegening.render._charts_prep": (
                "COMPARISON_COLUMNS CROSSTAB_COLUMNS FREQUENCY_COLUMNS VERBAL_COLUMNS"
            ),
            "bejegening.render._theme": "THEME_NAME contrast_ratio register_theme theme_config",
            "bejegening.render._vega": (
                "BUNDLE_NAME RenderedChart accessible_svg chart_spec render_batch render_charts "
                "render_png render_svg spec_json vega_lite_version write_vega_bundle"
            ),
        },
    )
    del lazy_exports

__all__ = [
    "ABOUT_PAGE",
    "BUNDLE_NAME",
    "CHECK_LABELS",
    "COMPARISON_COLUMNS",
    "CROSSTAB_COLUMNS",
    "FINDINGS_CHART",
    "FREQUENCY_COLUMNS",
    "RULE_NAMES",
    "RULE_TEXTS",
    "STATUS_LABELS",
    "THEME_NAME",
    "VERBAL_COLUMNS",
    "Chart",
    "ChartAsset",
    "DownloadFile",
    "Links",
    "NavEntry",
    "Page",
    "PageTree",
    "RenderedChart",
    "SiteInput",
    "TreePage",
    "accessible_svg",
    "chart_key",
    "chart_spec",
    "comparison_chart",
    "comparison_description",
    "contrast_ratio",
    "crosstab_chart",
    "crosstab_description",
    "escape_text",
    "grid_chart",
    "grid_description",
    "histogram_chart",
    "histogram_description",
    "likert_chart",
    "likert_description",
    "page_environment",
    "page_tree",
    "partial_distribution_chart",
    "partial_distribution_description",
    "register_theme",
    "render_batch",
    "render_charts",
    "render_pages",
    "render_png",
    "render_svg",
    "safe_url",
    "single_choice_chart",
    "single_choice_description",
    "spec_json",
    "theme_config",
    "vega_lite_version",
    "verbal_findings_chart",
    "verbal_findings_description",
    "verbal_findings_frame",
    "write_vega_bundle",
]
