"""``bejegening build`` and ``bejegening serve``: the public site."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bejegening._nl import format_number
from bejegening.cli._app import EXIT_DATA, DataDir, OutputFormat, app, err_console, fail
from bejegening.cli._output import json_text
from bejegening.model import DataError

if TYPE_CHECKING:
    from rich.table import Table

    from bejegening.site import BuildSummary

_STAGE_LABELS = {
    "laden": "gegevens laden",
    "rekenen": "cijfers en controle",
    "grafieken": "grafieken",
    "downloads": "downloads",
    "pagina's": "pagina's maken",
    "mkdocs": "MkDocs-build",
}


def _summary_table(summary: BuildSummary) -> Table:
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    table = Table(title="Site gebouwd", show_header=False, title_justify="left")
    table.add_column("wat")
    table.add_column("waarde", overflow="fold")
    table.add_row("map", str(summary.out_dir))
    table.add_row("onderzoeken", str(summary.surveys))
    table.add_row("pagina's", f"{summary.pages} (waarvan {summary.generated_pages} uit de gegevens)")
    table.add_row("grafieken", str(summary.charts))
    table.add_row("downloads", str(summary.downloads))
    table.add_row("vingerafdruk", summary.fingerprint[:12])
    for path in summary.review_files:
        table.add_row("open antwoorden nalezen", Text(f"{path} (niet op de site; bevat persoonsgegevens)"))
    shares = summary.shares()
    for stage, seconds in summary.seconds.items():
        table.add_row(
            f"tijd: {_STAGE_LABELS.get(stage, stage)}",
            f"{format_number(seconds, 2)} s ({format_number(shares[stage] * 100, 0)}%)",
        )
    table.add_row("tijd: totaal", f"{format_number(summary.total_seconds, 2)} s")
    return table


@app.command("build")
def build_command(
    data_dir: DataDir = Path("data"),
    *,
    out: Annotated[Path, typer.Option("--out", help="Map voor de gebouwde site.")] = Path("site"),
    site_url: Annotated[
        str | None,
        typer.Option(
            "--site-url", help="Publiek adres van de site, bijvoorbeeld https://gemeente.nl/bejegening/."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Eigen mkdocs.yml in plaats van de meegeleverde (voor ontwikkelaars)."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text voor mensen, json voor scripts.")
    ] = OutputFormat.text,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Geen voortgangsbalk.")] = False,
    make_zip: Annotated[
        bool,
        typer.Option(
            "--zip",
            help="Maak ook een zip-bestand van de site, naast de map van --out: bij --out site is "
            "dat site.zip (om aan de webredactie te geven).",
        ),
    ] = False,
) -> None:
    """Bouw de publieke site: pagina's, grafieken en downloads uit MAP, dan MkDocs.

    Een mislukte build laat de vorige site (en de vorige zip) ongemoeid. Exit 0: gebouwd; 1: niet
    gebouwd (fouten in de gegevens of de site); 2: verkeerd gebruik.
    """
    from bejegening.site._chart_process import start_early  # noqa: PLC0415  (a light module)

    # Its imports (about 1,3 s) run while this process imports the build. The MkDocs process
    # (0,4 s of imports, needed only when the pages are written) starts with the build itself:
    # started here as well, three processes would share two cores while this one imports.
    start_early()
    from bejegening.site import SiteBuildError, build_site, zip_site  # noqa: PLC0415  (a fast --help)

    show_progress = not quiet and output is OutputFormat.text and err_console.is_terminal
    try:
        summary = build_site(data_dir, out, progress=show_progress, config_file=config, site_url=site_url)
    except DataError as exc:
        message = "De site is niet gebouwd: de gegevens hebben fouten."
        raise fail(EXIT_DATA, message, output, problems=exc.problems, built=False, valid=False) from exc
    except SiteBuildError as exc:
        raise fail(EXIT_DATA, f"De site is niet gebouwd: {exc}", output, built=False) from exc
    zip_path = None
    if make_zip:
        try:
            zip_path = zip_site(summary.out_dir)
        except SiteBuildError as exc:
            raise fail(EXIT_DATA, f"De site is gebouwd, de zip niet: {exc}", output, built=True) from exc
    if output is OutputFormat.json:
        typer.echo(json_text({**summary.as_dict(), "zip": _optional(zip_path)}))
    else:
        table = _summary_table(summary)
        if zip_path is not None:
            table.add_row("zip", str(zip_path))
        err_console.print(table)


def _optional(path: Path | None) -> str | None:
    return str(path) if path is not None else None


@app.command("serve")
def serve_command(
    data_dir: DataDir = Path("data"),
    *,
    host: Annotated[str, typer.Option("--host", help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Poort.")] = 8000,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Eigen mkdocs.yml in plaats van de meegeleverde (voor ontwikkelaars)."),
    ] = None,
) -> None:
    """Bekijk de site op je eigen computer; bij een wijziging in de gegevens wordt ze opnieuw gebouwd."""
    from bejegening.site import SiteBuildError  # noqa: PLC0415
    from bejegening.site._serve import serve_site  # noqa: PLC0415

    try:
        serve_site(
            data_dir,
            host=host,
            port=port,
            config_file=config,
            report=lambda text: err_console.print(text, markup=False, highlight=False),
        )
    except SiteBuildError as exc:
        raise fail(EXIT_DATA, f"De site kan niet getoond worden: {exc}") from exc
