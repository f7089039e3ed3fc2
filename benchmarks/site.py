"""Speed of the site build (see benchmarks/README.md).

1. Cold ``make site`` for the bundled data: the package is installed, ``site/`` is removed, and
   ``make site`` runs in a fresh process (Python start-up, imports, charts, MkDocs). Target on a
   2-core machine: at most 15 s.
2. ``bejegening build`` of a synthetic, fictional survey with 200 single-choice questions and
   answers of 600 fictional respondents (generated here with a fixed seed into
   ``benchmarks/out/``; never published). Target: at most 60 s.

For both, the share of the time spent in page generation, chart rendering and the MkDocs build
is printed (from ``bejegening build --format json``), and everything is written to
``benchmarks/out/site.json``.

    python benchmarks/site.py            # both
    python benchmarks/site.py --quick    # 40 questions instead of 200
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
RESPONDENTS = 600
OPTIONS = [
    ("zeer-goed", "Zeer goed", "positive"),
    ("goed", "Goed", "positive"),
    ("neutraal", "Neutraal", "neutral"),
    ("slecht", "Slecht", "negative"),
    ("zeer-slecht", "Zeer slecht", "negative"),
    ("weet-niet", "Weet niet", "non_substantive"),
]
TARGETS = {"bundled": 15.0, "synthetic": 60.0}


def write_synthetic_survey(folder: Path, questions: int, seed: int = 20240501) -> None:
    """A fictional survey: ``questions`` single-choice questions, answers of 600 fictional people."""
    rng = np.random.default_rng(seed)
    themes = [{"id": f"thema-{i}", "label": f"Fictief thema {i}"} for i in range(1, 11)]
    qs = [
        {
            "id": f"v{i:03d}",
            "number": str(i),
            "text": f"Fictieve vraag {i}: hoe ervaart u onderdeel {i} van de dienstverlening?",
            "type": "single",
            "options_complete": True,
            "themes": [f"thema-{(i % 10) + 1}"],
            "options": [{"id": o, "label": label, "valence": valence} for o, label, valence in OPTIONS],
        }
        for i in range(1, questions + 1)
    ]
    recommendations = [
        {
            "id": f"advies-{i}",
            "number": str(i),
            "title": f"Fictief advies {i}",
            "summary": f"Fictief advies over vraag {i * 10}.",
            "questions": [f"v{i * 10:03d}"],
            "source": {"source": "fictief"},
            "history": [{"date": "2024-05-01", "status": "uitgebracht"}],
        }
        for i in range(1, questions // 10 + 1)
    ]
    survey = {
        "survey": {
            "id": "fictief-200",
            "title": f"Fictief onderzoek met {questions} vragen (benchmark, geen echte gegevens)",
            "organisation": {"name": "Fictieve sociale dienst"},
            "population": {"description": "Fictieve cliënten", "size": 12000},
            "sampling": "probability",
            "mode": "online",
            "fieldwork_start": "2024-03-01",
            "fieldwork_end": "2024-04-01",
            "respondents": RESPONDENTS,
            "sources": [{"id": "fictief", "title": "Fictief antwoordenbestand (benchmark)"}],
        },
        "themes": themes,
        "questions": qs,
        "recommendations": recommendations,
        "findings_file": None,
        "responses": {"file": "antwoorden.csv"},
    }
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "survey.yaml").write_text(yaml.safe_dump(survey, allow_unicode=True, sort_keys=False), "utf-8")
    weights = np.array([0.2, 0.35, 0.2, 0.12, 0.08, 0.05])
    codes = rng.choice(len(OPTIONS), size=(RESPONDENTS, questions), p=weights)
    missing = rng.random((RESPONDENTS, questions)) < 0.04
    header = ["respondent", *(q["id"] for q in qs)]
    lines = [",".join(header)]
    for r in range(RESPONDENTS):
        cells = ["" if missing[r, c] else OPTIONS[codes[r, c]][0] for c in range(questions)]
        lines.append(",".join([f"f{r:04d}", *cells]))
    (folder / "antwoorden.csv").write_text("\n".join(lines) + "\n", "utf-8")


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} mislukt:\n{result.stdout}\n{result.stderr}")
    return seconds, result.stdout


def _build(data: Path, out: Path, env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    if out.exists():
        shutil.rmtree(out)
    seconds, stdout = _timed(
        [str(BIN / "bejegening"), "build", str(data), "--out", str(out), "--format", "json"], env
    )
    return seconds, json.loads(stdout)


def _shares(summary: dict[str, Any], wall: float) -> dict[str, float]:
    stages = summary["seconds"]
    return {
        "pagina's maken": stages["pagina's"] / wall,
        "grafieken": stages["grafieken"] / wall,
        "MkDocs-build": stages["mkdocs"] / wall,
        "rest (start, laden, rekenen, downloads)": 1
        - (stages["pagina's"] + stages["grafieken"] + stages["mkdocs"]) / wall,
    }


def _report(name: str, wall: float, summary: dict[str, Any], target: float) -> dict[str, Any]:
    shares = _shares(summary, wall)
    verdict = "binnen" if wall <= target else "BOVEN"
    print(
        f"\n{name}: {wall:.1f} s ({verdict} het doel van {target:.0f} s); {summary['pages']} pagina's, "
        f"{summary['charts']} grafieken"
    )
    for stage, share in shares.items():
        print(f"  {stage:<42} {share * 100:5.1f}%")
    return {"seconds": wall, "target": target, "summary": summary, "shares": shares}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="40 vragen in plaats van 200")
    args = parser.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")

    # 1. Cold `make site`: the package is installed (make's stamp is up to date), site/ is gone.
    subprocess.run(["make", "-s", f"{ROOT / '.venv' / '.installed-stamp'}"], cwd=ROOT, check=True)
    shutil.rmtree(ROOT / "site", ignore_errors=True)
    make_seconds, _ = _timed(["make", "-s", "site"], env)
    # The same build once more, in a fresh process, for the time per stage.
    bundled_wall, bundled = _build(ROOT / "data", OUT / "site-bundled", env)
    report = {"make_site": make_seconds}
    print(f"\nkoude `make site` (bundled data): {make_seconds:.1f} s")
    report["bundled"] = _report(
        "bejegening build data (nieuw proces)", bundled_wall, bundled, TARGETS["bundled"]
    )

    # 2. Synthetic survey.
    questions = 40 if args.quick else 200
    data = OUT / "synthetic-data"
    write_synthetic_survey(data / "fictief-200", questions)
    synthetic_wall, synthetic = _build(data, OUT / "synthetic-site", env)
    report["synthetic"] = _report(
        f"bejegening build, fictief onderzoek met {questions} vragen",
        synthetic_wall,
        synthetic,
        TARGETS["synthetic"],
    )
    report["synthetic"]["questions"] = questions
    (OUT / "site.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nrapport: {OUT / 'site.json'}")


if __name__ == "__main__":
    main()
