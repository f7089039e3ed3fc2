"""The typer application and helpers shared by all verbs."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bejegening.cli import version_text
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
from bejegening.model import DataError, Problem

if TYPE_CHECKING:
    from rich.console import Console

    from bejegening.io import SurveyBundle

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "DataDir",
    "OutputFormat",
    "TableFormat",
    "TableOutput",
    "WrittenOutput",
    "app",
    "err_console",
    "fail",
    "failure_exit_code",
    "load_surveys",
    "main",
    "print_problems",
]


DEBUG_VARIABLE = "BEJEGENING_DEBUG"
"""Set to 1 to get Python's traceback instead of the Dutch message (for developers)."""


class _ErrorConsole:
    """rich's console on stderr, made on first use (importing rich costs start-up time).

    Text from data files (titles, labels, folder names) may contain "[…]": never rich markup.
    """

    def __init__(self) -> None:
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console  # noqa: PLC0415  (only when something is printed)

            self._console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
        return self._console

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """:meth:`rich.console.Console.print` on stderr."""
        self.console.print(*objects, **kwargs)

    @property
    def is_terminal(self) -> bool:
        """Whether stderr is a terminal (rich's test, e.g. for a progress bar)."""
        return self.console.is_terminal

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console, name)  # any other rich Console attribute


err_console = _ErrorConsole()
"""Messages for people, on stderr (rich, no markup)."""

_OS_MESSAGES = {
    errno.ENOSPC: "de schijf is vol; maak ruimte vrij en probeer het opnieuw",
    errno.EDQUOT: "de schijfruimte (quotum) is op; maak ruimte vrij en probeer het opnieuw",
    errno.EACCES: "geen toestemming (alleen-lezen of van een andere gebruiker); kies een andere map "
    "of pas de rechten aan",
    errno.EPERM: "geen toestemming; kies een andere map of pas de rechten aan",
    errno.EROFS: "de map staat op een alleen-lezen schijf; kies een andere map",
    errno.ENOENT: "bestand of map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.EMFILE: "te veel open bestanden",
}


def _cut(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure_exit_code(exc: BaseException, *, json_output: bool = False) -> int:
    """Print a Dutch message for an error that reached the command line; return the exit code.

    :class:`~bejegening.DataError`: its problems, exit 1.  An I/O error (read-only folder, full
    disk, missing folder): what and where, exit 2.  Too deeply nested input: exit 1.  Anything
    else is a fault of this program: a short Dutch message with the error's type, exit 1.  With
    ``json_output`` (the command ran with ``--format json``) the failure document is printed on
    stdout too, as :func:`fail` does.
    """
    problems: tuple[Problem, ...] = ()
    if isinstance(exc, DataError):
        problems = tuple(exc.problems)
        print_problems(problems)
        code, message = EXIT_DATA, "Gestopt: de gegevens hebben fouten."
        err_console.print(message, style="red bold")
    else:
        if isinstance(exc, OSError):
            what = _OS_MESSAGES.get(exc.errno or 0) or (exc.strerror or str(exc))
            where = exc.filename if exc.filename is not None else ""
            prefix = f"{where}: " if where != "" else ""
            code, message = EXIT_USAGE, f"Fout bij lezen of schrijven: {prefix}{what}."
        elif isinstance(exc, MemoryError):
            code = EXIT_USAGE
            message = "Niet genoeg geheugen. Sluit andere programma's of gebruik een kleiner bestand."
        elif isinstance(exc, RecursionError):
            code, message = EXIT_DATA, "De invoer is te diep genest om te lezen."
        else:
            code = EXIT_DATA
            message = (
                f"Onverwachte fout ({type(exc).__name__}: {_cut(str(exc))}). Dit is een fout in "
                "bejegening, niet in uw gegevens; meld het met de opdracht die u gaf (zet "
                f"{DEBUG_VARIABLE}=1 voor details)."
            )
        err_console.print(message, style="red")
    if json_output:
        errors = [p.as_dict() for p in problems if p.severity.value == "error"]
        warnings = [p.as_dict() for p in problems if p.severity.value != "error"]
        typer.echo(failure_document(code, errors or [message_error(message)], warnings))
    return code


_ARGS_KEY = "bejegening.args"


def _json_requested(ctx: Any) -> bool:
    """True when the command line asks for ``--format json`` (for the failure document)."""
    args = [str(a) for a in ctx.meta.get(_ARGS_KEY, ())]
    return "--format=json" in args or any(a == "--format" and b == "json" for a, b in pairwise(args))


def _is_control(exc: BaseException) -> bool:
    """Exit, Abort and usage errors (typer's or click's): click reports those itself (exit 2)."""
    return any(cls.__name__ in ("Exit", "Abort", "ClickException") for cls in type(exc).__mro__)


class _GuardedGroup(DutchGroup):
    """Every command's failures reach the user as a Dutch message with exit 1 or 2, no traceback."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta[_ARGS_KEY] = tuple(args)  # the whole command line, for _json_requested
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if _is_control(exc) or os.environ.get(DEBUG_VARIABLE):
                raise
            raise typer.Exit(failure_exit_code(exc, json_output=_json_requested(ctx))) from None


class _Typer(typer.Typer):
    """Every command gets Dutch help and usage errors (:class:`DutchCommand`) by default."""

    def command(self, name: str | None = None, *, cls: Any = None, **kwargs: Any) -> Callable[..., Any]:
        return super().command(name, cls=cls or DutchCommand, **kwargs)


app = _Typer(
    name="bejegening",
    help="Cliëntervaringsonderzoek sociale diensten: valideren, rekenen, controleren, publiceren.",
    cls=_GuardedGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

DataDir = Annotated[
    Path,
    typer.Argument(metavar="MAP", exists=True, help="Map met enquêtes (of één enquêtemap); standaard: data."),
]
"""The data folder argument of every command that reads surveys (a missing folder exits 2)."""

TableOutput = Annotated[
    TableFormat, typer.Option("--format", help="text voor mensen; json of csv voor scripts.")
]
"""``--format`` of a command whose output is a table (``check``, ``stats``, ``validate``); what
its csv holds is in the command's own help."""

WrittenOutput = Annotated[
    OutputFormat, typer.Option("--format", help='text: één bestand per regel; json: {"written": […]}.')
]
"""``--format`` of a command that writes files and lists them (``init``, ``schema``)."""


def _version(value: bool) -> None:
    if value:
        typer.echo(version_text())
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
    from bejegening.io import validate  # noqa: PLC0415  (deferred: a fast --help)

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
