"""Redaction of personal data in open answers. Every person, number and address here is fictional."""

from __future__ import annotations

import re

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bejegening.model import Option, Question
from bejegening.stats import bsn_valid, iban_valid, publishable_open_answers, redact_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail mij op jan.jansen@example.nl graag", "Mail mij op [e-mail] graag"),
        ("of naam+tag@sub.voorbeeld.org.", "of [e-mail]."),
        ("schrijf naar piet [at] voorbeeld.nl", "schrijf naar [e-mail]"),
        ("Bel 06-12345678 even", "Bel [telefoonnummer] even"),
        ("Bel 06 1234 5678 even", "Bel [telefoonnummer] even"),
        ("nummer 0612345678.", "nummer [telefoonnummer]."),
        ("+31 6 12345678 of +31(0)20 123 4567", "[telefoonnummer] of [telefoonnummer]"),
        ("0031 20 123 4567", "[telefoonnummer]"),
        ("kantoor 020-1234567", "kantoor [telefoonnummer]"),
        ("kantoor (020) 123 45 67", "kantoor [telefoonnummer]"),
        ("in België +32 2 123 45 67", "in België [telefoonnummer]"),
        ("mijn BSN is 111222333", "mijn BSN is [BSN]"),
        ("BSN 123456782, ordernummer 123456789", "BSN [BSN], ordernummer 123456789"),
        ("bsn 1234.56.782 of 123 456 782", "bsn [BSN] of [BSN]"),
        ("rekening NL91ABNA0417164300.", "rekening [IBAN]."),
        ("rekening NL91 ABNA 0417 1643 00 en verder", "rekening [IBAN] en verder"),
        ("rekening nl91abna0417164300", "rekening [IBAN]"),
        ("Duits DE89 3704 0044 0532 0130 00 ok", "Duits [IBAN] ok"),
        ("geen IBAN: DE89370400440532013001", "geen IBAN: DE89370400440532013001"),
        (
            "Ik woon op Dorpsstraat 12a in 1234 AB Voorbeeldstad",
            "Ik woon op [adres] in [adres] Voorbeeldstad",
        ),
        ("postcode 1234AB 56", "postcode [adres]"),
        ("postcode 1234ab", "postcode [adres]"),
        ("1234 ab 12 is mijn adres", "[adres] is mijn adres"),
        ("Kerkplein 3-5 was dicht", "[adres] was dicht"),
        # Issue 12: each form that the earlier rules missed.
        ("Bel 06–12345678 even", "Bel [telefoonnummer] even"),  # en dash
        ("Bel 06/12345678 even", "Bel [telefoonnummer] even"),
        ("kantoor 010 - 123 45 67.", "kantoor [telefoonnummer]."),
        ("whatsapp 31612345678 graag", "whatsapp [telefoonnummer] graag"),
        ("mijn BSN is 111-222-333.", "mijn BSN is [BSN]."),
        ("bsn 12345611 (zonder nul)", "bsn [BSN] (zonder nul)"),  # 012345611 passes the elfproef
        ("mail jan @ example.nl graag", "mail [e-mail] graag"),
        ("Ik woon aan de Laan van Meerdervoort 123 in Den Haag", "Ik woon aan de [adres] in Den Haag"),
        # Issue 14: a surname after a form of address.
        ("mevrouw de Vries was heel aardig", "mevrouw [naam] was heel aardig"),
        ("dhr. Jansen hielp mij niet", "dhr. [naam] hielp mij niet"),
        ("mw. van den Berg belde terug", "mw. [naam] belde terug"),
        ("Meneer Bakker en Mevr. El Amrani", "Meneer [naam] en Mevr. [naam]"),
        ("de heer J.P. Bakker-de Wit", "de heer [naam]"),
    ],
)
def test_personal_data_is_replaced(text, expected):
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "meneer zei dat het goed kwam",
        "mevrouw van de gemeente was er niet",
        "bsn 11122233 is geen nummer",  # 011122233 fails the elfproef
        "In 2018 en 2019 ging het beter.",
        "Tussen 1990 en 2000 was alles anders, sinds 2019 is het slechter",
        "Ik wacht al 12 weken, 3,5 uur per dag, 50% van de tijd.",
        "Bedrag 1.234,56 euro; 12.345.678 inwoners",
        "Op 01-02-2023 om 12:30 uur",
        "Ordernummer 123456789 klopt niet",
        "De klantmanager was vriendelijk en behulpzaam.",
        "Vraag 12b en artikel 1234",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact_text(text) == text


def test_names_from_the_list_whole_words_any_case():
    text = "Klantmanager Pietje  Puk en mevrouw jansen waren aardig; Jansens en Janssen niet"
    out = redact_text(text, names=["Pietje Puk", "Jansen"])
    assert out == "Klantmanager [naam] en mevrouw [naam] waren aardig; Jansens en Janssen niet"


def test_longer_names_win():
    assert redact_text("Jan de Vries en Jan", names=["Jan", "Jan de Vries"]) == "[naam] en [naam]"


def test_hostile_markup_passes_through_as_text():
    # Redaction does not escape: that is the site's job. It must not break or drop markup.
    text = "<script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }}"
    assert redact_text(text) == text


@pytest.mark.parametrize(
    ("check", "text", "valid"),
    [
        # BSN: nine digits whose elfproef sum (weights 9, 8, ..., 2, -1) is a non-zero multiple of 11
        (bsn_valid, "111222333", True),
        (bsn_valid, "123456782", True),
        (bsn_valid, "123456789", False),
        (bsn_valid, "000000000", False),
        (bsn_valid, "12345678", False),
        # IBAN: ISO 13616 mod 97 (the published example IBANs of NL, BE and GB)
        (iban_valid, "NL91ABNA0417164300", True),
        (iban_valid, "NL91 ABNA 0417 1643 00", True),
        (iban_valid, "BE68539007547034", True),
        (iban_valid, "GB82WEST12345698765432", True),
        (iban_valid, "NL91ABNA0417164301", False),
        (iban_valid, "XX00", False),
    ],
)
def test_check_digits(check, text, valid):
    assert check(text) is valid


def test_elfproef_matches_the_definition_on_all_check_digits():
    # For a fixed prefix exactly one check digit (0-9) passes, or none when it would be 10.
    for prefix in ("11122233", "98765432", "00000001"):
        total = sum(int(d) * w for d, w in zip(prefix, range(9, 1, -1), strict=True))
        passing = [d for d in range(10) if bsn_valid(prefix + str(d))]
        assert passing == ([total % 11] if total % 11 < 10 else [])


def _bsn_from(prefix: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(prefix, range(9, 1, -1), strict=True))
    check = total % 11
    return prefix + str(check) if check < 10 and int(prefix) > 0 else None


WORDS = st.sampled_from(
    ["de", "balie", "was", "dicht", "en", "ik", "wacht", "al", "weken", "op", "antwoord", "."]
)
FILLER = st.lists(WORDS, min_size=0, max_size=6).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    before=FILLER,
    after=FILLER,
    prefix=st.from_regex(r"[0-9]{8}", fullmatch=True),
    mobile=st.from_regex(r"[0-9]{8}", fullmatch=True),
    user=st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8})?", fullmatch=True),
    separator=st.sampled_from(["", " ", "-"]),
)
def test_generated_pii_never_survives(before, after, prefix, mobile, user, separator):
    bsn = _bsn_from(prefix)
    phone = "06" + separator + mobile
    email = f"{user}@voorbeeld.nl"
    parts = [before, phone, after, email, after]
    if bsn:
        parts += [bsn, before]
    text = " ".join(parts)
    out = redact_text(text)
    assert email not in out and "[e-mail]" in out
    assert re.sub(r"\D", "", phone) not in re.sub(r"\D", "", out)
    assert "[telefoonnummer]" in out
    if bsn:
        assert bsn not in out and "[BSN]" in out


QUESTIONS = [
    Question(
        id="q1",
        text="Tevreden? (fictief)",
        type="single",
        options_complete=True,
        options=[Option(id="ja", label="Ja")],
    ),
    Question(id="q2", text="Wat kan beter? (fictief)", type="open", options_complete=True),
    Question(id="q3", text="Nog iets? (fictief)", type="open", options_complete=True),
]


def test_open_answers_are_redacted_sorted_and_anonymous():
    wide = pl.DataFrame(
        {
            "respondent": ["r1", "r2", "r3", "r4"],
            "q1": ["ja", "ja", None, "ja"],
            "q2": ["Zorg dat Pietje Puk terugbelt: 06-12345678", None, "  ", "Alles prima"],
            "q3": ["mail a@b.nl", "Sneller antwoord", None, None],
        }
    )
    out = publishable_open_answers(wide, QUESTIONS, survey_id="fictief", names=["Pietje Puk"])
    assert out.columns == ["survey", "question", "answer"]
    assert out.rows() == [
        ("fictief", "q2", "Alles prima"),
        ("fictief", "q2", "Zorg dat [naam] terugbelt: [telefoonnummer]"),
        ("fictief", "q3", "Sneller antwoord"),
        ("fictief", "q3", "mail [e-mail]"),
    ]


def test_no_open_questions_gives_an_empty_table():
    wide = pl.DataFrame({"respondent": ["r1"], "q1": ["ja"]})
    out = publishable_open_answers(wide.lazy(), QUESTIONS[:1], survey_id="fictief")
    assert out.is_empty() and out.columns == ["survey", "question", "answer"]
