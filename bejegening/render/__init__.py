"""Layer 5: render. Markdown pages (Jinja templates) and Altair charts from computed frames.

Nothing here reads or writes files of the data folder; the site layer decides where output goes.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.render._chart_comparison import comparison_chart as comparison_chart
    from bejegening.render._chart_comparison import comparison_description as comparison_description
    from bejegening.render._chart_crosstab import crosstab_chart as crosstab_chart
    from bejegening.render._chart_crosstab import crosstab_description as crosstab_description
    from bejegening.render._chart_grid import grid_chart as grid_chart
    from bejegening.render._chart_grid import grid_description as grid_description
    from bejegening.render._chart_histogram import histogram_chart as histogram_chart
    from bejegening.render._chart_histogram import histogram_description as histogram_description
    from bejegening.render._chart_likert import likert_chart as likert_chart
    from bejegening.render._chart_likert import likert_description as likert_description
    from bejegening.render._chart_single import partial_distribution_chart as partial_distribution_chart
    from bejegening.render._chart_single import (
        partial_distribution_description as partial_distribution_description,
    )
    from bejegening.render._chart_single import single_choice_chart as single_choice_chart
    from bejegening.render._chart_single import single_choice_description as single_choice_description
    from bejegening.render._chart_verbal import verbal_findings_chart as verbal_findings_chart
    from bejegening.render._chart_verbal import verbal_findings_description as verbal_findings_description
    from bejegening.render._chart_verbal import verbal_findings_frame as verbal_findings_frame
    from bejegening.render._charts import *
    from bejegening.render._charts_prep import *
    from bejegening.render._markdown import escape_text as escape_text
    from bejegening.render._markdown import page_environment as page_environment
    from bejegening.render._markdown import safe_url as safe_url
    from bejegening.render._pages import CHECK_LABELS as CHECK_LABELS
    from bejegening.render._pages import RULE_NAMES as RULE_NAMES
    from bejegening.render._pages import RULE_TEXTS as RULE_TEXTS
    from bejegening.render._pages import STATUS_LABELS as STATUS_LABELS
    from bejegening.render._pages import ChartAsset as ChartAsset
    from bejegening.render._pages import DownloadFile as DownloadFile
    from bejegening.render._pages import Page as Page
    from bejegening.render._pages import SiteInput as SiteInput
    from bejegening.render._pages import render_pages as render_pages
    from bejegening.render._pages_links import Links as Links
    from bejegening.render._theme import THEME_NAME as THEME_NAME
    from bejegening.render._theme import contrast_ratio as contrast_ratio
    from bejegening.render._theme import register_theme as register_theme
    from bejegening.render._theme import theme_config as theme_config
    from bejegening.render._tree import ABOUT_PAGE as ABOUT_PAGE
    from bejegening.render._tree import FINDINGS_CHART as FINDINGS_CHART
    from bejegening.render._tree import NavEntry as NavEntry
    from bejegening.render._tree import PageTree as PageTree
    from bejegening.render._tree import TreePage as TreePage
    from bejegening.render._tree import chart_key as chart_key
    from bejegening.render._tree import page_tree as page_tree
    from bejegening.render._vega import BUNDLE_NAME as BUNDLE_NAME
    from bejegening.render._vega import RenderedChart as RenderedChart
    from bejegening.render._vega import accessible_svg as accessible_svg
    from bejegening.render._vega import chart_spec as chart_spec
    from bejegening.render._vega import render_batch as render_batch
    from bejegening.render._vega import render_charts as render_charts
    from bejegening.render._vega import render_png as render_png
    from bejegening.render._vega import render_svg as render_svg
    from bejegening.render._vega import spec_json as spec_json
    from bejegening.render._vega import vega_lite_version as vega_lite_version
    from bejegening.render._vega import write_vega_bundle as write_vega_bundle
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
