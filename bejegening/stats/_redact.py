"""Redaction of personal data in open answers before they may be published.

Open answers are only published when a survey sets ``publish_open_answers: true``, and then only
through :func:`redact_text`, which replaces

- e-mail addresses (also ``naam [at] domein.nl`` and ``jan @ example.nl``) by ``[e-mail]``;
- IBANs (Dutch ones always; others when the ISO 13616 check of ``python-stdnum`` passes) by
  ``[IBAN]``;
- BSNs — nine digits, plain or grouped with dots, spaces or dashes (``111-222-333``), or eight
  digits (a BSN with its leading zero dropped) — that pass the *elfproef* (``python-stdnum``'s
  ``nl.bsn``; Wet algemene bepalingen burgerservicenummer, art. 1) by ``[BSN]``; numbers that
  fail it (an order number) are kept;
- phone numbers that Google's libphonenumber (``phonenumbers``' ``PhoneNumberMatcher``, region
  NL, leniency VALID) recognises — ``06–12345678``, ``06/12345678``, ``010 - 123 45 67``,
  ``31612345678``, ``+31 (0)20 …`` — and international ``+…``/``00…`` numbers it finds possible,
  by ``[telefoonnummer]``;
- postcodes (``1234 AB``, with the house number that follows) and street names with a house
  number (``Dorpsstraat 12a``, ``Laan van Meerdervoort 123``) by ``[adres]``;
- a surname after a form of address (``mevrouw de Vries``, ``dhr. Jansen``,
  ``mw. van den Berg``, ``meneer Bakker``) by ``[naam]``, keeping the form of address;
- names from a configurable list (whole words, any case) by ``[naam]``.

The detectors of ``phonenumbers`` and ``python-stdnum`` are imported on the first call, so only
a build that publishes open answers loads them.  The Dutch de-identifier ``deduce`` (3.0.6) was
tried and not used: it installs and runs offline and finds bare names ("Anouk Jansen") that these
rules miss, but on first use it builds its lookup structures (about 4 CPU-minutes here) into an
83 MB pickle inside its own installation folder, and every later process spends about 18 CPU-
seconds and 1.1 GB of memory loading them, per build and per test worker; it also missed
``06–12345678`` and ``111-222-333``.  Other first names and surnames without a form of address
are therefore not detected.

Redaction is a safety net, not a guarantee: a person can still be recognisable from what they
describe. That is why publishing open answers is off by default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import polars as pl

from bejegening.model import Question, QuestionType
from bejegening.stats._frames import questionnaire_order

__all__ = [
    "OPEN_ANSWERS_SCHEMA",
    "bsn_valid",
    "iban_valid",
    "publishable_open_answers",
    "redact_text",
]

_EMAIL = re.compile(
    r"[\w.+'-]+(?:\s?@\s?|\s?[\[(]\s?(?:at|apenstaartje)\s?[\])]\s?)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}",
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
    r"(?<!\d)(?<!\d[.,-])"
    r"(?:\d{9}|\d{8}|\d{3}([.\s-])\d{3}\1\d{3}|\d{4}([.\s])\d{2}\2\d{3})"
    r"(?!\d|[.,-]\d)"
)
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:[\s.-]?\d){8}"
    r"|\(0[1-9]\d{0,2}\)[\s.-]?\d(?:[\s.-]?\d){5,7}"
    r"|0[1-9](?:[\s.-]?\d){8}"
    r"|\+(?!31)[1-9]\d{0,2}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){5,12}"
    r")(?!\d)"
)
"""Own rule for what libphonenumber leaves: Dutch-looking numbers in ranges not (yet) in use."""
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
_STREET_WORDS = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|markt|ring|baan|"
    "plantsoen|erf|veld|burgwal|wal|haven|dam|kwartier|boulevard|allee|vest|zoom|hoven"
)
_HOUSE = r"\s\d{1,5}(?:\s?-?\s?[A-Za-z](?![A-Za-z])|\s?-\s?\d{1,4})?(?![\w])"
_STREET = re.compile(r"(?<![\w])[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)*(?:" + _STREET_WORDS + ")" + _HOUSE)
_PARTICLES = r"(?:van|de|der|den|het|'t|op|in|aan|ten|ter|te|bij|la|le|du|el|al)"
_STREET_FIRST = re.compile(
    r"(?<![\w])(?:" + _STREET_WORDS.title() + r")\s(?:" + _PARTICLES + r"\s){0,3}"
    r"[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)?" + _HOUSE
)
"""Streets that start with their kind: "Laan van Meerdervoort 123", "Plein 1813 4"."""
_ADDRESS_FORMS = (
    r"mevrouw|mevr\.?|mw\.?|mej\.?|juffrouw|meneer|mnr\.?|dhr\.?|de\s+heer|heer|hr\.?"
    r"|dokter|dr\.?|mr\.?|drs\.?|ir\.?|ing\.?|prof\.?"
)
_FORM_OF_ADDRESS = re.compile(
    r"(?<![\w])(?P<form>(?:" + _ADDRESS_FORMS + r"))\s+"
    r"(?P<name>(?:[A-Z]\.\s?){0,4}(?:(?:" + _PARTICLES + r"|[Vv]an|[Dd]e|[Tt]er|[Tt]en)\s+){0,3}"
    r"[A-Z][\w'’]*(?:-(?:(?:" + _PARTICLES + r")\s)?[A-Z]?[\w'’]+)*)",
    re.IGNORECASE,
)
"""A surname after a form of address; the name must start with a capital (case checked below)."""

OPEN_ANSWERS_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "answer": pl.String(),
}


def bsn_valid(digits: str) -> bool:
    """The *elfproef* for nine digits: Σ (9..2)·d1..d8 − d9 ≡ 0 (mod 11), not all zeros.

    Checked by ``python-stdnum``'s ``stdnum.nl.bsn``.
    """
    from stdnum.nl import bsn  # noqa: PLC0415  (loaded only when answers are redacted)

    if len(digits) != 9 or not (digits.isascii() and digits.isdigit()) or int(digits) == 0:
        return False
    return bool(bsn.is_valid(digits))


def iban_valid(text: str) -> bool:
    """ISO 13616: country format and mod-97 check, by ``python-stdnum``'s ``stdnum.iban``."""
    from stdnum import iban  # noqa: PLC0415  (loaded only when answers are redacted)

    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    try:
        iban.validate(compact, check_country=False)  # mod 97; the bank's own format is not needed
    except ValueError:
        return False
    return True


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
    return "[BSN]" if bsn_valid(digits.zfill(9)) else match.group(0)


def _looks_like_bsn(text: str) -> bool:
    """Nine digits that pass the elfproef are a BSN, not a phone number (both are redacted)."""
    digits = re.sub(r"\D", "", text)
    return len(digits) == 9 and not text.lstrip().startswith("+") and bsn_valid(digits)


def _phones(text: str) -> str:
    """Phone numbers found by libphonenumber (region NL) replaced."""
    import phonenumbers  # noqa: PLC0415  (loaded only when answers are redacted)

    spans = [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID)
    ]
    spans += [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.POSSIBLE)
        if re.match(r"(?:\+|00)[1-9]", m.raw_string)  # international: a country code follows
    ]
    out, last = [], 0
    for start, end in sorted(set(spans)):
        if start < last or _looks_like_bsn(text[start:end]):
            continue
        out += [text[last:start], "[telefoonnummer]"]
        last = end
    return "".join([*out, text[last:]])


def _form_of_address(match: re.Match[str]) -> str:
    name = match.group("name")
    words = [w for w in re.split(r"[\s.-]+", name) if w]
    if not words or not words[-1][:1].isupper():  # "meneer zei" is no name
        return match.group(0)
    return f"{match.group('form')} [naam]"


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
    out = _phones(out)  # before BSNs: "06 01123889" is a phone number, not an 8-digit BSN
    out = _PHONE.sub("[telefoonnummer]", out)
    out = _BSN.sub(_bsn, out)
    out = _POSTCODE.sub("[adres]", out)
    out = _STREET_FIRST.sub("[adres]", out)
    out = _STREET.sub("[adres]", out)
    out = _FORM_OF_ADDRESS.sub(_form_of_address, out)
    pattern = _names_pattern(names)
    if pattern is not None:
        out = pattern.sub("[naam]", out)
    return out


def open_answers_long(
    wide: pl.DataFrame | pl.LazyFrame, questions: Sequence[Question], *, value_name: str
) -> pl.LazyFrame | None:
    """The non-empty answers to open questions, one row each: ``question`` and ``value_name``
    (stripped text). ``None`` when ``wide`` has no column of an open question."""
    lazy = wide.lazy() if isinstance(wide, pl.DataFrame) else wide
    present = set(lazy.collect_schema().names())
    open_ids = [q.id for q in questions if q.type is QuestionType.open and q.id in present]
    if not open_ids:
        return None
    return (
        lazy.select(open_ids)
        .unpivot(on=open_ids, variable_name="question", value_name=value_name)
        .with_columns(pl.col(value_name).cast(pl.String).str.strip_chars())
        .filter(pl.col(value_name).is_not_null() & (pl.col(value_name) != ""))
    )


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
    answers = open_answers_long(wide, questions, value_name="answer")
    if answers is None:
        return pl.DataFrame(schema=OPEN_ANSWERS_SCHEMA)
    long = answers.collect()
    redacted = long.with_columns(
        pl.col("answer").map_elements(lambda a: redact_text(a, names), return_dtype=pl.String)
    )
    return (
        redacted.with_columns(
            pl.lit(survey_id).alias("survey"),
            questionnaire_order(q.id for q in questions).alias("_q"),
        )
        .sort("_q", "answer")
        .select(pl.col(c).cast(t) for c, t in OPEN_ANSWERS_SCHEMA.items())
    )
