"""JSON Schema of the data files, so editors can validate ``survey.yaml`` while typing.

Every field carries a Dutch ``title`` and ``description`` (``Field(title=…, description=…)`` on
the pydantic models), which editors show on hover; :func:`schema_reference` turns the same
schemas into the Dutch reference page of every field of ``survey.yaml`` and ``findings.csv``
(the site's "Zelf gebruiken" section links to it).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bejegening.model import Finding, SurveyFile

__all__ = ["schema_fields", "schema_files", "schema_reference", "write_schemas"]


def schema_files() -> dict[str, str]:
    """File name → JSON text of each schema (stable key order, trailing newline)."""
    survey = SurveyFile.model_json_schema()
    survey["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    survey["title"] = "bejegening survey.yaml"
    finding = Finding.model_json_schema()
    finding["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    finding["title"] = "bejegening finding (one row of findings.csv; lists separated by '|')"
    return {
        "survey.schema.json": json.dumps(survey, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
        "finding.schema.json": json.dumps(finding, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
    }


def write_schemas(directory: Path) -> list[Path]:
    """Write the schemas into ``directory`` (created if needed); returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        target = directory / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any] | None:
    """The object definition a property leads to (through ``$ref``, ``anyOf`` with null,
    array items), or ``None`` for a plain value."""
    for option in node.get("anyOf", []):
        found = _resolve(schema, option)
        if found is not None:
            return found
    if "items" in node and isinstance(node["items"], dict):
        return _resolve(schema, node["items"])
    ref = node.get("$ref")
    if isinstance(ref, str):
        target = schema["$defs"][ref.rsplit("/", 1)[-1]]
        return target if "properties" in target else None
    return None


def _kind(schema: dict[str, Any], node: dict[str, Any]) -> str:
    """What a field holds, in Dutch words: ``tekst``, ``getal``, ``lijst``, ``ja/nee``, …"""
    if "anyOf" in node:
        kinds = [_kind(schema, option) for option in node["anyOf"] if option.get("type") != "null"]
        return " of ".join(dict.fromkeys(kinds))
    ref = node.get("$ref")
    if isinstance(ref, str):
        target = schema["$defs"][ref.rsplit("/", 1)[-1]]
        if "enum" in target:
            return "een van: " + ", ".join(str(v) for v in target["enum"])
        return "blok (velden hieronder)"
    kind = node.get("type")
    if kind == "array":
        items = node.get("items", {})
        inner = _kind(schema, items) if isinstance(items, dict) and items else "waarden"
        return "lijst van blokken (velden hieronder)" if inner.startswith("blok") else f"lijst van {inner}"
    if "enum" in node:
        return "een van: " + ", ".join(str(v) for v in node["enum"])
    if node.get("format") == "date":
        return "datum (jaar-maand-dag)"
    return {
        "string": "tekst",
        "integer": "geheel getal",
        "number": "getal",
        "boolean": "true of false",
        "object": "tabel (naam: waarde)",
    }.get(str(kind), "waarde")


def schema_fields(schema: dict[str, Any], prefix: str = "") -> Iterator[dict[str, Any]]:
    """Every field of a JSON Schema (from :func:`schema_files`), depth first: ``path`` (dotted,
    ``[]`` for a list), ``title``, ``description``, ``kind`` (Dutch), ``required`` and
    ``default`` (JSON text, ``None`` when there is none)."""

    def walk(definition: dict[str, Any], prefix: str, seen: tuple[str, ...]) -> Iterator[dict[str, Any]]:
        required = set(definition.get("required", []))
        for name, node in definition.get("properties", {}).items():
            path = f"{prefix}{name}"
            yield {
                "path": path,
                "title": node.get("title"),
                "description": node.get("description"),
                "kind": _kind(schema, node),
                "required": name in required,
                "default": json.dumps(node["default"], ensure_ascii=False) if "default" in node else None,
            }
            child = _resolve(schema, node)
            if child is not None and child.get("title") not in seen:
                is_list = node.get("type") == "array" or any(
                    option.get("type") == "array" for option in node.get("anyOf", [])
                )
                yield from walk(child, path + ("[]." if is_list else "."), (*seen, str(child.get("title"))))

    yield from walk(schema, prefix, (str(schema.get("title")),))


def _default_text(value: str | None) -> str:
    """A default as a council secretary reads it: nothing for null or an empty list."""
    if value in (None, "null", "[]", "{}"):
        return ""
    assert value is not None
    return value[1:-1] if value.startswith('"') and value.endswith('"') else value


def _table(caption: str, table_id: str, rows: list[dict[str, Any]]) -> str:
    out = [
        f'<div class="bj-table" role="region" tabindex="0" aria-labelledby="{table_id}-caption">',
        f'<table class="bj-data" id="{table_id}">',
        f'<caption id="{table_id}-caption">{html.escape(caption)}</caption>',
        '<thead><tr><th scope="col">Veld</th><th scope="col">Naam</th><th scope="col">Wat vult u in</th>'
        '<th scope="col">Soort</th><th scope="col">Standaard</th></tr></thead>',
        "<tbody>",
    ]
    for row in rows:
        default = "verplicht" if row["required"] else _default_text(row["default"])
        out.append(
            f'<tr><th scope="row"><code>{html.escape(row["path"])}</code></th>'
            f"<td>{html.escape(row['title'] or '')}</td><td>{html.escape(row['description'] or '')}</td>"
            f"<td>{html.escape(row['kind'])}</td><td>{html.escape(default)}</td></tr>"
        )
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)


def schema_reference() -> str:
    """The Dutch reference page (Markdown with HTML tables) of every field of ``survey.yaml``
    and every column of ``findings.csv``, generated from :func:`schema_files`."""
    # In the models' field order (the committed files sort their keys).
    survey = SurveyFile.model_json_schema()
    finding = Finding.model_json_schema()
    # One column per part of the reference (source, section, quote), not the block itself.
    columns = [
        {**row, "path": row["path"].removeprefix("source.")}
        for row in schema_fields(finding)
        if row["path"] != "source"
    ]
    return "\n".join(
        [
            "# Alle velden van survey.yaml en findings.csv",
            "",
            "Deze lijst is gemaakt uit het schema van de bestanden; editors als Visual Studio Code tonen",
            'dezelfde uitleg als u met de muis op een veld staat. "verplicht" betekent dat het veld er',
            "moet staan; een leeg vak bij Standaard betekent: weglaten mag, dan is het niet bekend.",
            "Een veld als `questions[].options[].label` is het veld `label` van elk antwoord van elke",
            "vraag.",
            "",
            "## survey.yaml",
            "",
            _table("De velden van survey.yaml", "velden-survey", list(schema_fields(survey))),
            "",
            "## findings.csv",
            "",
            "Eén rij per cijfer zoals een bron het drukt. Lijsten (`options`, `themes`) scheidt u met `|`.",
            "",
            _table("De kolommen van findings.csv", "kolommen-findings", columns),
            "",
        ]
    )
