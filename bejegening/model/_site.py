"""``site.yaml``: the council's own site (name, organisation, contact, logo, colour, intro).

One file beside the surveys (in the folder given to ``bejegening build``); every field has a
default, so a folder without it builds the project's own look ("Bejegening in beeld").
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "DEFAULT_ACCENT",
    "GENERAL_PAGES",
    "MIN_CONTRAST",
    "SiteSettings",
    "contrast_ratio",
    "relative_luminance",
]

GeneralPage = Literal["over", "zelf-gebruiken", "publiceren"]
GENERAL_PAGES: tuple[GeneralPage, ...] = ("over", "zelf-gebruiken", "publiceren")
"""The general pages that ship with the package (``over`` is always included)."""

DEFAULT_ACCENT = "#3949ab"
"""Indigo, white text on it has contrast 7.5 : 1."""

MIN_CONTRAST = 4.5
"""WCAG 2.2 success criterion 1.4.3 (contrast minimum) for normal text."""

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")


def _channels(colour: str) -> tuple[float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def relative_luminance(colour: str) -> float:
    """Relative luminance (0 black … 1 white) of a ``#rrggbb`` colour, as WCAG 2.2 defines it
    (sRGB channels linearised: c/12.92 up to 0.04045, else ((c+0.055)/1.055)^2.4)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.2 contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class SiteSettings(BaseModel):
    """The contents of ``site.yaml``. Every field is optional."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        title="site.yaml",
        json_schema_extra={
            "description": "Instellingen van de website: naam, organisatie, contact, logo, kleur."
        },
    )

    name: str = Field(
        default="Bejegening in beeld",
        min_length=1,
        max_length=80,
        title="Naam van de website",
        description="Staat bovenaan elke pagina en in de titel van het browsertabblad.",
    )
    organisation: str | None = Field(
        default=None,
        max_length=120,
        title="Organisatie",
        description=(
            "Wie de website publiceert, bijvoorbeeld 'Cliëntenraad Voorbeeldstad'. "
            "Staat onderaan elke pagina."
        ),
    )
    contact_email: str | None = Field(
        default=None,
        title="Contact: e-mailadres",
        description=(
            "Voor vragen en voor 'Een fout melden'. Geef een e-mailadres, een webadres (contact_url) "
            "of allebei."
        ),
    )
    contact_url: str | None = Field(
        default=None,
        title="Contact: webadres",
        description="Een pagina met een contactformulier (begint met https://).",
    )
    logo: str | None = Field(
        default=None,
        title="Logo",
        description="Bestandsnaam van het logo in deze map (.svg, .png, .jpg of .webp, hoogstens 1 MB).",
    )
    accent_colour: str = Field(
        default=DEFAULT_ACCENT,
        title="Accentkleur",
        description=(
            "Kleur van de balk bovenaan en van links, als #rrggbb. Witte tekst moet erop te lezen zijn "
            "(contrast minstens 4,5 : 1, WCAG); een te lichte kleur wordt geweigerd."
        ),
    )
    intro: str | None = Field(
        default=None,
        max_length=2000,
        title="Inleiding",
        description="Een korte tekst bovenaan de startpagina (gewone tekst, geen opmaak).",
    )
    pages: tuple[GeneralPage, ...] = Field(
        default=GENERAL_PAGES,
        title="Algemene pagina's",
        description=(
            "Welke algemene pagina's op de site komen: over (altijd), zelf-gebruiken (hoe u zelf zo'n "
            "site maakt), publiceren (hoe u de site online zet)."
        ),
    )

    @field_validator("accent_colour")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError("verwacht een kleur als #rrggbb, bijvoorbeeld '#1f5f8b'")
        ratio = contrast_ratio("#ffffff", value)
        if ratio < MIN_CONTRAST:
            shown = f"{ratio:.1f}".replace(".", ",")
            raise ValueError(
                f"deze kleur is te licht: witte tekst erop heeft contrast {shown} : 1, minstens 4,5 : 1 "
                "is nodig (WCAG). Kies een donkerdere tint."
            )
        return value.lower()

    @field_validator("contact_email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise ValueError("verwacht een e-mailadres, bijvoorbeeld 'raad@voorbeeldstad.nl'")
        return value

    @field_validator("contact_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s<>\"']+$", value):
            raise ValueError("verwacht een webadres dat begint met https://")
        return value

    @field_validator("logo")
    @classmethod
    def _logo(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if "/" in value or "\\" in value or value.startswith("."):
            raise ValueError("verwacht alleen een bestandsnaam in deze map, zonder map ervoor")
        if not value.lower().endswith(_LOGO_SUFFIXES):
            raise ValueError("verwacht een .svg-, .png-, .jpg- of .webp-bestand")
        return value

    @field_validator("pages")
    @classmethod
    def _about_always(cls, value: tuple[GeneralPage, ...]) -> tuple[GeneralPage, ...]:
        if "over" not in value:
            raise ValueError("de pagina 'over' staat altijd op de site (toegankelijkheid, fouten melden)")
        return value

    @property
    def contact_href(self) -> str | None:
        """Where "Een fout melden" leads: the web address, else a ``mailto:`` link."""
        if self.contact_url is not None:
            return self.contact_url
        if self.contact_email is not None:
            return f"mailto:{self.contact_email}"
        return None
