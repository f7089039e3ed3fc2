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
    live = tmp_path / ".site.build-bezig"
    live.mkdir()
    (live / "bouwproces.pid").write_text(str(os.getpid()), encoding="utf-8")
    other = tmp_path / ".ander.build-x"
    other.mkdir()
    build_module._clean_stale_work(out)
    assert not dead.exists()
    assert not ownerless.exists()
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
