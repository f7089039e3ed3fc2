"""The typer application and helpers shared by all verbs."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from bejegening._version import __version__
from bejegening.model import Problem

__all__ = ["OutputFormat", "app", "err_console", "main", "print_problems"]

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


def main() -> None:
    """Console-script entry point."""
    sys.exit(app())
