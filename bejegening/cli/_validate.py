"""``bejegening validate`` and ``bejegening schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from bejegening.cli._app import OutputFormat, app, err_console, print_problems
from bejegening.io import validate, write_schemas


@app.command("validate")
def validate_command(
    data_dir: Annotated[Path, typer.Argument(help="Map met enquêtes (of één enquêtemap).")] = Path("data"),
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text voor mensen, json voor scripts.")
    ] = OutputFormat.text,
) -> None:
    """Controleer de invoerbestanden. Exit 0: geldig; exit 1: fouten (op stderr, in het Nederlands)."""
    report = validate(data_dir)
    if output is OutputFormat.json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
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
    raise typer.Exit(0 if report.valid else 1)


@app.command("schema")
def schema_command(
    out: Annotated[Path, typer.Option("--out", help="Map voor de JSON Schema-bestanden.")] = Path(
        "data/schema"
    ),
) -> None:
    """Schrijf het JSON Schema van survey.yaml en findings.csv (voor editors)."""
    for path in write_schemas(out):
        typer.echo(str(path))
