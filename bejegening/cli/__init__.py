"""Layer 6: the command line (typer). Each verb is a thin wrapper over a documented function.

Verbs live in their own modules (``_validate``, ``_stats``, ``_check``, ``_build``, ``_init``)
and register themselves on :data:`app` when imported below.
"""

from bejegening.cli import (
    _build,  # noqa: F401  (registers the verb)
    _check,  # noqa: F401  (registers the verb)
    _init,  # noqa: F401  (registers the verb)
    _stats,  # noqa: F401  (registers the verb)
    _validate,  # noqa: F401  (registers the verb)
)
from bejegening.cli._app import app, main

__all__ = ["app", "main"]
