"""Files the build makes from its inputs, kept in the build cache under the key of everything
they depend on (the Excel workbooks, the page of every field), so a rebuild reads them instead
of making them again."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path

from bejegening.render._vega import write_atomic

__all__ = ["kept"]


def kept(path: Path | None, make: Callable[[], bytes]) -> bytes:
    """``make()``'s bytes, kept at ``path`` (None: no cache) with their SHA-256 on a first line,
    so an entry damaged since it was kept (emptied, cut short) is made again, never used. A
    cache that cannot be read or written only costs the time of ``make``."""
    if path is not None:
        with contextlib.suppress(OSError, ValueError):  # also: no first line, not ASCII
            check, data = path.read_bytes().split(b"\n", 1)
            if check.decode("ascii") == hashlib.sha256(data).hexdigest():
                return data
    data = make()
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data)
    return data
