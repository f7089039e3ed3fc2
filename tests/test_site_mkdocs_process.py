"""The build's MkDocs process (``bejegening.site._mkdocs_process``): MkDocs runs in a child Python
that imported it while the build loaded the data. It only ever saves time: the site, the errors
and the build's environment are the same as when MkDocs runs in the build itself.

Expectations come from outside the code under test: the site a build makes with MkDocs in its
own process, the gzip header's timestamp field (RFC 1952), MkDocs' own module in ``sys.modules``.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bejegening.site import PACKAGED_CONFIG, SiteBuildError, build_site
from tests.fixtures.processes import marked_environment, processes_with

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _two_cores() -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.fail("this test needs a machine with at least two cores")


@pytest.fixture
def laborijn(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA / "laborijn", data / "laborijn")
    return data


@pytest.fixture
def idle(monkeypatch: pytest.MonkeyPatch) -> Any:
    """This test's own pool of waiting MkDocs processes (none from another test's build)."""
    waiting: list[Any] = []
    monkeypatch.setattr("bejegening.site._mkdocs_process._IDLE", waiting)
    yield waiting
    for process in waiting:
        process.close()


def test_the_build_process_never_imports_mkdocs_and_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a fresh Python on two cores, the build imports no MkDocs (its MkDocs process runs it),
    and the site is byte for byte the one a build makes running MkDocs itself."""
    _two_cores()
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    by_process = tmp_path / "een" / "site"
    probe = (
        "import sys\n"
        "from bejegening.site import build_site\n"
        f"build_site({str(data)!r}, {str(by_process)!r}, cache=False)\n"
        "print('mkdocs' in sys.modules, 'bejegening.site._mkdocs_process' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]
    itself = tmp_path / "twee" / "site"
    monkeypatch.setattr("bejegening.site._build._start_mkdocs_process", lambda: None)
    build_site(data, itself, cache=False)
    assert _digest(by_process) == _digest(itself)


def test_a_failing_mkdocs_process_leaves_mkdocs_to_the_build(
    laborijn: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, idle: list[Any]
) -> None:
    """A child that exits at once changes nothing but speed: the build runs MkDocs itself."""
    monkeypatch.setattr("bejegening.site._mkdocs_process._CHILD", "raise SystemExit(3)")
    out = tmp_path / "site"
    build_site(laborijn, out, cache=False)
    monkeypatch.setattr("bejegening.site._build._start_mkdocs_process", lambda: None)
    itself = tmp_path / "zelf" / "site"
    build_site(laborijn, itself, cache=False)
    assert _digest(out) == _digest(itself)
    assert idle == []  # the dead child is not kept for the next build


def _broken_project(tmp_path: Path) -> Path:
    """The packaged MkDocs project plus a page with a link to a page that does not exist (MkDocs
    in strict mode refuses it)."""
    project = tmp_path / "project"
    shutil.copytree(PACKAGED_CONFIG.parent, project)
    (project / "pages" / "kapot.md").write_text("# Kapot\n\n[weg](bestaat-niet.md)\n", encoding="utf-8")
    return project / "mkdocs.yml"


def test_mkdocs_refusing_the_site_gives_the_same_message_from_the_process(
    laborijn: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, idle: list[Any]
) -> None:
    """MkDocs' refusal is an answer of the process, not a failure of it: the same Dutch message
    as when MkDocs runs in the build, with MkDocs' own warning in it; and the process waits for
    the next build."""
    _two_cores()
    config = _broken_project(tmp_path)
    with pytest.raises(SiteBuildError) as by_process:
        build_site(laborijn, tmp_path / "een" / "site", config_file=config, cache=False)
    assert len(idle) == 1
    monkeypatch.setattr("bejegening.site._build._start_mkdocs_process", lambda: None)
    with pytest.raises(SiteBuildError) as itself:
        build_site(laborijn, tmp_path / "twee" / "site", config_file=config, cache=False)
    assert str(by_process.value) == str(itself.value)
    assert str(itself.value).startswith("MkDocs kon de site niet bouwen:\n  - ")
    assert "bestaat-niet.md" in str(itself.value)


def _gzip_mtime(path: Path) -> int:
    """The MTIME field of a gzip member's header (RFC 1952, bytes 4–7, little-endian)."""
    header = path.read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b"
    return int(struct.unpack("<I", header[4:8])[0])


def test_the_process_builds_with_the_environment_of_the_build(
    laborijn: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, idle: list[Any]
) -> None:
    """The process is started before the build sets its defaults and is reused by the next
    build; MkDocs still sees the build's environment of that moment: ``SOURCE_DATE_EPOCH``
    dates the sitemap's gzip file (MkDocs takes the day: both epochs are midnights UTC,
    2027-01-15 and 2025-06-15)."""
    _two_cores()
    out = tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1799971200")
    build_site(laborijn, out, cache=False)
    assert _gzip_mtime(out / "sitemap.xml.gz") == 1799971200
    pid = idle[0]._child.pid
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1749945600")
    build_site(laborijn, out, cache=False)
    assert [process._child.pid for process in idle] == [pid]  # the same process, reused
    assert _gzip_mtime(out / "sitemap.xml.gz") == 1749945600
    assert gzip.decompress((out / "sitemap.xml.gz").read_bytes()) == (out / "sitemap.xml").read_bytes()


def test_an_error_a_hook_raises_comes_back_and_mkdocs_runs_once(
    laborijn: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, idle: list[Any]
) -> None:
    """A hook of the project that raises is MkDocs' answer, not a failure of the process: the
    build raises the same error as when MkDocs runs in the build, and MkDocs ran once."""
    _two_cores()
    project = tmp_path / "project"
    shutil.copytree(PACKAGED_CONFIG.parent, project)
    log = tmp_path / "hook.log"
    (project / "hook.py").write_text(
        "import os\n"
        "def on_post_build(config, **kwargs):\n"
        f"    with open({str(log)!r}, 'a') as f:\n"
        "        f.write(f'{os.getpid()}\\n')\n"
        "    raise RuntimeError('na de build')\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"\nhooks:\n  - {project / 'hook.py'}\n", encoding="utf-8"
    )
    with pytest.raises(RuntimeError) as by_process:
        build_site(laborijn, tmp_path / "een" / "site", config_file=config, cache=False)
    assert str(by_process.value) == "na de build"
    runs = log.read_text(encoding="utf-8").split()
    assert len(runs) == 1 and runs[0] != str(os.getpid())  # once, in the MkDocs process
    assert len(idle) == 1  # and it waits for the next build
    monkeypatch.setattr("bejegening.site._build._start_mkdocs_process", lambda: None)
    with pytest.raises(RuntimeError) as itself:
        build_site(laborijn, tmp_path / "twee" / "site", config_file=config, cache=False)
    assert str(itself.value) == "na de build"
    assert log.read_text(encoding="utf-8").split()[1:] == [str(os.getpid())]


@pytest.mark.parametrize("kind", ["own class", "template"])
def test_an_error_the_build_cannot_import_comes_back_by_name_and_mkdocs_runs_once(
    laborijn: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, idle: list[Any], kind: str
) -> None:
    """An exception class of the project's hook (only the MkDocs process imports it), or a
    template error (whose text changes when it is pickled), comes back with its own name and
    message, as when MkDocs runs in the build, and MkDocs ran once; the process's traceback is
    kept as a note (``BEJEGENING_DEBUG=1`` shows it)."""
    _two_cores()
    project = tmp_path / "project"
    shutil.copytree(PACKAGED_CONFIG.parent, project)
    log = tmp_path / "hook.log"
    config = project / "mkdocs.yml"
    if kind == "own class":
        (project / "hook.py").write_text(
            "class HookFout(Exception):\n    pass\n"
            "def on_post_build(config, **kwargs):\n"
            f"    open({str(log)!r}, 'a').write('x')\n"
            "    raise HookFout('eigen fout')\n",
            encoding="utf-8",
        )
        config.write_text(config.read_text(encoding="utf-8") + f"\nhooks:\n  - {project / 'hook.py'}\n")
    else:
        (project / "overrides" / "main.html").write_text(
            "{% extends 'base.html' %}\n{{ kapot ", encoding="utf-8"
        )
    with pytest.raises(Exception) as by_process:
        build_site(laborijn, tmp_path / "een" / "site", config_file=config, cache=False)
    assert len(idle) == 1  # answered, not failed: the build did not run MkDocs itself
    monkeypatch.setattr("bejegening.site._build._start_mkdocs_process", lambda: None)
    with pytest.raises(Exception) as itself:
        build_site(laborijn, tmp_path / "twee" / "site", config_file=config, cache=False)
    assert type(by_process.value).__name__ == type(itself.value).__name__
    assert str(by_process.value) == str(itself.value)
    assert any("In het MkDocs-proces" in note for note in by_process.value.__notes__)
    if kind == "own class":
        assert log.read_text(encoding="utf-8") == "xx"  # once each: in the process, then here


def _command(data: Path, out: Path, tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path, str]:
    """``bejegening build`` in a session of its own (Ctrl+C goes to the whole group, as in a
    terminal), its standard error in a file, its processes marked in their environment."""
    env, marker = marked_environment(tmp_path)
    errors = tmp_path / "stderr.txt"
    command = [str(Path(sys.executable).parent / "bejegening"), "build", str(data), "--out", str(out), "-q"]
    with errors.open("wb") as stream:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=stream,
            env=env,
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
        )
    return process, errors, marker


def _wait_for(condition: Any, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("timed out")
        time.sleep(0.02)


@pytest.mark.parametrize("moment", ["imports", "mkdocs"])
def test_ctrl_c_stops_the_build_without_a_traceback(laborijn: Path, tmp_path: Path, moment: str) -> None:
    """Ctrl+C (SIGINT to the command's process group, as a terminal sends it) while the children
    import or while MkDocs runs: exit 130, nothing printed by the children, none left."""
    _two_cores()
    out = tmp_path / "site"
    process, errors, marker = _command(laborijn, out, tmp_path)
    if moment == "imports":
        _wait_for(lambda: len(processes_with(marker)) >= 3)  # the build and its two children
        time.sleep(0.6)  # well into their imports
    else:
        _wait_for(lambda: any(out.parent.glob(".site.build-*/site")))
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(60) == 130
    _wait_for(lambda: processes_with(marker) == [])
    assert "Traceback" not in errors.read_text(encoding="utf-8", errors="replace")


def test_a_killed_build_leaves_a_quiet_mkdocs_process_that_ends(laborijn: Path, tmp_path: Path) -> None:
    """The build killed (``kill -9``) while MkDocs runs in its process: that process finishes,
    finds nobody to answer, and ends without printing anything."""
    _two_cores()
    out = tmp_path / "site"
    process, errors, marker = _command(laborijn, out, tmp_path)
    _wait_for(lambda: any(out.parent.glob(".site.build-*/site")))
    process.kill()
    process.wait(60)
    _wait_for(lambda: processes_with(marker) == [])
    assert "Traceback" not in errors.read_text(encoding="utf-8", errors="replace")
