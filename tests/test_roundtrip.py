"""Model → files → model is the identity (hypothesis), for survey.yaml and findings.csv."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bejegening
from bejegening.io._load import _read_findings
from bejegening.io._yaml import read_yaml
from bejegening.model import (
    Finding,
    Mode,
    Option,
    Organisation,
    Population,
    Question,
    QuestionType,
    Recommendation,
    Sampling,
    Source,
    SourceRef,
    Status,
    StatusEvent,
    Survey,
    SurveyFile,
    Theme,
    Valence,
)

ids = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,12}\Z")
# Printable text of every script (no control characters, no surrogates), stripped, non-empty.
texts = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
    )
    .map(str.strip)
    .filter(bool)
)
maybe_texts = st.none() | texts
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
counts = st.integers(min_value=0, max_value=10**6)
percentages = st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False)

source_refs = st.builds(SourceRef, source=ids, section=maybe_texts, quote=maybe_texts)
options = st.builds(
    Option,
    id=ids,
    label=texts,
    order=st.none() | st.integers(-5, 50),
    valence=st.none() | st.sampled_from(Valence),
    score=st.none() | st.floats(-10, 10, allow_nan=False),
)
questions = st.builds(
    Question,
    id=ids,
    number=maybe_texts,
    text=texts,
    type=st.sampled_from(QuestionType),
    options=st.lists(options, max_size=4),
    options_complete=st.booleans(),
    themes=st.lists(ids, max_size=3),
    note=maybe_texts,
)


@st.composite
def surveys(draw: st.DrawFn) -> Survey:
    start = draw(st.none() | dates)
    end = draw(st.none() | dates)
    if start is not None and end is not None and end < start:
        start, end = end, start
    return Survey(
        id=draw(ids),
        title=draw(texts),
        organisation=Organisation(name=draw(texts), url=draw(st.none() | st.just("https://example.org/x"))),
        commissioned_by=draw(st.none() | st.builds(Organisation, name=texts)),
        conducted_by=draw(st.none() | st.builds(Organisation, name=texts)),
        population=Population(description=draw(texts), size=draw(st.none() | st.integers(1, 10**7))),
        sampling=draw(st.none() | st.sampled_from(Sampling)),
        mode=draw(st.none() | st.sampled_from(Mode)),
        fieldwork_start=start,
        fieldwork_end=end,
        weighting=draw(maybe_texts),
        respondents=draw(st.none() | counts),
        small_cell_threshold=draw(st.integers(3, 20)),
        sources=draw(
            st.lists(
                st.builds(Source, id=ids, title=texts, author=maybe_texts, date=st.none() | dates),
                min_size=1,
                max_size=3,
            )
        ),
        notes=draw(maybe_texts),
    )


recommendations = st.builds(
    Recommendation,
    id=ids,
    number=maybe_texts,
    title=texts,
    summary=texts,
    text=maybe_texts,
    questions=st.lists(ids, max_size=2),
    findings=st.lists(ids, max_size=2),
    themes=st.lists(ids, max_size=2),
    addressee=maybe_texts,
    source=source_refs,
    history=st.lists(
        st.builds(StatusEvent, date=st.none() | dates, status=st.sampled_from(Status), note=maybe_texts),
        min_size=1,
        max_size=3,
    ),
)

survey_files = st.builds(
    SurveyFile,
    survey=surveys(),
    themes=st.lists(st.builds(Theme, id=ids, label=texts, description=maybe_texts), max_size=3),
    questions=st.lists(questions, max_size=3),
    recommendations=st.lists(recommendations, max_size=2),
    findings_file=st.sampled_from(["findings.csv", None]),
)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    question = draw(st.none() | ids)
    return Finding(
        id=draw(ids),
        question=question,
        options=draw(st.lists(ids, max_size=3)) if question else [],
        statement=draw(maybe_texts),
        count=draw(st.none() | counts),
        percentage=draw(st.none() | percentages),
        # Always some content, as the model demands.
        quantifier=draw(texts),
        base=draw(st.none() | counts),
        base_description=draw(maybe_texts),
        themes=draw(st.lists(ids, max_size=2)),
        figure=draw(maybe_texts),
        source=draw(source_refs),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(survey_files)
def test_survey_yaml_round_trip_is_identity(spec: SurveyFile) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.yaml"
        path.write_text(bejegening.io.dump_survey_yaml(spec), encoding="utf-8")
        data, _, problems = read_yaml(path, "survey.yaml")
        assert problems == []
        assert SurveyFile.model_validate(data) == spec


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(findings(), max_size=5))
def test_findings_csv_round_trip_is_identity(items: list[Finding]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "findings.csv"
        path.write_text(bejegening.io.dump_findings_csv(items), encoding="utf-8")
        loaded, rejected, problems = _read_findings(path, "findings.csv")
        assert problems == []
        assert rejected == set()
        assert [f for _, f in loaded] == items


def test_bundled_cases_round_trip_through_their_files(tmp_path: Path) -> None:
    for name in ("wpi-amsterdam-2017-2018", "laborijn"):
        original = bejegening.load(Path(__file__).parent.parent / "data" / name)
        bejegening.write_survey(original.spec, original.findings, tmp_path / name)
        again = bejegening.load(tmp_path / name)
        assert again.spec == original.spec
        assert again.findings == original.findings
