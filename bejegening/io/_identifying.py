"""Columns of survey-tool exports that identify people: never a source of published text.

One list for every reader: the metadata columns that Microsoft Forms, Google Forms, SurveyMonkey,
Qualtrics and LimeSurvey add (names, e-mail addresses, IP addresses, recipient and location
data) and the obvious Dutch and English headers of a hand-made file.  A column on this list is
refused as the column of an open question or a background variable, because the site would
publish its values as text (open answers) or as group labels (breakdowns).

Headers are compared after removing case, accents, spaces and punctuation, so ``IPAddress``,
``IP Address``, ``ip_address`` and ``IP-adres`` are one name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

__all__ = ["IDENTIFYING_COLUMNS", "identifying_kind", "squash"]

_KINDS: dict[str, tuple[str, ...]] = {
    "naam": (
        # generic, Dutch and English
        "naam",
        "name",
        "volledige naam",
        "full name",
        "voornaam",
        "achternaam",
        "tussenvoegsel",
        "voorletters",
        "roepnaam",
        "first name",
        "last name",
        "firstname",
        "lastname",
        "surname",
        "respondent name",
        "naam respondent",
        # Microsoft Forms
        "naam van respondent",
        # Qualtrics
        "recipient first name",
        "recipient last name",
        "recipientfirstname",
        "recipientlastname",
    ),
    "e-mailadres": (
        "e-mail",
        "email",
        "e-mailadres",
        "emailadres",
        "email address",
        "e-mail address",
        "mail",
        "mailadres",
        # Qualtrics
        "recipient email",
        "recipientemail",
    ),
    "IP-adres": (
        "ip",
        "ip address",
        "ip-adres",
        "ipadres",
        "ipaddr",  # LimeSurvey
        "ipaddress",  # Qualtrics
    ),
    "locatie": (
        "location latitude",  # Qualtrics
        "location longitude",
        "locationlatitude",
        "locationlongitude",
        "latitude",
        "longitude",
        "breedtegraad",
        "lengtegraad",
        "geolocation",
    ),
    "ontvangersgegevens": (
        "external reference",  # Qualtrics
        "externalreference",
        "external data reference",
        "externaldatareference",
        "recipient",
        "token",  # LimeSurvey: the participant's invitation code
        "custom data 1",  # SurveyMonkey: often the e-mail address or name of the recipient
        "custom data",
        "collector id",  # SurveyMonkey: can tie an answer to one e-mail invitation
        "respondent e-mail",
    ),
    "adres of telefoonnummer": (
        "adres",
        "address",
        "straat",
        "street",
        "huisnummer",
        "postcode",
        "zip",
        "zip code",
        "telefoon",
        "telefoonnummer",
        "mobiel",
        "mobiel nummer",
        "phone",
        "phone number",
        "telephone",
    ),
    "burgerservicenummer of geboortedatum": (
        "bsn",
        "burgerservicenummer",
        "sofinummer",
        "geboortedatum",
        "date of birth",
        "birth date",
        "birthdate",
        "klantnummer",
        "dossiernummer",
    ),
}


def squash(header: str) -> str:
    """A header without case, accents, spaces or punctuation: ``"IP-adres "`` → ``"ipadres"``."""
    text = unicodedata.normalize("NFKD", header).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text)


IDENTIFYING_COLUMNS: Mapping[str, str] = {
    squash(name): kind for kind, names in _KINDS.items() for name in names
}
"""Squashed header (see :func:`squash`) → the Dutch kind of personal data it holds."""


def identifying_kind(header: str) -> str | None:
    """The Dutch kind of personal data a column with this header holds, or None.

    >>> identifying_kind("IPAddress"), identifying_kind("Wat vond u van de bejegening?")
    ('IP-adres', None)
    """
    return IDENTIFYING_COLUMNS.get(squash(header))
