"""Open answers grouped for publication, and the council's review list of every redaction.

Identical answers (after redaction) are shown once with how many people gave them, most frequent
first, then alphabetically, so that their order says nothing about who gave them.

The review list is for the council only (it holds the original answers: personal data) and is
written outside the published site: one row per distinct original answer with what was
published and which replacements redaction made, so a person can check every answer before
publishing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from bejegening.model import Question
from bejegening.stats._frames import questionnaire_order
from bejegening.stats._redact import open_answers_long, redact_text

__all__ = ["GROUPED_ANSWERS_SCHEMA", "REVIEW_SCHEMA", "group_open_answers", "open_answer_review"]

GROUPED_ANSWERS_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "answer": pl.String(),
    "count": pl.Int64(),
}
"""Columns of :func:`group_open_answers`."""

REVIEW_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "original": pl.String(),
    "published": pl.String(),
    "replacements": pl.String(),
    "count": pl.Int64(),
    "changed": pl.Boolean(),
}
"""Columns of :func:`open_answer_review`."""

_MARKER = re.compile(r"\[[A-Za-z][A-Za-z-]*\]")
"""A replacement marker of redaction ("[naam]", "[telefoonnummer]"); counted net of the original."""


def group_open_answers(answers: pl.DataFrame) -> pl.DataFrame:
    """Identical answers once, with ``count``: most frequent first, then alphabetical.

    ``answers`` has one row per answer (``survey, question, answer``, e.g.
    :func:`bejegening.publishable_open_answers`); questions keep their order of appearance.
    """
    if answers.is_empty():
        return pl.DataFrame(schema=GROUPED_ANSWERS_SCHEMA)
    position = answers.select("survey", "question").unique(maintain_order=True).with_row_index("_q")
    return (
        answers.group_by("survey", "question", "answer")
        .agg(pl.len().cast(pl.Int64).alias("count"))
        .join(position, on=["survey", "question"], how="left")
        .sort(["_q", "count", "answer"], descending=[False, True, False])
        .select(pl.col(c).cast(t) for c, t in GROUPED_ANSWERS_SCHEMA.items())
    )


def _replacements(original: str, published: str) -> str:
    """Markers redaction added, with counts: ``"[naam] ×2, [telefoonnummer] ×1"`` ("" if none)."""
    counts: dict[str, int] = {}
    for marker in _MARKER.findall(published):
        counts[marker] = counts.get(marker, 0) + 1
    for marker in _MARKER.findall(original):
        counts[marker] = counts.get(marker, 0) - 1
    return ", ".join(f"{m} ×{n}" for m, n in counts.items() if n > 0)


def open_answer_review(
    wide: pl.DataFrame | pl.LazyFrame,
    questions: Sequence[Question],
    *,
    survey_id: str,
    names: Sequence[str] = (),
) -> pl.DataFrame:
    """Every distinct answer to an open question, with its redacted form, for the council.

    One row per (question, original answer): ``original`` (as given, spaces trimmed),
    ``published`` (after :func:`bejegening.redact_text` with ``names``), ``replacements`` (the
    markers redaction put in, e.g. ``"[naam] ×1"``; empty when nothing was replaced), ``count``
    (respondents with this answer) and ``changed``. Questionnaire order, then most frequent.
    Contains personal data: never publish it.
    """
    answers = open_answers_long(wide, questions, value_name="original")
    if answers is None:
        return pl.DataFrame(schema=REVIEW_SCHEMA)
    long = answers.group_by("question", "original").agg(pl.len().cast(pl.Int64).alias("count")).collect()
    rows = []
    for question, original, count in long.iter_rows():
        published = redact_text(str(original), names)
        rows.append(
            {
                "survey": survey_id,
                "question": question,
                "original": original,
                "published": published,
                "replacements": _replacements(str(original), published),
                "count": count,
                "changed": published != original,
            }
        )
    frame = pl.DataFrame(rows, schema=REVIEW_SCHEMA)
    return (
        frame.with_columns(questionnaire_order(q.id for q in questions).alias("_q"))
        .sort(["_q", "count", "original"], descending=[False, True, False])
        .drop("_q")
    )
