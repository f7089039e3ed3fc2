"""Speed of the site build and of the command line's start (see benchmarks/README.md).

One run reports (everything also in ``benchmarks/out/site.json``):

1. Start-up: the median and best wall time of ``bejegening --version`` and ``bejegening
   --help`` (target ≤ 0,3 s each) and of ``bejegening validate data`` (target ≤ 1 s), each in a
   fresh process, with the CPU time (user + system) of the median run beside it.
2. Build ratios for the bundled data, each against a bare ``mkdocs build`` of the very same
   generated pages (the MkDocs project ``bejegening build`` writes before it runs MkDocs),
   all in fresh processes and interleaved, ``--repeat`` rounds; the ratio of the medians and
   the ratio of the best runs are shown (on a shared machine the best runs are the least
   disturbed):
   - cold: ``bejegening build`` with no build cache (the ``.build`` folder next to the site:
     chart specs, drawings, workbooks, compiled templates) (target ≤ 3× bare MkDocs); the chart
     script, the same for every survey, stays in the user's cache;
   - warm: ``bejegening build`` after one question's data changed, cache filled by the build
     before (target ≤ 1,5× bare MkDocs);
   - first: once, a build with nothing cached at all, the user's cache included (no target).
3. With ``--synthetic``: ``bejegening build`` of a fictional survey with 200 single-choice
   questions and answers of 600 fictional respondents (generated with a fixed seed into
   ``benchmarks/out/``; never published). Target: at most 60 s, cold.

For each build the share of time per stage is printed (from ``bejegening build --format json``).
Timings on the shared 2-core machine vary with other load (the load average is printed at the
start and the end); compare the ratios of one run.

    python benchmarks/site.py                        # start-up and build ratios
    python benchmarks/site.py --synthetic [--quick]  # also 200 (40) fictional questions
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.questions import five_point_scale  # noqa: E402  (the tests' fictional scales)

OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
RESPONDENTS = 600
OPTIONS = five_point_scale(("Zeer goed", "Goed", "Neutraal", "Slecht", "Zeer slecht"))
"""The fictional questions' answers: zeer goed (score 5) … zeer slecht (1), then "Weet niet"."""
TARGETS = {"version": 0.3, "help": 0.3, "validate": 1.0, "cold": 3.0, "warm": 1.5, "synthetic": 60.0}


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
            "options": OPTIONS,
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
        cells = ["" if missing[r, c] else OPTIONS[codes[r, c]]["id"] for c in range(questions)]
        lines.append(",".join([f"f{r:04d}", *cells]))
    (folder / "antwoorden.csv").write_text("\n".join(lines) + "\n", "utf-8")


def _cpu_of_children() -> float:
    usage = os.times()
    return usage.children_user + usage.children_system


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    seconds, stdout, _cpu = _timed_cpu(command, env)
    return seconds, stdout


def _timed_cpu(command: list[str], env: dict[str, str]) -> tuple[float, str, float]:
    """Wall time, stdout and CPU time (user + system) of ``command`` in a fresh process."""
    cpu = _cpu_of_children()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    cpu = _cpu_of_children() - cpu
    if result.returncode not in (0, 1) or (result.returncode and "validate" not in command):
        sys.exit(f"{' '.join(command)} mislukt:\n{result.stdout}\n{result.stderr}")
    return seconds, result.stdout, cpu


def _build(
    data: Path, out: Path, env: dict[str, str], *, cache: Path | None = None
) -> tuple[float, dict[str, Any]]:
    """``bejegening build`` in a fresh process; ``cache`` is removed first when given (cold).

    The summary gains ``cpu_seconds``: user + system time of the build and its child processes.
    """
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)
    seconds, stdout, cpu = _timed_cpu(
        [str(BIN / "bejegening"), "build", str(data), "--out", str(out), "--format", "json"], env
    )
    return seconds, {**json.loads(stdout), "cpu_seconds": cpu}


def _shares(summary: dict[str, Any], wall: float) -> dict[str, float]:
    stages = summary["seconds"]
    return {
        "pagina's maken": stages["pagina's"] / wall,
        "grafieken": stages["grafieken"] / wall,
        "MkDocs-build": stages["mkdocs"] / wall,
        "rest (start, laden, rekenen, downloads)": 1
        - (stages["pagina's"] + stages["grafieken"] + stages["mkdocs"]) / wall,
    }


def _print_shares(summary: dict[str, Any], wall: float) -> dict[str, float]:
    shares = _shares(summary, wall)
    for stage, share in shares.items():
        print(f"    {stage:<42} {share * 100:5.1f}%")
    return shares


def _startup(env: dict[str, str], rounds: int) -> dict[str, Any]:
    """Wall time of ``--version``, ``--help`` and ``validate data``, each in a fresh process."""
    commands = {
        "version": [str(BIN / "bejegening"), "--version"],
        "help": [str(BIN / "bejegening"), "--help"],
        "validate": [str(BIN / "bejegening"), "validate", "data"],
    }
    for command in commands.values():  # warm the file cache (.pyc files, shared libraries)
        _timed(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            wall, _out, cpu = _timed_cpu(command, env)
            times[name].append(wall)
            cpus[name].append(cpu)
    report: dict[str, Any] = {}
    print(f"\nstart-up ({rounds} keer, nieuw proces; mediaan, beste, CPU-tijd van de mediaan):")
    for name, values in times.items():
        median, best = statistics.median(values), min(values)
        cpu = cpus[name][values.index(sorted(values)[len(values) // 2])]
        verdict = "binnen" if best <= TARGETS[name] else "BOVEN"
        shown = " ".join(commands[name][1:])
        print(
            f"  bejegening {shown:<16} mediaan {median:5.2f} s, beste {best:5.2f} s, CPU {cpu:5.2f} s "
            f"(beste {verdict} doel {TARGETS[name]} s)"
        )
        report[name] = {"median": median, "best": best, "cpu": cpu, "runs": values, "target": TARGETS[name]}
    return report


def _generated_project(data: Path, into: Path) -> None:
    """The plain MkDocs project ``bejegening build`` makes (docs, overrides, mkdocs.yml)."""
    from bejegening.site import _build as site_build  # noqa: PLC0415  (only this step)

    real, start_process = site_build._run_mkdocs, site_build._start_chart_process

    def keep(config_path: Path, template_cache: Path | None, process: Any) -> None:
        shutil.copytree(config_path.parent, into, ignore=shutil.ignore_patterns("site"))
        real(config_path, template_cache, process)

    shutil.rmtree(into, ignore_errors=True)
    site_build._run_mkdocs = keep
    # Charts drawn before MkDocs runs, so the captured docs folder holds every SVG.
    site_build._start_chart_process = lambda: None
    try:
        site_build.build_site(data, into.parent / "site-project-capture", cache=False)
    finally:
        site_build._run_mkdocs, site_build._start_chart_process = real, start_process
        shutil.rmtree(into.parent / "site-project-capture", ignore_errors=True)


def _change_one_question(data: Path, round_number: int) -> None:
    """A different count for WPI question 7 each round (fictional edit of a copy)."""
    findings = data / "wpi-amsterdam-2017-2018" / "findings.csv"
    lines = findings.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("q7-vakkundig,"):
            cells = line.split(",")
            cells[4] = str(16 + (round_number % 2) + 1)
            lines[i] = ",".join(cells)
    findings.write_text("".join(lines), encoding="utf-8")


def _ratios(env: dict[str, str], rounds: int) -> dict[str, Any]:
    work = OUT / "ratio"
    shutil.rmtree(work, ignore_errors=True)
    data = work / "data"
    shutil.copytree(ROOT / "data", data)
    project = work / "mkdocs-project"
    _generated_project(data, project)
    out = work / "site"
    cache = work / ".build"  # the default cache: next to the output folder
    user_cache = work / "gebruikerscache"
    env = {**env, "XDG_CACHE_HOME": str(user_cache)}
    shutil.rmtree(user_cache, ignore_errors=True)
    first = _build(data, out, env, cache=cache)  # nothing cached at all
    bare_command = [
        str(BIN / "mkdocs"),
        "build",
        "-q",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(work / "bare"),
    ]
    bare: list[float] = []
    bare_cpu: list[float] = []
    cold: list[tuple[float, dict[str, Any]]] = []
    warm: list[tuple[float, dict[str, Any]]] = []
    for round_number in range(rounds):
        wall, _out, cpu = _timed_cpu(bare_command, env)
        bare.append(wall)
        bare_cpu.append(cpu)
        cold.append(_build(data, out, env, cache=cache))
        _change_one_question(data, round_number)
        warm.append(_build(data, out, env))
    bare_s, bare_best, bare_cpu_s = statistics.median(bare), min(bare), statistics.median(bare_cpu)
    report: dict[str, Any] = {
        "bare_mkdocs": {"median": bare_s, "best": bare_best, "runs": bare, "cpu_median": bare_cpu_s},
        "first": {"seconds": first[0], "ratio": first[0] / bare_s, "summary": first[1]},
    }
    print(f"\nbouwtijd tegenover een kale `mkdocs build` van dezelfde pagina's ({rounds} rondes):")
    print(
        f"  kale mkdocs build                mediaan {bare_s:5.2f} s, beste {bare_best:5.2f} s, "
        f"CPU {bare_cpu_s:5.2f} s"
    )
    print(
        f"  eerste build (niets in een cache)  {first[0]:5.2f} s = {first[0] / bare_s:4.2f}× "
        "(ook het grafiekscript gebundeld; geen doel)"
    )
    for name, runs in (("cold", cold), ("warm", warm)):
        walls = [wall for wall, _ in runs]
        median, best = statistics.median(walls), min(walls)
        ratio, best_ratio = median / bare_s, best / bare_best
        verdict = "binnen" if best_ratio <= TARGETS[name] else "BOVEN"
        label = "koud (geen cache)" if name == "cold" else "warm (1 vraag gewijzigd)"
        cpu = statistics.median(summary_["cpu_seconds"] for _, summary_ in runs)
        print(
            f"  {label:<32} mediaan {median:5.2f} s = {ratio:4.2f}×, beste {best:5.2f} s = "
            f"{best_ratio:4.2f}× (beste {verdict} doel {TARGETS[name]}×); CPU {cpu:5.2f} s = "
            f"{cpu / bare_cpu_s:4.2f}× die van mkdocs"
        )
        summary = runs[walls.index(sorted(walls)[len(walls) // 2])][1]
        report[name] = {
            "median": median,
            "best": best,
            "ratio": ratio,
            "best_ratio": best_ratio,
            "cpu_median": cpu,
            "cpu_ratio": cpu / bare_cpu_s,
            "target": TARGETS[name],
            "runs": walls,
            "shares": _print_shares(summary, median),
            "summary": summary,
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="rondes per meting (mediaan)")
    parser.add_argument("--synthetic", action="store_true", help="ook het fictieve onderzoek")
    parser.add_argument("--quick", action="store_true", help="40 vragen in plaats van 200")
    args = parser.parse_args()
    # As an installed package runs: Python writes its bytecode on the first (warm-up) run, so the
    # timed runs do not compile the package's source (PYTHONDONTWRITEBYTECODE would make them).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH", "1700000000")
    OUT.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores; load {load:.1f}; python {sys.version.split()[0]}")
    report: dict[str, Any] = {"cores": os.cpu_count(), "load": load}
    report["startup"] = _startup(env, max(5, args.repeat * 2))
    report["build"] = _ratios(env, args.repeat)

    if args.synthetic:
        questions = 40 if args.quick else 200
        data = OUT / "synthetic-data"
        write_synthetic_survey(data / "fictief-200", questions)
        wall, summary = _build(data, OUT / "synthetic-site", env, cache=OUT / ".build")
        verdict = "binnen" if wall <= TARGETS["synthetic"] else "BOVEN"
        print(
            f"\nfictief onderzoek met {questions} vragen, koud: {wall:.1f} s ({verdict} het doel van "
            f"{TARGETS['synthetic']:.0f} s); {summary['pages']} pagina's, {summary['charts']} grafieken"
        )
        shares = _print_shares(summary, wall)
        report["synthetic"] = {"seconds": wall, "questions": questions, "shares": shares, "summary": summary}
    report["load_end"] = os.getloadavg()[0]
    print(f"\nload aan het eind: {report['load_end']:.1f}")
    (OUT / "site.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nrapport: {OUT / 'site.json'}")


if __name__ == "__main__":
    main()
