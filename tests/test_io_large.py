"""A 1 GB file of FICTIONAL answers is checked and counted streamed, in bounded memory.

The file is generated in a temporary folder from a repeated block (a few seconds), with three
planted problems. A separate Python process loads it (so its peak memory can be measured with
``resource.getrusage``), and reports the problems, the row account and the counts of one
question computed from ``bundle.responses()`` with polars' streaming engine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.fixtures.answers import write_survey

TARGET_BYTES = 1_000_000_000
BLOCK_ROWS = 5_000
LABELS = ["Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden", "Zeer ontevreden", "Weet niet"]
IDS = ["zeer-tevreden", "tevreden", "neutraal", "ontevreden", "zeer-ontevreden", "weet-niet"]
CONTACT = ["Telefoon", "Aan de balie", "E-mail", "Per brief", '"Huisbezoek, thuis"']
OPEN = "Dit is een fictief open antwoord over de dienstverlening, met wat extra tekst om de rij te vullen"


def _block() -> tuple[str, list[int]]:
    """One block of rows with a ``\\x00`` where the block number goes; counts of q1 per option."""
    lines = []
    counts = [0] * len(LABELS)
    for i in range(BLOCK_ROWS):
        q1 = (i * 7 + i // 3) % len(LABELS)
        counts[q1] += 1
        contact = CONTACT[i % 5] if i % 4 else f"{CONTACT[i % 3]}; {CONTACT[(i + 1) % 3]}"
        quoted = f'"{contact}"' if ";" in contact and not contact.startswith('"') else contact
        lines.append(f"b\x00r{i};{LABELS[q1]};Nee;{quoted};{i % 40},5;{OPEN} {i}")
    return "\n".join(lines) + "\n", counts


def _generate(path: Path) -> dict[str, object]:
    header = "respondent;q1;q2;q3;q4;q5\n"
    block, counts = _block()
    blocks = 0
    size = len(header)
    planted: dict[str, int] = {}
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header)
        while size < TARGET_BYTES:
            text = block.replace("\x00", str(blocks))
            if blocks == 50:  # an unknown option in the middle of the file
                text = text.replace(f"b50r7;{LABELS[(7 * 7 + 2) % 6]};", "b50r7;Blij;", 1)
                planted["unknown"] = 50 * BLOCK_ROWS + 8
            if blocks == 120:  # a row where one delimiter became a comma: 5 cells instead of 6
                text = text.replace("\nb120r3;", "\nb120r3,", 1)
                planted["ragged"] = 120 * BLOCK_ROWS + 4
            out.write(text)
            size += len(text.encode("utf-8"))
            blocks += 1
        out.write("b0r5;Tevreden;Nee;Telefoon;1;dubbel respondentnummer\n")  # duplicate of row 6
        planted["duplicate_last"] = blocks * BLOCK_ROWS + 1
    return {"rows": blocks * BLOCK_ROWS + 1, "blocks": blocks, "block_counts": counts, "planted": planted}


SCRIPT = textwrap.dedent(
    """
    import json, resource, sys, threading, time
    import polars as pl
    import bejegening

    # Peak anonymous memory (heap), sampled: ru_maxrss also counts the pages of the file that
    # polars maps into memory, which are page cache the kernel can drop at any time.
    peak = {"anon": 0}
    def sample():
        while True:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("RssAnon:"):
                        peak["anon"] = max(peak["anon"], int(line.split()[1]) // 1024)
            time.sleep(0.01)
    threading.Thread(target=sample, daemon=True).start()

    start = time.perf_counter()
    report = bejegening.validate(sys.argv[1])
    bundle = report.bundles[0]
    data = bundle.responses_data
    counts = bundle.responses().group_by("q1").agg(pl.len().alias("n")).collect(engine="streaming")
    seconds = time.perf_counter() - start
    time.sleep(0.05)
    print(json.dumps({
        "valid": report.valid,
        "problems": [p.as_dict() for p in report.problems],
        "input_rows": data.input_rows,
        "counted": data.counted,
        "rejected": data.rejected.rows(),
        "counts": dict(counts.iter_rows()),
        "seconds": seconds,
        "peak_anon_mb": peak["anon"],
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))
    """
)


@pytest.fixture(scope="module")
def big_survey(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    folder = tmp_path_factory.mktemp("groot")
    info = _generate(folder / "antwoorden.csv")
    write_survey(folder, {"file": "antwoorden.csv", "invalid_rows": "reject"})
    return folder, info


def test_one_gigabyte_file_is_streamed_in_bounded_memory(big_survey: tuple[Path, dict[str, object]]) -> None:
    folder, info = big_survey
    size = (folder / "antwoorden.csv").stat().st_size
    assert size >= TARGET_BYTES
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder)], capture_output=True, text=True, check=True, cwd=folder
    )
    result = json.loads(done.stdout)
    planted = info["planted"]
    assert isinstance(planted, dict)
    rows = info["rows"]
    assert result["valid"] is True
    assert result["input_rows"] == rows
    # Rows as a spreadsheet shows them: data row k is row k + 1 (the header is row 1).
    first_dup = 7  # "b0r5" is data row 6, spreadsheet row 7
    unknown, ragged, duplicate_last = (planted[k] + 1 for k in ("unknown", "ragged", "duplicate_last"))
    assert [row for row, _ in result["rejected"]] == sorted([unknown, ragged, first_dup, duplicate_last])
    assert result["counted"] + len(result["rejected"]) == rows
    by_row = {p["row"]: p for p in result["problems"] if p["row"]}
    assert by_row[unknown]["field"] == "q1"
    assert by_row[unknown]["value"] == "Blij"
    assert by_row[ragged]["message"] == (
        "rij heeft 5 waarden, de kopregel 6 kolommen (scheidingsteken puntkomma) (rij niet meegeteld)"
    )
    assert by_row[first_dup]["message"] == (
        f"respondentnummer komt vaker voor (ook in rij {duplicate_last}) (rij niet meegeteld)"
    )
    # Counts of q1: the block counts times the number of blocks, minus the rejected rows.
    blocks = info["blocks"]
    block_counts = info["block_counts"]
    assert isinstance(blocks, int) and isinstance(block_counts, list)
    expected = {option: n * blocks for option, n in zip(IDS, block_counts, strict=True)}
    # Rejected: row 6 (b0r5), b50r7 (unknown, its original label), b120r3 (ragged); the extra
    # last row (Tevreden) is rejected too and was never part of the blocks.
    for lost in (5, 7, 3):
        expected[IDS[(lost * 7 + lost // 3) % 6]] -= 1
    assert result["counts"] == expected
    # Bounded memory: the heap stays far below the size of the file (measured here: about
    # 650 MB for 1,000 MB, most of it polars' streaming buffers; 8 bytes per row for the
    # duplicate check). ru_maxrss adds the memory-mapped file itself, which is page cache.
    assert result["peak_anon_mb"] < 900, result
    assert result["max_rss_mb"] < 1.5 * size / 1e6 + 200, result
    heap, rss = result["peak_anon_mb"], result["max_rss_mb"]
    print(f"1 GB: {result['seconds']:.1f} s, heap {heap} MB, max RSS {rss:.0f} MB")
    # Speed (target: at most 120 s) is measured by benchmarks/io_large.py, not asserted here.
