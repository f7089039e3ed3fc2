"""Headline findings: words agree with numbers (the checker's lexicon), inconsistent figures flagged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from bejegening.checks import QUANTIFIER_LEXICON
from bejegening.io import load_all, scaffold_survey
from bejegening.report import build_report
from bejegening.report._headlines import headline_phrase, headlines

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def computed() -> dict[str, Any]:
    return {bundle.id: build_report(bundle) for bundle in load_all(DATA)}


@pytest.mark.parametrize(
    ("share", "phrase"),
    [
        (0.47, "bijna de helft"),  # 40% ≤ 47% < 50%, narrower fit than "de helft" (45–55%)
        (0.50, "de helft"),
        (0.39, "ruim een derde"),  # 33,3% < 39% ≤ 40%
        (0.32, "bijna een derde"),  # 28% ≤ 32% < 33,3%
        (0.25, "een kwart"),
        (0.21, "een vijfde"),
        (0.11, "een op de tien"),
        (0.15, None),  # no phrase is precise enough: the number alone
    ],
)
def test_headline_phrase_by_hand(share: float, phrase: str | None) -> None:
    assert headline_phrase(share) == phrase


@given(st.integers(min_value=0, max_value=100))
def test_a_headline_phrase_always_holds_its_number(percent: int) -> None:
    phrase = headline_phrase(percent / 100)
    if phrase is not None:
        assert QUANTIFIER_LEXICON[phrase].contains(percent / 100)


def test_wpi_headlines_lead_with_consistent_figures_and_their_margins(computed: dict[str, Any]) -> None:
    report = computed["wpi-amsterdam-2017-2018"]
    found = headlines(report.bundle, report.frequencies, report.checks)
    assert 3 <= len(found) <= 6
    first = found[0]
    # 36 of 77 (the base the printed figures of question 7 fit): Wilson 95% interval by statsmodels.
    low, high = proportion_confint(36, 77, alpha=0.05, method="wilson")
    assert (round(low * 100), round(high * 100)) == (36, 58)
    assert first.text == "Bijna de helft (47%) noemt het fouilleren ‘overdreven’; marge 36%–58%."
    assert first.question == "q7"
    assert len({h.question for h in found}) == len(found)  # one per question
    flagged = [h for h in found if h.flag]
    # The two figures the check rates inconsistent: shown as printed, flagged, without a margin.
    assert {h.finding for h in flagged} == {"q3-onderdrukkend", "q6-intimiderend"}
    for headline in flagged:
        assert headline.margin is None
        assert "passen niet bij elkaar" in headline.sentence
        assert "Klopt niet" in headline.flag
    assert found.index(flagged[0]) > max(found.index(h) for h in found if not h.flag)


def test_laborijn_headlines_give_the_range_of_their_words(computed: dict[str, Any]) -> None:
    report = computed["laborijn"]
    found = headlines(report.bundle, report.frequencies, report.checks)
    texts = [h.text for h in found]
    assert (
        "Bijna de helft van de uitkeringsgerechtigden die met Laborijn te maken hebben (40%–50%) "
        "is ontevreden of zeer ontevreden." in texts
    )
    assert all(h.margin is None and h.question is None for h in found)
    # "een tiental", "veel" and comparisons name no share: never a headline.
    assert not {"complimenten", "willekeur", "ontevreden-meerderheid"} & {h.finding for h in found}


def test_a_survey_with_answers_and_no_printed_figures_gets_headlines(tmp_path: Path) -> None:
    """The fictional ``init`` example: headlines from the computed tables, each with its margin."""
    scaffold_survey(tmp_path / "eigen")
    report = build_report(load_all(tmp_path)[0])
    found = headlines(report.bundle, report.frequencies, report.checks)
    assert found
    for headline in found:
        assert headline.margin is not None and headline.margin.startswith("marge ")
        assert headline.question is not None and headline.flag is None
