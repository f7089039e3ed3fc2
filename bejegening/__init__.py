"""bejegening: client-experience surveys of Dutch social services, as typed data.

Describe a questionnaire, its published figures and recommendations as data; compute honest
statistics with polars; check published figures; publish an accessible transparency site.

The whole public API is listed in ``__all__`` below; everything in ``_modules`` is private.
"""

from typing import TYPE_CHECKING

from bejegening._version import __version__

if TYPE_CHECKING:
    from bejegening.checks import (
        CHECK_SCHEMA,
        QUANTIFIER_LEXICON,
        CheckRule,
        CheckStatus,
        QuantifierInterval,
        Rounding,
        VerbalMeaning,
        base_candidates,
        check_all,
        check_means,
        check_survey,
        consistent_bases,
        grim_consistent,
        inferred_bases,
        lookup_quantifier,
        quantifier_interval,
        verbal_meaning,
    )
    from bejegening.io import (
        SurveyBundle,
        ValidationReport,
        findings_frame,
        load,
        load_all,
        validate,
        write_schemas,
        write_survey,
    )
    from bejegening.model import (
        Cause,
        Claim,
        ClaimKind,
        DataError,
        Finding,
        Item,
        Mode,
        Option,
        Organisation,
        Population,
        Problem,
        Question,
        QuestionType,
        Recommendation,
        SampleDesign,
        Sampling,
        Severity,
        Source,
        SourceRef,
        Status,
        StatusEvent,
        Survey,
        SurveyFile,
        Theme,
        Valence,
        answered_questions,
    )
    from bejegening.render import (
        chart_spec,
        comparison_chart,
        crosstab_chart,
        likert_chart,
        partial_distribution_chart,
        render_charts,
        render_png,
        render_svg,
        single_choice_chart,
        verbal_findings_chart,
        write_vega_bundle,
    )
    from bejegening.report import (
        BaseSource,
        Headline,
        QuestionBase,
        SurveyReport,
        build_report,
        build_reports,
    )
    from bejegening.stats import (
        FREQUENCY_SCHEMA,
        Crosstab,
        RakeResult,
        Tables,
        answer_counts,
        answers_from_wide,
        benjamini_hochberg_adjust,
        chi_square_test,
        clopper_pearson_interval,
        compare_proportions,
        cramers_v,
        crosstab,
        design_effect,
        design_proportions,
        diverging_order,
        finite_population_correction,
        fisher_exact_test,
        frequencies,
        frequencies_from_counts,
        holm_adjust,
        kish_effective_n,
        largest_remainder,
        likert_summary,
        merge_counts,
        newcombe_difference,
        numeric_summary,
        poststratify,
        published_frequencies,
        rake,
        redact_text,
        suppress_crosstab,
        suppress_small_cells,
        tabulate,
        trim_weights,
        two_proportion_test,
        wilson_interval,
    )
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
    )
    del lazy_exports

__all__ = [
    "CHECK_SCHEMA",
    "FREQUENCY_SCHEMA",
    "QUANTIFIER_LEXICON",
    "BaseSource",
    "Cause",
    "CheckRule",
    "CheckStatus",
    "Claim",
    "ClaimKind",
    "Crosstab",
    "DataError",
    "Finding",
    "Headline",
    "Item",
    "Mode",
    "Option",
    "Organisation",
    "Population",
    "Problem",
    "QuantifierInterval",
    "Question",
    "QuestionBase",
    "QuestionType",
    "RakeResult",
    "Recommendation",
    "Rounding",
    "SampleDesign",
    "Sampling",
    "Severity",
    "Source",
    "SourceRef",
    "Status",
    "StatusEvent",
    "Survey",
    "SurveyBundle",
    "SurveyFile",
    "SurveyReport",
    "Tables",
    "Theme",
    "Valence",
    "ValidationReport",
    "VerbalMeaning",
    "__version__",
    "answer_counts",
    "answered_questions",
    "answers_from_wide",
    "base_candidates",
    "benjamini_hochberg_adjust",
    "build_report",
    "build_reports",
    "chart_spec",
    "check_all",
    "check_means",
    "check_survey",
    "chi_square_test",
    "clopper_pearson_interval",
    "compare_proportions",
    "comparison_chart",
    "consistent_bases",
    "cramers_v",
    "crosstab",
    "crosstab_chart",
    "design_effect",
    "design_proportions",
    "diverging_order",
    "findings_frame",
    "finite_population_correction",
    "fisher_exact_test",
    "frequencies",
    "frequencies_from_counts",
    "grim_consistent",
    "holm_adjust",
    "inferred_bases",
    "kish_effective_n",
    "largest_remainder",
    "likert_chart",
    "likert_summary",
    "load",
    "load_all",
    "lookup_quantifier",
    "merge_counts",
    "newcombe_difference",
    "numeric_summary",
    "partial_distribution_chart",
    "poststratify",
    "published_frequencies",
    "quantifier_interval",
    "rake",
    "redact_text",
    "render_charts",
    "render_png",
    "render_svg",
    "single_choice_chart",
    "suppress_crosstab",
    "suppress_small_cells",
    "tabulate",
    "trim_weights",
    "two_proportion_test",
    "validate",
    "verbal_findings_chart",
    "verbal_meaning",
    "wilson_interval",
    "write_schemas",
    "write_survey",
    "write_vega_bundle",
]
