"""Keyword parameters declared once, as a ``TypedDict`` (``**options: Unpack[...]``, PEP 692).

A type checker checks every call against the ``TypedDict``; at run time Python would accept any
keyword, so :func:`reject_unknown` raises the ``TypeError`` a misspelt keyword raises for an
ordinary signature (``frequencies(..., confidense=0.9)`` must not silently use 0.95).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

__all__ = ["reject_unknown"]


class _Declared(Protocol):
    __required_keys__: frozenset[str]
    __optional_keys__: frozenset[str]


def reject_unknown(function: str, options: Mapping[str, object], declared: _Declared) -> None:
    """Raise ``TypeError`` for a key of ``options`` that the ``TypedDict`` ``declared`` lacks."""
    known = declared.__required_keys__ | declared.__optional_keys__
    for name in options:
        if name not in known:
            raise TypeError(f"{function}() got an unexpected keyword argument {name!r}")
