"""Write a survey back to its files: ``survey.yaml`` and ``findings.csv``.

``load(write(x)) == x``: the writers are the exact inverse of the loader (property-tested).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bejegening.io._load import FINDING_COLUMNS
from bejegening.model import Finding, SurveyFile

__all__ = ["dump_findings_csv", "dump_survey_yaml", "write_survey"]

_HEADER = "# yaml-language-server: $schema=../schema/survey.schema.json\n"


class _Dumper(yaml.SafeDumper):
    """Block style, keys in model order, long strings folded readably."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_survey_yaml(spec: SurveyFile) -> str:
    """``survey.yaml`` text for ``spec`` (with the JSON Schema hint for editors).

    The survey block keeps explicit nulls (an unknown is written as unknown); elsewhere fields
    equal to their default are left out so the file stays short; the loader re-applies them.
    """
    survey = spec.survey.model_dump(mode="json")
    rest = spec.model_dump(mode="json", exclude_defaults=True, exclude={"survey"})
    text = yaml.dump(
        {"survey": survey, **rest}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return _HEADER + text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _percentage_cell(finding: Finding) -> str:
    """The percentage with as many decimals as it was printed with ("21,0 %" is written ``21.0``)."""
    text = _cell(finding.percentage)
    decimals = finding.percentage_decimals
    if finding.percentage is None or decimals is None:
        return text
    exact = Decimal(repr(finding.percentage))
    if decimals > max(0, -int(Decimal(text).as_tuple().exponent)):
        return str(exact.quantize(Decimal(1).scaleb(-decimals)))
    return text


def dump_findings_csv(findings: Iterable[Finding]) -> str:
    """``findings.csv`` text (comma-separated, UTF-8, lists joined with ``|``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FINDING_COLUMNS)
    for f in findings:
        record = f.model_dump(mode="json")
        source = record.pop("source")
        record.update(source=source["source"], section=source["section"], quote=source["quote"])
        record["percentage"] = _percentage_cell(f)
        writer.writerow([_cell(record.get(column)) for column in FINDING_COLUMNS])
    return out.getvalue()


def write_survey(spec: SurveyFile, findings: Iterable[Finding], folder: Path) -> list[Path]:
    """Write ``survey.yaml`` (and ``findings.csv`` when ``spec.findings_file`` is set) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "survey.yaml"]
    written[0].write_text(dump_survey_yaml(spec), encoding="utf-8")
    if spec.findings_file is not None:
        target = folder / spec.findings_file
        target.write_text(dump_findings_csv(findings), encoding="utf-8")
        written.append(target)
    return written
