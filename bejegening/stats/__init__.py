"""Layer 3: statistics over polars frames (pure functions: no I/O, no printing).

Canonical frames (long-form answers, mergeable counts), frequency tables with Wilson or
Clopper-Pearson intervals, Likert summaries, numeric summaries, multiple response, crosstabs with chi-square /
Fisher / Cramér's V, comparisons with Newcombe intervals and Holm / Benjamini-Hochberg
adjustment, and weights (raking, trimming, design effect).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.stats._breakdown import (
        BREAKDOWN_TESTS_SCHEMA,
        DIFFERENCES_SCHEMA,
        Breakdowns,
        breakdowns,
        independence_test,
    )
    from bejegening.stats._compare import (
        COMPARISON_SCHEMA,
        adjust_pvalues,
        benjamini_hochberg_adjust,
        compare_proportions,
        holm_adjust,
        newcombe_difference,
        two_proportion_test,
    )
    from bejegening.stats._crosstab import (
        CROSSTAB_SCHEMA,
        TESTS_SCHEMA,
        ChiSquareResult,
        Crosstab,
        chi_square_test,
        cramers_v,
        crosstab,
        crosstab_from_counts,
        fisher_exact_test,
    )
    from bejegening.stats._design import (
        DESIGN_PROPORTION_SCHEMA,
        design_proportions,
        logit_interval,
    )
    from bejegening.stats._design_ranks import *
    from bejegening.stats._frames import (
        NONE_OPTION,
        REMAINDER_OPTION,
        RESPONDENTS_OPTION,
        answer_counts,
        answers_from_wide,
        counts_from_wide,
        merge_counts,
        option_spec,
    )
    from bejegening.stats._frequencies import (
        CONTRACT_COLUMNS,
        FREQUENCY_CONTRACT,
        FREQUENCY_SCHEMA,
        frequencies,
        frequencies_from_counts,
        published_frequencies,
        sampling_note,
    )
    from bejegening.stats._grid import *
    from bejegening.stats._intervals import (
        clopper_pearson_interval,
        finite_population_correction,
        fpc_effective_n,
        kish_effective_n,
        net_score_interval,
        proportion_interval,
        wilson_interval,
        z_value,
    )
    from bejegening.stats._likert import *
    from bejegening.stats._merge import *
    from bejegening.stats._numeric import *
    from bejegening.stats._numeric_sdc import (
        HISTOGRAM_SCHEMA,
        histogram_bins,
        protect_numeric_summary,
    )
    from bejegening.stats._ordinal import *
    from bejegening.stats._rao_scott import *
    from bejegening.stats._redact import *
    from bejegening.stats._review import *
    from bejegening.stats._rounding import largest_remainder
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

__all__ = [
    "BREAKDOWN_TESTS_SCHEMA",
    "COMPARISON_SCHEMA",
    "CONTRACT_COLUMNS",
    "CROSSTAB_SCHEMA",
    "DESIGN_PROPORTION_SCHEMA",
    "DIFFERENCES_SCHEMA",
    "FREQUENCY_CONTRACT",
    "FREQUENCY_SCHEMA",
    "GRID_SCHEMA",
    "GROUPED_ANSWERS_SCHEMA",
    "HISTOGRAM_SCHEMA",
    "LIKERT_SCHEMA",
    "NONE_OPTION",
    "NUMERIC_SCHEMA",
    "OPEN_ANSWERS_SCHEMA",
    "ORDINAL_SCHEMA",
    "PRIMARY",
    "REMAINDER_OPTION",
    "RESPONDENTS_OPTION",
    "REVIEW_SCHEMA",
    "SECONDARY",
    "SUPPRESSED_COLUMNS",
    "TESTS_SCHEMA",
    "Breakdowns",
    "CategoryMerge",
    "ChiSquareResult",
    "Crosstab",
    "DesignRankResult",
    "ProtectedFrequencies",
    "RakeResult",
    "RaoScottResult",
    "Tables",
    "adjust_pvalues",
    "answer_counts",
    "answers_from_wide",
    "benjamini_hochberg_adjust",
    "box_size",
    "breakdowns",
    "bsn_valid",
    "chi_square_test",
    "clopper_pearson_interval",
    "compare_proportions",
    "counts_from_wide",
    "cramers_v",
    "crosstab",
    "crosstab_from_counts",
    "design_effect",
    "design_proportions",
    "design_rank_test",
    "diverging_order",
    "finite_population_correction",
    "fisher_exact_test",
    "fpc_effective_n",
    "frequencies",
    "frequencies_from_counts",
    "grid_summary",
    "group_open_answers",
    "hidden_share",
    "histogram_bins",
    "holm_adjust",
    "iban_valid",
    "independence_test",
    "kish_effective_n",
    "largest_remainder",
    "likert_summary",
    "linear_by_linear_test",
    "logit_interval",
    "merge_counts",
    "merge_small_categories",
    "merged_label",
    "net_score_interval",
    "newcombe_difference",
    "numeric_summary",
    "open_answer_review",
    "option_spec",
    "ordinal_tests",
    "poststratify",
    "proportion_interval",
    "protect_numeric_summary",
    "protected_frequencies",
    "publishable_open_answers",
    "published_frequencies",
    "rake",
    "rao_scott_test",
    "recode_answers",
    "redact_text",
    "sampling_note",
    "suppress_crosstab",
    "suppress_small_cells",
    "suppression_reason",
    "tabulate",
    "trim_weights",
    "two_proportion_test",
    "weighted_quantile",
    "wilson_interval",
    "with_suppression_reason",
    "z_value",
]
