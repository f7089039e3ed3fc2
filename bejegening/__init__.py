"""bejegening: client-experience surveys of Dutch social services, as typed data.

Describe a questionnaire, its published figures and recommendations as data; compute honest
statistics with polars; check published figures; publish an accessible transparency site.

The whole public API is listed in ``__all__`` below; everything in ``_modules`` is private.
"""

from bejegening._version import __version__
from bejegening.io import (
    SurveyBundle,
    ValidationReport,
    findings_frame,
    load,
    load_all,
    validate,
    write_schemas,
    write_survey,
)
from bejegening.model import (
    Cause,
    Claim,
    ClaimKind,
    DataError,
    Finding,
    Mode,
    Option,
    Organisation,
    Population,
    Problem,
    Question,
    QuestionType,
    Recommendation,
    Sampling,
    Severity,
    Source,
    SourceRef,
    Status,
    StatusEvent,
    Survey,
    SurveyFile,
    Theme,
    Valence,
)

__all__ = [
    "Cause",
    "Claim",
    "ClaimKind",
    "DataError",
    "Finding",
    "Mode",
    "Option",
    "Organisation",
    "Population",
    "Problem",
    "Question",
    "QuestionType",
    "Recommendation",
    "Sampling",
    "Severity",
    "Source",
    "SourceRef",
    "Status",
    "StatusEvent",
    "Survey",
    "SurveyBundle",
    "SurveyFile",
    "Theme",
    "Valence",
    "ValidationReport",
    "__version__",
    "findings_frame",
    "load",
    "load_all",
    "validate",
    "write_schemas",
    "write_survey",
]
