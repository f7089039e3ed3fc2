"""Layer 6: the command line (typer). Each verb is a thin wrapper over a documented function.

Verbs live in their own modules (``_validate``, ``_stats``, ``_check``, ``_build``, ``_init``)
and register themselves on :data:`app` when imported. Importing this package imports none of
them: ``app`` is loaded on first use, and ``bejegening --version`` is answered before typer is
imported at all (a fast start).
"""

import gc
import sys
from typing import TYPE_CHECKING

from bejegening._version import __version__

if TYPE_CHECKING:
    from bejegening.cli._app import app

__all__ = ["app", "main", "version_text"]


def version_text() -> str:
    """What ``bejegening --version`` prints."""
    return f"bejegening {__version__}"


def _load_app() -> object:
    from bejegening.cli import (  # noqa: PLC0415  (each registers its verb on the app)
        _build,  # noqa: F401
        _check,  # noqa: F401
        _init,  # noqa: F401
        _stats,  # noqa: F401
        _validate,  # noqa: F401
    )
    from bejegening.cli._app import app  # noqa: PLC0415

    return app


def __getattr__(name: str) -> object:
    if name == "app":
        value = _load_app()
        globals()["app"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console-script entry point (``bejegening``)."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        print(version_text())
        sys.exit(0)
    try:
        _load_app()
        from bejegening.cli._app import main as run  # noqa: PLC0415

        run()
    except KeyboardInterrupt:  # Ctrl+C while the command starts: stopped, as later on
        sys.exit(130)
    finally:
        # Python's exit would walk every object a build made once more (about 0,3 s after a
        # build, measured here); frozen objects are left to the operating system.
        gc.freeze()
