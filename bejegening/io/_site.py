"""Read ``site.yaml`` (the council's own site) beside the surveys; problems in Dutch, never raises."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from bejegening.io._messages import problems_from_validation
from bejegening.io._yaml import read_yaml
from bejegening.model import Problem, SiteSettings

__all__ = ["MAX_LOGO_BYTES", "SITE_FILE", "load_site_settings", "site_file"]

SITE_FILE = "site.yaml"
MAX_LOGO_BYTES = 1_000_000
_SVG_ACTIVE = re.compile(
    rb"<script|<foreignObject|\son[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*[\"']\s*(?:https?:)?//", re.I
)


def site_file(data_dir: Path) -> Path:
    """``site.yaml`` in the folder given to ``build`` (one survey folder or a folder of surveys)."""
    folder = data_dir.parent if data_dir.is_file() else data_dir
    return folder / SITE_FILE


def _logo_problems(folder: Path, settings: SiteSettings, display: str, line: int | None) -> list[Problem]:
    if settings.logo is None:
        return []
    path = folder / settings.logo

    def problem(message: str) -> list[Problem]:
        return [Problem(file=display, line=line, field="logo", value=settings.logo, message=message)]

    if not path.is_file():
        return problem(f"logo niet gevonden: zet het bestand in {folder}")
    if not path.resolve().is_relative_to(folder.resolve()):
        return problem("het logo moet in deze map staan (een snelkoppeling naar elders mag niet)")
    if path.stat().st_size > MAX_LOGO_BYTES:
        return problem("logo is groter dan 1 MB; maak het kleiner")
    if path.suffix.lower() == ".svg" and _SVG_ACTIVE.search(path.read_bytes()):
        return problem(
            "dit SVG-logo bevat een script, een gebeurtenis (on…=) of een verwijzing naar een andere "
            "website; dat mag niet op de site. Sla het logo op als gewone SVG of als PNG."
        )
    return []


def load_site_settings(data_dir: str | Path) -> tuple[SiteSettings, list[Problem]]:
    """The settings in ``site.yaml`` (defaults when there is none) and the problems found.

    Problems name the file, line and field in Dutch; with errors, the defaults are returned.
    """
    path = site_file(Path(data_dir))
    if not path.exists():
        return SiteSettings(), []
    display = str(path)
    data, index, problems = read_yaml(path, display)
    if problems and any(p.severity.value == "error" for p in problems):
        return SiteSettings(), problems
    if data is None:
        return SiteSettings(), problems
    if not isinstance(data, dict):
        return SiteSettings(), [
            Problem(file=display, line=1, message="verwacht instellingen (sleutel: waarde)")
        ]
    try:
        settings = SiteSettings.model_validate(data)
    except ValidationError as exc:
        return SiteSettings(), problems + problems_from_validation(
            exc, SiteSettings, data, display, line_of=index.line
        )
    problems += _logo_problems(path.parent, settings, display, index.line(("logo",)))
    return settings, problems
