"""``bejegening check``: Cijfercontrole of every published figure."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

# Light modules only at the top (typer reads the option types for --help); the checks, polars
# and rich are imported by the command itself.
from bejegening.checks import CheckStatus, Rounding
from bejegening.cli._app import (
    EXIT_DATA,
    DataDir,
    TableFormat,
    TableOutput,
    app,
    err_console,
    load_surveys,
)
from bejegening.cli._output import json_text

if TYPE_CHECKING:
    import polars as pl
    from rich.console import Console

    from bejegening.io import SurveyBundle

_STATUS = {
    CheckStatus.consistent.value: ("consistent", "green"),
    CheckStatus.inconsistent.value: ("inconsistent", "red bold"),
    CheckStatus.niet_toetsbaar.value: ("niet toetsbaar", "yellow"),
}

_LIST_SEPARATOR = "|"


def _question(bundle: SurveyBundle, question_id: str | None) -> str:
    if question_id is None:
        return "—"
    try:
        question = bundle.question(question_id)
    except KeyError:
        return question_id
    return question.number or question.id


def _summary(bundle_id: str, rows: list[dict[str, Any]]) -> str:
    counts = {status: sum(1 for r in rows if r["status"] == status) for status in _STATUS}
    summary = ", ".join(f"{counts[s]} {_STATUS[s][0]}" for s in _STATUS)
    return f"{bundle_id}: {len(rows)} controles — {summary}."


def _print_report(
    bundle: SurveyBundle,
    rows: list[dict[str, Any]],
    shown: list[dict[str, Any]],
    console: Console,
    max_n: int,
) -> None:
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    from bejegening.checks import RULES  # noqa: PLC0415
    from bejegening.checks._text import bases_short  # noqa: PLC0415

    console.print(_summary(bundle.id, rows), highlight=False, markup=False)
    if not shown:
        console.print("Geen cijfers met deze status.\n", highlight=False)
        return
    table = Table(
        title=f"Cijfercontrole: {bundle.survey.title} ({bundle.id})",
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("Vraag", no_wrap=True)
    table.add_column("Cijfer", ratio=2)
    table.add_column("Controle", ratio=1)
    table.add_column("Status", no_wrap=True)
    table.add_column("Passende n", ratio=1)
    table.add_column("Toelichting", ratio=6)
    for row in shown:
        label, style = _STATUS[row["status"]]
        # Text cells: figures and explanations come from data files and may contain "[".
        table.add_row(
            Text(_question(bundle, row["question"])),
            Text(row["figure"]),
            Text(RULES[row["rule"]].name if row["rule"] in RULES else row["rule"]),
            Text(label, style=style),
            Text(bases_short(row["consistent_n"], max_n=max_n)),
            Text(row["explanation"]),
        )
    console.print(table)
    console.print()


def _csv(results: pl.DataFrame) -> str:
    """The check table as CSV: list columns (n that fit) joined with ``|``."""
    import polars as pl  # noqa: PLC0415

    lists = [name for name, dtype in results.schema.items() if isinstance(dtype, pl.List)]
    return results.with_columns(
        pl.col(name).cast(pl.List(pl.String)).list.join(_LIST_SEPARATOR) for name in lists
    ).write_csv()


@app.command("check")
def check_command(
    data_dir: DataDir = Path("data"),
    *,
    output: TableOutput = TableFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 als een cijfer inconsistent is.")] = False,
    status: Annotated[
        CheckStatus | None,
        typer.Option("--status", help="Toon alleen cijfers met deze status (de samenvatting telt alles)."),
    ] = None,
    only_inconsistent: Annotated[
        bool,
        typer.Option(
            "--alleen-afwijkingen", help="Toon alleen de cijfers die niet kloppen (= --status inconsistent)."
        ),
    ] = False,
    rounding: Annotated[
        Rounding,
        typer.Option(
            "--rounding",
            help="Hoe de bron heeft afgerond: half_up (0,5 naar boven), half_even, half_down of truncate.",
        ),
    ] = Rounding.half_up,
    survey: Annotated[str | None, typer.Option("--survey", help="Alleen deze enquête (id).")] = None,
    max_n: Annotated[int, typer.Option("--max-n", min=1, help="Grootste n die wordt geprobeerd.")] = 10_000,
) -> None:
    """Controleer alle gepubliceerde cijfers: tellen ze op, passen aantallen bij percentages?

    Eén regel per cijfer: status (consistent, inconsistent, niet toetsbaar), passende n, uitleg.

    In tekst staat per enquête eerst de samenvatting, dan de tabel; in csv staan lijsten (de
    passende n) met | ertussen.

    Exit 0: gecontroleerd (met --strict alleen als alles klopt); 1: fouten in de gegevens, of met
    --strict een inconsistent cijfer; 2: verkeerd gebruik (bijvoorbeeld een onbekende enquête).
    """
    import polars as pl  # noqa: PLC0415
    from rich.console import Console  # noqa: PLC0415

    from bejegening.checks import check_all  # noqa: PLC0415
    from bejegening.report import build_reports  # noqa: PLC0415

    bundles = load_surveys(data_dir, survey, output)
    reports = build_reports(bundles, rounding=rounding, max_n=max_n)
    results = pl.concat([r.checks for r in reports], how="vertical") if reports else check_all([])
    if only_inconsistent:
        status = CheckStatus.inconsistent
    shown = results if status is None else results.filter(pl.col("status") == status.value)
    if output is TableFormat.json:
        typer.echo(json_text(shown.to_dicts()))
    elif output is TableFormat.csv:
        sys.stdout.write(_csv(shown))
    else:
        console = Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 160)
        for report in reports:
            rows = report.checks.to_dicts()
            selected = [r for r in rows if status is None or r["status"] == status.value]
            _print_report(report.bundle, rows, selected, console, max_n)
        console.print(
            f"Afronding aangenomen: {rounding.label}. Een cijfer wordt nooit aangepast; de controle "
            "zegt alleen of het past.",
            highlight=False,
        )
    inconsistent = results.filter(pl.col("status") == CheckStatus.inconsistent.value).height
    if strict and inconsistent:
        err_console.print(f"{inconsistent} inconsistent(e) cijfer(s).", style="red bold")
        raise typer.Exit(EXIT_DATA)
