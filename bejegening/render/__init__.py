"""Layer 5: render. Markdown pages (Jinja templates) and Altair charts from computed frames.

Nothing here reads or writes files of the data folder; the site layer decides where output goes.
"""

# Pages of the public site (helper "site").
from bejegening.render._markdown import escape_text, page_environment, safe_url
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
from bejegening.render._tree import (
    ABOUT_PAGE,
    FINDINGS_CHART,
    NavEntry,
    PageTree,
    TreePage,
    chart_key,
    page_tree,
)

__all__ = [
    "ABOUT_PAGE",
    "CHECK_LABELS",
    "FINDINGS_CHART",
    "RULE_NAMES",
    "RULE_TEXTS",
    "STATUS_LABELS",
    "ChartAsset",
    "DownloadFile",
    "Links",
    "NavEntry",
    "Page",
    "PageTree",
    "SiteInput",
    "TreePage",
    "chart_key",
    "escape_text",
    "page_environment",
    "page_tree",
    "render_pages",
    "safe_url",
]

# Charts (helper "charts"): builders, descriptions, theme and rendering.
# One module per chart type: its display rows, chart and description together.
from bejegening.render._chart_comparison import comparison_chart, comparison_description
from bejegening.render._chart_crosstab import crosstab_chart, crosstab_description
from bejegening.render._chart_likert import likert_chart, likert_description
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
from bejegening.render._charts import Chart
from bejegening.render._charts_prep import (
    COMPARISON_COLUMNS,
    CROSSTAB_COLUMNS,
    FREQUENCY_COLUMNS,
    VERBAL_COLUMNS,
)
from bejegening.render._theme import THEME_NAME, contrast_ratio, register_theme, theme_config
from bejegening.render._vega import (
    BUNDLE_NAME,
    accessible_svg,
    chart_spec,
    render_charts,
    render_png,
    render_svg,
    spec_json,
    write_vega_bundle,
)

__all__ += [
    "BUNDLE_NAME",
    "COMPARISON_COLUMNS",
    "CROSSTAB_COLUMNS",
    "FREQUENCY_COLUMNS",
    "THEME_NAME",
    "VERBAL_COLUMNS",
    "Chart",
    "accessible_svg",
    "chart_spec",
    "comparison_chart",
    "comparison_description",
    "contrast_ratio",
    "crosstab_chart",
    "crosstab_description",
    "likert_chart",
    "likert_description",
    "partial_distribution_chart",
    "partial_distribution_description",
    "register_theme",
    "render_charts",
    "render_png",
    "render_svg",
    "single_choice_chart",
    "single_choice_description",
    "spec_json",
    "theme_config",
    "verbal_findings_chart",
    "verbal_findings_description",
    "verbal_findings_frame",
    "write_vega_bundle",
]
