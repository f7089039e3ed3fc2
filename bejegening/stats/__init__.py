"""Layer 3: statistics over polars frames (pure functions: no I/O, no printing).

Canonical frames (long-form answers, mergeable counts), frequency tables with Wilson or
Clopper-Pearson intervals, Likert summaries, numeric summaries, multiple response, crosstabs with chi-square /
Fisher / Cramér's V, comparisons with Newcombe intervals and Holm / Benjamini-Hochberg
adjustment, and weights (raking, trimming, design effect).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.stats._breakdown import BREAKDOWN_TESTS_SCHEMA as BREAKDOWN_TESTS_SCHEMA
    from bejegening.stats._breakdown import DIFFERENCES_SCHEMA as DIFFERENCES_SCHEMA
    from bejegening.stats._breakdown import Breakdowns as Breakdowns
    from bejegening.stats._breakdown import breakdowns as breakdowns
    from bejegening.stats._breakdown import independence_test as independence_test
    from bejegening.stats._compare import COMPARISON_SCHEMA as COMPARISON_SCHEMA
    from bejegening.stats._compare import adjust_pvalues as adjust_pvalues
    from bejegening.stats._compare import benjamini_hochberg_adjust as benjamini_hochberg_adjust
    from bejegening.stats._compare import compare_proportions as compare_proportions
    from bejegening.stats._compare import holm_adjust as holm_adjust
    from bejegening.stats._compare import newcombe_difference as newcombe_difference
    from bejegening.stats._compare import two_proportion_test as two_proportion_test
    from bejegening.stats._crosstab import CROSSTAB_SCHEMA as CROSSTAB_SCHEMA
    from bejegening.stats._crosstab import TESTS_SCHEMA as TESTS_SCHEMA
    from bejegening.stats._crosstab import ChiSquareResult as ChiSquareResult
    from bejegening.stats._crosstab import Crosstab as Crosstab
    from bejegening.stats._crosstab import chi_square_test as chi_square_test
    from bejegening.stats._crosstab import cramers_v as cramers_v
    from bejegening.stats._crosstab import crosstab as crosstab
    from bejegening.stats._crosstab import crosstab_from_counts as crosstab_from_counts
    from bejegening.stats._crosstab import fisher_exact_test as fisher_exact_test
    from bejegening.stats._design import DESIGN_PROPORTION_SCHEMA as DESIGN_PROPORTION_SCHEMA
    from bejegening.stats._design import design_proportions as design_proportions
    from bejegening.stats._design import logit_interval as logit_interval
    from bejegening.stats._design_ranks import *
    from bejegening.stats._frames import NONE_OPTION as NONE_OPTION
    from bejegening.stats._frames import REMAINDER_OPTION as REMAINDER_OPTION
    from bejegening.stats._frames import RESPONDENTS_OPTION as RESPONDENTS_OPTION
    from bejegening.stats._frames import answer_counts as answer_counts
    from bejegening.stats._frames import answers_from_wide as answers_from_wide
    from bejegening.stats._frames import counts_from_wide as counts_from_wide
    from bejegening.stats._frames import merge_counts as merge_counts
    from bejegening.stats._frames import option_spec as option_spec
    from bejegening.stats._frequencies import CONTRACT_COLUMNS as CONTRACT_COLUMNS
    from bejegening.stats._frequencies import FREQUENCY_CONTRACT as FREQUENCY_CONTRACT
    from bejegening.stats._frequencies import FREQUENCY_SCHEMA as FREQUENCY_SCHEMA
    from bejegening.stats._frequencies import frequencies as frequencies
    from bejegening.stats._frequencies import frequencies_from_counts as frequencies_from_counts
    from bejegening.stats._frequencies import published_frequencies as published_frequencies
    from bejegening.stats._frequencies import sampling_note as sampling_note
    from bejegening.stats._grid import *
    from bejegening.stats._intervals import clopper_pearson_interval as clopper_pearson_interval
    from bejegening.stats._intervals import finite_population_correction as finite_population_correction
    from bejegening.stats._intervals import fpc_effective_n as fpc_effective_n
    from bejegening.stats._intervals import kish_effective_n as kish_effective_n
    from bejegening.stats._intervals import net_score_interval as net_score_interval
    from bejegening.stats._intervals import proportion_interval as proportion_interval
    from bejegening.stats._intervals import wilson_interval as wilson_interval
    from bejegening.stats._intervals import z_value as z_value
    from bejegening.stats._likert import *
    from bejegening.stats._merge import *
    from bejegening.stats._numeric import *
    from bejegening.stats._numeric_sdc import HISTOGRAM_SCHEMA as HISTOGRAM_SCHEMA
    from bejegening.stats._numeric_sdc import histogram_bins as histogram_bins
    from bejegening.stats._numeric_sdc import protect_numeric_summary as protect_numeric_summary
    from bejegening.stats._ordinal import *
    from bejegening.stats._rao_scott import *
    from bejegening.stats._redact import *
    from bejegening.stats._review import *
    from bejegening.stats._rounding import largest_remainder as largest_remainder
    from bejegening.stats._suppress import *
    from bejegening.stats._tabulate import *
    from bejegening.stats._weights import *
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.stats._breakdown": (
                "BREAKDOWN_TESTS_SCHEMA DIFFERENCES_SCHEMA Breakdowns breakdowns independence_test"
            ),
            "bejegening.stats._merge": (
                "CategoryMerge ProtectedFrequencies merge_small_categories merged_label "
                "protected_frequencies recode_answers"
            ),
            "bejegening.stats._review": (
                "GROUPED_ANSWERS_SCHEMA REVIEW_SCHEMA group_open_answers open_answer_review"
            ),
            "bejegening.stats._compare": (
                "COMPARISON_SCHEMA adjust_pvalues benjamini_hochberg_adjust compare_proportions "
                "holm_adjust newcombe_difference two_proportion_test"
            ),
            "bejegening.stats._crosstab": (
                "CROSSTAB_SCHEMA TESTS_SCHEMA ChiSquareResult Crosstab chi_square_test cramers_v "
                "crosstab crosstab_from_counts fisher_exact_test"
            ),
            "bejegening.stats._design": "DESIGN_PROPORTION_SCHEMA design_proportions logit_interval",
            "bejegening.stats._frames": (
                "NONE_OPTION REMAINDER_OPTION RESPONDENTS_OPTION answer_counts answers_from_wide "
                "counts_from_wide merge_counts option_spec"
            ),
            "bejegening.stats._frequencies": (
                "CONTRACT_COLUMNS FREQUENCY_CONTRACT FREQUENCY_SCHEMA frequencies "
                "frequencies_from_counts published_frequencies sampling_note"
            ),
            "bejegening.stats._grid": "GRID_SCHEMA grid_summary",
            "bejegening.stats._intervals": (
                "clopper_pearson_interval finite_population_correction fpc_effective_n "
                "kish_effective_n net_score_interval proportion_interval wilson_interval z_value"
            ),
            "bejegening.stats._likert": "LIKERT_SCHEMA box_size diverging_order likert_summary",
            "bejegening.stats._design_ranks": "DesignRankResult design_rank_test",
            "bejegening.stats._numeric": "NUMERIC_SCHEMA numeric_summary weighted_quantile",
            "bejegening.stats._numeric_sdc": "HISTOGRAM_SCHEMA histogram_bins protect_numeric_summary",
            "bejegening.stats._ordinal": "ORDINAL_SCHEMA linear_by_linear_test ordinal_tests",
            "bejegening.stats._rao_scott": "RaoScottResult rao_scott_test",
            "bejegening.stats._redact": (
                "OPEN_ANSWERS_SCHEMA bsn_valid iban_valid publishable_open_answers redact_text"
            ),
            "bejegening.stats._rounding": "largest_remainder",
            "bejegening.stats._suppress": (
                "SUPPRESSED_COLUMNS suppress_crosstab suppress_small_cells PRIMARY SECONDARY hidden_share "
                "suppression_reason with_suppression_reason"
            ),
            "bejegening.stats._tabulate": "Tables tabulate",
            "bejegening.stats._weights": "RakeResult design_effect poststratify rake trim_weights",
        },
    )
    del lazy_exports
