"""``bejegening init``: start a new survey folder from a fictional, working example."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bejegening.cli._app import app, err_console, print_problems
from bejegening.io import scaffold_survey
from bejegening.model import DataError


@app.command("init")
def init_command(
    directory: Annotated[Path, typer.Argument(help="Nieuwe (lege) map voor de enquête.")],
    survey_id: Annotated[
        str | None, typer.Option("--id", help="Korte naam van de enquête (standaard: de mapnaam).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Titel van de enquête.")] = None,
) -> None:
    """Maak een nieuwe enquêtemap: survey.yaml met uitleg, fictieve antwoorden en een README."""
    try:
        written = scaffold_survey(directory, survey_id=survey_id, title=title)
    except DataError as exc:
        print_problems(exc.problems)
        raise typer.Exit(1) from None
    for path in written:
        typer.echo(str(path))
    err_console.print(
        f"Klaar: een FICTIEF voorbeeld in {directory}. Lees {directory / 'README.md'}, pas "
        f"survey.yaml aan en controleer met: bejegening validate {directory}",
        style="green",
    )
