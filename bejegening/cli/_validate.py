"""``bejegening validate`` and ``bejegening schema``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bejegening.cli._app import (
    EXIT_DATA,
    EXIT_OK,
    DataDir,
    OutputFormat,
    TableFormat,
    TableOutput,
    WrittenOutput,
    app,
    err_console,
    print_problems,
)
from bejegening.cli._output import json_text, written_document

_PROBLEM_COLUMNS = {
    "file": "String",
    "line": "Int64",
    "row": "Int64",
    "field": "String",
    "value": "String",
    "message": "String",
    "severity": "String",
}
"""Columns of ``validate --format csv`` and their polars types (named: polars loads on use)."""


@app.command("validate")
def validate_command(
    data_dir: DataDir = Path("data"),
    output: TableOutput = TableFormat.text,
) -> None:
    """Controleer de invoerbestanden.

    In csv staan de meldingen als tabel.

    Exit 0: geldig; 1: fouten in de gegevens (op stderr, in het Nederlands); 2: verkeerd gebruik.
    """
    from bejegening.io import validate  # noqa: PLC0415  (deferred: a fast --help)

    report = validate(data_dir)
    if output is TableFormat.json:
        typer.echo(json_text(report.as_dict()))
    elif output is TableFormat.csv:
        rows = [{**p.as_dict(), "value": None if p.value is None else str(p.value)} for p in report.problems]
        import polars as pl  # noqa: PLC0415

        schema = {name: getattr(pl, dtype) for name, dtype in _PROBLEM_COLUMNS.items()}
        typer.echo(pl.DataFrame(rows, schema=schema).write_csv(), nl=False)
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
    output: WrittenOutput = OutputFormat.text,
) -> None:
    """Schrijf het JSON Schema van survey.yaml en findings.csv (voor editors)."""
    from bejegening.io import write_schemas  # noqa: PLC0415

    written = [str(path) for path in write_schemas(out)]
    if output is OutputFormat.json:
        typer.echo(written_document(written))
    else:
        for path in written:
            typer.echo(path)
