"""Every field of survey.yaml and findings.csv documents itself in Dutch (issue 16).

The JSON Schema carries a Dutch ``title`` and ``description`` per field (editors show them), and
the reference page generated from it lists every field.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from bejegening.io import schema_fields, schema_files, schema_reference
from bejegening.model import Finding, SurveyFile

# Titles that are the same word in Dutch as pydantic's automatic title of the field name.
SAME_IN_DUTCH = {"Id", "Score", "Strata", "Clusters", "Percentage"}
# Words that show a description is English (the developers' docstrings), not Dutch.
ENGLISH = re.compile(r"\b(the|when|which|with|default|should|must|is not)\b", re.IGNORECASE)
DUTCH = re.compile(r"\b(de|het|een|van|voor|als|of|en|in|met|die|dat|wie|wat|zoals|standaard)\b", re.I)


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for model, definition in {"<root>": schema, **schema.get("$defs", {})}.items():
        for name, node in (definition.get("properties") or {}).items():
            yield model, name, node


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_every_field_has_a_dutch_title_and_description(name: str) -> None:
    schema = json.loads(schema_files()[name])
    fields = list(_properties(schema))
    assert len(fields) > (100 if name.startswith("survey") else 15)
    problems = []
    for model, field, node in fields:
        title, description = node.get("title"), node.get("description")
        automatic = field.replace("_", " ").title()
        if not title or (title == automatic and title not in SAME_IN_DUTCH):
            problems.append(f"{model}.{field}: title {title!r}")
        if not description or ENGLISH.search(description) or not DUTCH.search(description):
            problems.append(f"{model}.{field}: description {description!r}")
    assert problems == []


def test_model_fields_and_schema_agree() -> None:
    # Every model field reaches the schema with its Dutch texts (none lost by a $ref sibling).
    survey = json.loads(schema_files()["survey.schema.json"])
    for model in (SurveyFile, Finding):
        for field_name, info in model.model_fields.items():
            assert info.title and info.description, f"{model.__name__}.{field_name}"
    assert survey["$defs"]["StatusEvent"]["properties"]["status"]["title"] == "Stand"


def test_reference_page_lists_every_field_once_with_its_texts() -> None:
    page = schema_reference()
    cells = "<td>(.*?)</td>" * 4
    rows = re.findall(rf'<tr><th scope="row"><code>(.*?)</code></th>{cells}</tr>', page)
    paths = [html.unescape(r[0]) for r in rows]
    survey = list(schema_fields(SurveyFile.model_json_schema()))
    assert paths[: len(survey)] == [f["path"] for f in survey]
    assert len(paths[: len(survey)]) == len(set(paths[: len(survey)]))
    # A few fields a council secretary looks for, with the Dutch words the schema gives them.
    table = {html.unescape(r[0]): [html.unescape(cell) for cell in r[1:]] for r in rows[: len(survey)]}
    assert table["survey.small_cell_threshold"][0] == "Grens kleine aantallen"
    assert table["survey.small_cell_threshold"][3] == "5"
    assert table["recommendations[].history[].date"][3] == "verplicht"
    assert table["recommendations[].history[].status"][2].startswith(
        "een van: uitgebracht, reactie_ontvangen"
    )
    assert table["responses.sheet"][0] == "Werkblad"
    assert table["responses.format"][3] == "auto"
    # findings.csv: one column per part of the source reference, in the file's column names.
    columns = [html.unescape(r[0]) for r in rows[len(survey) :]]
    assert columns[0] == "id"
    assert {"source", "section", "quote", "count", "percentage", "figure"} <= set(columns)
    assert "source.source" not in columns
    assert "<script" not in page
