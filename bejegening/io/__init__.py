"""Layer 2: readers and writers. All file formats live here."""

from bejegening.io._load import (
    FINDING_COLUMNS,
    SurveyBundle,
    ValidationReport,
    findings_frame,
    load,
    load_all,
    survey_dirs,
    validate,
)
from bejegening.io._schema import schema_files, write_schemas

__all__ = [
    "FINDING_COLUMNS",
    "SurveyBundle",
    "ValidationReport",
    "findings_frame",
    "load",
    "load_all",
    "schema_files",
    "survey_dirs",
    "validate",
    "write_schemas",
]
