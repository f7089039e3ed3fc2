"""The command line in Dutch and consistent across verbs: help (typer's own text too), ``-h``
and ``-V``, exit codes (0 ok, 1 data, 2 usage), the same ``--format`` names, JSON on failure."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bejegening
from bejegening.cli import app
from bejegening.cli._dutch import translate_usage_error

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "data")
runner = CliRunner()

COMMANDS = ("validate", "check", "stats", "build", "serve", "init", "schema")

# English that typer/click print by themselves; none of it may reach a user.
ENGLISH = re.compile(
    r"Usage|Show this message|Options|Arguments|Commands|\[default|\[required|No such|Missing|"
    r"Invalid value|Try '|Error|does not exist|is not one of|Input should|unexpected extra|"
    r"requires an argument|<bool>|<str>|<path>|<int|\{directory\}|Install completion|Show completion"
)


def _help(*args: str) -> str:
    """Help text with rich's boxes and line wrapping taken out."""
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return re.sub(r"[\s│╭╮╰╯─]+", " ", result.output)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_dutch_with_h_and_help(command: str) -> None:
    args = [command] if command else []
    short = _help(*args, "-h")
    assert short == _help(*args, "--help")
    assert "Gebruik: bejegening" in short
    assert "Toon deze hulp en stop." in short
    assert "Opties" in short
    assert not ENGLISH.search(short), ENGLISH.search(short)


def test_top_level_help_lists_every_verb_and_dutch_completion() -> None:
    text = _help("-h")
    for verb in COMMANDS:
        assert f" {verb} " in text, verb
    assert "Installeer tab-aanvulling" in text
    assert "Opdrachten" in text


def test_version_short_and_long() -> None:
    for flag in ("-V", "--version"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0
        assert result.stdout.strip() == f"bejegening {bejegening.__version__}"


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["stats", DATA, "--nope"], "onbekende optie --nope"),
        (["bouw"], "onbekende opdracht 'bouw'"),
        (["init"], "argument MAP ontbreekt"),
        (["check", DATA, "--max-n", "0"], "ongeldige waarde voor '--max-n': moet minstens 1 zijn"),
        (["check", DATA, "--max-n", "veel"], "ongeldige waarde voor '--max-n': verwacht een geheel getal"),
        (["check", DATA, "--format", "xml"], "ongeldige waarde voor '--format': 'xml' is geen van"),
        (["build", DATA, "--out"], "optie --out heeft een waarde nodig"),
        (["schema", "extra"], "onverwacht extra argument: extra"),
        (
            ["validate", "bestaat-niet-map"],
            "ongeldige waarde voor 'MAP': pad 'bestaat-niet-map' bestaat niet",
        ),
        (["serve", "--port", "x"], "ongeldige waarde voor '--port': verwacht een geheel getal"),
    ],
)
def test_usage_errors_are_dutch_and_exit_2(args: list[str], dutch: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"Fout: {dutch}" in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr


def test_unknown_messages_are_kept_not_lost() -> None:
    assert translate_usage_error("Something new happened.") == "Something new happened."


@pytest.mark.parametrize("command", ["validate", "check", "stats", "build"])
def test_missing_folder_is_usage_error_2_everywhere(command: str, tmp_path: Path) -> None:
    result = runner.invoke(app, [command, str(tmp_path / "weg"), "--format", "json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert payload["exit_code"] == 2
    assert "bestaat niet" in payload["errors"][0]["message"]


@pytest.mark.parametrize("command", ["check", "stats"])
def test_unknown_survey_is_usage_error_2_with_json(command: str) -> None:
    result = runner.invoke(app, [command, DATA, "--survey", "onbekend", "--format", "json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["exit_code"] == 2
    assert "onbekende enquête 'onbekend'" in payload["errors"][0]["message"]
    assert "onbekende enquête 'onbekend'" in result.stderr


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "laborijn", data / "laborijn")
    survey = data / "laborijn" / "survey.yaml"
    text = survey.read_text(encoding="utf-8")
    survey.write_text(text.replace("\nsurvey:", "\nsurvey:\n  onbekend_veld: 1", 1), encoding="utf-8")
    return data


@pytest.mark.parametrize("command", ["validate", "check", "stats", "build"])
def test_invalid_data_exits_1_with_json_errors(command: str, broken: Path, tmp_path: Path) -> None:
    args = [command, str(broken), "--format", "json"]
    if command == "build":
        args += ["--out", str(tmp_path / "site")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    (error,) = payload["errors"]
    assert error["field"] == "survey.onbekend_veld"
    assert error["line"] is not None
    assert set(error) == {"file", "line", "row", "field", "value", "message", "severity"}
    if command != "validate":
        assert payload["ok"] is False
        assert payload["exit_code"] == 1
    assert not (tmp_path / "site").exists()


def test_formats_are_the_same_names_everywhere() -> None:
    table = {"validate", "check", "stats"}
    for command in COMMANDS:
        text = _help(command, "-h")
        if command == "serve":
            assert "--format" not in text
        elif command in table:
            assert "<text|json|csv>" in text, command
        else:
            assert "<text|json>" in text, command


def test_stats_text_json_csv_agree() -> None:
    base = ["stats", DATA, "--survey", "wpi-amsterdam-2017-2018"]
    rows = json.loads(runner.invoke(app, [*base, "--format", "json"]).stdout)
    table = list(csv.DictReader(io.StringIO(runner.invoke(app, [*base, "--format", "csv"]).stdout)))
    assert len(rows) == len(table) > 0
    assert [r["option"] for r in rows] == [r["option"] for r in table]
    assert "Vraag 7" in runner.invoke(app, [*base, "--format", "text"]).stdout


def test_check_only_discrepancies_summary_first() -> None:
    result = runner.invoke(app, ["check", DATA, "--alleen-afwijkingen"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    # The WPI report (transcribed) has two figures that do not fit (question 3 and 6).
    summary = "wpi-amsterdam-2017-2018: 44 controles — 33 consistent, 2 inconsistent, 9 niet toetsbaar."
    assert summary in text
    assert text.index(summary) < text.index("Cijfercontrole: Enquête Bejegening")
    assert text.count("│ inconsistent") == 2
    assert "│ consistent" not in text
    assert "niet toetsbaar │" not in text
    json_rows = json.loads(
        runner.invoke(app, ["check", DATA, "--status", "inconsistent", "--format", "json"]).stdout
    )
    assert [r["status"] for r in json_rows] == ["inconsistent", "inconsistent"]
    assert {r["question"] for r in json_rows} == {"q3", "q6"}


def test_check_csv_joins_lists() -> None:
    result = runner.invoke(app, ["check", DATA, "--format", "csv", "--survey", "wpi-amsterdam-2017-2018"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 44
    q7 = [r for r in rows if r["question"] == "q7" and r["rule"] == "count_percentage"]
    assert q7
    assert all(r["consistent_n"] == "77" for r in q7)  # 16, 36, 25 of 77 (as the JSON test)


def test_build_json_has_english_timing_keys(tmp_path: Path) -> None:
    from bejegening.site._build import BuildSummary  # noqa: PLC0415

    summary = BuildSummary(
        out_dir=tmp_path,
        surveys=1,
        pages=2,
        generated_pages=1,
        charts=0,
        downloads=0,
        fingerprint="0" * 64,
        version="x",
        seconds={"laden": 1.0, "rekenen": 2.0, "grafieken": 0.5, "downloads": 0, "pagina's": 1, "mkdocs": 3},
    )
    payload = summary.as_dict()
    assert payload["timings"] == {
        "load": 1.0,
        "compute": 2.0,
        "charts": 0.5,
        "downloads": 0,
        "pages": 1,
        "mkdocs": 3,
    }
    assert payload["seconds"]["laden"] == 1.0  # kept for scripts that read it


def test_init_and_schema_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "nieuw"), "--format", "json"])
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)["written"]
    assert any(p.endswith("survey.yaml") for p in written)
    again = runner.invoke(app, ["init", str(tmp_path / "nieuw"), "--format", "json"])
    assert again.exit_code == 1
    assert json.loads(again.stdout)["ok"] is False
    schema = runner.invoke(app, ["schema", "--out", str(tmp_path / "schema"), "--format", "json"])
    assert schema.exit_code == 0, schema.output
    assert all(Path(p).is_file() for p in json.loads(schema.stdout)["written"])


@pytest.mark.parametrize("form", [["--format", "json"], ["--format=json"]])
def test_io_failure_exits_2_with_the_json_document_too(tmp_path: Path, form: list[str]) -> None:
    # A file where the folder should be: an I/O error reaches the command line guard.
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["schema", "--out", str(tmp_path / "bestand" / "schema"), *form])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert (document["ok"], document["exit_code"]) == (False, 2)
    (error,) = document["errors"]
    assert error["message"].endswith("een deel van het pad is geen map.")
    assert "Fout bij lezen of schrijven" in result.stderr
    text = runner.invoke(app, ["schema", "--out", str(tmp_path / "bestand" / "schema")])
    assert text.exit_code == 2
    assert text.stdout == ""  # text output: the message on stderr only


def test_validate_csv_lists_problems(broken: Path) -> None:
    result = runner.invoke(app, ["validate", str(broken), "--format", "csv"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["field"] for r in rows if r["severity"] == "error"] == ["survey.onbekend_veld"]


def test_console_script_exit_codes_and_dutch_errors() -> None:
    """Through the real entry point (not CliRunner): same codes, no traceback."""
    command = [sys.executable, "-m", "bejegening"]
    usage = subprocess.run([*command, "check", DATA, "--nope"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2
    assert "Fout: onbekende optie --nope" in usage.stderr
    assert "Traceback" not in usage.stderr
    ok = subprocess.run([*command, "-V"], capture_output=True, text=True, check=False)
    assert (ok.returncode, ok.stdout.strip()) == (0, f"bejegening {bejegening.__version__}")
