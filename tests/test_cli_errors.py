"""The CLI's central error handler: Dutch messages, exit 1 (data) or 2 (environment), no traceback,
and text from data files never read as rich markup. All surveys here are fictional."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import bejegening.site._build as build_module
from bejegening.cli import app
from bejegening.io import scaffold_survey

runner = CliRunner()


def _example(tmp_path: Path, name: str = "voorbeeld") -> Path:
    folder = tmp_path / "data" / name
    scaffold_survey(folder)
    return folder


def _retitle(folder: Path, title: str, label_from: str | None = None, label_to: str | None = None) -> None:
    path = folder / "survey.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  title: .*$", f"  title: '{title}'", text, count=1)
    if label_from is not None and label_to is not None:
        text = text.replace(label_from, label_to, 1)
    path.write_text(text, encoding="utf-8")


def _clean(result: object) -> None:
    output = result.output  # type: ignore[attr-defined]
    assert "Traceback" not in output
    exception = result.exception  # type: ignore[attr-defined]
    assert exception is None or isinstance(exception, SystemExit | typer.Exit), exception


@pytest.mark.parametrize("command", ["stats", "check", "validate"])
def test_markup_in_a_title_is_printed_as_text(tmp_path: Path, command: str) -> None:
    folder = _example(tmp_path)
    _retitle(folder, "Tevredenheid [/bold] klanten [m/v]")
    result = runner.invoke(app, [command, str(folder)])
    _clean(result)
    assert result.exit_code == 0, result.output
    if command != "check":  # check prints the title in a wrapped table; stats and validate in full
        assert "Tevredenheid [/bold] klanten [m/v]" in result.output


def test_markup_in_an_option_label_is_printed_as_text(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    path = folder / "survey.yaml"
    text = path.read_text(encoding="utf-8")
    assert "{id: ja, label: Ja," in text
    path.write_text(text.replace("{id: ja, label: Ja,", "{id: ja, label: 'Ja [/b]',", 1), encoding="utf-8")
    csv = folder / "antwoorden.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(";Ja;", ";Ja [/b];"), encoding="utf-8")
    result = runner.invoke(app, ["stats", str(folder)])
    _clean(result)
    assert result.exit_code == 0, result.output
    assert "Ja [/b]" in result.output


def test_init_in_a_folder_named_like_markup(tmp_path: Path) -> None:
    target = tmp_path / "[/red]enquête"
    result = runner.invoke(app, ["init", str(target)])
    _clean(result)
    assert result.exit_code == 0, result.output
    assert "[/red]enquête" in result.stderr
    assert (target / "survey.yaml").is_file()


def test_build_on_a_full_disk_says_so_and_keeps_the_old_site(tmp_path: Path, monkeypatch) -> None:
    def full(*_args: object, **_kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "site" / "x.csv"))

    out = tmp_path / "site"
    out.mkdir()
    (out / "oud.txt").write_text("vorige site", encoding="utf-8")
    (out / ".bejegening-site").write_text("x", encoding="utf-8")
    _example(tmp_path)
    monkeypatch.setattr(build_module, "write_downloads", full)
    result = runner.invoke(app, ["build", str(tmp_path / "data"), "--out", str(out), "--quiet"])
    _clean(result)
    assert result.exit_code == 2
    assert "de schijf is vol" in result.stderr
    assert "x.csv" in result.stderr
    assert (out / "oud.txt").read_text(encoding="utf-8") == "vorige site"
    assert not list(tmp_path.glob(".site.build-*"))


def test_build_into_a_read_only_folder_says_so(tmp_path: Path, monkeypatch) -> None:
    def read_only(*_args: object, **kwargs: object) -> str:
        raise OSError(errno.EROFS, "Read-only file system", str(kwargs.get("dir", tmp_path)))

    _example(tmp_path)
    monkeypatch.setattr(build_module.tempfile, "mkdtemp", read_only)
    result = runner.invoke(app, ["build", str(tmp_path / "data"), "--out", str(tmp_path / "site"), "-q"])
    _clean(result)
    assert result.exit_code == 2
    assert "alleen-lezen" in result.stderr


def test_an_unexpected_fault_is_one_dutch_line(tmp_path: Path, monkeypatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise ValueError("[/bold] kapot")

    # the stats verb imports build_reports when it runs (deferred import), so patch its home
    monkeypatch.setattr("bejegening.report.build_reports", broken)
    result = runner.invoke(app, ["stats", str(_example(tmp_path))])
    _clean(result)
    assert result.exit_code == 1
    assert "Onverwachte fout (ValueError: [/bold] kapot)" in result.stderr


def test_a_missing_data_folder_is_a_message(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(tmp_path / "bestaat-niet")])
    _clean(result)
    assert result.exit_code == 2  # a usage error: the folder named on the command line
    assert "bestaat-niet" in result.stderr
