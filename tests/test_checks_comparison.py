"""A verbal comparison between two groups is not a share of the whole: no interval anywhere."""

from __future__ import annotations

from pathlib import Path

import bejegening
from bejegening.checks import check_survey, finding_interval, is_comparison, quantifier_interval
from bejegening.render import verbal_findings_frame

LABORIJN = Path(__file__).resolve().parent.parent / "data" / "laborijn"


def test_in_de_meerderheid_ten_opzichte_van_has_no_interval() -> None:
    bundle = bejegening.load(LABORIJN)
    comparison = bundle.finding("ontevreden-meerderheid")
    # On its own "in de meerderheid" is a majority (more than half) ...
    assert quantifier_interval("in de meerderheid") == (0.5, 1.0)
    # ... but here the source compares the unsatisfied with the satisfied clients.
    assert is_comparison(comparison)
    assert finding_interval(comparison) is None
    assert finding_interval(bundle.finding("ontevreden")) == (0.4, 0.5)

    row = check_survey(bundle).filter(finding="ontevreden-meerderheid").row(0, named=True)
    assert row["status"] == "niet_toetsbaar"
    assert row["interval_low"] is None
    assert row["interval_high"] is None
    assert "vergelijkt de bron twee groepen" in row["explanation"]

    frame = verbal_findings_frame(bundle.findings, bundle.questions)
    shown = frame.filter(finding="ontevreden-meerderheid").row(0, named=True)
    assert (shown["low"], shown["high"]) == (None, None)
    assert frame.filter(finding="ontevreden").select("low", "high").row(0) == (0.4, 0.5)
