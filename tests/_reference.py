"""The FICTIONAL reference survey (tests/reference/survey_data.csv) and R's stored values for it.

Regenerate the values with ``Rscript tests/reference/make_r_reference.R`` (see that script).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from bejegening.model import SampleDesign
from tests.fixtures.questions import fictional_question

HERE = Path(__file__).parent / "reference"
LIKERT = ["zeer_ontevreden", "ontevreden", "neutraal", "tevreden", "zeer_tevreden"]

QUESTIONS = [
    fictional_question(
        "hulp",
        "Kreeg u de hulp die u nodig had? (fictief)",
        "single",
        [("ja", "Ja", "positive"), ("nee", "Nee", "negative"), ("weet_niet", "Weet niet", "non_substantive")],
    ),
    fictional_question(
        "tevreden",
        "Hoe tevreden bent u? (fictief)",
        "likert",
        [
            *({"id": o, "label": o.replace("_", " "), "score": i + 1} for i, o in enumerate(LIKERT)),
            ("weet_niet", "Weet niet", "non_substantive"),
        ],
    ),
]

DESIGNS: dict[str, tuple[str, SampleDesign | None]] = {
    "weights_only": ("gewicht", None),
    "stratified_fpc": (
        "ontwerpgewicht",
        SampleDesign(strata="wijk", population_size={"Noord": 4200, "Midden": 6100, "Zuid": 2700}),
    ),
    "clustered": ("gewicht", SampleDesign(strata="wijk", clusters="team")),
    "clustered_fpc": (
        "ontwerpgewicht",
        SampleDesign(strata="wijk", clusters="team", population_size={"Noord": 14, "Midden": 20, "Zuid": 9}),
    ),
}


@cache
def r_reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / "r_reference.json").read_text(encoding="utf-8"))
    return data


@cache
def respondents() -> pl.DataFrame:
    """One row per fictional respondent, with R's raked weights as ``gewicht``."""
    frame = pl.read_csv(
        HERE / "survey_data.csv", comment_prefix="#", schema_overrides={"wachttijd": pl.Float64}
    )
    return frame.with_columns(pl.Series("gewicht", r_reference()["raking"]["weights"], dtype=pl.Float64))


def long_answers() -> pl.DataFrame:
    """Long form: one row per respondent × closed question (plus design columns)."""
    wide = respondents()
    keep = ["respondent", "gewicht", "ontwerpgewicht", "wijk", "team", "geslacht", "leeftijd"]
    return wide.unpivot(index=keep, on=["hulp", "tevreden"], variable_name="question", value_name="option")


def scalar(value: Any) -> float:
    """R's SE() comes back as a 1×1 matrix in JSON."""
    while isinstance(value, list):
        value = value[0]
    return float(value)
