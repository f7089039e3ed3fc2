"""Round trips: the same fictional answers exported by every supported tool give identical statistics."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import bejegening
from bejegening.model import ResponseFormat, Severity
from bejegening.stats import NONE_OPTION
from tests.fixtures.answers import QUESTIONS, WRITERS, Respondent, canonical, write_survey

PEOPLE = canonical()
EXPECTED_FORMAT = {
    "csv-nl": ResponseFormat.csv,
    "csv-codes-cp1252": ResponseFormat.csv,
    "xlsx": ResponseFormat.xlsx,
    "sav": ResponseFormat.sav,
    "limesurvey": ResponseFormat.limesurvey,
    "google-forms": ResponseFormat.google_forms,
    "microsoft-forms": ResponseFormat.microsoft_forms,
}


def _canonical_wide(people: list[Respondent]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "respondent": [p.id for p in people],
            "q1": [p.q1 for p in people],
            "q2": [p.q2 for p in people],
            "q3": ["|".join(p.q3) if p.q3 else None for p in people],
            "q4": [p.q4 for p in people],
            "q5": [p.q5 for p in people],
            "leeftijd": [p.age for p in people],
        },
        schema={
            "respondent": pl.String,
            "q1": pl.String,
            "q2": pl.String,
            "q3": pl.String,
            "q4": pl.Float64,
            "q5": pl.String,
            "leeftijd": pl.String,
        },
    )


def _statistics(
    wide: pl.DataFrame | pl.LazyFrame, bundle: bejegening.SurveyBundle
) -> dict[str, pl.DataFrame]:
    questions = list(bundle.questions)
    answers = bejegening.answers_from_wide(wide, questions, background=["leeftijd"])
    freq = bejegening.frequencies(answers, questions, survey_id=bundle.id, sampling=bundle.survey.sampling)
    table = bejegening.crosstab(answers, questions, "leeftijd", survey_id=bundle.id).table
    frame = wide.collect() if isinstance(wide, pl.LazyFrame) else wide
    numeric = frame.select(
        pl.col("q4").count().alias("n"), pl.col("q4").mean().alias("mean"), pl.col("q4").sum().alias("sum")
    )
    open_answers = frame.select(pl.col("q5").drop_nulls().sort())
    return {"frequencies": freq, "crosstab": table, "numeric": numeric, "open": open_answers}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    folder = write_survey(tmp_path_factory.mktemp("reference"), None)
    bundle = bejegening.load(folder)
    return _statistics(_canonical_wide(PEOPLE), bundle)


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_format_gives_identical_statistics(
    fmt: str, tmp_path: Path, reference: dict[str, pl.DataFrame]
) -> None:
    folder = tmp_path / fmt
    folder.mkdir()
    responses = WRITERS[fmt](folder, PEOPLE)
    write_survey(folder, responses)
    bundle = bejegening.load(folder)
    data = bundle.responses_data
    assert data is not None
    assert data.format is EXPECTED_FORMAT[fmt]
    assert (data.input_rows, data.counted, data.rejected.height) == (len(PEOPLE), len(PEOPLE), 0)
    assert data.questions == ("q1", "q2", "q3", "q4", "q5")
    assert data.background == ("leeftijd",)
    errors = [p for p in bundle.warnings if p.severity is Severity.error]
    assert errors == []
    if fmt == "csv-codes-cp1252":
        first_non_ascii = (folder / "export.csv").read_bytes().index("é".encode("cp1252"))
        assert [p.message.split(";")[0] for p in bundle.warnings] == [
            f"bestand is geen UTF-8 (ongeldige byte bij positie {first_non_ascii})"
        ]
    else:
        assert list(bundle.warnings) == []
    wide = bundle.responses()
    assert wide is not None
    got = _statistics(wide, bundle)
    for name, expected in reference.items():
        assert_frame_equal(got[name], expected, check_exact=True)


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_wide_frame_holds_the_same_answers(fmt: str, tmp_path: Path) -> None:
    responses = WRITERS[fmt](tmp_path, PEOPLE)
    write_survey(tmp_path, responses)
    wide = bejegening.load(tmp_path).responses()
    assert wide is not None
    got = wide.collect()
    expected = _canonical_wide(PEOPLE)
    assert got.columns == expected.columns
    assert got.dtypes == expected.dtypes
    # Tools without a respondent number get the row number.
    if fmt == "google-forms" or fmt in ("limesurvey", "microsoft-forms"):
        assert got["respondent"].to_list() == [str(i) for i in range(1, len(PEOPLE) + 1)]
    else:
        assert got["respondent"].to_list() == expected["respondent"].to_list()
    assert_frame_equal(got.drop("respondent"), expected.drop("respondent"))


def test_counts_match_a_direct_count_of_the_canonical_answers(reference: dict[str, pl.DataFrame]) -> None:
    freq = reference["frequencies"].filter(pl.col("question") == "q1")
    direct = {o["id"]: sum(1 for p in PEOPLE if p.q1 == o["id"]) for o in QUESTIONS["q1"]["options"]}
    assert dict(freq.select("option", "n").iter_rows()) == direct
    multiple = reference["frequencies"].filter(pl.col("question") == "q3")
    answered = sum(1 for p in PEOPLE if p.q3)
    assert set(multiple["base"].to_list()) == {answered}
    assert NONE_OPTION == "_geen"
