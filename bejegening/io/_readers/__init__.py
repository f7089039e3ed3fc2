"""Readers for files of respondent-level answers: CSV, Excel, SPSS and survey-tool exports.

See :func:`read_responses` and :class:`ResponsesData`; the mapping from columns to questions
is the ``responses`` block of ``survey.yaml`` (:class:`bejegening.model.ResponsesSpec`).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bejegening.io._readers._csv import *
    from bejegening.io._readers._formats import detect_format as detect_format
    from bejegening.io._readers._responses import *
    from bejegening.io._readers._table import RawTable as RawTable
    from bejegening.io._readers._text import norm as norm
    from bejegening.io._readers._text import number_expr as number_expr
else:
    from bejegening._lazy import lazy_exports

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "bejegening.io._readers._csv": "read_csv_table sniff_delimiter",
            "bejegening.io._readers._formats": "detect_format",
            "bejegening.io._readers._responses": (
                "MAX_PROBLEMS NONE_CHOSEN REJECTION_COLUMNS ResponsesData read_responses read_table"
            ),
            "bejegening.io._readers._table": "RawTable",
            "bejegening.io._readers._text": "norm number_expr",
        },
    )
    del lazy_exports
