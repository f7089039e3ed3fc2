"""``bejegening stats``: frequency tables of every survey (from the answers, else the published figures)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bejegening._nl import format_int, format_pct
from bejegening.cli._app import DataDir, TableFormat, TableOutput, app, load_surveys
from bejegening.cli._output import json_text

if TYPE_CHECKING:
    from rich.console import Console

    from bejegening.report import SurveyReport


def _interval(row: dict[str, Any]) -> str:
    if row["ci_low"] is None or row["ci_high"] is None:
        return ""
    return f"{format_pct(row['ci_low'], 1)} – {format_pct(row['ci_high'], 1)}"


def _pct(row: dict[str, Any]) -> str:
    if row["pct"] is not None:
        return format_pct(row["pct"], 1)
    return ""


def _printed(row: dict[str, Any]) -> str:
    if row["pct_published"] is None:
        return ""
    return format_pct(row["pct_published"], row["pct_published_decimals"] or 0)


def _count(row: dict[str, Any], k: int) -> str:
    from bejegening.stats import suppression_reason  # noqa: PLC0415

    if row["suppressed"]:
        return suppression_reason(row.get("suppression") or "primary", k, short=True)
    return format_int(row["n"]) if row["n"] is not None else "onbekend"


def _print_tables(report: SurveyReport, console: Console) -> None:
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    from bejegening.model import answered_questions  # noqa: PLC0415
    from bejegening.report import BaseSource  # noqa: PLC0415
    from bejegening.stats import suppression_reason  # noqa: PLC0415

    bundle, freq = report.bundle, report.frequencies
    console.print(Text(bundle.survey.title, style="bold") + Text(f" ({bundle.id})"))
    if freq.is_empty():
        console.print("  Geen vragen met cijfers per antwoordoptie.\n", highlight=False)
        return
    k = bundle.survey.small_cell_threshold
    # Frequency tables name a grid's items as questions of their own (``<grid>.<item>``).
    answered = {q.id: q for q in answered_questions(bundle.questions)}
    for (question_id,), part in freq.group_by("question", maintain_order=True):
        question = answered[str(question_id)]
        number = question.label
        rows = part.to_dicts()
        found = report.bases.get(question.id)
        base_text = (
            f"basis {format_int(found.n)}" + (" (afgeleid)" if found.source is BaseSource.inferred else "")
            if found is not None and found.n is not None
            else "basis onbekend"
        )
        table = Table(
            title=f"{number}: {question.text}",
            caption=base_text,
            title_justify="left",
            caption_justify="left",
        )
        table.add_column("Antwoord")
        table.add_column("n", justify="right")
        table.add_column("Gedrukt", justify="right")
        table.add_column("Berekend", justify="right")
        table.add_column("95%-interval", justify="right")
        table.add_column("Bron")
        for row in rows:
            table.add_row(
                row["label"],
                _count(row, k),
                _printed(row),
                _pct(row),
                _interval(row),
                (
                    suppression_reason(row.get("suppression") or "primary", k)
                    if row["suppressed"]
                    else ("gepubliceerd" if row["published"] else "berekend")
                ),
            )
        console.print(table)
    kinds = (
        set(freq.get_column("suppression").drop_nulls().to_list()) if "suppression" in freq.columns else set()
    )
    if "primary" in kinds:
        console.print(f"< {k}: {suppression_reason('primary', k)}; niet getoond.", highlight=False)
    if "secondary" in kinds:
        console.print(
            f"afgeschermd (terugrekenen): {suppression_reason('secondary', k)}; dit aantal kan zelf "
            f"{k} of meer zijn.",
            highlight=False,
        )
    if bool(freq["sampling_note"].any()):
        console.print(
            "Let op: de deelnemers zijn niet (bekend) aselect gekozen; een interval beschrijft "
            "alleen de toevalsvariatie, niet de vertekening door wie wel of niet meedeed.\n",
            highlight=False,
        )


@app.command("stats")
def stats_command(
    data_dir: DataDir = Path("data"),
    survey: Annotated[str | None, typer.Option("--survey", help="Alleen deze enquête (id).")] = None,
    output: TableOutput = TableFormat.text,
) -> None:
    """Toon de frequentietabellen: aantallen, basis, percentages en 95%-intervallen per antwoord.

    Berekend uit de antwoorden als de enquête een antwoordbestand heeft (kleine cellen
    afgeschermd), anders uit de gepubliceerde cijfers. JSON en CSV geven percentages als fracties
    (0–1); ``published`` is true voor cijfers uit de bron en false voor berekende.

    Exit 0: getoond; 1: fouten in de gegevens; 2: verkeerd gebruik (bijvoorbeeld een onbekende enquête).
    """
    import polars as pl  # noqa: PLC0415
    from rich.console import Console  # noqa: PLC0415

    from bejegening.report import build_reports  # noqa: PLC0415
    from bejegening.stats import FREQUENCY_SCHEMA  # noqa: PLC0415

    reports = build_reports(load_surveys(data_dir, survey, output))
    if output is TableFormat.text:
        console = Console(highlight=False, markup=False)
        for report in reports:
            _print_tables(report, console)
        return
    frame = (
        pl.concat([r.frequencies for r in reports])
        if reports
        else pl.DataFrame(schema={**FREQUENCY_SCHEMA, "suppression": pl.String()})
    )
    if output is TableFormat.json:
        typer.echo(json_text(frame.to_dicts()))
    else:
        sys.stdout.write(frame.write_csv())
