"""Builds are atomic and tidy after faults: killed builds' work folders are removed by the next
build, and ``--out`` exists at every moment once a build has succeeded."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import bejegening.site._build as build_module
from bejegening.site import SITE_MARKER


def _site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / SITE_MARKER).write_text("x", encoding="utf-8")
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_work_folders_of_killed_builds_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    out = _site(tmp_path / "site", "oud")
    dead = tmp_path / ".site.build-dood"
    (dead / "docs").mkdir(parents=True)
    (dead / "bouwproces.pid").write_text(str(_dead_pid()), encoding="utf-8")
    ownerless = tmp_path / ".site.build-zonder"
    ownerless.mkdir()
    os.utime(ownerless, (os.path.getmtime(ownerless) - 120,) * 2)  # made two minutes ago
    just_made = tmp_path / ".site.build-net"  # another build made it and is writing its pid
    just_made.mkdir()
    live = tmp_path / ".site.build-bezig"
    live.mkdir()
    (live / "bouwproces.pid").write_text(str(os.getpid()), encoding="utf-8")
    other = tmp_path / ".ander.build-x"
    other.mkdir()
    build_module._clean_stale_work(out)
    assert not dead.exists()
    assert not ownerless.exists()
    assert just_made.is_dir()
    assert live.is_dir()  # a build that is still running
    assert other.is_dir()  # another output folder's build
    assert (out / "index.html").read_text(encoding="utf-8") == "oud"


def test_old_site_comes_back_after_a_kill_between_two_renames(tmp_path: Path) -> None:
    out = tmp_path / "site"
    work = tmp_path / ".site.build-abc"
    _site(work / "previous-site", "oud")
    (work / "bouwproces.pid").write_text(str(_dead_pid()), encoding="utf-8")
    build_module._clean_stale_work(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "oud"
    assert not work.exists()


def test_swap_leaves_out_in_place_at_every_moment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _site(tmp_path / "site", "oud")
    work = tmp_path / ".site.build-x"
    built = _site(work / "site", "nieuw")
    calls: list[tuple[str, str]] = []
    real_replace = os.replace

    def watched(src: object, dst: object) -> None:
        calls.append((str(src), str(dst)))
        assert out.exists(), "--out was missing between two renames"
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module.os, "replace", watched)
    build_module._replace_output(built, out, work)
    assert (out / "index.html").read_text(encoding="utf-8") == "nieuw"
    assert (built / "index.html").read_text(encoding="utf-8") == "oud"  # removed with the work folder
    assert calls == []  # one atomic swap, no pair of renames


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    first = _site(tmp_path / "a", "a")
    second = _site(tmp_path / "b", "b")
    assert build_module._exchange(first, second)
    assert (first / "index.html").read_text(encoding="utf-8") == "b"
    assert (second / "index.html").read_text(encoding="utf-8") == "a"


# --- real builds killed with SIGKILL ---------------------------------------------------------
#
# A build runs in its own process and is killed with SIGKILL at a chosen moment. Hooks in the
# child only *pause* the build at that moment (they write a marker file and sleep) so the kill
# lands there every time; the kill itself is real. A one-question fictional survey keeps each
# build short (the chart cache next to --out is warm after the first build).

_CHILD = """
import os, sys, time
from pathlib import Path
import bejegening.site._build as b

moment, marker = sys.argv[1], Path(sys.argv[2])

def pause():
    marker.write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(300)

if moment == "after-exchange":
    real_exchange = b._exchange
    def exchange(first, second):
        swapped = real_exchange(first, second)
        marker.with_suffix(".swapped").write_text(str(swapped), encoding="utf-8")
        pause()
        return swapped
    b._exchange = exchange
elif moment == "between-renames":
    b._exchange = lambda first, second: False  # a file system that cannot swap
    real_replace = os.replace
    def replace(src, dst):
        real_replace(src, dst)
        if Path(dst).name == "previous-site":
            pause()
    b.os.replace = replace

from bejegening.cli import app
sys.argv = ["bejegening", "build", *sys.argv[3:]]
app()
"""


def _manifest(folder: Path) -> dict[str, str]:
    import hashlib  # noqa: PLC0415

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _work_folders(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.build-*"))


def _killed_build(moment: str, data: Path, out: Path, marker: Path) -> None:
    """Start a build, wait until it reaches ``moment``, and SIGKILL it."""
    import signal  # noqa: PLC0415
    import sys  # noqa: PLC0415
    import time  # noqa: PLC0415

    marker.unlink(missing_ok=True)
    before = set(_work_folders(out))
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, moment, str(marker), str(data), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and child.poll() is None:
            if moment == "work-folder":
                reached = any(
                    (w / build_module._WORK_OWNER).is_file() for w in set(_work_folders(out)) - before
                )
            else:
                reached = marker.is_file()
            if reached:
                break
            time.sleep(0.02)
        assert child.poll() is None, (
            f"build ended before {moment}: {child.stderr.read() if child.stderr else ''}"
        )
        assert time.monotonic() < deadline, f"build never reached {moment}"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stderr:
            child.stderr.close()


def test_builds_killed_at_any_moment_keep_a_complete_site(tmp_path: Path) -> None:
    from typer.testing import CliRunner  # noqa: PLC0415

    from bejegening.cli import app  # noqa: PLC0415
    from tests.fixtures.answers import SURVEY, write_survey  # noqa: PLC0415

    data = tmp_path / "data"
    survey = data / "fictief"
    questions = [q for q in SURVEY["questions"] if q["id"] == "q2"]
    write_survey(survey, {"file": "antwoorden.csv"}, questions=questions)
    rows = ["respondent;q2", *(f"r{i};{['Ja, altijd', 'Meestal wel', 'Nee'][i % 3]}" for i in range(30))]
    (survey / "antwoorden.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "site"
    marker = tmp_path / "moment"
    runner = CliRunner()

    result = runner.invoke(app, ["build", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    first = _manifest(out)
    assert SITE_MARKER in first and "index.html" in first

    # 1. Killed while loading (its work folder has just appeared): the old site is untouched.
    _killed_build("work-folder", data, out, marker)
    assert _manifest(out) == first
    assert len(_work_folders(out)) == 1  # left behind by the killed build

    # 2. Killed between the two renames of a swap on a file system that cannot exchange: the
    #    old site waits in the work folder (the next build puts it back).
    _killed_build("between-renames", data, out, marker)
    assert not out.exists()
    (left,) = [w for w in _work_folders(out) if (w / "previous-site").is_dir()]
    assert _manifest(left / "previous-site") == first

    # 3. New data; killed right after the atomic exchange: --out is the complete new site. The
    #    build's start had put the old site back and removed the earlier builds' work folders.
    title = "Cliëntervaringen Voorbeeldstad, tweede meting (fictief)"
    write_survey(
        survey, {"file": "antwoorden.csv"}, questions=questions, survey={**SURVEY["survey"], "title": title}
    )
    _killed_build("after-exchange", data, out, marker)
    assert marker.with_suffix(".swapped").read_text(encoding="utf-8") == "True"
    (own,) = _work_folders(out)  # only the killed build's own folder is left
    assert _manifest(own / "site") == first  # the old site, swapped out
    killed = _manifest(out)
    assert killed != first
    assert "tweede meting" in (out / "over.html").read_text(encoding="utf-8")

    # 4. The next build removes every leftover and writes the same site as the killed one.
    result = runner.invoke(app, ["build", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _work_folders(out) == []
    assert _manifest(out) == killed
