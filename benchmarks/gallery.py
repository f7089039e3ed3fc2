"""Gallery of every chart type, for both bundled cases, rendered without a browser.

    python benchmarks/gallery.py                       # → benchmarks/out/gallery/ (not committed)
    python benchmarks/gallery.py --out /tmp/g --png    # also PNGs (2× scale)

Writes one SVG and one Vega-Lite spec per chart, ``bejegening-charts.js`` (the self-hosted
Vega bundle) and ``index.html``, a page that shows every chart as a static SVG with its Dutch
description and makes it interactive offline.  It prints the time of the rendering.

What is drawn:

- WPI Amsterdam 2017/2018 (real, as published): every question as a single-choice chart and as
  a partly published distribution (the unknown remainder explicit), and its two verbal findings;
- Laborijn (real, as reported in the press): all its verbal findings;
- Likert block, comparison of two waves and crosstab: neither case publishes such figures, so
  these use fictional respondents (generated here with a fixed seed, labelled "Fictief").
"""

from __future__ import annotations

import argparse
import html
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import polars as pl

import bejegening
from bejegening import checks, render, stats
from bejegening.io import SurveyBundle
from bejegening.model import Question

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.questions import AGREEMENT, fictional_question  # noqa: E402  (the chart tests' fictional questions)

DATA = ROOT / "data"
WPI = "wpi-amsterdam-2017-2018"
LABORIJN = "laborijn"
FICTIONAL = "Fictief voorbeeld"

LIKERT_ITEMS = {
    "respect": ("Ik word met respect behandeld", [0.05, 0.10, 0.15, 0.40, 0.25, 0.05]),
    "bereikbaar": ("Mijn klantmanager is goed bereikbaar", [0.20, 0.25, 0.20, 0.20, 0.10, 0.05]),
    "brieven": ("De brieven zijn begrijpelijk", [0.10, 0.20, 0.25, 0.30, 0.10, 0.05]),
    "serieus": ("Mijn klachten worden serieus genomen", [0.15, 0.20, 0.25, 0.25, 0.10, 0.05]),
}
AGE_GROUPS = {"18-26": 0.12, "27-49": 0.45, "50-66": 0.38, "67+": 0.05}


def _likert_questions() -> list[Question]:
    return [fictional_question(qid, text, "likert", AGREEMENT) for qid, (text, _) in LIKERT_ITEMS.items()]


def fictional_answers(respondents: int, seed: int, shift: float = 0.0) -> pl.DataFrame:
    """Fictional wide answers: one row per respondent, one column per Likert item, an age group.

    ``shift`` moves probability from the two negative options to the two positive ones (a later
    wave that improved).
    """
    rng = np.random.default_rng(seed)
    columns: dict[str, list[str]] = {"respondent": [f"r{i}" for i in range(respondents)]}
    options = [str(option["id"]) for option in AGREEMENT]
    for qid, (_, probabilities) in LIKERT_ITEMS.items():
        p = np.array(probabilities, dtype=float)
        p[[0, 1]] *= 1 - shift
        p[[3, 4]] += (np.array(probabilities)[[0, 1]] * shift)[::-1]
        p = p / p.sum()
        columns[qid] = [options[i] for i in rng.choice(len(options), size=respondents, p=p)]
    groups = list(AGE_GROUPS)
    weights = np.array(list(AGE_GROUPS.values()))
    columns["leeftijd"] = [groups[i] for i in rng.choice(len(groups), size=respondents, p=weights)]
    return pl.DataFrame(columns)


def gallery_charts(bundles: Sequence[SurveyBundle]) -> dict[str, render.Chart]:
    """Every chart of the gallery, by file name."""
    by_id = {bundle.id: bundle for bundle in bundles}
    check_frame = checks.check_all(bundles)
    charts: dict[str, render.Chart] = {}

    wpi = by_id[WPI]
    bases = checks.inferred_bases(check_frame, survey=WPI)
    freq = stats.published_frequencies(wpi, bases=bases)
    for question in wpi.questions:
        table = freq.filter(pl.col("question") == question.id)
        text = f"Vraag {question.number}. {question.text}"
        charts[f"wpi-{question.id}-enkelvoudig"] = render.single_choice_chart(table, question_text=text)
        charts[f"wpi-{question.id}-gedeeltelijk"] = render.partial_distribution_chart(
            table, question_text=text
        )
    charts["wpi-uitspraken"] = render.verbal_findings_chart(
        render.verbal_findings_frame(wpi.findings, wpi.questions),
        title="WPI: uitspraken in woorden, vertaald naar een bereik",
    )
    charts["laborijn-uitspraken"] = render.verbal_findings_chart(
        render.verbal_findings_frame(by_id[LABORIJN].findings),
        title="Laborijn: uitspraken in woorden, vertaald naar een bereik",
    )

    questions = _likert_questions()
    labels = {q.id: q.text for q in questions}
    wave_1 = stats.answers_from_wide(fictional_answers(420, seed=2024), questions, background=["leeftijd"])
    wave_2 = stats.answers_from_wide(
        fictional_answers(380, seed=2025, shift=0.35), questions, background=["leeftijd"]
    )
    freq_1 = stats.frequencies(wave_1, questions, survey_id="meting-2024")
    freq_2 = stats.frequencies(wave_2, questions, survey_id="meting-2025")
    charts["fictief-likert"] = render.likert_chart(
        freq_1, item_labels=labels, title=f"{FICTIONAL}: stellingen over de dienstverlening"
    )
    charts["fictief-likert-positief"] = render.likert_chart(
        freq_1,
        item_labels=labels,
        title=f"{FICTIONAL}: gesorteerd op aandeel positief, neutraal apart",
        order="positive",
        neutral="apart",
    )
    comparison = stats.compare_proportions(
        freq_2.filter(pl.col("question") == "bereikbaar"), freq_1.filter(pl.col("question") == "bereikbaar")
    )
    charts["fictief-vergelijking"] = render.comparison_chart(
        comparison,
        group_labels={"meting-2024": "meting 2024", "meting-2025": "meting 2025"},
        title=f"{FICTIONAL}: {labels['bereikbaar']}",
    )
    crosstab = stats.crosstab(wave_1, questions[:1], "leeftijd", survey_id="meting-2024")
    table = stats.suppress_small_cells(crosstab.table, 5, by=["by", "group"], questions=questions)
    charts["fictief-kruistabel"] = render.crosstab_chart(
        table, group_title="leeftijd", question_text=f"{FICTIONAL}: {labels['respect']}"
    )
    return charts


def _index(charts: dict[str, render.Chart], png: bool) -> str:
    figures = []
    for name, chart in charts.items():
        spec = render.chart_spec(chart)
        description = html.escape(str(spec.get("description", "")))
        link = f' <a href="{name}.png">PNG</a>' if png else ""
        figures.append(
            f'<figure class="bj-chart" data-bj-spec="{name}.vl.json">\n'
            f'<img class="bj-chart__static" src="{name}.svg" alt="{description}">\n'
            f"<figcaption><code>{name}</code>{link}: {description}</figcaption>\n</figure>"
        )
    body = "\n".join(figures)
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        "<title>Grafiekengalerij bejegening</title>\n"
        "<style>body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:75rem;margin:2rem auto;"
        "padding:0 1rem;color:#1a1a1a}figure{margin:0 0 3rem}img{max-width:100%;height:auto}"
        "figcaption{max-width:60rem;color:#4d4d4d}</style>\n</head>\n<body>\n"
        "<h1>Grafiekengalerij</h1>\n<p>Elke grafieksoort voor beide meegeleverde casussen; "
        "grafieken met ‘Fictief’ in de titel gebruiken verzonnen gegevens.</p>\n"
        f'{body}\n<script src="{render.BUNDLE_NAME}"></script>\n</body>\n</html>\n'
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "gallery")
    parser.add_argument("--png", action="store_true", help="ook PNG's (2× schaal)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument(
        "--compare",
        type=int,
        default=0,
        metavar="N",
        help="render the charts N times in one process and in two worker processes; print both",
    )
    args = parser.parse_args(argv)

    bundles = bejegening.load_all(DATA)
    started = time.perf_counter()
    charts = gallery_charts(bundles)
    built = time.perf_counter()
    paths = render.render_charts(charts, args.out, png=args.png, workers=args.workers)
    rendered = time.perf_counter()
    render.write_vega_bundle(args.out)
    (args.out / "index.html").write_text(_index(charts, args.png), encoding="utf-8")
    print(f"{len(charts)} grafieken, {len(paths)} bestanden in {args.out}")
    print(f"specs {built - started:.2f} s, renderen {rendered - built:.2f} s")
    if args.compare:
        _compare(charts, args.out / "vergelijking", args.compare, args.png)


def _compare(charts: dict[str, render.Chart], out: Path, times: int, png: bool) -> None:
    """Time one process against two worker processes on the same charts (specs built once)."""
    specs = {f"{name}-{i}": render.chart_spec(chart) for i in range(times) for name, chart in charts.items()}
    seconds = {}
    for workers in (1, 2):
        started = time.perf_counter()
        render.render_charts(specs, out / str(workers), png=png, workers=workers)
        seconds[workers] = time.perf_counter() - started
    load = os.getloadavg()[0]
    print(
        f"{len(specs)} grafieken{' met PNG' if png else ''}: 1 proces {seconds[1]:.2f} s, "
        f"2 processen {seconds[2]:.2f} s (×{seconds[1] / seconds[2]:.2f}); load {load:.1f}"
    )


if __name__ == "__main__":
    main()
