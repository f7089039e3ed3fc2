"""A source document cited so that a reader can find and check it.

:func:`citation` turns a :class:`~bejegening.model.Source` into the parts of a full citation in
Dutch: title, kind, author, publisher, date, address (or "niet online beschikbaar"), and where a
copy can be requested. Every part the source does not state says "niet bekend"; nothing is
guessed, and the project's internal file name (``Source.file``) is never part of it.
:class:`SourceRef` is the short form a source line under figures uses (title and section).
"""

from __future__ import annotations

from dataclasses import dataclass

from bejegening._nl import format_date
from bejegening.model import Source

__all__ = ["Citation", "SourceRef", "citation"]

UNKNOWN = "niet bekend"


@dataclass(frozen=True)
class SourceRef:
    """A source named in a source line; ``id`` links to its full citation on the method page."""

    id: str | None
    title: str
    section: str | None


@dataclass(frozen=True)
class Citation:
    """The parts of a full citation, as plain Dutch text (escaped by the templates)."""

    id: str
    title: str
    kind: str | None
    author: str
    publisher: str
    date: str
    url: str | None
    """Internet address, only when the source states one."""
    address: str
    """The address in words when there is no URL: "niet online beschikbaar" or why it is unknown."""
    request_from: str
    note: str | None

    @property
    def rows(self) -> tuple[tuple[str, str], ...]:
        """(label, text) per part after the title, in citation order (the address excluded)."""
        return (
            ("Schrijver", self.author),
            ("Uitgegeven door", self.publisher),
            ("Datum", self.date),
        )


def _address(source: Source) -> str:
    if source.url is not None:
        return source.url
    if source.online is False:
        return "niet online beschikbaar"
    if source.online is True:
        return "online verschenen, maar het adres staat niet in de bron"
    return "niet bekend"


def citation(source: Source) -> Citation:
    """The full citation of ``source``; unknown parts read "niet bekend"."""
    if source.request_from is not None:
        request = source.request_from
    elif source.publisher is not None:
        request = f"niet bekend; vraag het na bij de uitgever ({source.publisher})"
    else:
        request = UNKNOWN
    return Citation(
        id=source.id,
        title=source.title,
        kind=source.kind,
        author=source.author or UNKNOWN,
        publisher=source.publisher or UNKNOWN,
        date=format_date(source.date) if source.date is not None else UNKNOWN,
        url=source.url,
        address=_address(source),
        request_from=request,
        note=source.note,
    )
