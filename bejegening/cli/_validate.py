"""``bejegening validate`` and ``bejegening schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from bejegening.cli._app import (
    EXIT_DATA,
    EXIT_OK,
    DataDir,
    OutputFormat,
    TableFormat,
    app,
    err_console,
    print_problems,
)
from bejegening.io import validate, write_schemas

_PROBLEM_SCHEMA = {
    "file": pl.String,
    "line": pl.Int64,
    "row": pl.Int64,
    "field": pl.String,
    "value": pl.String,
    "message": pl.String,
    "severity": pl.String,
}


@app.command("validate")
def validate_command(
    data_dir: DataDir = Path("data"),
    output: Annotated[
        TableFormat,
        typer.Option("--format", help="text voor mensen; json voor scripts; csv: de meldingen als tabel."),
    ] = TableFormat.text,
) -> None:
    """Controleer de invoerbestanden.

    Exit 0: geldig; 1: fouten in de gegevens (op stderr, in het Nederlands); 2: verkeerd gebruik.
    """
    report = validate(data_dir)
    if output is TableFormat.json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    elif output is TableFormat.csv:
        rows = [{**p.as_dict(), "value": None if p.value is None else str(p.value)} for p in report.problems]
        typer.echo(pl.DataFrame(rows, schema=_PROBLEM_SCHEMA).write_csv(), nl=False)
    else:
        print_problems(report.problems)
        for bundle in report.bundles:
            typer.echo(
                f"{bundle.id}: {bundle.survey.title} — {len(bundle.questions)} vragen, "
                f"{len(bundle.findings)} bevindingen, {len(bundle.recommendations)} adviezen"
            )
            data = bundle.responses_data
            if data is not None:
                typer.echo(
                    f"  antwoorden ({data.file}): {data.input_rows} rijen gelezen, "
                    f"{data.counted} meegeteld, {data.rejected.height} afgewezen"
                    + (f", {len(data.empty_rows)} leeg" if data.empty_rows else "")
                )
        if report.valid:
            err_console.print(f"Geldig: {len(report.bundles)} enquête(s).", style="green")
        else:
            err_console.print(f"Ongeldig: {len(report.errors)} fout(en).", style="red bold")
    raise typer.Exit(EXIT_OK if report.valid else EXIT_DATA)


@app.command("schema")
def schema_command(
    out: Annotated[Path, typer.Option("--out", help="Map voor de JSON Schema-bestanden.")] = Path(
        "data/schema"
    ),
    output: Annotated[
        OutputFormat, typer.Option("--format", help='text: één bestand per regel; json: {"written": […]}.')
    ] = OutputFormat.text,
) -> None:
    """Schrijf het JSON Schema van survey.yaml en findings.csv (voor editors)."""
    written = [str(path) for path in write_schemas(out)]
    if output is OutputFormat.json:
        typer.echo(json.dumps({"ok": True, "written": written}, ensure_ascii=False, indent=2))
    else:
        for path in written:
            typer.echo(path)
