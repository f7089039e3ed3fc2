"""``bejegening check``: Cijfercontrole of every published figure."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bejegening.checks import CheckStatus, Rounding, check_all
from bejegening.checks._text import bases_short
from bejegening.cli._app import OutputFormat, app, err_console, load_surveys
from bejegening.io import SurveyBundle
from bejegening.report import build_reports

_RULES = {
    "count_percentage": "aantal en %",
    "base_stated": "genoemde n",
    "percentage_base": "% en n",
    "count_base": "aantal en n",
    "percentage_sum": "som %",
    "count_sum": "som aantallen",
    "respondents": "deelnemers",
    "mean": "gemiddelde",
    "verbal": "in woorden",
    "significance": "significant",
    "no_figure": "uitspraak",
}

_STATUS = {
    CheckStatus.consistent.value: ("consistent", "green"),
    CheckStatus.inconsistent.value: ("inconsistent", "red bold"),
    CheckStatus.niet_toetsbaar.value: ("niet toetsbaar", "yellow"),
}

EXIT_INCONSISTENT = 1
EXIT_INVALID_INPUT = 2


def _question(bundle: SurveyBundle, question_id: str | None) -> str:
    if question_id is None:
        return "—"
    try:
        question = bundle.question(question_id)
    except KeyError:
        return question_id
    return question.number or question.id


def _print_report(bundle: SurveyBundle, rows: list[dict[str, Any]], console: Console, max_n: int) -> None:
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
    for row in rows:
        label, style = _STATUS[row["status"]]
        # Text cells: figures and explanations come from data files and may contain "[".
        table.add_row(
            Text(_question(bundle, row["question"])),
            Text(row["figure"]),
            Text(_RULES.get(row["rule"], row["rule"])),
            Text(label, style=style),
            Text(bases_short(row["consistent_n"], max_n=max_n)),
            Text(row["explanation"]),
        )
    console.print(table)
    counts = {status: sum(1 for r in rows if r["status"] == status) for status in _STATUS}
    summary = ", ".join(f"{counts[s]} {_STATUS[s][0]}" for s in _STATUS)
    console.print(f"{bundle.id}: {len(rows)} controles — {summary}.\n", highlight=False)


@app.command("check")
def check_command(
    data_dir: Annotated[Path, typer.Argument(help="Map met enquêtes (of één enquêtemap).")] = Path("data"),
    *,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text voor mensen, json voor scripts.")
    ] = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 als een cijfer inconsistent is.")] = False,
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

    Exit 0; met --strict exit 1 bij een inconsistent cijfer; exit 2 bij ongeldige invoer.
    """
    bundles = load_surveys(data_dir, survey, exit_code=EXIT_INVALID_INPUT)
    reports = build_reports(bundles, rounding=rounding, max_n=max_n)
    results = pl.concat([r.checks for r in reports], how="vertical") if reports else check_all([])
    if output is OutputFormat.json:
        typer.echo(json.dumps(results.to_dicts(), ensure_ascii=False, indent=2))
    else:
        console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
        for report in reports:
            _print_report(report.bundle, report.checks.to_dicts(), console, max_n)
        console.print(
            f"Afronding aangenomen: {rounding.label}. Een cijfer wordt nooit aangepast; de controle "
            "zegt alleen of het past.",
            highlight=False,
        )
    inconsistent = results.filter(pl.col("status") == CheckStatus.inconsistent.value).height
    if strict and inconsistent:
        err_console.print(f"{inconsistent} inconsistent(e) cijfer(s).", style="red bold")
        raise typer.Exit(EXIT_INCONSISTENT)
