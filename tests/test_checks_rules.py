"""Checks come in rule families, one module each; each rule's Dutch name is written once and
shown by both `bejegening check` and the site's Cijfercontrole page."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

import bejegening
from bejegening.checks import RULES, CheckRule
from bejegening.checks._survey import FAMILIES
from bejegening.cli._check import _print_report
from bejegening.render import SiteInput, render_pages
from bejegening.report import build_report

ROOT = Path(__file__).resolve().parents[1]
WPI = "wpi-amsterdam-2017-2018"


def test_every_rule_belongs_to_exactly_one_family() -> None:
    declared = [info.rule for family in FAMILIES for info in family.RULES]
    assert sorted(declared) == sorted(CheckRule)
    assert set(RULES) == {rule.value for rule in CheckRule}
    assert all(info.name and info.explanation for info in RULES.values())


def test_cli_and_site_use_the_same_rule_names() -> None:
    report = build_report(bejegening.load(ROOT / "data" / WPI))
    console = Console(width=400, record=True, file=io.StringIO())
    rows = report.checks.to_dicts()
    _print_report(report.bundle, rows, rows, console, max_n=10_000)
    text = console.export_text()
    pages, _, _ = render_pages(SiteInput(reports=(report,), fingerprint="0" * 64, version="test"))
    checks_page = next(p.markdown for p in pages if p.path == "cijfercontrole.md")
    for name in ("Aantal en percentage", "Optellen van percentages", "Woorden in plaats van getallen"):
        assert name in text
        assert name in checks_page
