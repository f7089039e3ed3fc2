"""The lexicon of Dutch verbal quantifiers."""

from __future__ import annotations

import pytest

from bejegening.checks import (
    QUANTIFIER_ALIASES,
    QUANTIFIER_LEXICON,
    QuantifierKind,
    lexicon_frame,
    lookup_quantifier,
    quantifier_interval,
)
from bejegening.checks._lexicon import normalise_quantifier

# Named in issue 4; all must be in the lexicon.
REQUIRED = [
    "bijna de helft",
    "de helft",
    "ruim de helft",
    "meer dan de helft",
    "ruim een derde",
    "een kwart",
    "een ruime meerderheid",
    "een minderheid",
    "een tiental",
]


@pytest.mark.parametrize("phrase", REQUIRED)
def test_required_phrases_are_present(phrase: str) -> None:
    assert lookup_quantifier(phrase) is not None


def test_intervals_as_fractions() -> None:
    assert quantifier_interval("bijna de helft") == (0.40, 0.50)
    assert quantifier_interval("de helft") == (0.45, 0.55)
    assert quantifier_interval("meer dan de helft") == (0.50, 1.0)
    assert quantifier_interval("een ruime meerderheid") == (0.60, 1.0)
    assert quantifier_interval("een kwart") == (0.22, 0.28)


def test_matching_ignores_case_spaces_and_accents() -> None:
    expected = quantifier_interval("ruim een derde")
    assert expected is not None
    assert quantifier_interval("  Ruim  EEN\tderde. ") == expected
    assert quantifier_interval("ruim één derde") == expected
    assert quantifier_interval("Meer dan helft") == quantifier_interval("meer dan de helft")
    assert quantifier_interval("In de meerderheid") == quantifier_interval("een meerderheid")


def test_unknown_and_non_share_phrases_return_none() -> None:
    assert quantifier_interval("ongeveer veertig procent") is None
    assert lookup_quantifier("ongeveer veertig procent") is None
    assert quantifier_interval("een tiental") is None  # a number of people, not a share
    assert quantifier_interval("veel klanten") is None
    assert quantifier_interval("net zoveel") is None


def test_kinds_of_the_real_cases_phrases() -> None:
    tiental = lookup_quantifier("een tiental")
    assert tiental is not None and tiental.kind is QuantifierKind.number
    assert (tiental.low, tiental.high) == (7, 13)
    zoveel = lookup_quantifier("Net zoveel klanten")
    assert zoveel is not None and zoveel.kind is QuantifierKind.reference
    veel = lookup_quantifier("veel cliënten")
    assert veel is not None and veel.kind is QuantifierKind.vague and not veel.has_interval
    groep = lookup_quantifier("een aanzienlijke groep")
    assert groep is not None and groep.kind is QuantifierKind.vague


def test_inclusive_ends() -> None:
    bijna = QUANTIFIER_LEXICON["bijna de helft"]
    assert bijna.contains(0.40) and bijna.contains(0.499)
    assert not bijna.contains(0.50)
    ruim = QUANTIFIER_LEXICON["ruim de helft"]
    assert not ruim.contains(0.50) and ruim.contains(0.60)
    assert not QUANTIFIER_LEXICON["veel"].contains(0.5)


def test_describe_in_dutch() -> None:
    assert QUANTIFIER_LEXICON["bijna de helft"].describe() == "40% of meer, maar minder dan 50%"
    assert QUANTIFIER_LEXICON["ruim de helft"].describe() == "meer dan 50%, tot en met 60%"
    assert QUANTIFIER_LEXICON["de helft"].describe() == "45% tot en met 55%"
    assert QUANTIFIER_LEXICON["ruim een derde"].describe() == "meer dan 33,3%, tot en met 40%"
    assert QUANTIFIER_LEXICON["een tiental"].describe() == "7 tot en met 13 personen"
    assert QUANTIFIER_LEXICON["iedereen"].describe() == "precies 100%"
    assert QUANTIFIER_LEXICON["veel"].describe() == "geen getal"


def test_lexicon_is_well_formed() -> None:
    for phrase, entry in QUANTIFIER_LEXICON.items():
        assert phrase == entry.phrase == normalise_quantifier(phrase)
        assert entry.explanation.strip()
        if entry.kind is QuantifierKind.share:
            assert entry.low is not None and entry.high is not None
            assert 0 <= entry.low <= entry.high <= 1, phrase
        elif entry.kind is QuantifierKind.number:
            assert entry.low is not None and entry.high is not None and 0 < entry.low <= entry.high
        else:
            assert entry.low is None and entry.high is None
    for alias, phrase in QUANTIFIER_ALIASES.items():
        assert phrase in QUANTIFIER_LEXICON, alias
        assert alias not in QUANTIFIER_LEXICON
        assert alias == normalise_quantifier(alias)


def test_near_phrases_lie_on_the_right_side() -> None:
    """'bijna X' lies below X's centre, 'ruim X' above it."""
    for centre, value in [("de helft", 0.5), ("een derde", 1 / 3), ("een kwart", 0.25), ("drie kwart", 0.75)]:
        bijna, ruim = QUANTIFIER_LEXICON[f"bijna {centre}"], QUANTIFIER_LEXICON[f"ruim {centre}"]
        assert bijna.high is not None and bijna.high <= value + 1e-12 and not bijna.contains(value)
        assert ruim.low is not None and ruim.low >= value - 1e-12 and not ruim.contains(value)
        assert QUANTIFIER_LEXICON[centre].contains(value)


def test_lexicon_frame_for_the_site() -> None:
    frame = lexicon_frame()
    assert frame.height == len(QUANTIFIER_LEXICON)
    assert frame.columns == [
        "phrase",
        "kind",
        "low",
        "high",
        "low_inclusive",
        "high_inclusive",
        "interval",
        "explanation",
        "aliases",
    ]
    row = frame.filter(frame["phrase"] == "een ruime meerderheid").to_dicts()[0]
    assert row["kind"] == "share"
    assert (row["low"], row["high"], row["low_inclusive"], row["high_inclusive"]) == (0.6, 1.0, True, True)
    assert row["interval"] == "60% tot en met 100%"
    assert "ruime meerderheid" in row["aliases"]
    veel = frame.filter(frame["phrase"] == "veel").to_dicts()[0]
    assert veel["low"] is None and veel["low_inclusive"] is None
