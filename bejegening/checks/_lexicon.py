"""Dutch verbal quantifiers ("bijna de helft", "een ruime meerderheid") as intervals.

Reports often state findings in words instead of numbers.  To show such a finding honestly next
to numeric ones, and to check it against figures where they exist, every phrase here maps to an
interval with a short Dutch explanation of why.  There is no official standard for these words;
the bounds follow ordinary Dutch usage and are deliberately generous, so that a publisher who
rounds "47%" to "bijna de helft" is not accused of an error.  The lexicon is published on the
site (page "Woorden en getallen") exactly as defined here.

Kinds: ``share`` is a fraction of a group (0–1); ``number`` a number of people; ``vague`` a word
that names no size at all ("veel", "een aanzienlijke groep"); ``reference`` a phrase that refers
to another finding ("net zoveel").  Only shares and counts have an interval.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

import polars as pl

from bejegening._nl import format_int, format_number

__all__ = [
    "QUANTIFIER_ALIASES",
    "QUANTIFIER_LEXICON",
    "QuantifierInterval",
    "QuantifierKind",
    "lexicon_frame",
    "lookup_quantifier",
    "normalise_quantifier",
    "quantifier_interval",
]


class QuantifierKind(StrEnum):
    """What a verbal quantifier says something about."""

    share = "share"
    """A fraction of a group: "de helft", "een ruime meerderheid"."""
    number = "number"
    """A number of people: "een tiental"."""
    vague = "vague"
    """No size at all: "veel", "een aanzienlijke groep"."""
    reference = "reference"
    """Refers to another finding: "net zoveel"."""


@dataclass(frozen=True, slots=True)
class QuantifierInterval:
    """One lexicon entry: a phrase, what it measures, its interval and why.

    ``low``/``high`` are fractions (0–1) for shares, numbers of people for numbers and ``None``
    for vague and reference phrases; ``low_inclusive``/``high_inclusive`` say whether the end
    itself belongs to the interval.
    """

    phrase: str
    kind: QuantifierKind
    low: float | None
    high: float | None
    low_inclusive: bool
    high_inclusive: bool
    explanation: str
    """Dutch: what the phrase means and why these bounds were chosen."""

    @property
    def has_interval(self) -> bool:
        """True for shares and counts."""
        return self.low is not None and self.high is not None

    def contains(self, value: float | Fraction) -> bool:
        """True when ``value`` (a fraction for shares, a number for counts) lies in the interval."""
        if self.low is None or self.high is None:
            return False
        low, high = Fraction(self.low), Fraction(self.high)
        above = value >= low if self.low_inclusive else value > low
        below = value <= high if self.high_inclusive else value < high
        return bool(above and below)

    def describe(self) -> str:
        """The interval in Dutch words: "40% of meer, maar minder dan 50%"."""
        if self.low is None or self.high is None:
            return "geen getal"
        if self.kind is QuantifierKind.number:
            low_text, high_text, unit = format_int(round(self.low)), format_int(round(self.high)), " personen"
        else:
            low_text, high_text, unit = _pct(self.low), _pct(self.high), ""
        if self.low == self.high:
            return f"precies {low_text}{unit}"
        if self.low_inclusive and self.high_inclusive:
            return f"{low_text} tot en met {high_text}{unit}"
        if self.low_inclusive:
            return f"{low_text} of meer, maar minder dan {high_text}{unit}"
        if self.high_inclusive:
            return f"meer dan {low_text}, tot en met {high_text}{unit}"
        return f"meer dan {low_text} en minder dan {high_text}{unit}"


def _pct(fraction: float) -> str:
    value = fraction * 100
    decimals = 0 if abs(value - round(value)) < 1e-9 else 1
    return format_number(value, decimals) + "%"


def _bound(text: str) -> float:
    text = text.strip()
    if "/" in text:
        numerator, denominator = text.split("/")
        return int(numerator) / int(denominator)
    return float(text.removesuffix("%")) / 100


def _share(phrase: str, interval: str, explanation: str) -> QuantifierInterval:
    """A share entry from interval notation: ``"[40%, 50%)"`` (``[`` includes the end, ``(`` not)."""
    low, high = interval[1:-1].split(",")
    return QuantifierInterval(
        phrase=phrase,
        kind=QuantifierKind.share,
        low=_bound(low),
        high=_bound(high),
        low_inclusive=interval[0] == "[",
        high_inclusive=interval[-1] == "]",
        explanation=explanation,
    )


_ENTRIES: tuple[QuantifierInterval, ...] = (
    # Around a half.
    _share(
        "de helft",
        "[45%, 55%]",
        "Ongeveer de helft. Verslagen ronden af: 'de helft' staat ook voor 47% of 53%. "
        "Wij rekenen met 45% tot en met 55%.",
    ),
    _share(
        "bijna de helft",
        "[40%, 50%)",
        "Minder dan de helft, maar er dichtbij. Onder 40% zegt niemand meer 'bijna de helft'.",
    ),
    _share(
        "ruim de helft",
        "(50%, 60%]",
        "Iets meer dan de helft. Boven 60% zou je eerder 'een ruime meerderheid' zeggen.",
    ),
    _share(
        "meer dan de helft",
        "(50%, 100%]",
        "Letterlijk: meer dan 50%. Er staat geen bovengrens in.",
    ),
    _share(
        "minder dan de helft",
        "[0%, 50%)",
        "Letterlijk: minder dan 50%. Er staat geen ondergrens in.",
    ),
    # Thirds.
    _share(
        "een derde",
        "[30%, 37%]",
        "Ongeveer een derde (33,3%); met afronding 30% tot en met 37%.",
    ),
    _share(
        "bijna een derde",
        "[28%, 1/3)",
        "Iets minder dan een derde: 28% of meer, maar minder dan 33,3%.",
    ),
    _share(
        "ruim een derde",
        "(1/3, 40%]",
        "Iets meer dan een derde: meer dan 33,3%, tot en met 40%. Bij meer dan 40% zou je "
        "'ruim een derde' niet meer gebruiken.",
    ),
    _share(
        "twee derde",
        "[63%, 70%]",
        "Ongeveer twee derde (66,7%); met afronding 63% tot en met 70%.",
    ),
    _share(
        "bijna twee derde",
        "[60%, 2/3)",
        "Iets minder dan twee derde: 60% of meer, maar minder dan 66,7%.",
    ),
    _share(
        "ruim twee derde",
        "(2/3, 73%]",
        "Iets meer dan twee derde: meer dan 66,7%, tot en met 73%.",
    ),
    # Quarters and smaller fractions.
    _share(
        "een kwart",
        "[22%, 28%]",
        "Ongeveer een kwart (25%); met afronding 22% tot en met 28%.",
    ),
    _share(
        "bijna een kwart",
        "[20%, 25%)",
        "Iets minder dan een kwart: 20% of meer, maar minder dan 25%.",
    ),
    _share(
        "ruim een kwart",
        "(25%, 30%]",
        "Iets meer dan een kwart: meer dan 25%, tot en met 30%.",
    ),
    _share(
        "drie kwart",
        "[72%, 78%]",
        "Ongeveer drie kwart (75%); met afronding 72% tot en met 78%.",
    ),
    _share(
        "bijna drie kwart",
        "[70%, 75%)",
        "Iets minder dan drie kwart: 70% of meer, maar minder dan 75%.",
    ),
    _share(
        "ruim drie kwart",
        "(75%, 80%]",
        "Iets meer dan drie kwart: meer dan 75%, tot en met 80%.",
    ),
    _share(
        "een vijfde",
        "[18%, 22%]",
        "Ongeveer een vijfde (20%), ook 'een op de vijf'; met afronding 18% tot en met 22%.",
    ),
    _share(
        "een op de tien",
        "[8%, 12%]",
        "Ongeveer 10%; met afronding 8% tot en met 12%.",
    ),
    # Majorities and minorities.
    _share(
        "een meerderheid",
        "(50%, 100%]",
        "Meer dan de helft. Let op: 'in de meerderheid ten opzichte van' een andere groep "
        "vergelijkt twee groepen en zegt dan niets over het aandeel van het geheel.",
    ),
    _share(
        "een krappe meerderheid",
        "(50%, 55%]",
        "Net meer dan de helft: meer dan 50%, tot en met 55%.",
    ),
    _share(
        "een ruime meerderheid",
        "[60%, 100%]",
        "Duidelijk meer dan de helft. Wij rekenen vanaf 60%: bij 51% tot 59% spreekt men van "
        "'een (krappe) meerderheid', niet van een ruime.",
    ),
    _share(
        "een grote meerderheid",
        "[2/3, 100%]",
        "Een flink stuk meer dan de helft: vanaf twee derde (66,7%).",
    ),
    _share(
        "de overgrote meerderheid",
        "[80%, 100%]",
        "Bijna iedereen, maar niet allemaal: vanaf 80%.",
    ),
    _share(
        "een minderheid",
        "[0%, 50%)",
        "Minder dan de helft. Er staat geen ondergrens in.",
    ),
    _share(
        "een kleine minderheid",
        "[0%, 20%]",
        "Een klein deel: hoogstens 20%.",
    ),
    _share(
        "bijna iedereen",
        "[90%, 100%)",
        "Vrijwel allemaal, maar niet iedereen: 90% of meer, minder dan 100%.",
    ),
    _share(
        "bijna niemand",
        "(0%, 10%]",
        "Vrijwel niemand, maar niet nul: meer dan 0%, tot en met 10%.",
    ),
    _share("iedereen", "[100%, 100%]", "Allemaal: 100%."),
    _share("niemand", "[0%, 0%]", "Geen enkele persoon: 0%."),
    # Numbers of people.
    QuantifierInterval(
        "een tiental",
        QuantifierKind.number,
        7,
        13,
        True,
        True,
        "Ongeveer tien personen. Wij rekenen met 7 tot en met 13. Dit is een aantal, geen "
        "aandeel: zonder het totaal aantal deelnemers zegt het niets over een percentage.",
    ),
    QuantifierInterval(
        "een paar",
        QuantifierKind.number,
        2,
        5,
        True,
        True,
        "Een klein aantal personen: wij rekenen met 2 tot en met 5.",
    ),
    QuantifierInterval(
        "enkele tientallen",
        QuantifierKind.number,
        20,
        90,
        True,
        True,
        "Meer dan een tiental, minder dan honderd: wij rekenen met 20 tot en met 90.",
    ),
    # No size at all.
    QuantifierInterval(
        "veel",
        QuantifierKind.vague,
        None,
        None,
        False,
        False,
        "'Veel' noemt geen aantal en geen aandeel: 'veel klanten' kan 10% zijn of 90%. "
        "Zo'n uitspraak is niet na te rekenen.",
    ),
    QuantifierInterval(
        "een aanzienlijke groep",
        QuantifierKind.vague,
        None,
        None,
        False,
        False,
        "'Een aanzienlijke groep' zegt dat de groep de moeite waard is, niet hoe groot hij is. "
        "Er hoort geen getal bij.",
    ),
    QuantifierInterval(
        "een groot deel",
        QuantifierKind.vague,
        None,
        None,
        False,
        False,
        "'Een groot deel' noemt geen grens: het kan een kwart zijn of driekwart.",
    ),
    QuantifierInterval(
        "weinig",
        QuantifierKind.vague,
        None,
        None,
        False,
        False,
        "'Weinig' noemt geen aantal en geen aandeel.",
    ),
    # Refers to another finding.
    QuantifierInterval(
        "net zoveel",
        QuantifierKind.reference,
        None,
        None,
        False,
        False,
        "'Net zoveel' verwijst naar een ander cijfer in dezelfde tekst. Het heeft geen eigen "
        "omvang; wij nemen het getal van dat andere cijfer niet zelf over.",
    ),
)

QUANTIFIER_LEXICON: Mapping[str, QuantifierInterval] = MappingProxyType({e.phrase: e for e in _ENTRIES})
"""Every phrase (lower case, as written above) with its interval and Dutch explanation."""

QUANTIFIER_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "ongeveer de helft": "de helft",
        "circa de helft": "de helft",
        "rond de helft": "de helft",
        "half": "de helft",
        "meer dan helft": "meer dan de helft",
        "over de helft": "meer dan de helft",
        "minder dan helft": "minder dan de helft",
        "ongeveer een derde": "een derde",
        "een op de drie": "een derde",
        "ongeveer een kwart": "een kwart",
        "een op de vier": "een kwart",
        "driekwart": "drie kwart",
        "ruim driekwart": "ruim drie kwart",
        "bijna driekwart": "bijna drie kwart",
        "een op de vijf": "een vijfde",
        "meerderheid": "een meerderheid",
        "de meerderheid": "een meerderheid",
        "in de meerderheid": "een meerderheid",
        "ruime meerderheid": "een ruime meerderheid",
        "krappe meerderheid": "een krappe meerderheid",
        "kleine meerderheid": "een krappe meerderheid",
        "een kleine meerderheid": "een krappe meerderheid",
        "grote meerderheid": "een grote meerderheid",
        "overgrote meerderheid": "de overgrote meerderheid",
        "minderheid": "een minderheid",
        "de minderheid": "een minderheid",
        "in de minderheid": "een minderheid",
        "kleine minderheid": "een kleine minderheid",
        "vrijwel iedereen": "bijna iedereen",
        "vrijwel niemand": "bijna niemand",
        "tiental": "een tiental",
        "enkele": "een paar",
        "aanzienlijke groep": "een aanzienlijke groep",
        "evenveel": "net zoveel",
        "even veel": "net zoveel",
        "net zo veel": "net zoveel",
    }
)
"""Other ways of writing a lexicon phrase (key) and the phrase they mean (value)."""

# Words that may trail a quantifier as printed ("veel klanten", "net zoveel cliënten").
_TRAILING = re.compile(
    r"\s+(van\s+)?(de\s+|hen|hun\s+)?(klanten|cliënten|clienten|respondenten|mensen|personen|deelnemers)$"
)


def normalise_quantifier(text: str) -> str:
    """Lower case, single spaces, ``één`` → ``een``, no trailing punctuation or group noun."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"\s+", " ", plain).strip(" .,;:!?'\"‘’“”")
    return _TRAILING.sub("", plain).strip()


def lookup_quantifier(text: str) -> QuantifierInterval | None:
    """The lexicon entry for ``text`` (case- and whitespace-insensitive; aliases allowed).

    Returns ``None`` for a phrase that is not in the lexicon.
    """
    key = normalise_quantifier(text)
    key = QUANTIFIER_ALIASES.get(key, key)
    return QUANTIFIER_LEXICON.get(key)


def quantifier_interval(text: str) -> tuple[float, float] | None:
    """The share a phrase stands for, as fractions: ``quantifier_interval("bijna de helft") == (0.4, 0.5)``.

    Matching ignores case, extra spaces and accents ("Ruim  één derde").  Returns ``None`` when
    the phrase is not in :data:`QUANTIFIER_LEXICON` *and* when it is, but names no share: counts
    ("een tiental"), vague words ("veel") and references ("net zoveel").  Use
    :func:`lookup_quantifier` for the full entry, including whether the ends are included.
    """
    entry = lookup_quantifier(text)
    if entry is None or entry.kind is not QuantifierKind.share or entry.low is None or entry.high is None:
        return None
    return (entry.low, entry.high)


def lexicon_frame() -> pl.DataFrame:
    """The lexicon as a table for the site: one row per phrase, in lexicon order.

    Columns: ``phrase``, ``kind`` (share|count|vague|reference), ``low``, ``high`` (fractions
    for shares, people for counts; null otherwise), ``low_inclusive``, ``high_inclusive``,
    ``interval`` (Dutch words, "40% of meer, maar minder dan 50%"), ``explanation`` (Dutch) and
    ``aliases`` (other spellings that mean the same).
    """
    aliases: dict[str, list[str]] = {}
    for alias, phrase in QUANTIFIER_ALIASES.items():
        aliases.setdefault(phrase, []).append(alias)
    rows = [
        {
            "phrase": e.phrase,
            "kind": e.kind.value,
            "low": e.low,
            "high": e.high,
            "low_inclusive": e.low_inclusive if e.has_interval else None,
            "high_inclusive": e.high_inclusive if e.has_interval else None,
            "interval": e.describe(),
            "explanation": e.explanation,
            "aliases": aliases.get(e.phrase, []),
        }
        for e in QUANTIFIER_LEXICON.values()
    ]
    schema = {
        "phrase": pl.String(),
        "kind": pl.String(),
        "low": pl.Float64(),
        "high": pl.Float64(),
        "low_inclusive": pl.Boolean(),
        "high_inclusive": pl.Boolean(),
        "interval": pl.String(),
        "explanation": pl.String(),
        "aliases": pl.List(pl.String()),
    }
    return pl.DataFrame(rows, schema=schema)
