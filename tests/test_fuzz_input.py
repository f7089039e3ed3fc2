"""Fuzz test (hypothesis) over survey.yaml and answers files: never a traceback, exit 0/1/2, and
every row of the answers file counted or rejected. Built on the fictional `init` example."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bejegening.cli import app
from bejegening.io import scaffold_survey, validate

runner = CliRunner()

LABELS = ["Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden", "Weet niet", "Ja", "Nee", "Soms", ""]
JUNK = ["=1+1", "[/bold]", "\x00", "é", '"', ";", "999999999999999999999", "inf", "NaN", " NEE ", "\t"]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "voorbeeld"
    scaffold_survey(folder)
    return folder


def _copy(example: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(example, target)
    return target


cells = st.one_of(st.sampled_from(LABELS), st.sampled_from(JUNK), st.text(max_size=6))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(cells, min_size=0, max_size=9), min_size=0, max_size=12),
    blank_tail=st.integers(0, 2),
)
def test_answers_files_every_row_counted_or_rejected(
    example: Path, tmp_path: Path, rows: list[list[str]], blank_tail: int
) -> None:
    folder = _copy(example, tmp_path / "a")
    header = (folder / "antwoorden.csv").read_text(encoding="utf-8").splitlines()[0]
    body = [";".join(c.replace("\n", " ").replace("\r", " ") for c in row) for row in rows]
    text = "\n".join([header, *body]) + "\n" + "\n" * blank_tail
    (folder / "antwoorden.csv").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), result.output
    report = validate(folder)
    for bundle in report.bundles:
        data = bundle.responses_data
        assert data is not None
        assert data.counted + data.rejected.height == data.input_rows
        # every data row up to the last non-empty one is a row of the file
        filled = [r for r in body if r.replace(";", "").strip()]
        assert data.input_rows <= len(body)
        assert data.input_rows >= len(filled) if filled else data.input_rows == 0
    payload = json.loads(result.stdout) if result.stdout.strip().startswith("{") else None
    if payload is not None:
        for survey in payload.get("surveys", []):
            responses = survey.get("responses")
            if responses:
                assert responses["counted"] + responses["rejected"] == responses["input_rows"]


yaml_noise = st.sampled_from(
    [
        "\t",
        ": ",
        "? ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!python/object ",
        "'",
        '"',
        "- ",
        "\n",
        "yes",
        "9" * 40,
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 10_000), yaml_noise), min_size=1, max_size=4))
def test_survey_yaml_never_a_traceback(example: Path, tmp_path: Path, edits: list[tuple[int, str]]) -> None:
    folder = _copy(example, tmp_path / "y")
    path = folder / "survey.yaml"
    text = path.read_text(encoding="utf-8")
    for position, noise in edits:
        at = position % (len(text) + 1)
        text = text[:at] + noise + text[at:]
    path.write_text(text, encoding="utf-8")
    for command in (["validate", str(folder)], ["stats", str(folder)]):
        result = runner.invoke(app, command)
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 1, 2), result.output
        exception = result.exception
        assert exception is None or isinstance(exception, SystemExit) or type(exception).__name__ == "Exit"
