"""The typer application and helpers shared by all verbs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from bejegening._version import __version__
from bejegening.cli._dutch import DutchCommand, DutchGroup
from bejegening.cli._output import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    OutputFormat,
    TableFormat,
    failure_document,
    message_error,
)
from bejegening.io import SurveyBundle, validate
from bejegening.model import Problem

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "DataDir",
    "OutputFormat",
    "TableFormat",
    "app",
    "err_console",
    "fail",
    "load_surveys",
    "main",
    "print_problems",
]


class _Typer(typer.Typer):
    """Every command gets Dutch help and usage errors (:class:`DutchCommand`) by default."""

    def command(self, name: str | None = None, *, cls: Any = None, **kwargs: Any) -> Callable[..., Any]:
        return super().command(name, cls=cls or DutchCommand, **kwargs)


app = _Typer(
    name="bejegening",
    help="Cliëntervaringsonderzoek sociale diensten: valideren, rekenen, controleren, publiceren.",
    cls=DutchGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


DataDir = Annotated[
    Path,
    typer.Argument(metavar="MAP", exists=True, help="Map met enquêtes (of één enquêtemap); standaard: data."),
]
"""The data folder argument of every command that reads surveys (a missing folder exits 2)."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bejegening {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Toon het versienummer."),
    ] = False,
) -> None:
    """Cliëntervaringsonderzoek sociale diensten."""


def print_problems(problems: Iterable[Problem]) -> None:
    """Print problems in Dutch on stderr, one per line, errors before warnings."""
    ordered = sorted(problems, key=lambda p: p.severity.value != "error")
    for problem in ordered:
        style = "red" if problem.severity.value == "error" else "yellow"
        err_console.print(problem.format(), style=style, markup=False)


def fail(
    exit_code: int,
    message: str,
    output: str = "text",
    *,
    problems: Iterable[Problem] = (),
    **extra: Any,
) -> typer.Exit:
    """Report a failure: problems and ``message`` in Dutch on stderr, with ``--format json``
    also the failure document on stdout. Returns the :class:`typer.Exit` to raise."""
    problems = tuple(problems)
    print_problems(problems)
    err_console.print(message, style="red bold", markup=False)
    if output == "json":
        errors = [p.as_dict() for p in problems if p.severity.value == "error"]
        warnings = [p.as_dict() for p in problems if p.severity.value != "error"]
        typer.echo(failure_document(exit_code, errors or [message_error(message)], warnings, **extra))
    return typer.Exit(exit_code)


def load_surveys(data_dir: Path, survey: str | None, output: str = "text") -> list[SurveyBundle]:
    """Validate ``data_dir`` and return its surveys, only ``survey`` when an id is given.

    Invalid input: the problems in Dutch on stderr (and as JSON with ``output="json"``), exit 1.
    An unknown survey id is a usage error: the ids there are, exit 2.
    """
    report = validate(data_dir)
    if not report.valid:
        raise fail(
            EXIT_DATA,
            f"Ongeldig: {len(report.errors)} fout(en).",
            output,
            problems=report.problems,
            valid=False,
        )
    bundles = list(report.bundles)
    if survey is not None:
        bundles = [b for b in bundles if b.id == survey]
        if not bundles:
            known = ", ".join(b.id for b in report.bundles) or "geen"
            raise fail(EXIT_USAGE, f"{data_dir}: onbekende enquête '{survey}'; beschikbaar: {known}", output)
    return bundles


def main() -> None:
    """Console-script entry point."""
    sys.exit(app())
