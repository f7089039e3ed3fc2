"""Layer 4: one report per survey, every derived fact computed once (between checks/stats and render).

:func:`build_report` returns a frozen :class:`SurveyReport` with the check result table, the
frequency tables as published (small cells suppressed), per question the base used and how it
was found (:class:`QuestionBase`), the meaning of each finding in words, the crosstabs and the
redacted open answers, and the headline findings (:class:`Headline`, :func:`headlines`).  The
site, the downloads and the ``stats`` and ``check`` commands all read reports.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.report._headlines import Headline as Headline
    from bejegening.report._headlines import headlines as headlines
    from bejegening.report._report import BaseSource as BaseSource
    from bejegening.report._report import QuestionBase as QuestionBase
    from bejegening.report._report import SurveyReport as SurveyReport
    from bejegening.report._report import build_report as build_report
    from bejegening.report._report import build_reports as build_reports
    from bejegening.report._report import question_bases as question_bases
    from bejegening.report._report import report_crosstabs as report_crosstabs
    from bejegening.report._report import report_frequencies as report_frequencies
    from bejegening.report._report import report_open_answers as report_open_answers
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.report._headlines": "Headline headlines",
            "bejegening.report._report": (
                "BaseSource QuestionBase SurveyReport build_report build_reports question_bases "
                "report_crosstabs report_frequencies report_open_answers"
            ),
        },
    )
    del lazy_exports
