"""A child Python that imports the same code as this process (for the build's helper processes)."""

from __future__ import annotations

import os
import sys

__all__ = ["python_command"]


def python_command(code: str, *args: str) -> list[str]:
    """The command that runs ``code`` (``python -c``) with ``args`` in a child Python whose import
    path is this process's (``sys.path``, the current folder's entry made absolute).

    ``python -c`` would put the child's current folder first on its path, so a ``bejegening``
    folder there (a checkout, a copy) would be imported instead of the code this process runs;
    ``-P`` leaves it out and the path is set before anything else is imported.
    """
    path = [os.path.abspath(entry) if entry else os.getcwd() for entry in sys.path]
    prelude = f"import sys\nsys.path[:] = {path!r}\n"
    return [sys.executable, "-P", "-c", prelude + code, *args]
