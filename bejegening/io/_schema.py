"""JSON Schema of the data files, so editors can validate ``survey.yaml`` while typing."""

from __future__ import annotations

import json
from pathlib import Path

from bejegening.model import Finding, SurveyFile

__all__ = ["schema_files", "write_schemas"]


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
