"""Layer 2: readers and writers. All file formats live here."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.io._from_export import *
    from bejegening.io._load import *
    from bejegening.io._readers import ResponsesData as ResponsesData
    from bejegening.io._readers import read_responses as read_responses
    from bejegening.io._scaffold import scaffold_survey as scaffold_survey
    from bejegening.io._schema import *
    from bejegening.io._site import SITE_FILE as SITE_FILE
    from bejegening.io._site import load_site_settings as load_site_settings
    from bejegening.io._write import *
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.io._from_export": "survey_from_export",
            "bejegening.io._load": (
                "FINDING_COLUMNS SurveyBundle ValidationReport findings_frame load load_all "
                "survey_dirs validate"
            ),
            "bejegening.io._readers": "ResponsesData read_responses",
            "bejegening.io._scaffold": "scaffold_survey",
            "bejegening.io._schema": "schema_fields schema_files schema_reference write_schemas",
            "bejegening.io._site": "SITE_FILE load_site_settings",
            "bejegening.io._write": "dump_findings_csv dump_survey_yaml write_survey",
        },
    )
    del lazy_exports
