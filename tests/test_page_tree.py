"""The page tree is defined once: the pages rendered, the navigation and the page count agree."""

from __future__ import annotations

from pathlib import Path

import bejegening
from bejegening.render import NavEntry, SiteInput, chart_key, page_tree, render_pages
from bejegening.report import build_reports

ROOT = Path(__file__).resolve().parents[1]


def _paths(entries: tuple[NavEntry, ...] | list[NavEntry]) -> list[str]:
    found: list[str] = []
    for entry in entries:
        if entry.path is not None:
            found.append(entry.path)
        found += _paths(entry.children)
    return found


def test_rendered_pages_follow_the_tree() -> None:
    bundles = [bejegening.load(ROOT / "data" / name) for name in ("wpi-amsterdam-2017-2018", "laborijn")]
    tree = page_tree(bundles)
    pages, nav, _ = render_pages(SiteInput(reports=build_reports(bundles), fingerprint="0" * 64, version="t"))
    assert [p.path for p in pages] == [p.path for p in tree.pages]
    # WPI: survey, method, 7 questions; Laborijn: survey, method, findings in words (no questions);
    # home, surveys, themes index, tracker, checks, downloads; one page per theme.
    themes = {t.id for b in bundles for t in b.themes}
    assert tree.count == (2 + 7) + (2 + 1) + 6 + len(themes)
    assert sorted(_paths(nav)) == sorted([p.path for p in tree.pages] + ["over.md"])
    assert "enquetes/wpi-amsterdam-2017-2018/vragen/q7.md" in _paths(nav)
    assert chart_key("wpi-amsterdam-2017-2018", "q7") == "wpi-amsterdam-2017-2018/q7"
    assert chart_key("laborijn") == "laborijn/_bevindingen"
