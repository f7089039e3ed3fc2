"""The self-hosted chart script in headless Chromium: charts become interactive offline.

A page served from 127.0.0.1 holds two figures (spec by URL and spec inline) and one whose spec
is missing; the bundle from :func:`bejegening.render.write_vega_bundle` must embed the first two
with vega-embed (role ``img``, the Dutch description as ``aria-label``, static image hidden),
leave the third static, and make no request to another host.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Route

from bejegening.render import BUNDLE_NAME, render_charts, single_choice_chart, spec_json, write_vega_bundle
from tests._browser import serve
from tests.test_charts_frames import wpi_frame

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _page(q7_description: str, q3_spec: str) -> str:
    inline = q3_spec.replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Grafieken</title></head><body>
<figure class="bj-chart" id="per-url" data-bj-spec="q7.vl.json">
<img class="bj-chart__static" src="q7.svg" alt="{html.escape(q7_description)}">
</figure>
<figure class="bj-chart" id="inline" data-bj-spec="ontbreekt.vl.json">
<script type="application/json">{inline}</script>
<img class="bj-chart__static" src="q7.svg" alt="q3">
</figure>
<figure class="bj-chart" id="kapot" data-bj-spec="bestaat-niet.vl.json">
<img class="bj-chart__static" src="q7.svg" alt="statisch">
</figure>
<script src="{BUNDLE_NAME}"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("charts-browser")
    chart = single_choice_chart(wpi_frame("q7"))
    render_charts({"q7": chart}, root)
    write_vega_bundle(root)
    description = json.loads((root / "q7.vl.json").read_text(encoding="utf-8"))["description"]
    (root / "index.html").write_text(
        _page(description, spec_json(single_choice_chart(wpi_frame("q3")))), encoding="utf-8"
    )
    with serve(root) as base:
        yield base


def test_bundle_embeds_charts_offline_with_their_dutch_label(served: str, browser: Browser) -> None:
    foreign: list[str] = []
    errors: list[str] = []
    context = browser.new_context(locale="nl-NL")
    try:

        def route(route: Route) -> None:
            if route.request.url.startswith(served):
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served + "index.html", wait_until="load")
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('figure')).every("
            "f => ['ja', 'statisch'].includes(f.dataset.bjEmbedded))",
            timeout=15_000,
        )
        state = page.evaluate(
            """() => Array.from(document.querySelectorAll('figure')).map(f => {
                const view = f.querySelector('.bj-chart__interactive');
                return {
                    id: f.id,
                    state: f.dataset.bjEmbedded,
                    role: view ? view.getAttribute('role') : null,
                    svgHidden: view ? view.querySelector('svg').getAttribute('aria-hidden') : null,
                    label: view ? view.getAttribute('aria-label') : null,
                    texts: view ? Array.from(view.querySelectorAll('text')).map(t => t.textContent) : [],
                    hidden: f.querySelector('img').hidden,
                };
            })"""
        )
    finally:
        context.close()
    by_id = {figure["id"]: figure for figure in state}
    url, inline, broken = by_id["per-url"], by_id["inline"], by_id["kapot"]
    assert url["state"] == inline["state"] == "ja"
    assert url["role"] == "img"
    assert url["svgHidden"] == "true"
    assert url["label"].startswith("Staafdiagram bij vraag q7. Van de 77 mensen")
    assert {"21% (16)", "47% (36)", "20%"} <= set(url["texts"])  # Dutch labels and locale in the browser
    assert "21% (26) · ✗ berekend: 33%" in inline["texts"]
    assert url["hidden"] and inline["hidden"]
    assert broken["state"] == "statisch" and not broken["hidden"]
    assert foreign == []
    assert errors == []
