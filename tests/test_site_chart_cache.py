"""Rebuilds build and draw only changed charts: the chart cache of ``build_site`` (specs by the
job's input and the code, drawings by spec hash).

Drawings are counted at vl-convert itself (``vegalite_to_svg``) and spec building at Altair
itself (``TopLevelMixin.to_dict``), not through the cache's own bookkeeping, so the tests do not
trust the code they test.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import altair
import jinja2
import pytest
import vl_convert
from altair.utils.schemapi import validate_jsonschema

import bejegening
from bejegening.io import schema_reference
from bejegening.render import chart_spec, render_batch, single_choice_chart
from bejegening.site import build_site
from tests.fixtures.processes import marked_environment, processes_with
from tests.test_charts_frames import wpi_frame

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
WPI = "wpi-amsterdam-2017-2018"


class _Drawings:
    """Replaces vl-convert's SVG renderer with a counting wrapper (title of every spec drawn)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.titles: list[str] = []
        real = vl_convert.vegalite_to_svg

        def counting(spec: dict[str, Any], *args: Any, **kwargs: Any) -> str:
            title = spec.get("title")
            text = title.get("text") if isinstance(title, dict) else title
            self.titles.append(" ".join(text) if isinstance(text, list) else str(text))
            return str(real(spec, *args, **kwargs))

        monkeypatch.setattr(vl_convert, "vegalite_to_svg", counting)

    def take(self) -> list[str]:
        titles, self.titles = self.titles, []
        return titles


class _SpecBuilds:
    """Counts the charts Altair turns into a spec (outermost ``to_dict`` calls, by title)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.titles: list[str] = []
        real = altair.TopLevelMixin.to_dict
        depth = [0]

        def counting(chart: Any, *args: Any, **kwargs: Any) -> Any:
            depth[0] += 1
            try:
                spec = real(chart, *args, **kwargs)
            finally:
                depth[0] -= 1
            if depth[0] == 0:
                title = spec.get("title")
                text = title.get("text") if isinstance(title, dict) else title
                self.titles.append(" ".join(text) if isinstance(text, list) else str(text))
            return spec

        monkeypatch.setattr(altair.TopLevelMixin, "to_dict", counting)

    def take(self) -> list[str]:
        titles, self.titles = self.titles, []
        return titles


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Drawings]:
    # Counted here, so built and drawn in this process (not by the build's chart process).
    monkeypatch.setattr("bejegening.site._build._start_chart_process", lambda: None)
    yield _Drawings(monkeypatch)


@pytest.fixture
def spec_builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[_SpecBuilds]:
    yield _SpecBuilds(monkeypatch)


def test_second_build_draws_no_chart_and_changed_data_redraws_only_its_question(
    tmp_path: Path, drawings: _Drawings, spec_builds: _SpecBuilds
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "publiek" / "site"

    first = build_site(data, out)
    titles = drawings.take()
    # WPI's seven questions with counts, and Laborijn's findings in words (it has no questions),
    # each drawn once: the dark version is made from the light drawing (tests/test_chart_dark.py).
    assert first.charts == 8
    assert len(titles) == 8
    assert sum(t.startswith("Vraag 7:") for t in titles) == 1
    assert len(list((out / "grafieken").glob("*.donker.svg"))) == 8
    built = spec_builds.take()
    assert len(built) == 8  # one spec per chart; the dark version is derived from it
    assert sum(t.startswith("Vraag 7:") for t in built) == 1
    # The build skips Altair's schema validation for speed: the published specs are valid.
    schema = altair.vegalite.v6.schema.load_schema()
    for path in sorted((out / "grafieken").glob("*.vl.json")):
        if ".donker." not in path.name:  # the dark ones differ only in colours
            validate_jsonschema(json.loads(path.read_text(encoding="utf-8")), schema)
    # The default cache sits next to the output folder, never inside the published site.
    assert len(list((tmp_path / "publiek" / ".build" / "cache" / "charts").glob("*.svg"))) == 16
    assert not [p for p in out.rglob("*") if ".build" in p.parts]
    drawn = _digest(out)

    build_site(data, out)
    assert drawings.take() == []
    assert spec_builds.take() == []  # no chart built by Altair either
    assert _digest(out) == drawn  # from the cache, byte for byte what was drawn

    # One count of question 7 changes ("16 personen (21 %)" → 17): only its chart is redrawn.
    findings = data / WPI / "findings.csv"
    text = findings.read_text(encoding="utf-8")
    assert text.count("q7-vakkundig,q7,vakkundig,,16,21") == 1
    findings.write_text(text.replace("q7-vakkundig,q7,vakkundig,,16,21", "q7-vakkundig,q7,vakkundig,,17,21"))
    build_site(data, out)
    redrawn = drawings.take()
    assert len(redrawn) == 1  # its light version; the dark one made from it
    assert all(title.startswith("Vraag 7:") for title in redrawn)
    rebuilt = spec_builds.take()
    assert len(rebuilt) == 1
    assert rebuilt[0].startswith("Vraag 7:")

    # A new process with nothing changed does not even import Altair.
    charts, imported_altair, _ = _build_in_child(data, out)
    assert [charts, imported_altair] == ["8", "False"]


def test_no_cache_draws_everything_and_writes_no_cache(tmp_path: Path, drawings: _Drawings) -> None:
    spec = chart_spec(single_choice_chart(wpi_frame("q7")))
    render_batch({"a": spec}, tmp_path / "een")
    render_batch({"a": spec}, tmp_path / "twee")
    assert len(drawings.take()) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["een", "twee"]


def test_render_batch_reuses_a_drawing_under_another_name(tmp_path: Path, drawings: _Drawings) -> None:
    spec = chart_spec(single_choice_chart(wpi_frame("q7")))
    first = render_batch({"a": spec}, tmp_path / "een", cache_dir=tmp_path / "cache")
    second = render_batch({"b": spec}, tmp_path / "twee", cache_dir=tmp_path / "cache")
    assert len(drawings.take()) == 1
    assert first["a"].rendered
    assert not second["b"].rendered
    # the text alternative's ids follow each chart's own name
    one = first["a"].svg.read_text(encoding="utf-8")
    two = second["b"].svg.read_text(encoding="utf-8")
    assert 'id="bj-b-title"' in two
    assert one.replace("bj-a-", "bj-b-") == two


def _build_in_child(data: Path, out: Path, prelude: str = "") -> list[str]:
    """``build_site`` in a fresh Python (after ``prelude``): its summary's chart count and
    whether that process imported Altair and the chart process module."""
    probe = (
        "import sys\n"
        f"{prelude}"
        "from bejegening.site import build_site\n"
        f"summary = build_site({str(data)!r}, {str(out)!r})\n"
        "print(summary.charts, 'altair' in sys.modules, 'bejegening.site._chart_process' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_chart_process_builds_and_draws_and_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a machine with two cores, the charts are built and drawn by the build's chart process
    (the build process itself never imports Altair), and the site is byte for byte the one the
    build makes when it draws every chart itself; the chart images get their drawn size."""
    if (os.cpu_count() or 1) < 2:
        pytest.fail("this test needs a machine with at least two cores")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    by_process = tmp_path / "een" / "site"
    assert _build_in_child(data, by_process) == ["8", "False", "True"]
    assert len(list((tmp_path / "een" / ".build" / "cache" / "charts").glob("*.svg"))) == 16
    itself = tmp_path / "twee" / "site"
    monkeypatch.setattr("bejegening.site._build._start_chart_process", lambda: None)
    build_site(data, itself, cache=False)
    assert _digest(by_process) == _digest(itself)
    page = (by_process / "enquetes" / WPI / "vragen" / "q7.html").read_text(encoding="utf-8")
    svg = (by_process / "grafieken" / f"{WPI}.q7.svg").read_text(encoding="utf-8")
    width, height = re.search(r'<svg\b[^>]*?width="([0-9.]+)"[^>]*?height="([0-9.]+)"', svg).groups()
    assert f'grafieken/{WPI}.q7.svg" alt="' in page
    assert f'width="{round(float(width))}" height="{round(float(height))}">' in page


def test_a_failing_chart_process_leaves_the_work_to_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chart process that dies at once (here: a child that exits) changes nothing but speed."""
    monkeypatch.setattr("bejegening.site._chart_process._CHILD", "raise SystemExit(3)")
    monkeypatch.setattr("bejegening.site._chart_process._IDLE", [])  # not one from another build
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "site"
    summary = build_site(data, out, cache=False)
    assert summary.charts == 8
    assert len(list((out / "grafieken").glob("*.svg"))) == 16
    page = (out / "enquetes" / WPI / "vragen" / "q7.html").read_text(encoding="utf-8")
    assert re.search(rf'grafieken/{WPI}\.q7\.svg" alt="[^"]*" width="\d+" height="\d+">', page)


def _command_build(data: Path, out: Path, **run: Any) -> subprocess.CompletedProcess[str]:
    """``bejegening build data --out out`` through the installed command (``run``: for
    ``subprocess.run``, e.g. ``env`` or ``cwd``)."""
    command = [str(Path(sys.executable).parent / "bejegening"), "build", str(data), "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True, check=False, **run)


@pytest.mark.parametrize("broken", ["", "data", "out"])
def test_the_command_leaves_no_chart_process_behind(tmp_path: Path, broken: str) -> None:
    """``bejegening build`` starts its chart process before it reads anything; whether the build
    succeeds, stops at an error in the data, or refuses its output folder before it starts, no
    process of it is left when the command ends."""
    data = tmp_path / "data"
    shutil.copytree(DATA / "laborijn", data / "laborijn")
    if broken == "data":
        survey = data / "laborijn" / "survey.yaml"
        survey.write_text(survey.read_text(encoding="utf-8") + "\nonbekend_veld: 1\n", encoding="utf-8")
    if broken == "out":  # a folder that is no earlier site: never overwritten
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / "eigen.txt").write_text("van iemand anders", encoding="utf-8")
    env, marker = marked_environment(tmp_path)
    result = _command_build(data, tmp_path / "site", env=env)
    assert result.returncode == (1 if broken else 0), result.stderr
    assert processes_with(marker) == []


def test_what_the_chart_process_prints_does_not_disturb_it(tmp_path: Path) -> None:
    """Text a library prints in the chart process, from Python or straight to its standard output
    descriptor, goes to standard error: the process still answers, so the build itself imports
    no Altair, and the site is complete."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    # The chart process's start-up import prints, once through Python and once to descriptor 1.
    noise = (
        "import os, bejegening.site._chart_specs as specs; real = specs.import_chart_builders; "
        "specs.import_chart_builders = lambda: (print('ruis', flush=True), os.write(1, b'ruis'), real()); "
    )
    noisy = f"import bejegening.site._chart_process as process\nprocess._CHILD = {noise!r} + process._CHILD\n"
    out = tmp_path / "site"
    assert _build_in_child(data, out, noisy) == ["8", "False", "True"]
    assert len(list((out / "grafieken").glob("*.svg"))) == 16


def test_a_second_build_in_the_same_process_reuses_the_chart_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ``serve`` does: the chart process waits between builds (Altair imported, vl-convert
    started), the next build uses it, and what it draws then is the new data's chart."""
    if (os.cpu_count() or 1) < 2:
        pytest.fail("this test needs a machine with at least two cores")
    idle: list[Any] = []
    monkeypatch.setattr("bejegening.site._chart_process._IDLE", idle)
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "site"
    build_site(data, out)
    assert len(idle) == 1
    pid = idle[0]._child.pid
    before = (out / "grafieken" / f"{WPI}.q7.svg").read_text(encoding="utf-8")
    findings = data / WPI / "findings.csv"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("q7-vakkundig,q7,vakkundig,,16,21", "q7-vakkundig,q7,vakkundig,,17,21"))
    build_site(data, out)
    assert [process._child.pid for process in idle] == [pid]
    after = (out / "grafieken" / f"{WPI}.q7.svg").read_text(encoding="utf-8")
    assert after != before
    assert "(17)" in after and "(17)" not in before
    idle.pop().close()


def test_a_damaged_cache_entry_is_built_and_drawn_again(tmp_path: Path) -> None:
    """A drawing or workbook cut short or a spec entry emptied by something else is not trusted: the site is
    the same as one built without a cache."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "site"
    build_site(data, out)
    cache = tmp_path / ".build" / "cache" / "charts"
    for drawing in cache.glob("*.svg"):
        drawing.write_text(drawing.read_text(encoding="utf-8")[:300], encoding="utf-8")
    for entry in (cache / "specs").glob("*.json"):
        entry.write_text('{"light": {}, "dark": {}, "vega_lite": "6.4"}', encoding="utf-8")
    workbooks = list((cache / "werkboeken").glob("*.xlsx"))
    assert len(workbooks) == 2
    for workbook in workbooks:
        workbook.write_bytes(workbook.read_bytes()[:300])
    build_site(data, out)
    fresh = tmp_path / "vers" / "site"
    build_site(data, fresh, cache=False)
    assert _digest(out) == _digest(fresh)


def test_template_cache_that_cannot_be_written_costs_only_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs' compiled templates are kept by template name (not by the build's own work folder),
    so builds do not add files to the cache; and a cache that cannot be written does not stop a
    build."""
    data = tmp_path / "data"
    shutil.copytree(DATA / "laborijn", data / "laborijn")
    out = tmp_path / "site"
    build_site(data, out)
    templates = tmp_path / ".build" / "cache" / "charts" / "sjablonen"
    kept = sorted(p.name for p in templates.iterdir())
    assert kept
    build_site(data, out)
    assert sorted(p.name for p in templates.iterdir()) == kept

    def refuse(*_args: Any) -> None:
        raise PermissionError(13, "alleen lezen")

    # In this process, where the refusal below is seen (not in the build's MkDocs process).
    monkeypatch.setattr("bejegening.site._build._start_mkdocs_process", lambda: None)
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", refuse)
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "load_bytecode", refuse)
    before = _digest(out)
    build_site(data, out)
    assert _digest(out) == before


def test_the_chart_process_runs_the_code_of_the_build_not_of_its_folder(tmp_path: Path) -> None:
    """A copy of the package in the folder the command runs from (a checkout, say) is not what
    the chart process imports: it runs the same code as the build."""
    fake = tmp_path / "werkmap"
    shutil.copytree(Path(bejegening.__file__).parent, fake / "bejegening")
    chart = fake / "bejegening" / "render" / "_chart_single.py"
    text = chart.read_text(encoding="utf-8")
    assert "Percentage van wie de vraag beantwoordde" in text
    chart.write_text(
        text.replace("Percentage van wie de vraag beantwoordde", "VERKEERDE CODE"), encoding="utf-8"
    )
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    result = _command_build(data, tmp_path / "site", cwd=fake)
    assert result.returncode == 0, result.stderr
    svgs = [p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "grafieken").glob("*.svg")]
    assert len(svgs) == 16
    assert not [svg for svg in svgs if "VERKEERDE CODE" in svg]
    assert any("Percentage van wie de vraag beantwoordde" in svg for svg in svgs)


def test_the_fields_reference_is_kept_by_the_code(tmp_path: Path) -> None:
    """The page of every survey.yaml field (pydantic's JSON schema of every model, about 0,1 s)
    is kept in the build cache: one entry, the same page as a build without a cache, also after
    the entry was damaged."""
    data = tmp_path / "data"
    shutil.copytree(DATA / "laborijn", data / "laborijn")
    out = tmp_path / "site"
    build_site(data, out)
    build_site(data, out)
    kept = list((tmp_path / ".build" / "cache" / "charts" / "velden").glob("*.md"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8").endswith(schema_reference())
    fresh = tmp_path / "vers" / "site"
    build_site(data, fresh, cache=False)
    page = Path("zelf-gebruiken") / "velden.html"
    assert (out / page).read_bytes() == (fresh / page).read_bytes()
    # An entry damaged since (emptied, cut short) is made again, not published.
    for damaged in ("", kept[0].read_text(encoding="utf-8")[:300]):
        kept[0].write_text(damaged, encoding="utf-8")
        build_site(data, out)
        assert (out / page).read_bytes() == (fresh / page).read_bytes()
