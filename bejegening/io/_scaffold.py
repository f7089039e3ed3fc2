"""``bejegening init``: a new survey folder with a commented ``survey.yaml``, fictional answers and a README.

The files come from ``bejegening/io/_templates/``; the example answers are fictional and say so
(respondent numbers ``FICTIEF-…``, "(fictief voorbeeld)" in the title, ``# FICTIEF`` in the
README). The folder validates and builds as it is, so a council can see the whole path work
before replacing the example with its own survey.
"""

from __future__ import annotations

import re
import unicodedata
from importlib import resources
from pathlib import Path

from bejegening.model import DataError, Problem

__all__ = ["TEMPLATE_FILES", "scaffold_survey", "survey_id_for"]

TEMPLATE_FILES = ("survey.yaml", "antwoorden.csv", "README.md", "site.yaml")
"""Files written into a new survey folder."""

DEFAULT_TITLE = "Cliëntervaringen sociale dienst (fictief voorbeeld)"


def survey_id_for(name: str) -> str:
    """A valid survey id from a folder name: ``"Enquête 2025"`` → ``"enquete-2025"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-_")
    return slug[:80] or "mijn-enquete"


def _template(name: str) -> str:
    return resources.files("bejegening.io").joinpath("_templates", name).read_text(encoding="utf-8")


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold_survey(
    directory: str | Path, *, survey_id: str | None = None, title: str | None = None
) -> list[Path]:
    """Write a new survey folder; returns the files written.

    ``directory`` must not exist yet, or be empty. ``survey_id`` defaults to the folder name as
    an id; ``title`` to a fictional example title (it should keep saying "fictief" until the
    example is replaced). Raises :class:`~bejegening.DataError` (Dutch) when the folder is in use
    or the id is invalid.
    """
    folder = Path(directory)
    shown = str(folder)
    if folder.exists() and not folder.is_dir():
        raise DataError([Problem(file=shown, message="bestaat al en is geen map; kies een nieuwe mapnaam")])
    if folder.is_dir() and any(folder.iterdir()):
        raise DataError(
            [
                Problem(
                    file=shown,
                    message="map bestaat al en is niet leeg; kies een nieuwe mapnaam (niets overschreven)",
                )
            ]
        )
    chosen_id = survey_id if survey_id is not None else survey_id_for(folder.resolve().name)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,79}", chosen_id):
        raise DataError(
            [
                Problem(
                    file=shown,
                    field="--id",
                    value=chosen_id,
                    message="ongeldige id; gebruik kleine letters, cijfers, - en _ (begin niet met - of _)",
                )
            ]
        )
    chosen_title = title or DEFAULT_TITLE
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TEMPLATE_FILES:
        text = _template(name)
        text = text.replace("__SURVEY_ID__", chosen_id)
        text = text.replace("__FOLDER__", shown)
        text = text.replace("__TITLE__", _quoted(chosen_title) if name == "survey.yaml" else chosen_title)
        target = folder / name
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return written
