"""``bejegening init DIR --from EXPORT`` (FICTIONAL exports of tests/fixtures/exports.py).

The same 40 invented respondents, exported by seven tools, go through ``init --from`` and one
``build`` with no hand edit; every frequency table equals the one of a hand-written survey.yaml
(matched by question or statement text and option label, since ids come from each export), and
the grid is one grid question in every folder.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import bejegening
from bejegening.cli import app
from bejegening.io import survey_from_export
from bejegening.model import DataError
from tests.fixtures import exports

runner = CliRunner()
PEOPLE = exports.people()


def _key(bundle: bejegening.SurveyBundle, question_id: str) -> str:
    """A question by its text, a grid item by its statement (ids differ per export)."""
    if "." in question_id:
        grid, item = question_id.split(".", 1)
        return next(i.text for i in bundle.question(grid).items if i.id == item)
    return bundle.question(question_id).text


def _table(site: Path, bundle: bejegening.SurveyBundle) -> set[tuple[str, ...]]:
    with (site / "downloads" / bundle.id / "frequenties.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, bundle.id
    fields = ("label", "valence", "n", "base", "pct", "ci_low", "ci_high", "suppressed")
    return {(_key(bundle, r["question"]), *(r[f] for f in fields)) for r in rows}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("exports")
    data = root / "data"
    data.mkdir()
    (data / "hand").mkdir()
    exports.hand_written(data / "hand", PEOPLE)
    for name, writer in exports.WRITERS.items():
        source = root / f"bron-{name}"
        source.mkdir()
        path = writer(source, PEOPLE)
        result = runner.invoke(app, ["init", str(data / name), "--from", str(path), "--id", name])
        assert result.exit_code == 0, result.output
    site = root / "site"
    result = runner.invoke(app, ["build", str(data), "--out", str(site)])
    assert result.exit_code == 0, result.output
    return data, site


@pytest.mark.parametrize("name", list(exports.WRITERS))
def test_every_export_gives_the_hand_written_frequencies(built: tuple[Path, Path], name: str) -> None:
    data, site = built
    hand = bejegening.load(data / "hand")
    bundle = bejegening.load(data / name)
    assert _table(site, bundle) == _table(site, hand)


@pytest.mark.parametrize("name", list(exports.WRITERS))
def test_grid_is_one_question_and_counts_are_those_of_the_people(built: tuple[Path, Path], name: str) -> None:
    data, _site = built
    bundle = bejegening.load(data / name)
    (grid,) = [q for q in bundle.questions if q.is_grid]
    assert [i.text for i in grid.items] == list(exports.STELLINGEN)
    assert [o.label for o in grid.ordered_options()] == list(exports.EENS)
    assert len(bundle.questions) == 5
    data_read = bundle.responses_data
    assert data_read is not None and (data_read.input_rows, data_read.counted) == (40, 40)
    # Counts straight from the fictional people (the oracle), not from the code under test.
    wide = bundle.responses()
    assert wide is not None
    first = wide.collect()[f"{grid.id}.{grid.items[0].id}"].to_list()
    labels = {o.id: o.label for o in grid.options}
    assert Counter(labels[v] for v in first if v) == Counter(
        p.stellingen[0] for p in PEOPLE if p.stellingen[0]
    )


def test_written_survey_yaml_is_commented_and_prefilled(built: tuple[Path, Path]) -> None:
    data, _site = built
    text = (data / "qualtrics" / "survey.yaml").read_text(encoding="utf-8")
    assert "NOG INVULLEN" in text and "# Matrixvraag" in text
    parsed = yaml.safe_load(text)
    starts = sorted(p.start[:10] for p in PEOPLE)
    assert (parsed["survey"]["fieldwork_start"], parsed["survey"]["fieldwork_end"]) == (starts[0], starts[-1])
    assert parsed["responses"]["respondent_column"] == "ResponseId"
    forms = (data / "google-forms" / "survey.yaml").read_text(encoding="utf-8")
    assert "zoals gevonden in de antwoorden" in forms
    spss = yaml.safe_load((data / "spss" / "survey.yaml").read_text(encoding="utf-8"))
    tevr = next(q for q in spss["questions"] if q["id"] == "tevr")
    weet_niet = next(o for o in tevr["options"] if o["label"] == "Weet niet")
    assert weet_niet["valence"] == "non_substantive"  # declared user-missing in the .sav


def test_init_from_refuses_a_folder_in_use_and_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "bezet").mkdir()
    (tmp_path / "bezet" / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match="niet leeg"):
        survey_from_export(tmp_path / "bezet", tmp_path / "weg.csv")
    result = runner.invoke(app, ["init", str(tmp_path / "nieuw"), "--from", str(tmp_path / "weg.csv")])
    assert result.exit_code == 1
    assert "bestaat niet" in result.stderr and "Traceback" not in result.output


def _frequencies(bundle: bejegening.SurveyBundle) -> set[tuple[object, ...]]:
    from bejegening.model import answered_questions  # noqa: PLC0415

    questions = answered_questions(bundle.questions)
    wide = bundle.responses()
    assert wide is not None
    freq = bejegening.frequencies(
        bejegening.answers_from_wide(wide, questions), questions, survey_id=bundle.id
    )
    return {
        (_key(bundle, r["question"]), r["label"], r["valence"], r["n"], r["base"], r["pct"])
        for r in freq.iter_rows(named=True)
    }


def test_limesurvey_codes_with_the_structure_file(tmp_path: Path) -> None:
    export, lss = exports.limesurvey_codes(tmp_path, PEOPLE)
    result = runner.invoke(
        app, ["init", str(tmp_path / "lime"), "--from", str(export), "--structure", str(lss)]
    )
    assert result.exit_code == 0, result.output
    (tmp_path / "hand").mkdir()
    hand = bejegening.load(exports.hand_written(tmp_path / "hand", PEOPLE))
    bundle = bejegening.load(tmp_path / "lime")
    assert [q.id for q in bundle.questions] == ["q1", "q2", "q3", "q4", "q5"]
    assert bundle.question("q5").text == exports.Q_BETER  # HTML of the .lss removed
    assert _frequencies(bundle) == _frequencies(hand)
    spec = yaml.safe_load((tmp_path / "lime" / "survey.yaml").read_text(encoding="utf-8"))
    q1 = next(c for c in spec["responses"]["columns"] if c["question"] == "q1")
    assert q1["values"]["A6"] == "weet-niet"  # the codes are kept


def test_hostile_structure_file_is_refused(tmp_path: Path) -> None:
    export, _lss = exports.limesurvey_codes(tmp_path, PEOPLE)
    bomb = tmp_path / "bom.lss"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        "<document>&b;</document>",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="geen leesbaar LimeSurvey-structuurbestand"):
        survey_from_export(tmp_path / "x", export, structure=bomb)
