"""Layer 1: the typed model (pydantic), validated at the boundary. Imports nothing else."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.model._design import *
    from bejegening.model._printed import *
    from bejegening.model._problems import DataError as DataError
    from bejegening.model._problems import Problem as Problem
    from bejegening.model._problems import Severity as Severity
    from bejegening.model._responses import *
    from bejegening.model._site import SiteSettings as SiteSettings
    from bejegening.model._site import contrast_ratio as contrast_ratio
    from bejegening.model._survey import *
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.model._design": "SampleDesign",
            "bejegening.model._printed": "printed_decimals text_decimals",
            "bejegening.model._problems": "DataError Problem Severity",
            "bejegening.model._responses": (
                "DEFAULT_MISSING_VALUES ColumnMap InvalidRows ResponseFormat ResponsesSpec"
            ),
            "bejegening.model._site": "SiteSettings contrast_ratio",
            "bejegening.model._survey": (
                "ITEM_SEPARATOR Cause Claim ClaimKind FieldValueError Finding Item ItemsOrder Mode Option "
                "Organisation Population Question QuestionType Recommendation Sampling Source "
                "SourceRef Status StatusEvent Survey SurveyFile Theme Valence answered_questions"
            ),
        },
    )
    del lazy_exports
