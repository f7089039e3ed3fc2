"""The outcome of one check, apart from the rules so the command line can name it without
loading polars (``bejegening check --status``)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CheckStatus"]


class CheckStatus(StrEnum):
    """Outcome of one check."""

    consistent = "consistent"
    """The figure fits (with the other figures it was checked against)."""
    inconsistent = "inconsistent"
    """The figure cannot be right together with the others (or on its own)."""
    niet_toetsbaar = "niet_toetsbaar"
    """Nothing to check it against: no figures, no base, or no size named."""
