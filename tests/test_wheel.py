"""The built wheel carries everything a site needs: installed in a fresh virtual environment
(no editable install, no checkout on the path) it builds a site from an ``init`` folder
elsewhere, with the runtime dependencies only.

Fast and offline: instead of downloading the dependencies again (minutes on a busy machine),
the fresh environment gets links to exactly the distributions the wheel's base requirements
need (their closure, read from this environment's metadata; no extras, so no test or benchmark
tools), then ``pip install --no-deps`` of the wheel and ``pip check``, which fails when a
runtime requirement is missing. Set ``BEJEGENING_WHEEL_TEST_DOWNLOAD=1`` to let pip resolve and
install the dependencies itself instead (what a user's ``pipx install`` does).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.xdist_group("wheel")


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 900) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["HOME"] = os.environ.get("HOME", str(home))
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    return env


def _runtime_closure() -> list[importlib.metadata.Distribution]:
    """Installed distributions the package's base requirements need, transitively (no extras)."""
    found: dict[str, importlib.metadata.Distribution] = {}
    todo = list(importlib.metadata.requires("bejegening") or [])
    while todo:
        requirement = Requirement(todo.pop())
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found[name] = importlib.metadata.distribution(requirement.name)
        todo.extend(found[name].requires or [])
    return list(found.values())


def _link_runtime_dependencies(site_packages: Path) -> list[str]:
    names = []
    for dist in _runtime_closure():
        names.append(canonicalize_name(dist.metadata["Name"]))
        base = Path(str(dist.locate_file("")))
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in sorted(tops - {"__pycache__"}):
            target = site_packages / top
            if not target.exists():
                target.symlink_to(base / top)
    return names


def test_wheel_in_a_fresh_venv_builds_a_site_from_any_folder(tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    dist = tmp_path / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        cwd=tmp_path,
        env=env,
    )
    (wheel,) = dist.glob("bejegening-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for packaged in (
        "bejegening/site/_files/mkdocs.yml",
        "bejegening/site/_files/overrides/main.html",
        "bejegening/site/_files/pages/over.md",
        "bejegening/io/_templates/survey.yaml",
    ):
        assert packaged in names

    prefix = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(prefix)
    python = prefix / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    if os.environ.get("BEJEGENING_WHEEL_TEST_DOWNLOAD") == "1":
        _run([*pip, "install", "--progress-bar", "off", str(wheel)], cwd=tmp_path, env=env)
    else:
        (site_packages,) = prefix.glob("lib/python*/site-packages")
        linked = _link_runtime_dependencies(site_packages)
        assert {"polars", "mkdocs-material", "typer"} <= set(linked)
        assert not {"pytest", "playwright", "pandas", "mypy"} & set(linked)
        _run([*pip, "install", "--no-deps", "--no-index", "--progress-bar", "off", str(wheel)], tmp_path, env)
    _run([*pip, "check"], cwd=tmp_path, env=env)
    elsewhere = tmp_path / "ergens" / "anders"
    elsewhere.mkdir(parents=True)
    # No checkout on the path: the package is the installed one.
    location = _run([str(python), "-c", "import bejegening; print(bejegening.__file__)"], elsewhere, env)
    assert Path(location.strip()).is_relative_to(prefix)
    # Runtime dependencies only: no test or benchmark tools come with the base install.
    dev_tools = "('pytest', 'playwright', 'pandas', 'mypy')"
    probe = f"import importlib.util as u; print([m for m in {dev_tools} if u.find_spec(m)])"
    assert _run([str(python), "-c", probe], elsewhere, env).strip() == "[]"

    # A mkdocs.yml in the current folder is never used unless given explicitly.
    (elsewhere / "mkdocs.yml").write_text("site_name: NIET GEBRUIKEN\nnav: [kapot.md]\n", encoding="utf-8")
    command = prefix / "bin" / "bejegening"
    _run([str(command), "init", "mijn-enquete"], elsewhere, env)
    summary = json.loads(
        _run([str(command), "build", "mijn-enquete", "--out", "site", "--format", "json"], elsewhere, env)
    )
    assert summary["surveys"] == 1
    index = (elsewhere / "site" / "index.html").read_text(encoding="utf-8")
    assert "NIET GEBRUIKEN" not in index
    assert (elsewhere / "site" / "zelf-gebruiken.html").is_file()
    assert "--site-url" in (elsewhere / "site" / "publiceren.html").read_text(encoding="utf-8")
    assert (elsewhere / "site" / "assets" / "bejegening" / "site.css").is_file()
    assert not list((elsewhere / "site").rglob("antwoorden*"))
