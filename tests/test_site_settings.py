"""``site.yaml``: the council's own name, organisation, contact, logo, colour, intro and pages.

Contrast values are checked against WCAG's own worked numbers and a hand computation; the built
site is looked at in Chromium (name in the header, contact link, logo loaded)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import bejegening
from bejegening._nl import MONTHS
from bejegening.io import load_site_settings, scaffold_survey, validate
from bejegening.model import SiteSettings, contrast_ratio
from bejegening.site import build_site
from bejegening.site._statement import STATEMENT_PAGE, fill_statement, read_check_record
from tests._browser import serve

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" role="img">'
    '<rect width="48" height="48" fill="#7a1f1f"/></svg>'
)


def test_contrast_ratio_matches_wcag_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # #767676 is the lightest grey with 4.5:1 on white (WebAIM); #777777 just fails (4.48).
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#777777") == pytest.approx(4.48, abs=0.01)
    # Hand computation for pure red: L = 0.2126, (1.05) / (0.2626) = 3.998.
    assert contrast_ratio("#ff0000", "#ffffff") == pytest.approx(1.05 / 0.2626, rel=1e-4)


def test_defaults_without_site_yaml(tmp_path: Path) -> None:
    settings, problems = load_site_settings(tmp_path)
    assert problems == []
    assert settings == SiteSettings()
    assert settings.name == "Bejegening in beeld"
    assert contrast_ratio("#ffffff", settings.accent_colour) >= 4.5


# #ffdd00 by hand: L = 0.2126 + 0.7152 * ((221/255 + 0.055) / 1.055)^2.4 = 0.7298;
# (1 + 0.05) / (0.7298 + 0.05) = 1.35, shown as 1,3.
@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (
            'accent_colour: "#ffdd00"',
            "accent_colour",
            "deze kleur is te licht: witte tekst erop heeft contrast 1,3 : 1",
        ),
        ("accent_colour: rood", "accent_colour", "verwacht een kleur als #rrggbb"),
        ("contact_email: geen-adres", "contact_email", "verwacht een e-mailadres"),
        ("contact_url: javascript:alert(1)", "contact_url", "verwacht een webadres dat begint met https://"),
        ("logo: ../elders.png", "logo", "alleen een bestandsnaam in deze map"),
        ("logo: ontbreekt.png", "logo", "logo niet gevonden"),
        ("pages: [publiceren]", "pages", "de pagina 'over' staat altijd op de site"),
        ("kleur: blauw", "kleur", ""),
    ],
)
def test_bad_settings_are_dutch_problems_with_line(
    tmp_path: Path, line: str, field: str, message: str
) -> None:
    scaffold_survey(tmp_path / "raad")
    (tmp_path / "raad" / "site.yaml").write_text(f"name: Raad\n{line}\n", encoding="utf-8")
    report = validate(tmp_path / "raad")
    assert not report.valid
    (problem,) = report.errors
    assert problem.file is not None and problem.file.endswith("site.yaml")
    assert problem.line == 2
    assert (problem.field or "").startswith(field)
    assert message in problem.message


def test_svg_logo_with_script_is_refused(tmp_path: Path) -> None:
    scaffold_survey(tmp_path / "raad")
    (tmp_path / "raad" / "logo.svg").write_text(LOGO.replace("</svg>", "<script>alert(1)</script></svg>"))
    (tmp_path / "raad" / "site.yaml").write_text("logo: logo.svg\n", encoding="utf-8")
    (problem,) = validate(tmp_path / "raad").errors
    assert "bevat een script" in problem.message


def test_init_writes_a_valid_fictional_site_yaml(tmp_path: Path) -> None:
    scaffold_survey(tmp_path / "raad")
    text = (tmp_path / "raad" / "site.yaml").read_text(encoding="utf-8")
    assert "FICTIEF VOORBEELD" in text
    settings, problems = load_site_settings(tmp_path / "raad")
    assert problems == []
    assert settings.organisation == "Cliëntenraad Voorbeeldstad (fictief)"


STATEMENT = Path(bejegening.__file__).parent / "site" / "_files" / "pages" / STATEMENT_PAGE


def test_statement_is_filled_from_the_recorded_run_and_the_contact(tmp_path: Path) -> None:
    (tmp_path / STATEMENT_PAGE).write_text(STATEMENT.read_text(encoding="utf-8"), encoding="utf-8")
    record = {
        "date": "2026-03-02",
        "version": "9.9.9",
        "widths": [360, 1280],
        "pages": 1234,
        "violations": 0,
        "axe": "4.12.1",
        "browser": "Chromium 140",
    }
    fill_statement(tmp_path, '<p class="bj-contact">Stuur uw melding naar X.</p>', record)
    text = (tmp_path / STATEMENT_PAGE).read_text(encoding="utf-8")
    assert "<!--" not in text
    assert "voor het laatst uitgevoerd op **2 maart 2026**, met versie 9.9.9" in text
    assert "op de voorbeeldsite van die software: 1.234 pagina's, elk op een breedte van 360 pixels" in text
    assert "1.280 pixels" in text
    assert "in Chromium 140 met axe-core 4.12.1. Daarbij vond axe-core geen ernstige" in text
    assert "Deze verklaring is opgesteld op 2 maart 2026" in text
    assert text.count('<p class="bj-contact">Stuur uw melding naar X.</p>') == 1
    # The model's parts, in its order: status, what was tested and how, limits, contact, date.
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Status: eerste maatregelen genomen",
        "## Wat we controleren, en hoe",
        "## Bekende beperkingen",
        "## Een probleem melden",
        "## Datum",
    ]


def test_statement_without_a_recorded_run_says_so(tmp_path: Path) -> None:
    (tmp_path / STATEMENT_PAGE).write_text(STATEMENT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "kapot.json").write_text('{"date": "gisteren"}', encoding="utf-8")
    record = read_check_record(tmp_path / "kapot.json")
    assert record is None
    fill_statement(tmp_path, "Stuur uw melding naar de beheerder van deze site.", record)
    text = (tmp_path / STATEMENT_PAGE).read_text(encoding="utf-8")
    assert "geen vastgelegde uitvoering bekend" in text
    assert "Deze verklaring heeft nog geen datum" in text
    assert "<!--" not in text


def test_packaged_record_is_a_passing_run_at_both_widths() -> None:
    record = read_check_record()
    assert record is not None, "run tests/test_browser.py with BEJEGENING_RECORD_A11Y=1"
    assert record["widths"] == [360, 1280]
    assert record["violations"] == 0
    assert record["pages"] > 30
    assert dt.date.fromisoformat(record["date"]) <= dt.datetime.now(dt.UTC).date()


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_council_name_contact_and_logo_in_the_browser(tmp_path: Path, browser: Browser) -> None:
    folder = tmp_path / "raad"
    scaffold_survey(folder)
    (folder / "logo.svg").write_text(LOGO, encoding="utf-8")
    (folder / "site.yaml").write_text(
        "name: Cliëntenraad Noordwijk-Binnen\n"
        "organisation: Cliëntenraad Noordwijk-Binnen (fictief)\n"
        "contact_url: https://raad.noordwijk-binnen.example/contact\n"
        "logo: logo.svg\n"
        'accent_colour: "#7a1f1f"\n'
        "intro: Wat vinden cliënten <b>echt</b>?\n"
        "pages: [over]\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(folder, out)
    assert not (out / "zelf-gebruiken.html").exists()  # left out in site.yaml
    with serve(out) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url + "index.html")
            assert (
                page.locator(".md-header__topic").first.inner_text().strip()
                == "Cliëntenraad Noordwijk-Binnen"
            )
            assert page.title().endswith("Cliëntenraad Noordwijk-Binnen")
            assert page.locator("article h1").inner_text().strip() == "Cliëntenraad Noordwijk-Binnen"
            logo = page.locator(".md-header .md-logo img")
            assert (logo.get_attribute("src") or "").endswith("assets/bejegening/logo.svg")
            assert logo.evaluate("img => img.complete && img.naturalWidth") == 48
            contact = page.locator(".bj-publisher a")
            assert contact.inner_text().strip() == "Contact en fouten melden"
            assert contact.get_attribute("href") == "https://raad.noordwijk-binnen.example/contact"
            assert (
                "Gepubliceerd door Cliëntenraad Noordwijk-Binnen (fictief)"
                in page.locator(".bj-publisher").inner_text()
            )
            # The intro is text, never markup.
            assert page.locator(".bj-intro").inner_text() == "Wat vinden cliënten <b>echt</b>?"
            header = page.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor")
            assert header == "rgb(122, 31, 31)"
            page.goto(url + "over.html")
            report = page.locator(".bj-contact a")
            assert report.get_attribute("href") == "https://raad.noordwijk-binnen.example/contact"
            # The accessibility statement: contact from site.yaml, date from the recorded test run.
            page.goto(url + "toegankelijkheid.html")
            report = page.locator("article .bj-contact a")
            assert report.get_attribute("href") == "https://raad.noordwijk-binnen.example/contact"
            assert (
                "Cliëntenraad Noordwijk-Binnen (fictief)" in page.locator("article .bj-contact").inner_text()
            )
            record = read_check_record()
            assert record is not None
            day = dt.date.fromisoformat(record["date"])
            expected = f"Deze verklaring is opgesteld op {day.day} {MONTHS[day.month - 1]} {day.year}"
            assert expected in page.locator("article").inner_text()
            assert "bejegening:" not in page.content()  # every marker replaced
        finally:
            context.close()
    shutil.rmtree(out)
