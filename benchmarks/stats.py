"""Speed of the statistics engine on synthetic, fictional survey data (see benchmarks/README.md).

Workload: R respondents × 50 questions, 6 options (the 6th is "weet niet"), one background variable
with 8 levels. "Full statistics" = frequencies with Wilson intervals for every question plus a
crosstab per question (column percentages with intervals, chi-square test, Cramér's V), computed
by ``bejegening.tabulate`` from an in-memory frame, from Parquet in long form and from Parquet in
wide form. Compared in the same run with a plain pandas groupby implementation of the same output,
a numpy ``bincount`` floor, and svy's ``categorical.tabulate`` (5 questions, scaled to 50).
``ours_design``: design-based proportions (``bejegening.design_proportions``: Taylor-linearised
SEs, logit intervals, design effects) with weights and 8 strata, every respondent a PSU.
Then the same statistics over 100 million answers from Parquet with the polars streaming engine,
in a child process whose own peak RSS is reported.

    python benchmarks/stats.py            # full run (10 million answers; 100 million streamed)
    python benchmarks/stats.py --quick    # 1 million answers; 10 million streamed; < 30 s
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from scipy import stats

import bejegening
from bejegening import Option, Question

QUESTIONS_N = 50
OPTIONS = [f"o{i}" for i in range(1, 7)]
GROUPS = [f"wijk-{i}" for i in range(1, 9)]
QUESTION_IDS = [f"v{i:02d}" for i in range(1, QUESTIONS_N + 1)]
SVY_QUESTIONS = 5
SURVEY = "fictief"


def questions() -> list[Question]:
    """50 fictional single-choice questions; option o6 is "weet niet"."""
    return [
        Question(
            id=qid,
            text=f"Fictieve vraag {qid}",
            type="single",
            options_complete=True,
            options=[
                Option(
                    id=o,
                    label="Weet niet" if o == "o6" else f"Antwoord {o}",
                    valence="non_substantive" if o == "o6" else None,
                )
                for o in OPTIONS
            ],
        )
        for qid in QUESTION_IDS
    ]


def long_frame(respondents: int, seed: int, offset: int = 0) -> pl.DataFrame:
    """Long form: one row per respondent × question; Enum columns (1 byte per value)."""
    rng = np.random.default_rng(seed)
    answers = respondents * QUESTIONS_N
    question = np.tile(np.arange(QUESTIONS_N, dtype=np.uint8), respondents)
    # Skewed answer shares that differ a little by group, so the tests have something to find.
    group_of = rng.integers(0, len(GROUPS), respondents, dtype=np.uint8)
    group = np.repeat(group_of, QUESTIONS_N)
    base = np.array([0.30, 0.25, 0.18, 0.12, 0.10, 0.05])
    draw = rng.random(answers)
    option = np.empty(answers, dtype=np.uint8)
    for g in range(len(GROUPS)):
        probs = base + g / 40.0 * np.array([1, -1, 0, 0, 0, 0])
        probs = np.clip(probs, 0.001, None)
        at = group == g
        option[at] = np.searchsorted(np.cumsum(probs / probs.sum())[:-1], draw[at], side="right")
    return pl.DataFrame(
        {
            "respondent": np.repeat(np.arange(offset, offset + respondents, dtype=np.int32), QUESTIONS_N),
            "question": pl.Series(question)
            .cast(pl.UInt32)
            .replace_strict(dict(enumerate(QUESTION_IDS)), return_dtype=pl.Enum(QUESTION_IDS)),
            "option": pl.Series(option)
            .cast(pl.UInt32)
            .replace_strict(dict(enumerate(OPTIONS)), return_dtype=pl.Enum(OPTIONS)),
            "bg": pl.Series(group)
            .cast(pl.UInt32)
            .replace_strict(dict(enumerate(GROUPS)), return_dtype=pl.Enum(GROUPS)),
        }
    )


def wide_frame(long: pl.DataFrame) -> pl.DataFrame:
    """Wide form as a survey tool exports it: one row per respondent, text cells."""
    respondents = long.height // QUESTIONS_N
    # From the option codes, never through Python str objects (10 million of them would set
    # this process's peak RSS, not anything measured).
    codes = long["option"].to_physical().to_numpy().reshape(respondents, QUESTIONS_N)
    columns = [pl.Series("respondent", np.arange(respondents, dtype=np.int32))]
    for j, qid in enumerate(QUESTION_IDS):
        column = (
            pl.Series(qid, codes[:, j])
            .cast(pl.UInt32)
            .replace_strict(dict(enumerate(OPTIONS)), return_dtype=pl.String)
        )
        columns.append(column)
    columns.append(long["bg"].gather_every(QUESTIONS_N).cast(pl.String).alias("bg"))
    return pl.DataFrame(columns)


# --- ours ------------------------------------------------------------------------------------


def ours(
    source: pl.DataFrame | pl.LazyFrame, qs: list[Question], *, form: str = "long", streaming: bool = False
) -> Any:
    return bejegening.tabulate(source, qs, survey_id=SURVEY, by="bg", form=form, streaming=streaming)  # type: ignore[arg-type]


# --- references ------------------------------------------------------------------------------


def numpy_floor(frame: pl.DataFrame) -> np.ndarray:
    """Counts per question × option × group with one bincount over a combined integer code."""
    q = frame["question"].to_physical().to_numpy().astype(np.int64)
    o = frame["option"].to_physical().to_numpy()
    b = frame["bg"].to_physical().to_numpy()
    code = (q * len(OPTIONS) + o) * len(GROUPS) + b
    return np.bincount(code, minlength=QUESTIONS_N * len(OPTIONS) * len(GROUPS))


def _wilson(x: Any, n: Any, z: float = 1.959963984540054) -> tuple[Any, Any]:
    p = x / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return centre - half, centre + half


def pandas_stats(frame: Any) -> dict[str, Any]:
    """The same output with plain pandas groupby (categorical columns, as converted from polars)."""
    c = frame.groupby(["question", "option", "bg"], observed=False).size().rename("n").reset_index()
    freq = c.groupby(["question", "option"], observed=False)["n"].sum().reset_index()
    substantive = freq["option"] != "o6"
    freq["base"] = freq["n"].where(substantive, 0).groupby(freq["question"], observed=False).transform("sum")
    freq.loc[~substantive, "base"] = freq["n"].groupby(freq["question"], observed=False).transform("sum")
    freq["pct"] = freq["n"] / freq["base"]
    freq["ci_low"], freq["ci_high"] = _wilson(freq["n"].astype(float), freq["base"].astype(float))
    cs = c[c["option"] != "o6"].copy()
    row = cs.groupby(["question", "option"], observed=False)["n"].transform("sum")
    col = cs.groupby(["question", "bg"], observed=False)["n"].transform("sum")
    total = cs.groupby("question", observed=False)["n"].transform("sum")
    cs["pct"] = cs["n"] / col
    cs["ci_low"], cs["ci_high"] = _wilson(cs["n"].astype(float), col.astype(float))
    cs["expected"] = row * col / total
    chi2 = ((cs["n"] - cs["expected"]) ** 2 / cs["expected"]).groupby(cs["question"], observed=True).sum()
    dof = (len(OPTIONS) - 2) * (len(GROUPS) - 1)
    p = stats.chi2.sf(chi2.to_numpy(), dof)
    v = np.sqrt(
        chi2.to_numpy()
        / (total.groupby(cs["question"], observed=True).first().to_numpy() * (len(OPTIONS) - 2))
    )
    return {"freq": freq, "crosstab": cs, "chi2": chi2, "p": p, "v": v}


def svy_stats(frame: pl.DataFrame, n_questions: int) -> None:
    """svy's categorical.tabulate, one-way and by the background variable, simple random sample."""
    import svy  # noqa: PLC0415  (optional peer: the bench extra)

    sample = svy.Sample(frame, svy.Design(case_id="respondent"))
    for qid in QUESTION_IDS[:n_questions]:
        sample.categorical.tabulate(qid)
        sample.categorical.tabulate(qid, "bg", share_of="col")


# --- harness ---------------------------------------------------------------------------------


def median_time(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb() -> float:
    """Peak resident set size of this process (VmHWM: not inherited from the parent on exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def check_same_output(ref: dict[str, Any], tables: Any) -> None:
    """pandas (``ref``: the pandas worker's output) and ours agree, so the timings compare the
    same work."""
    freq = tables.frequencies.filter(pl.col("option") != "o6")
    assert np.array_equal(freq["n"].to_numpy(), np.asarray(ref["n"]))
    np.testing.assert_allclose(tables.crosstab.tests["chi2"].to_numpy(), ref["chi2"], rtol=1e-9)
    np.testing.assert_allclose(tables.crosstab.tests["p_value"].to_numpy(), ref["p"], rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(freq["ci_low"].to_numpy(), ref["ci_low"], atol=1e-12)


def write_stream_data(folder: Path, respondents: int, chunk: int) -> int:
    """Long-form Parquet files for the streaming run, written chunk by chunk (bounded memory)."""
    written = 0
    for i, start in enumerate(range(0, respondents, chunk)):
        size = min(chunk, respondents - start)
        long_frame(size, seed=1000 + i, offset=start).write_parquet(folder / f"part-{i:03d}.parquet")
        written += size * QUESTIONS_N
    return written


def stream_worker(folder: str, runs: int) -> None:
    """Child process: streaming statistics over every Parquet file in ``folder``; prints JSON."""
    qs = questions()
    scan = pl.scan_parquet(f"{folder}/*.parquet")
    times = []
    answers = 0
    for _ in range(runs):
        start = time.perf_counter()
        tables = ours(scan, qs, streaming=True)
        times.append(time.perf_counter() - start)
        answers = int(tables.counts["n"].sum())
    print(json.dumps({"seconds": statistics.median(times), "answers": answers, "peak_rss_mb": peak_rss_mb()}))


def run_worker(flag: str, value: str, runs: int) -> dict[str, Any]:
    """Run this script as a child process in worker mode ``flag``; its last line is JSON."""
    out = subprocess.run(
        [sys.executable, __file__, flag, value, "--runs", str(runs)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def pandas_worker(respondents: int, runs: int) -> None:
    """Child process: pandas on the same categorical columns (like for like) and its output for
    the agreement check; prints JSON (its pandas copies do not count towards our peak RSS)."""
    pdf = long_frame(respondents, seed=1).to_pandas()
    ref = pandas_stats(pdf)
    freq = ref["freq"].loc[ref["freq"]["option"] != "o6"]
    result = {
        "pandas_categorical": median_time(partial(pandas_stats, pdf), runs),
        "n": freq["n"].astype(int).tolist(),
        "ci_low": freq["ci_low"].astype(float).tolist(),
        "chi2": ref["chi2"].astype(float).tolist(),
        "p": [float(x) for x in ref["p"]],
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(result))


def strings_worker(respondents: int, runs: int) -> None:
    """Child process: ours and pandas on plain string columns; prints JSON."""
    strings = long_frame(respondents, seed=1).with_columns(pl.col("question", "option", "bg").cast(pl.String))
    qs = questions()
    result = {"ours": median_time(partial(ours, strings, qs), runs)}
    pdf = strings.to_pandas()
    del strings
    gc.collect()
    result["pandas"] = median_time(partial(pandas_stats, pdf), runs)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1 million answers (and 10 million streamed)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median is printed)")
    parser.add_argument("--respondents", type=int, help="override the number of respondents")
    parser.add_argument("--stream-answers", type=int, help="answers in the streaming run (0 = skip)")
    parser.add_argument("--stream-worker", help=argparse.SUPPRESS)
    parser.add_argument("--strings-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pandas-worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pandas_worker:
        pandas_worker(args.pandas_worker, args.runs)
        return
    if args.strings_worker:
        strings_worker(args.strings_worker, args.runs)
        return
    if args.stream_worker:
        stream_worker(args.stream_worker, args.runs)
        return

    respondents = args.respondents or (20_000 if args.quick else 200_000)
    stream_answers = (
        args.stream_answers
        if args.stream_answers is not None
        else (10_000_000 if args.quick else 100_000_000)
    )
    runs = args.runs
    qs = questions()
    print(
        f"polars {pl.__version__}, {respondents:,} respondents × {QUESTIONS_N} questions "
        f"= {respondents * QUESTIONS_N:,} answers; median of {runs} runs (fictional data)"
    )

    load_before = os.getloadavg()
    long = long_frame(respondents, seed=1)
    with tempfile.TemporaryDirectory(prefix="bejegening-bench-") as tmp:
        tmpdir = Path(tmp)
        long_path, wide_path = tmpdir / "long.parquet", tmpdir / "wide.parquet"
        long.write_parquet(long_path)
        wide = wide_frame(long)
        wide.write_parquet(wide_path)
        svy_frame = wide.select("respondent", *QUESTION_IDS[:SVY_QUESTIONS], "bg")
        del wide
        gc.collect()

        # pandas on the same categorical columns, and its output to check ours against, in a
        # child process (like the string run below) so its copies do not count towards our peak.
        pandas_ref = run_worker("--pandas-worker", str(respondents), runs)
        check_same_output(pandas_ref, ours(long, qs))
        gc.collect()

        results: dict[str, float] = {}
        results["ours_memory"] = median_time(lambda: ours(long, qs), runs)
        results["ours_parquet_long"] = median_time(lambda: ours(pl.scan_parquet(long_path), qs), runs)
        results["ours_parquet_wide"] = median_time(
            lambda: ours(pl.scan_parquet(wide_path), qs, form="wide"), runs
        )
        results["numpy_floor"] = median_time(lambda: numpy_floor(long), runs)
        # Design-based estimates (Taylor linearisation, logit intervals, deff): weights and 8
        # strata (the background variable), every respondent a PSU, for all 50 questions.
        weighted = long.with_columns((1.0 + (pl.col("respondent") % 7).cast(pl.Float64) / 7.0).alias("w"))
        design = bejegening.SampleDesign(strata="bg")
        results["ours_design"] = median_time(
            partial(bejegening.design_proportions, weighted, qs, weight="w", design=design), runs
        )
        del weighted
        gc.collect()
        # pandas with the same categorical columns as ours (like for like, timed above) …
        results["pandas_categorical"] = pandas_ref["pandas_categorical"]
        # … and as a user has it after reading an export: plain string columns (ours too), in a
        # child process so its string copies do not count towards the peak RSS of ours.
        strings = run_worker("--strings-worker", str(respondents), runs)
        results["ours_memory_strings"] = strings["ours"]
        results["pandas"] = strings["pandas"]
        svy_error = None
        try:
            results["svy_5_questions"] = median_time(lambda: svy_stats(svy_frame, SVY_QUESTIONS), runs)
            results["svy_scaled_to_50"] = results["svy_5_questions"] * QUESTIONS_N / SVY_QUESTIONS
        except Exception as exc:  # svy is an optional peer; say exactly why it could not run
            svy_error = f"{type(exc).__name__}: {exc}"

        stream: dict[str, Any] | None = None
        if stream_answers:
            stream_dir = tmpdir / "stream"
            stream_dir.mkdir()
            stream_respondents = stream_answers // QUESTIONS_N
            start = time.perf_counter()
            written = write_stream_data(
                stream_dir, stream_respondents, chunk=min(stream_respondents, 100_000)
            )
            generated = time.perf_counter() - start
            stream = run_worker("--stream-worker", str(stream_dir), min(runs, 3))
            assert stream["answers"] == written
            stream["generated_s"] = generated

    for name, seconds in results.items():
        print(f"{name:22s} {seconds * 1000:10.1f} ms")
    if svy_error:
        print(f"svy could not run: {svy_error}")
    if stream:
        print(
            f"streaming {stream['answers']:,} answers from Parquet: {stream['seconds']:.2f} s, "
            f"peak RSS {stream['peak_rss_mb']:.0f} MB (child process; "
            f"data written in {stream['generated_s']:.1f} s)"
        )
    ours_s = results["ours_memory"]
    ratio_svy = f"{results['svy_scaled_to_50'] / ours_s:.0f}" if "svy_scaled_to_50" in results else "nan"
    ratio_pandas = results["pandas"] / ours_s
    print(
        f"pandas/ours: plain string columns {ratio_pandas:.1f}, categorical columns "
        f"{results['pandas_categorical'] / ours_s:.1f}, both on strings "
        f"{results['pandas'] / results['ours_memory_strings']:.1f}"
    )
    ratio_floor = ours_s / results["numpy_floor"]
    load_after = os.getloadavg()
    print(
        "load average (1, 5, 15 min) before "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after "
        + ", ".join(f"{x:.2f}" for x in load_after)
        + f"; design-based estimates {results['ours_design'] / ours_s:.1f}× full statistics"
    )
    print(
        f"ratio_vs_pandas={ratio_pandas:.1f} ratio_vs_floor={ratio_floor:.2f} "
        f"ratio_vs_pandas_categorical={results['pandas_categorical'] / ours_s:.1f} "
        f"ratio_strings={results['pandas'] / results['ours_memory_strings']:.1f} "
        f"ratio_vs_svy={ratio_svy} peak_rss_mb={peak_rss_mb():.0f}"
    )


if __name__ == "__main__":
    main()
