"""Rendering without a browser: SVGs and PNGs render, carry Dutch text and their text alternative,
refer to nothing outside; many charts render in worker processes; the gallery covers every chart
type for both bundled cases; the self-hosted JavaScript bundle is written."""

from __future__ import annotations

import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from bejegening.render import (
    BUNDLE_NAME,
    accessible_svg,
    chart_spec,
    comparison_chart,
    crosstab_chart,
    likert_chart,
    partial_distribution_chart,
    render_charts,
    render_png,
    render_svg,
    single_choice_chart,
    spec_json,
    verbal_findings_chart,
    write_vega_bundle,
)
from tests.test_charts_frames import (
    LIKERT_LABELS,
    comparison_frame,
    crosstab_frame,
    fictional_large,
    likert_block,
    verbal_frame,
    wpi_frame,
)

ROOT = Path(__file__).resolve().parents[1]
SVG_NS = "{http://www.w3.org/2000/svg}"
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/2000/xmlns/"}


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG_NS}text")]


def _external_urls(text: str) -> list[str]:
    return [
        url for url in re.findall(r"(?:https?:)?//[^\s\"'<>)]+", text) if url.rstrip("/") not in NAMESPACES
    ]


def test_svg_carries_its_dutch_text_alternative() -> None:
    chart = single_choice_chart(wpi_frame("q7"), question_text="Vraag 7. Fouilleren")
    svg = render_svg(chart, chart_id="q7")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("lang") == "nl"
    assert root.get("aria-labelledby") == "q7-title q7-desc"
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    assert title is not None and desc is not None
    assert title.get("id") == "q7-title" and title.text == "Vraag 7. Fouilleren"
    assert desc.get("id") == "q7-desc"
    assert desc.text == chart_spec(chart)["description"]
    assert "Van de 77 mensen die deze vraag beantwoordden" in (desc.text or "")
    # the first children, so a screen reader meets them first
    assert [child.tag for child in root][:2] == [f"{SVG_NS}title", f"{SVG_NS}desc"]


def test_svg_numbers_are_dutch() -> None:
    texts = _texts(render_svg(single_choice_chart(wpi_frame("q7"))))
    assert {"21% (16)", "47% (36)", "32% (25)"} <= set(texts)
    assert "0% (0)" not in texts  # q7's published answers cover everyone: no empty remainder row
    assert {"0%", "20%", "40%", "60%", "80%", "100%"} <= set(texts)  # axis ticks, nl-NL locale
    texts = _texts(render_svg(single_choice_chart(fictional_large(), decimals=1)))
    assert {"50,0% (1.234)", "25,0% (617)", "5,1% (132)"} <= set(texts)


def test_svg_shows_the_remainder_and_the_printed_figure() -> None:
    texts = _texts(render_svg(single_choice_chart(wpi_frame("q3"))))
    assert "Niet gepubliceerd" in texts
    assert "28% (22)" in texts
    assert "21% (26) · ✗ berekend: 33%" in texts
    svg = render_svg(partial_distribution_chart(wpi_frame("q3")))
    assert "niet gepubliceerd" in _texts(svg)
    assert 'stroke-dasharray="5,3"' in svg


def test_svg_uses_the_offline_font_and_no_external_reference() -> None:
    charts = [
        single_choice_chart(wpi_frame("q3")),
        likert_chart(likert_block(), item_labels=LIKERT_LABELS),
        comparison_chart(comparison_frame()),
        crosstab_chart(crosstab_frame()),
        verbal_findings_chart(verbal_frame()),
    ]
    for chart in charts:
        svg = render_svg(chart)
        assert _external_urls(svg) == []
        assert "DejaVu Sans" in svg
        assert "<image" not in svg


def test_other_chart_types_render_their_words() -> None:
    likert = _texts(render_svg(likert_chart(likert_block(), item_labels=LIKERT_LABELS)))
    assert {"70%", "15%", "← negatief      |      positief →", "Apart: Weet niet"} <= set(likert)
    comparison = _texts(render_svg(comparison_chart(comparison_frame())))
    assert "verschil significant (p = 0,012)" in comparison
    assert "geen significant verschil (p = 0,41)" in comparison
    assert "+10" in comparison and "-10" in comparison
    crosstab = _texts(render_svg(crosstab_chart(crosstab_frame())))
    assert "onderdrukt: te weinig antwoorden" in crosstab
    assert "45% (18 van 40)" in crosstab
    verbal = _texts(render_svg(verbal_findings_chart(verbal_frame())))
    # Each range in numbers beside its line; the words lead the statement above it.
    assert "40%–50%" in verbal and "33%–40%" in verbal
    assert any(text.startswith("Bijna de helft") for text in verbal)


def test_png_renders_at_twice_the_size() -> None:
    chart = single_choice_chart(wpi_frame("q7"))
    svg = render_svg(chart)
    width = float(ET.fromstring(svg).get("width") or 0)
    png = render_png(chart, scale=2)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    png_width = int.from_bytes(png[16:20], "big")
    assert png_width == pytest.approx(2 * width, abs=2)


def test_accessible_svg_escapes_text_and_handles_self_closing_root() -> None:
    svg = accessible_svg(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
        title="a < b & c",
        description=None,
        chart_id="x",
    )
    root = ET.fromstring(svg)
    assert root.get("aria-labelledby") == "x-title"
    title = root.find(f"{SVG_NS}title")
    assert title is not None and title.text == "a < b & c"
    with pytest.raises(ValueError, match="geen <svg>"):
        accessible_svg("<html></html>", title="t", description=None, chart_id="x")


def test_render_charts_writes_svg_spec_and_png(tmp_path: Path) -> None:
    charts = {
        "wpi-q7": single_choice_chart(wpi_frame("q7")),
        "laborijn": verbal_findings_chart(verbal_frame()),
    }
    paths = render_charts(charts, tmp_path, png=True)
    assert [p.name for p in paths] == [
        "wpi-q7.svg",
        "wpi-q7.vl.json",
        "wpi-q7.png",
        "laborijn.svg",
        "laborijn.vl.json",
        "laborijn.png",
    ]
    assert (tmp_path / "wpi-q7.vl.json").read_text(encoding="utf-8") == spec_json(charts["wpi-q7"])
    assert json.loads((tmp_path / "laborijn.vl.json").read_text(encoding="utf-8"))["description"].startswith(
        "Deze uitspraken noemen geen percentages"
    )
    root = ET.fromstring((tmp_path / "wpi-q7.svg").read_text(encoding="utf-8"))
    assert root.get("aria-labelledby") == "bj-wpi-q7-title bj-wpi-q7-desc"


def test_render_charts_refuses_unsafe_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ongeldige grafieknaam"):
        render_charts({"../weg": single_choice_chart(wpi_frame("q7"))}, tmp_path)


def _gallery() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bejegening_gallery", ROOT / "benchmarks" / "gallery.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gallery_renders_every_chart_type_for_both_cases_in_worker_processes(tmp_path: Path) -> None:
    gallery = _gallery()
    out = tmp_path / "galerij"
    gallery.main(["--out", str(out), "--workers", "2"])
    svgs = sorted(p.name for p in out.glob("*.svg"))
    # every WPI question in both single-choice and partial form, both cases' verbal findings,
    # and the fictional Likert, comparison and crosstab examples
    for question in ("q3", "q4", "q6", "q7", "q8", "q9", "q12"):
        assert f"wpi-{question}-enkelvoudig.svg" in svgs
        assert f"wpi-{question}-gedeeltelijk.svg" in svgs
    for name in ("wpi-uitspraken", "laborijn-uitspraken", "fictief-likert", "fictief-vergelijking"):
        assert f"{name}.svg" in svgs
    assert "fictief-kruistabel.svg" in svgs
    assert len(svgs) == len(list(out.glob("*.vl.json"))) == 20
    for path in out.glob("*.svg"):
        root = ET.fromstring(path.read_text(encoding="utf-8"))
        assert root.get("role") == "img"
    fictional = json.loads((out / "fictief-likert.vl.json").read_text(encoding="utf-8"))
    assert "Fictief" in json.dumps(fictional["title"], ensure_ascii=False)
    # the worker processes give exactly what this process renders
    q7 = (out / "wpi-q7-enkelvoudig.svg").read_text(encoding="utf-8")
    again = render_charts(
        {"wpi-q7-enkelvoudig": json.loads((out / "wpi-q7-enkelvoudig.vl.json").read_text(encoding="utf-8"))},
        tmp_path / "serieel",
        workers=1,
    )
    assert again[0].read_text(encoding="utf-8") == q7
    page = (out / "index.html").read_text(encoding="utf-8")
    assert _external_urls(page) == []
    assert page.count('<figure class="bj-chart"') == 20
    assert f'<script src="{BUNDLE_NAME}"></script>' in page
    assert (out / BUNDLE_NAME).stat().st_size > 100_000


def test_vega_bundle_is_self_hosted(tmp_path: Path) -> None:
    path = write_vega_bundle(tmp_path / "js")
    assert path == tmp_path / "js" / BUNDLE_NAME
    text = path.read_text(encoding="utf-8")
    assert "bejegeningCharts" in text
    assert "data-bj-spec" in text
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs", "googleapis"):
        assert cdn not in text
