"""Speed of reading a 1 GB answers file (FICTIONAL answers; see benchmarks/README.md).

The same file and the same child process as ``tests/test_io_large.py`` (which asserts the row
account, the counts and the memory bound): validate the survey, then count one question with
polars' streaming engine. Reported: the wall time of the child process, the time it measures
itself (load + count) and its peak memory. Target on this 2-core machine: at most 120 s.

    python benchmarks/io_large.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.answers import write_survey  # noqa: E402  (the test's own fixtures)
from tests.test_io_large import SCRIPT, _generate  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "io-large"
TARGET_SECONDS = 120.0


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    print("1 GB fictief antwoordenbestand maken …")
    info = _generate(OUT / "antwoorden.csv")
    write_survey(OUT, {"file": "antwoorden.csv", "invalid_rows": "reject"})
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(OUT)], capture_output=True, text=True, check=True, cwd=OUT
    )
    wall = time.perf_counter() - start
    result = json.loads(done.stdout)
    verdict = "binnen" if wall <= TARGET_SECONDS else "BOVEN"
    print(
        f"{info['rows']:,} rijen: {wall:.1f} s ({verdict} het doel van {TARGET_SECONDS:.0f} s; "
        f"laden en tellen {result['seconds']:.1f} s), heap {result['peak_anon_mb']} MB, "
        f"max RSS {result['max_rss_mb']:.0f} MB"
    )
    (OUT.parent / "io_large.json").write_text(
        json.dumps({"seconds": wall, "target": TARGET_SECONDS, **result, "problems": None}, indent=2) + "\n",
        encoding="utf-8",
    )
    shutil.rmtree(OUT, ignore_errors=True)


if __name__ == "__main__":
    main()
