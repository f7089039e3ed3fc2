"""``bejegening init``: start a new survey folder from a fictional, working example."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from bejegening.cli._app import EXIT_DATA, OutputFormat, WrittenOutput, app, err_console, fail
from bejegening.cli._output import written_document
from bejegening.io import scaffold_survey
from bejegening.model import DataError


@app.command("init")
def init_command(
    directory: Annotated[Path, typer.Argument(metavar="MAP", help="Nieuwe (lege) map voor de enquête.")],
    *,
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
    output: WrittenOutput = OutputFormat.text,
) -> None:
    """Maak een nieuwe enquêtemap: survey.yaml met uitleg, fictieve antwoorden en een README.

    Exit 0: gemaakt; 1: niet gemaakt (bijvoorbeeld: de map bestaat al en is niet leeg, of de
    export is onleesbaar); 2: verkeerd gebruik.
    """
    if from_export is not None:
        from bejegening.io import survey_from_export  # noqa: PLC0415

        export = from_export
        _write(
            directory,
            lambda: survey_from_export(
                directory, export, survey_id=survey_id, title=title, structure=structure
            ),
            output,
            f"Klaar: {directory / 'survey.yaml'} is gemaakt uit {export.name}. Kijk de regels met "
            f"NOG INVULLEN na en controleer met: bejegening validate {directory}",
        )
        return
    _write(
        directory,
        lambda: scaffold_survey(directory, survey_id=survey_id, title=title),
        output,
        f"Klaar: een FICTIEF voorbeeld in {directory}. Lees {directory / 'README.md'}, pas "
        f"survey.yaml aan en controleer met: bejegening validate {directory}",
    )


def _write(directory: Path, make: Callable[[], list[Path]], output: OutputFormat, done: str) -> None:
    try:
        written = make()
    except DataError as exc:
        raise fail(EXIT_DATA, f"{directory}: niet gemaakt.", output, problems=exc.problems) from None
    if output is OutputFormat.json:
        typer.echo(written_document(written))
        return
    for path in written:
        typer.echo(str(path))
    err_console.print(done, style="green", markup=False)
