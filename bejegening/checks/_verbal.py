"""What a finding in words means in numbers: its interval and the Dutch sentence for it.

One owner for a verbal finding's meaning: the ``verbal`` check rule, the site's "betekent" column
and the verbal-findings chart all read :func:`verbal_meaning` (or :func:`finding_interval`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bejegening.checks._lexicon import QuantifierKind, lookup_quantifier
from bejegening.model import Finding

__all__ = ["VerbalMeaning", "finding_interval", "is_comparison", "verbal_meaning"]

_COMPARISON = re.compile(r"\bten opzichte van\b|\bvergeleken met\b", re.IGNORECASE)


def is_comparison(finding: Finding) -> bool:
    """True when a verbal finding compares two groups ("in de meerderheid ten opzichte van …").

    Such a quantifier says nothing about the share of the whole group, so it has no interval.
    """
    context = " ".join(filter(None, [finding.statement, finding.source.quote, finding.base_description]))
    return bool(_COMPARISON.search(context))


@dataclass(frozen=True)
class VerbalMeaning:
    """The meaning of one finding in words.

    ``low``/``high``: the interval the words stand for (fractions 0–1 for a share, persons for a
    number; ``unit`` says which), ``None`` when the words name no share (a comparison, a vague
    word, a reference, or a phrase not in the lexicon). ``text``: the meaning in Dutch words.
    """

    finding: str
    quantifier: str
    low: float | None
    high: float | None
    unit: str | None
    """``fraction``, ``count`` or ``None``."""
    text: str

    @property
    def interval(self) -> tuple[float, float] | None:
        """``(low, high)``, or ``None`` when the words name no interval."""
        return (self.low, self.high) if self.low is not None and self.high is not None else None


def verbal_meaning(finding: Finding) -> VerbalMeaning | None:
    """The meaning of a finding's quantifier (``None`` when it has none).

    The interval is the lexicon's (:func:`~bejegening.checks.lookup_quantifier`), except that a
    comparison between two groups (:func:`is_comparison`) has no interval of the whole.
    """
    if finding.quantifier is None:
        return None
    entry = lookup_quantifier(finding.quantifier)
    low = high = None
    unit = None
    if is_comparison(finding):
        text = "een vergelijking van twee groepen, geen deel van het geheel"
    elif entry is None:
        text = "niet in de woordenlijst"
    elif not entry.has_interval:
        text = "geen getal (" + entry.describe() + ")"
    else:
        text = entry.describe()
        low, high = entry.low, entry.high
        unit = "count" if entry.kind is QuantifierKind.number else "fraction"
    return VerbalMeaning(finding.id, finding.quantifier, low, high, unit, text)


def finding_interval(finding: Finding) -> tuple[float, float] | None:
    """The share (fractions) a verbal finding stands for, or ``None`` when it names no share.

    :func:`verbal_meaning`'s interval when it is a share: a count ("een tiental"), a vague word,
    a reference or a comparison between two groups has none.
    """
    meaning = verbal_meaning(finding)
    if meaning is None or meaning.unit != "fraction":
        return None
    return meaning.interval
