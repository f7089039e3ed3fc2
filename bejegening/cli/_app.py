"""The typer application and helpers shared by all verbs."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bejegening._version import __version__
from bejegening.io import SurveyBundle, validate
from bejegening.model import Problem

__all__ = ["OutputFormat", "app", "err_console", "load_surveys", "main", "print_problems"]

app = typer.Typer(
    name="bejegening",
    help="Cliëntervaringsonderzoek sociale diensten: valideren, rekenen, controleren, publiceren.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    """Output for humans (text) or for scripts (json)."""

    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bejegening {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Toon het versienummer."),
    ] = False,
) -> None:
    """Cliëntervaringsonderzoek sociale diensten."""


def print_problems(problems: Iterable[Problem]) -> None:
    """Print problems in Dutch on stderr, one per line, errors before warnings."""
    ordered = sorted(problems, key=lambda p: p.severity.value != "error")
    for problem in ordered:
        style = "red" if problem.severity.value == "error" else "yellow"
        err_console.print(problem.format(), style=style, markup=False)


def load_surveys(data_dir: Path, survey: str | None, *, exit_code: int) -> list[SurveyBundle]:
    """Validate ``data_dir`` and return its surveys, only ``survey`` when an id is given.

    Invalid input or an unknown survey id: the problems (or the ids there are) in Dutch on
    stderr, then exit with ``exit_code``.
    """
    report = validate(data_dir)
    if not report.valid:
        print_problems(report.problems)
        err_console.print(f"Ongeldig: {len(report.errors)} fout(en).", style="red bold")
        raise typer.Exit(exit_code)
    bundles = list(report.bundles)
    if survey is not None:
        bundles = [b for b in bundles if b.id == survey]
        if not bundles:
            known = ", ".join(b.id for b in report.bundles) or "geen"
            err_console.print(
                f"{data_dir}: onbekende enquête '{survey}'; beschikbaar: {known}", style="red", markup=False
            )
            raise typer.Exit(exit_code)
    return bundles


def main() -> None:
    """Console-script entry point."""
    sys.exit(app())
