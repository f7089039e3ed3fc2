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
    from_export: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help=(
                "Export van uw enquêteprogramma (SPSS .sav, LimeSurvey, Qualtrics, SurveyMonkey, "
                "Google Forms, Microsoft Forms, Excel of CSV): vragen, opties en koppeling komen uit "
                "het bestand."
            ),
        ),
    ] = None,
    structure: Annotated[
        Path | None,
        typer.Option(
            "--structure",
            help="LimeSurvey: het structuurbestand (.lss) bij de export (vraagteksten, antwoordlabels).",
        ),
    ] = None,
) -> None:
    """Maak een nieuwe enquêtemap: survey.yaml met uitleg, fictieve antwoorden en een README."""
    if from_export is not None:
        _init_from_export(directory, from_export, survey_id, title, structure)
        return
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


def _init_from_export(
    directory: Path, export: Path, survey_id: str | None, title: str | None, structure: Path | None
) -> None:
    from bejegening.io import survey_from_export  # noqa: PLC0415

    try:
        written = survey_from_export(directory, export, survey_id=survey_id, title=title, structure=structure)
    except DataError as exc:
        print_problems(exc.problems)
        raise typer.Exit(1) from None
    for path in written:
        typer.echo(str(path))
    err_console.print(
        f"Klaar: {directory / 'survey.yaml'} is gemaakt uit {export.name}. Kijk de regels met "
        f"NOG INVULLEN na en controleer met: bejegening validate {directory}",
        style="green",
    )
