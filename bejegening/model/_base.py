"""What every model shares: a frozen, strict pydantic base and the id type."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

__all__ = ["FrozenModel", "Identifier", "Text"]

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=80),
]
"""An id: lower-case letters, digits, ``-`` and ``_``; starts with a letter or digit."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Text that must be given: surrounding spaces are dropped, and what remains is not empty."""


class FrozenModel(BaseModel):
    """Immutable, no unknown fields, enums kept as enums, no NaN or infinity."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, allow_inf_nan=False)
