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
    from bejegening.checks._counts import DEFAULT_MAX_N as DEFAULT_MAX_N
    from bejegening.checks._counts import BaseRange as BaseRange
    from bejegening.checks._counts import PercentagePair as PercentagePair
    from bejegening.checks._counts import consistent_bases as consistent_bases
    from bejegening.checks._counts import largest_consistent_subsets as largest_consistent_subsets
    from bejegening.checks._counts import percentage_bases as percentage_bases
    from bejegening.checks._counts import possible_counts as possible_counts
    from bejegening.checks._counts import printed_percentage as printed_percentage
    from bejegening.checks._debit import debit_consistent as debit_consistent
    from bejegening.checks._debit import debit_ones as debit_ones
    from bejegening.checks._grim import grim_can_fail as grim_can_fail
    from bejegening.checks._grim import grim_consistent as grim_consistent
    from bejegening.checks._grim import grim_totals as grim_totals
    from bejegening.checks._grimmer import *
    from bejegening.checks._lexicon import QUANTIFIER_ALIASES as QUANTIFIER_ALIASES
    from bejegening.checks._lexicon import QUANTIFIER_LEXICON as QUANTIFIER_LEXICON
    from bejegening.checks._lexicon import QuantifierInterval as QuantifierInterval
    from bejegening.checks._lexicon import QuantifierKind as QuantifierKind
    from bejegening.checks._lexicon import lexicon_frame as lexicon_frame
    from bejegening.checks._lexicon import lookup_quantifier as lookup_quantifier
    from bejegening.checks._lexicon import quantifier_interval as quantifier_interval
    from bejegening.checks._means import check_means as check_means
    from bejegening.checks._rounding import Rounding as Rounding
    from bejegening.checks._rounding import RoundingInterval as RoundingInterval
    from bejegening.checks._rounding import rounding_interval as rounding_interval
    from bejegening.checks._rules import CHECK_SCHEMA as CHECK_SCHEMA
    from bejegening.checks._rules import CheckRule as CheckRule
    from bejegening.checks._rules import RuleInfo as RuleInfo
    from bejegening.checks._status import *
    from bejegening.checks._survey import RULES as RULES
    from bejegening.checks._survey import base_candidates as base_candidates
    from bejegening.checks._survey import check_all as check_all
    from bejegening.checks._survey import check_survey as check_survey
    from bejegening.checks._survey import inferred_bases as inferred_bases
    from bejegening.checks._verbal import VerbalMeaning as VerbalMeaning
    from bejegening.checks._verbal import finding_interval as finding_interval
    from bejegening.checks._verbal import is_comparison as is_comparison
    from bejegening.checks._verbal import verbal_meaning as verbal_meaning
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
