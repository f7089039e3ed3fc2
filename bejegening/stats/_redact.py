"""Redaction of personal data in open answers before they may be published.

Open answers are only published when a survey sets ``publish_open_answers: true``, and then only
through :func:`redact_text`, which replaces

- e-mail addresses (also ``naam [at] domein.nl``) by ``[e-mail]``;
- IBANs (Dutch ones always; others when the ISO 13616 mod-97 check passes) by ``[IBAN]``;
- BSNs — nine digits (optionally grouped with dots or spaces) that pass the *elfproef*
  (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11, Wet algemene bepalingen burgerservicenummer, art. 1) —
  by ``[BSN]``; nine digits that fail it (an order number) are kept;
- phone numbers (Dutch: ten digits starting with 0, ``+31``/``0031`` forms, ``(020) …``;
  other countries with ``+``) by ``[telefoonnummer]``;
- postcodes (``1234 AB``, with the house number that follows) and street names with a house
  number (``Dorpsstraat 12a``) by ``[adres]``;
- names from a configurable list (whole words, any case) by ``[naam]``.

Redaction is a safety net, not a guarantee: a person can still be recognisable from what they
describe. That is why publishing open answers is off by default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import polars as pl

from bejegening.model import Question, QuestionType

__all__ = [
    "OPEN_ANSWERS_SCHEMA",
    "bsn_valid",
    "iban_valid",
    "publishable_open_answers",
    "redact_text",
]

_EMAIL = re.compile(
    r"[\w.+'-]+(?:@|\s?[\[(]\s?(?:at|apenstaartje)\s?[\])]\s?)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}",
    re.IGNORECASE,
)
_IBAN_NL = re.compile(r"(?<![A-Za-z0-9])NL\s?\d{2}\s?[A-Z]{4}\s?(?:\d\s?){9}\d(?![A-Za-z0-9])", re.IGNORECASE)
_IBAN_ANY = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}"
    r"(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_BSN = re.compile(
    r"(?<!\d)(?<!\d[.,-])(?:\d{9}|\d{3}([.\s])\d{3}\1\d{3}|\d{4}([.\s])\d{2}\2\d{3})(?!\d|[.,-]\d)"
)
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:[\s.-]?\d){8}"
    r"|\(0[1-9]\d{0,2}\)[\s.-]?\d(?:[\s.-]?\d){5,7}"
    r"|0[1-9](?:[\s.-]?\d){8}"
    r"|\+(?!31)[1-9]\d{0,2}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){5,12}"
    r")(?!\d)"
)
_WORDS = tuple(
    [
        "en",
        "of",
        "op",
        "in",
        "is",
        "na",
        "te",
        "ik",
        "je",
        "we",
        "ze",
        "al",
        "nu",
        "om",
        "er",
        "uw",
        "zo",
        "tm",
        "vd",
        "ca",
        "bv",
        "nr",
        "eo",
        "ja",
        "ok",
        "am",
        "pm",
        "to",
        "at",
        "on",
        "an",
        "as",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "it",
        "me",
        "my",
        "no",
        "or",
        "so",
        "up",
        "us",
    ]
)
"""Two-letter words that follow a year ("in 2018 en 2019"): not the letters of a postcode."""
_HOUSE_NUMBER = r"(?:\s*[,-]?\s*\d{1,5}(?:\s?-?\s?[A-Za-z](?![A-Za-z])|\s?-\s?\d{1,4})?)"
_POSTCODE = re.compile(
    r"(?<![\w])[1-9]\d{3}(?:"
    r"\s?(?!SA|SD|SS)[A-Z]{2}(?![\w])" + _HOUSE_NUMBER + "?"
    r"|(?!sa|sd|ss)[a-z]{2}(?![\w])" + _HOUSE_NUMBER + "?"
    r"|\s(?!(?:sa|sd|ss|"
    + "|".join(_WORDS)
    + r")\s)[a-z]{2}"
    + _HOUSE_NUMBER.replace(r"\s*[,-]?\s*", r"\s+", 1)
    + r"(?![\w])"
    r")"
)
_STREET = re.compile(
    r"(?<![\w])[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*"
    r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|markt|ring|baan|"
    r"plantsoen|erf|veld|burgwal|wal|haven|dam|kwartier)"
    r"\s\d{1,5}(?:\s?-?\s?[A-Za-z](?![A-Za-z])|\s?-\s?\d{1,4})?(?![\w])"
)

OPEN_ANSWERS_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "answer": pl.String(),
}


def bsn_valid(digits: str) -> bool:
    """The *elfproef* for a burgerservicenummer: Σ (9..2)·d1..d8 − d9 ≡ 0 (mod 11), not all zeros."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def iban_valid(text: str) -> bool:
    """ISO 13616 check: move the first four characters to the end, letters → 10..35, mod 97 == 1."""
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def _iban(match: re.Match[str]) -> str:
    text = match.group(0)
    # A spaced IBAN may have swallowed a following short word; try shorter endings as well.
    while text:
        if iban_valid(text):
            return "[IBAN]" + match.group(0)[len(text) :]
        if " " not in text.strip():
            break
        text = text.rstrip().rsplit(" ", 1)[0]
    return match.group(0)


def _bsn(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[BSN]" if bsn_valid(digits) else match.group(0)


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    cleaned = sorted({" ".join(n.split()) for n in names if n and n.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in name.split()) for name in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact_text(text: str, names: Sequence[str] = ()) -> str:
    """``text`` with e-mail addresses, IBANs, BSNs, phone numbers, addresses and ``names`` replaced.

    >>> redact_text("Bel 06-12345678 of mail jan@example.nl; BSN 111222333")
    'Bel [telefoonnummer] of mail [e-mail]; BSN [BSN]'
    """
    out = _EMAIL.sub("[e-mail]", text)
    out = _IBAN_NL.sub("[IBAN]", out)
    out = _IBAN_ANY.sub(_iban, out)
    out = _BSN.sub(_bsn, out)
    out = _PHONE.sub("[telefoonnummer]", out)
    out = _POSTCODE.sub("[adres]", out)
    out = _STREET.sub("[adres]", out)
    pattern = _names_pattern(names)
    if pattern is not None:
        out = pattern.sub("[naam]", out)
    return out


def publishable_open_answers(
    wide: pl.DataFrame | pl.LazyFrame,
    questions: Sequence[Question],
    *,
    survey_id: str,
    names: Sequence[str] = (),
) -> pl.DataFrame:
    """The answers to open questions, redacted, in a form that can be published.

    Only call this when the survey sets ``publish_open_answers: true``.  One row per non-empty
    answer: ``survey``, ``question``, ``answer`` (redacted with :func:`redact_text`).  Answers
    are sorted by question (questionnaire order) and then alphabetically, so that their order
    says nothing about who gave them; respondent numbers are not included.
    """
    lazy = wide.lazy() if isinstance(wide, pl.DataFrame) else wide
    present = set(lazy.collect_schema().names())
    open_ids = [q.id for q in questions if q.type is QuestionType.open and q.id in present]
    if not open_ids:
        return pl.DataFrame(schema=OPEN_ANSWERS_SCHEMA)
    long = (
        lazy.select(open_ids)
        .unpivot(on=open_ids, variable_name="question", value_name="answer")
        .with_columns(pl.col("answer").cast(pl.String).str.strip_chars())
        .filter(pl.col("answer").is_not_null() & (pl.col("answer") != ""))
        .collect()
    )
    redacted = long.with_columns(
        pl.col("answer").map_elements(lambda a: redact_text(a, names), return_dtype=pl.String)
    )
    position = {qid: i for i, qid in enumerate(open_ids)}
    return (
        redacted.with_columns(
            pl.lit(survey_id).alias("survey"),
            pl.col("question").replace_strict(position, return_dtype=pl.Int64).alias("_q"),
        )
        .sort("_q", "answer")
        .select(pl.col(c).cast(t) for c, t in OPEN_ANSWERS_SCHEMA.items())
    )
