"""`bejegening build … --zip`: the built site as one zip beside --out, for the web team (issue 16)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bejegening.cli import app
from bejegening.io import scaffold_survey
from bejegening.site import CHART_CACHE, SITE_MARKER, SiteBuildError, site_zip_path, zip_site

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """An `init` folder built through the CLI with --zip --format json."""
    root = tmp_path_factory.mktemp("zip")
    scaffold_survey(root / "data" / "voorbeeld")
    result = runner.invoke(
        app, ["build", str(root / "data"), "--out", str(root / "uit" / "site"), "--zip", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return root, json.loads(result.stdout)


def test_zip_is_written_beside_the_site_and_named_after_it(built: tuple[Path, dict[str, object]]) -> None:
    root, summary = built
    assert summary["zip"] == str((root / "uit" / "site.zip").resolve())
    assert (root / "uit" / "site.zip").is_file()
    # Beside the site (and the chart cache), no temporary file left behind.
    assert sorted(p.name for p in (root / "uit").iterdir() if p.name != CHART_CACHE.parts[0]) == [
        "site",
        "site.zip",
    ]


def test_zip_holds_exactly_the_site_files_byte_for_byte(built: tuple[Path, dict[str, object]]) -> None:
    root, _ = built
    site = root / "uit" / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    with zipfile.ZipFile(root / "uit" / "site.zip") as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        contents = {name: archive.read(name) for name in names}
    assert len(names) == len(set(names))
    assert "index.html" in names  # at the top of the archive, ready to unpack into a web folder
    assert set(contents) == set(files) - {SITE_MARKER}
    assert all(contents[name] == files[name] for name in contents)


def test_zip_holds_no_answers_or_survey_files(built: tuple[Path, dict[str, object]]) -> None:
    root, _ = built
    with zipfile.ZipFile(root / "uit" / "site.zip") as archive:
        names = archive.namelist()
        text = b"\n".join(archive.read(n) for n in names if n.endswith((".html", ".csv", ".json", ".md")))
    assert not [n for n in names if Path(n).name in {"antwoorden.csv", "survey.yaml", "site.yaml"}]
    assert not [n for n in names if "controle-open-antwoorden" in n]
    assert b"FICTIEF-001" not in text  # no respondent number of the answers file


def test_text_output_names_the_zip(tmp_path: Path) -> None:
    scaffold_survey(tmp_path / "data" / "voorbeeld")
    result = runner.invoke(app, ["build", str(tmp_path / "data"), "--out", str(tmp_path / "site"), "--zip"])
    assert result.exit_code == 0, result.output
    # The table folds long paths over lines: compare without the table's borders and spaces.
    assert str(tmp_path / "site.zip") in re.sub(r"[\s│]", "", result.stderr)
    assert (tmp_path / "site.zip").is_file()


def test_publish_page_explains_the_zip(built: tuple[Path, dict[str, object]]) -> None:
    root, _ = built
    page = (root / "uit" / "site" / "publiceren.html").read_text(encoding="utf-8")
    assert "<code>bejegening build mijn-enquete --out site --zip</code>" in page
    assert "<code>site.zip</code>" in page


def test_build_help_explains_zip_in_dutch() -> None:
    result = runner.invoke(app, ["build", "-h"], terminal_width=200)
    assert result.exit_code == 0
    assert "--zip" in result.stdout
    assert "site.zip" in result.stdout


def test_zip_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / SITE_MARKER).write_text("gebouwd\n", encoding="utf-8")
    (site / "index.html").write_text("<p>hoi</p>", encoding="utf-8")
    (site / "a" / "b.csv").write_text("x;y\n1;2\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = zip_site(site).read_bytes()
    (site / "index.html").touch()
    second = zip_site(site).read_bytes()
    assert first == second
    with zipfile.ZipFile(site_zip_path(site)) as archive:
        assert archive.namelist() == ["a/b.csv", "index.html"]
        # 1700000000 = 2023-11-14 22:13:20 UTC
        assert archive.getinfo("index.html").date_time == (2023, 11, 14, 22, 13, 20)


def test_zip_refuses_a_folder_that_is_not_a_built_site(tmp_path: Path) -> None:
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "antwoorden.csv").write_text("respondent\nFICTIEF-001\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match="geen gebouwde site"):
        zip_site(tmp_path / "map")
    assert not (tmp_path / "map.zip").exists()
