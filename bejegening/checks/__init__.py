"""Layer 3: Cijfercontrole — check published figures for internal consistency.

Pure functions over the model and polars frames; nothing here reads files or prints.
:func:`check_survey` returns the check result table (one row per figure and rule, see
:data:`CHECK_SCHEMA`), with one module per rule family; each rule's Dutch name and explanation
is in :data:`RULES`; the building blocks are public too: counts against percentages
(:func:`consistent_bases`), GRIM for means (:func:`grim_consistent`, :func:`grim_can_fail`),
DEBIT for binary means with their SD (:func:`debit_consistent`), GRIMMER for SDs
(:func:`grimmer_consistent`) and the lexicon of Dutch verbal quantifiers
(:data:`QUANTIFIER_LEXICON`, :func:`quantifier_interval`).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.checks._counts import (
        DEFAULT_MAX_N,
        BaseRange,
        PercentagePair,
        consistent_bases,
        largest_consistent_subsets,
        percentage_bases,
        possible_counts,
        printed_percentage,
    )
    from bejegening.checks._debit import (
        debit_consistent,
        debit_ones,
    )
    from bejegening.checks._grim import (
        grim_can_fail,
        grim_consistent,
        grim_totals,
    )
    from bejegening.checks._grimmer import *
    from bejegening.checks._lexicon import (
        QUANTIFIER_ALIASES,
        QUANTIFIER_LEXICON,
        QuantifierInterval,
        QuantifierKind,
        lexicon_frame,
        lookup_quantifier,
        quantifier_interval,
    )
    from bejegening.checks._means import check_means
    from bejegening.checks._rounding import (
        Rounding,
        RoundingInterval,
        rounding_interval,
    )
    from bejegening.checks._rules import (
        CHECK_SCHEMA,
        CheckRule,
        RuleInfo,
    )
    from bejegening.checks._status import *
    from bejegening.checks._survey import (
        RULES,
        base_candidates,
        check_all,
        check_survey,
        inferred_bases,
    )
    from bejegening.checks._verbal import (
        VerbalMeaning,
        finding_interval,
        is_comparison,
        verbal_meaning,
    )
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.checks._counts": (
                "DEFAULT_MAX_N BaseRange PercentagePair consistent_bases "
                "largest_consistent_subsets percentage_bases possible_counts printed_percentage"
            ),
            "bejegening.checks._debit": "debit_consistent debit_ones",
            "bejegening.checks._grim": "grim_can_fail grim_consistent grim_totals",
            "bejegening.checks._grimmer": "grimmer_consistent grimmer_sums",
            "bejegening.checks._lexicon": (
                "QUANTIFIER_ALIASES QUANTIFIER_LEXICON QuantifierInterval QuantifierKind "
                "lexicon_frame lookup_quantifier quantifier_interval"
            ),
            "bejegening.checks._means": "check_means",
            "bejegening.checks._rounding": "Rounding RoundingInterval rounding_interval",
            "bejegening.checks._rules": "CHECK_SCHEMA CheckRule RuleInfo",
            "bejegening.checks._status": "CheckStatus",
            "bejegening.checks._survey": "RULES base_candidates check_all check_survey inferred_bases",
            "bejegening.checks._verbal": "VerbalMeaning finding_interval is_comparison verbal_meaning",
        },
    )
    del lazy_exports

__all__ = [
    "CHECK_SCHEMA",
    "DEFAULT_MAX_N",
    "QUANTIFIER_ALIASES",
    "QUANTIFIER_LEXICON",
    "RULES",
    "BaseRange",
    "CheckRule",
    "CheckStatus",
    "PercentagePair",
    "QuantifierInterval",
    "QuantifierKind",
    "Rounding",
    "RoundingInterval",
    "RuleInfo",
    "VerbalMeaning",
    "base_candidates",
    "check_all",
    "check_means",
    "check_survey",
    "consistent_bases",
    "debit_consistent",
    "debit_ones",
    "finding_interval",
    "grim_can_fail",
    "grim_consistent",
    "grim_totals",
    "grimmer_consistent",
    "grimmer_sums",
    "inferred_bases",
    "is_comparison",
    "largest_consistent_subsets",
    "lexicon_frame",
    "lookup_quantifier",
    "percentage_bases",
    "possible_counts",
    "printed_percentage",
    "quantifier_interval",
    "rounding_interval",
    "verbal_meaning",
]
