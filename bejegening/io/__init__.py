"""Layer 2: readers and writers. All file formats live here."""

from bejegening.io._from_export import survey_from_export
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
from bejegening.io._readers import ResponsesData, read_responses
from bejegening.io._scaffold import scaffold_survey
from bejegening.io._schema import schema_files, write_schemas
from bejegening.io._site import SITE_FILE, load_site_settings
from bejegening.io._write import dump_findings_csv, dump_survey_yaml, write_survey

__all__ = [
    "FINDING_COLUMNS",
    "SITE_FILE",
    "ResponsesData",
    "SurveyBundle",
    "ValidationReport",
    "dump_findings_csv",
    "dump_survey_yaml",
    "findings_frame",
    "load",
    "load_all",
    "load_site_settings",
    "read_responses",
    "scaffold_survey",
    "schema_files",
    "survey_dirs",
    "survey_from_export",
    "validate",
    "write_schemas",
    "write_survey",
]
