"""`bejegening init DIR`: a fictional, commented survey folder that validates and builds at once."""

from __future__ import annotations

import html
import re
from pathlib import Path

import polars as pl
import pytest
import yaml
from typer.testing import CliRunner

import bejegening
from bejegening.cli import app
from bejegening.io import scaffold_survey
from bejegening.io._scaffold import survey_id_for
from bejegening.model import Survey

runner = CliRunner()


def test_init_writes_four_files_and_says_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "enquete-2025"
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(folder / n) for n in ("survey.yaml", "antwoorden.csv", "README.md", "site.yaml")
    ]
    assert "FICTIEF voorbeeld" in result.stderr
    assert f"bejegening validate {folder}" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "antwoorden.csv",
        "site.yaml",
        "survey.yaml",
    ]


def test_example_is_clearly_fictional(tmp_path: Path) -> None:
    scaffold_survey(tmp_path / "nieuw")
    readme = (tmp_path / "nieuw" / "README.md").read_text(encoding="utf-8")
    assert "# FICTIEF" in readme
    assert "verzonnen" in readme
    spec = yaml.safe_load((tmp_path / "nieuw" / "survey.yaml").read_text(encoding="utf-8"))
    assert "(fictief voorbeeld)" in spec["survey"]["title"]
    assert "FICTIEF" in spec["survey"]["notes"]
    answers = pl.read_csv(tmp_path / "nieuw" / "antwoorden.csv", separator=";", infer_schema=False)
    assert answers.height >= 60
    assert answers["respondent"].str.starts_with("FICTIEF-").all()


def test_example_validates_without_any_problem_and_reads_every_row(tmp_path: Path) -> None:
    scaffold_survey(tmp_path / "nieuw")
    report = bejegening.validate(tmp_path / "nieuw")
    assert report.valid
    assert report.problems == ()
    bundle = report.bundles[0]
    assert bundle.id == "nieuw"
    data = bundle.responses_data
    assert data is not None
    assert (data.input_rows, data.counted) == (72, 72)
    assert data.questions == ("q1", "q2", "q3", "q4", "q5.a", "q5.b", "q5.c", "q5.d", "q6")
    assert data.background == ("leeftijd", "wijk")
    freq = bejegening.frequencies(
        bejegening.answers_from_wide(bundle.responses(), list(bundle.questions)),
        list(bundle.questions),
        survey_id=bundle.id,
    )
    raw = pl.read_csv(tmp_path / "nieuw" / "antwoorden.csv", separator=";", infer_schema=False)
    tevreden = freq.filter((pl.col("question") == "q1") & (pl.col("option") == "tevreden"))["n"].item()
    assert tevreden == (raw["q1"] == "Tevreden").sum()


def test_every_survey_field_is_in_the_template_with_a_dutch_comment() -> None:
    text = (Path(bejegening.__file__).parent / "io" / "_templates" / "survey.yaml").read_text(
        encoding="utf-8"
    )
    lines = text.splitlines()
    for name in Survey.model_fields:
        (index,) = [i for i, line in enumerate(lines) if re.match(rf"^  {name}:", line)]
        # A comment on one of the lines just above (or a self-evident sibling like fieldwork_end).
        above = lines[max(0, index - 4) : index]
        assert any(line.strip().startswith("#") for line in above), name
    assert sum(1 for line in lines if line.lstrip().startswith("#")) >= 50


def test_example_recommendation_has_two_dated_status_events_with_sources(tmp_path: Path) -> None:
    scaffold_survey(tmp_path / "nieuw")
    bundle = bejegening.load(tmp_path / "nieuw")
    (rec,) = bundle.recommendations
    assert "fictief" in rec.title
    assert [(e.date.isoformat() if e.date else None, e.status.value) for e in rec.history] == [
        ("2024-06-03", "uitgebracht"),
        ("2024-09-16", "deels_overgenomen"),
    ]
    sources = {s.id: s for s in bundle.survey.sources}
    for event in rec.history:
        assert event.source is not None
        assert "fictief" in sources[event.source.source].title
    assert rec.current_status.value == "deels_overgenomen"
    assert rec.has_evidence
    text = (tmp_path / "nieuw" / "survey.yaml").read_text(encoding="utf-8")
    assert "FICTIEF VOORBEELD: vervang het door uw eigen advies" in text


def test_folder_in_use_is_refused_and_nothing_overwritten(tmp_path: Path) -> None:
    (tmp_path / "bestaand").mkdir()
    (tmp_path / "bestaand" / "survey.yaml").write_text("eigen werk", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "bestaand")])
    assert result.exit_code == 1
    assert "map bestaat al en is niet leeg; kies een nieuwe mapnaam (niets overschreven)" in result.stderr
    assert "Traceback" not in result.output
    assert (tmp_path / "bestaand" / "survey.yaml").read_text(encoding="utf-8") == "eigen werk"


def test_invalid_id_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "x"), "--id", "Mijn Enquête"])
    assert result.exit_code == 1
    assert "veld '--id': ongeldige id" in result.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Enquête 2025", "enquete-2025"), ("__x__", "x"), ("???", "mijn-enquete"), ("WPI", "wpi")],
)
def test_survey_id_from_the_folder_name(name: str, expected: str) -> None:
    assert survey_id_for(name) == expected


def test_id_and_title_options(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["init", str(tmp_path / "a"), "--id", "raad-2025", "--title", 'Enquête "Bejegening" 2025']
    )
    assert result.exit_code == 0, result.output
    bundle = bejegening.load(tmp_path / "a")
    assert (bundle.id, bundle.survey.title) == ("raad-2025", 'Enquête "Bejegening" 2025')
    assert 'Enquête "Bejegening" 2025' in (tmp_path / "a" / "README.md").read_text(encoding="utf-8")


def test_build_works_at_once_and_copies_no_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bejegening.site import build_site  # noqa: PLC0415

    monkeypatch.chdir(tmp_path)  # the build needs no file in the current folder
    scaffold_survey(tmp_path / "data" / "voorbeeld")
    summary = build_site(tmp_path / "data", tmp_path / "site")
    assert summary.surveys == 1
    assert summary.charts > 0
    pages = list((tmp_path / "site").rglob("*.html"))
    assert any("voorbeeld" in str(p) for p in pages)
    assert not list((tmp_path / "site").rglob("antwoorden*"))
    assert not (tmp_path / "site.zip").exists()  # a zip only with build --zip
    raw = (tmp_path / "data" / "voorbeeld" / "antwoorden.csv").read_text(encoding="utf-8")
    texts = {".html", ".json", ".csv", ".md", ".js", ".xml", ".txt", ".svg"}
    files = [p for p in (tmp_path / "site").rglob("*") if p.is_file() and p.suffix in texts]
    site_text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    assert "FICTIEF-001" not in site_text
    assert raw.splitlines()[1] not in site_text
    tracker = html.unescape((tmp_path / "site" / "adviezen.html").read_text(encoding="utf-8"))
    assert "Geef elke cliënt een vaste klantmanager (fictief voorbeeld)" in tracker
    assert "Deels overgenomen" in tracker
    assert "16 september 2024" in tracker
    # "Zelf gebruiken" links to the reference of every field, generated from the schema.
    guide = (tmp_path / "site" / "zelf-gebruiken.html").read_text(encoding="utf-8")
    assert 'href="zelf-gebruiken/velden.html"' in guide
    fields = html.unescape((tmp_path / "site" / "zelf-gebruiken" / "velden.html").read_text(encoding="utf-8"))
    assert "<code>recommendations[].history[].source.source</code>" in fields
    assert "Op te vragen bij" in fields
