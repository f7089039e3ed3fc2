"""LimeSurvey's survey structure file (``.lss``, XML): questions, subquestions and answer options.

The file has sections ``questions``, ``subquestions`` and ``answers`` whose ``rows`` hold one
``row`` per record (``qid``, ``parent_qid``, ``type``, ``title`` = the code, ``question`` = the
text; answers ``qid``, ``code``, ``answer``). From LimeSurvey 4 on the texts are in
``question_l10ns`` and ``answer_l10ns`` (by ``qid`` / ``aid``, one row per language). Read with
``defusedxml``: the file comes from outside and may be hostile (entity expansion, external
entities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as SafeET

from bejegening.model import DataError, Problem

__all__ = ["LssQuestion", "read_lss"]

SINGLE_TYPES = frozenset("L!5OG Y")
"""List (radio, dropdown), 5-point choice, list with comment, gender, yes/no."""
MULTIPLE_TYPES = frozenset("MP")
ARRAY_TYPES = frozenset("FABEHC")
"""Arrays of subquestions on one set of answers (Likert grids)."""
NUMERIC_TYPES = frozenset("N")
TEXT_TYPES = frozenset("STUQ")

_TAGS = re.compile(r"<[^>]+>")


@dataclass
class LssQuestion:
    """One question of the structure file, in questionnaire order."""

    code: str
    text: str
    type: str
    subquestions: list[tuple[str, str]] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)
    other: bool = False


def _clean(text: str | None) -> str:
    """Question text without HTML tags and surplus white space."""
    return " ".join(_TAGS.sub(" ", text or "").split())


def _rows(root: object, section: str) -> list[dict[str, str]]:
    out = []
    for row in root.findall(f"./{section}/rows/row"):  # type: ignore[attr-defined]
        out.append({child.tag: (child.text or "") for child in row})
    return out


def read_lss(path: Path, display: str | None = None) -> list[LssQuestion]:
    """The questions of a LimeSurvey structure file (texts in its first language).

    Raises :class:`~bejegening.DataError` (Dutch) when the file is no readable ``.lss``.
    """
    shown = display or str(path)
    try:
        root = SafeET.parse(path).getroot()
    except Exception as exc:  # defusedxml raises parse errors and its own refusals
        raise DataError(
            [Problem(file=shown, message=f"geen leesbaar LimeSurvey-structuurbestand (.lss): {exc}")]
        ) from None
    texts: dict[str, str] = {}
    for row in _rows(root, "question_l10ns"):
        texts.setdefault(row.get("qid", ""), _clean(row.get("question")))
    answer_texts: dict[str, str] = {}
    for row in _rows(root, "answer_l10ns"):
        answer_texts.setdefault(row.get("aid", ""), _clean(row.get("answer")))

    def text_of(row: dict[str, str]) -> str:
        return _clean(row.get("question")) or texts.get(row.get("qid", ""), "")

    questions: dict[str, LssQuestion] = {}
    order: list[tuple[int, int, str]] = []
    for row in _rows(root, "questions"):
        qid = row.get("qid", "")
        if qid in questions or row.get("parent_qid", "0") not in ("", "0"):
            continue
        questions[qid] = LssQuestion(
            code=row.get("title", ""),
            text=text_of(row),
            type=row.get("type", ""),
            other=row.get("other") == "Y",
        )
        order.append((int(row.get("gid") or 0), int(row.get("question_order") or 0), qid))
    seen: set[tuple[str, str]] = set()
    for row in sorted(_rows(root, "subquestions"), key=lambda r: int(r.get("question_order") or 0)):
        parent = questions.get(row.get("parent_qid", ""))
        key = (row.get("parent_qid", ""), row.get("title", ""))
        if parent is not None and key not in seen:
            seen.add(key)
            parent.subquestions.append((row.get("title", ""), text_of(row)))
    seen = set()
    for row in sorted(_rows(root, "answers"), key=lambda r: int(r.get("sortorder") or 0)):
        parent = questions.get(row.get("qid", ""))
        key = (row.get("qid", ""), row.get("code", ""))
        if parent is not None and key not in seen:
            seen.add(key)
            label = _clean(row.get("answer")) or answer_texts.get(row.get("aid", ""), row.get("code", ""))
            parent.answers.append((row.get("code", ""), label))
    if not questions:
        raise DataError(
            [Problem(file=shown, message="structuurbestand bevat geen vragen; is dit een .lss-bestand?")]
        )
    return [questions[qid] for _, _, qid in sorted(order)]
