"""The council's review file of open answers, written next to the answers, never into the site.

``bejegening build`` writes ``controle-open-antwoorden.csv`` into the folder of every survey
with answers to open questions: one row per distinct answer with the original text, what the site
shows (or would show, when ``publish_open_answers`` is off), every replacement redaction made and
how many people gave it. The file holds the original answers (personal data), so it stays in the
survey's own folder, where the answers file already is; the published site never contains it.
The file is CSV with ``;`` and a byte-order mark so that Dutch Excel opens it as is; a cell that
starts with ``=``, ``+``, ``-``, ``@`` or a tab gets a leading ``'`` so Excel shows it as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from bejegening.io import SurveyBundle
from bejegening.stats import open_answer_review

__all__ = ["REVIEW_FILE", "review_frame", "write_review_files"]

REVIEW_FILE = "controle-open-antwoorden.csv"
"""Name of the review file in each survey folder."""

_HEADER = ("vraag", "antwoord zoals gegeven", "op de site", "vervangen", "aantal", "gepubliceerd")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def review_frame(bundle: SurveyBundle) -> pl.DataFrame | None:
    """The review rows of one survey (see :func:`bejegening.stats.open_answer_review`), or None
    when it has no answers to open questions."""
    wide = bundle.responses()
    if wide is None:
        return None
    frame = open_answer_review(wide, bundle.questions, survey_id=bundle.id, names=bundle.survey.redact_names)
    return None if frame.is_empty() else frame


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(bundle: SurveyBundle, frame: pl.DataFrame) -> str:
    labels = {q.id: f"Vraag {q.number}" if q.number else q.id for q in bundle.questions}
    published = "ja" if bundle.survey.publish_open_answers else "nee (publish_open_answers staat uit)"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_HEADER)
    for row in frame.iter_rows(named=True):
        writer.writerow(
            [
                _cell(labels.get(row["question"], row["question"])),
                _cell(row["original"]),
                _cell(row["published"]),
                _cell(row["replacements"] or "niets"),
                row["count"],
                published,
            ]
        )
    return "\ufeff" + buffer.getvalue()


def write_review_files(bundles: Sequence[SurveyBundle]) -> list[Path]:
    """Write the review file of every survey with open answers; returns the files written.

    A survey folder that cannot be written is skipped (the site is still built); the returned
    list then lacks it.
    """
    written = []
    for bundle in bundles:
        frame = review_frame(bundle)
        if frame is None:
            continue
        target = bundle.path / REVIEW_FILE
        text = _csv(bundle, frame)
        try:
            # Unchanged, the file is not touched: `serve` watches this folder and would rebuild.
            if not target.is_file() or target.read_bytes() != text.encode("utf-8"):
                target.write_text(text, encoding="utf-8", newline="")
        except OSError:
            continue
        written.append(target)
    return written
