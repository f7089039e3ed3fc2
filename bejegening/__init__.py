"""bejegening: client-experience surveys of Dutch social services, as typed data.

Describe a questionnaire, its published figures and recommendations as data; compute honest
statistics with polars; check published figures; publish an accessible transparency site.

The whole public API is imported below, for type checkers (each name re-exported as itself) and
at run time on first use (the lazy table); ``bejegening.__all__`` lists it. Everything in
``_modules`` is private.
"""

from typing import TYPE_CHECKING

from bejegening._version import __version__ as __version__

if TYPE_CHECKING:
    from bejegening.checks import CHECK_SCHEMA as CHECK_SCHEMA
    from bejegening.checks import QUANTIFIER_LEXICON as QUANTIFIER_LEXICON
    from bejegening.checks import CheckRule as CheckRule
    from bejegening.checks import CheckStatus as CheckStatus
    from bejegening.checks import QuantifierInterval as QuantifierInterval
    from bejegening.checks import Rounding as Rounding
    from bejegening.checks import VerbalMeaning as VerbalMeaning
    from bejegening.checks import base_candidates as base_candidates
    from bejegening.checks import check_all as check_all
    from bejegening.checks import check_means as check_means
    from bejegening.checks import check_survey as check_survey
    from bejegening.checks import consistent_bases as consistent_bases
    from bejegening.checks import grim_consistent as grim_consistent
    from bejegening.checks import inferred_bases as inferred_bases
    from bejegening.checks import lookup_quantifier as lookup_quantifier
    from bejegening.checks import quantifier_interval as quantifier_interval
    from bejegening.checks import verbal_meaning as verbal_meaning
    from bejegening.io import SurveyBundle as SurveyBundle
    from bejegening.io import ValidationReport as ValidationReport
    from bejegening.io import findings_frame as findings_frame
    from bejegening.io import load as load
    from bejegening.io import load_all as load_all
    from bejegening.io import validate as validate
    from bejegening.io import write_schemas as write_schemas
    from bejegening.io import write_survey as write_survey
    from bejegening.model import Cause as Cause
    from bejegening.model import Claim as Claim
    from bejegening.model import ClaimKind as ClaimKind
    from bejegening.model import DataError as DataError
    from bejegening.model import Finding as Finding
    from bejegening.model import Item as Item
    from bejegening.model import Mode as Mode
    from bejegening.model import Option as Option
    from bejegening.model import Organisation as Organisation
    from bejegening.model import Population as Population
    from bejegening.model import Problem as Problem
    from bejegening.model import Question as Question
    from bejegening.model import QuestionType as QuestionType
    from bejegening.model import Recommendation as Recommendation
    from bejegening.model import SampleDesign as SampleDesign
    from bejegening.model import Sampling as Sampling
    from bejegening.model import Severity as Severity
    from bejegening.model import Source as Source
    from bejegening.model import SourceRef as SourceRef
    from bejegening.model import Status as Status
    from bejegening.model import StatusEvent as StatusEvent
    from bejegening.model import Survey as Survey
    from bejegening.model import SurveyFile as SurveyFile
    from bejegening.model import Theme as Theme
    from bejegening.model import Valence as Valence
    from bejegening.model import answered_questions as answered_questions
    from bejegening.render import chart_spec as chart_spec
    from bejegening.render import comparison_chart as comparison_chart
    from bejegening.render import crosstab_chart as crosstab_chart
    from bejegening.render import likert_chart as likert_chart
    from bejegening.render import partial_distribution_chart as partial_distribution_chart
    from bejegening.render import render_charts as render_charts
    from bejegening.render import render_png as render_png
    from bejegening.render import render_svg as render_svg
    from bejegening.render import single_choice_chart as single_choice_chart
    from bejegening.render import verbal_findings_chart as verbal_findings_chart
    from bejegening.render import write_vega_bundle as write_vega_bundle
    from bejegening.report import BaseSource as BaseSource
    from bejegening.report import Headline as Headline
    from bejegening.report import QuestionBase as QuestionBase
    from bejegening.report import SurveyReport as SurveyReport
    from bejegening.report import build_report as build_report
    from bejegening.report import build_reports as build_reports
    from bejegening.stats import FREQUENCY_SCHEMA as FREQUENCY_SCHEMA
    from bejegening.stats import Crosstab as Crosstab
    from bejegening.stats import RakeResult as RakeResult
    from bejegening.stats import Tables as Tables
    from bejegening.stats import answer_counts as answer_counts
    from bejegening.stats import answers_from_wide as answers_from_wide
    from bejegening.stats import benjamini_hochberg_adjust as benjamini_hochberg_adjust
    from bejegening.stats import chi_square_test as chi_square_test
    from bejegening.stats import clopper_pearson_interval as clopper_pearson_interval
    from bejegening.stats import compare_proportions as compare_proportions
    from bejegening.stats import cramers_v as cramers_v
    from bejegening.stats import crosstab as crosstab
    from bejegening.stats import design_effect as design_effect
    from bejegening.stats import design_proportions as design_proportions
    from bejegening.stats import diverging_order as diverging_order
    from bejegening.stats import finite_population_correction as finite_population_correction
    from bejegening.stats import fisher_exact_test as fisher_exact_test
    from bejegening.stats import frequencies as frequencies
    from bejegening.stats import frequencies_from_counts as frequencies_from_counts
    from bejegening.stats import holm_adjust as holm_adjust
    from bejegening.stats import kish_effective_n as kish_effective_n
    from bejegening.stats import largest_remainder as largest_remainder
    from bejegening.stats import likert_summary as likert_summary
    from bejegening.stats import merge_counts as merge_counts
    from bejegening.stats import newcombe_difference as newcombe_difference
    from bejegening.stats import numeric_summary as numeric_summary
    from bejegening.stats import poststratify as poststratify
    from bejegening.stats import published_frequencies as published_frequencies
    from bejegening.stats import rake as rake
    from bejegening.stats import redact_text as redact_text
    from bejegening.stats import suppress_crosstab as suppress_crosstab
    from bejegening.stats import suppress_small_cells as suppress_small_cells
    from bejegening.stats import tabulate as tabulate
    from bejegening.stats import trim_weights as trim_weights
    from bejegening.stats import two_proportion_test as two_proportion_test
    from bejegening.stats import wilson_interval as wilson_interval
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.checks": (
                "CHECK_SCHEMA QUANTIFIER_LEXICON CheckRule CheckStatus QuantifierInterval Rounding "
                "VerbalMeaning base_candidates check_all check_means check_survey consistent_bases "
                "grim_consistent inferred_bases lookup_quantifier quantifier_interval "
                "verbal_meaning"
            ),
            "bejegening.io": (
                "SurveyBundle ValidationReport findings_frame load load_all validate write_schemas "
                "write_survey"
            ),
            "bejegening.model": (
                "Cause Claim ClaimKind DataError Finding Item Mode Option Organisation Population "
                "Problem Question QuestionType Recommendation SampleDesign Sampling Severity "
                "Source SourceRef Status StatusEvent Survey SurveyFile Theme Valence "
                "answered_questions"
            ),
            "bejegening.render": (
                "chart_spec comparison_chart crosstab_chart likert_chart "
                "partial_distribution_chart render_charts render_png render_svg "
                "single_choice_chart verbal_findings_chart write_vega_bundle"
            ),
            "bejegening.report": "BaseSource Headline QuestionBase SurveyReport build_report build_reports",
            "bejegening.stats": (
                "FREQUENCY_SCHEMA Crosstab RakeResult Tables answer_counts answers_from_wide "
                "benjamini_hochberg_adjust chi_square_test clopper_pearson_interval "
                "compare_proportions cramers_v crosstab design_effect design_proportions "
                "diverging_order finite_population_correction fisher_exact_test frequencies "
                "frequencies_from_counts holm_adjust kish_effective_n largest_remainder "
                "likert_summary merge_counts newcombe_difference numeric_summary poststratify "
                "published_frequencies rake redact_text suppress_crosstab suppress_small_cells "
                "tabulate trim_weights two_proportion_test wilson_interval"
            ),
        },
        submodules=("checks", "cli", "io", "model", "render", "report", "site", "stats"),
        eager=("__version__",),
    )
    del lazy_exports
