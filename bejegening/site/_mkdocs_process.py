"""The MkDocs process of a build: a child Python that imports MkDocs, the theme, its plugins and
the Markdown extensions while the build loads the data and writes the pages (it is started by
the build itself, not at the command's start: see the developer guide), and then runs the
MkDocs build of the generated project (:func:`~bejegening.site._mkdocs.run_mkdocs`).

Why a process: those imports and the loading of MkDocs' settings take about 0,4 s, all of it on
the way of a build that changed one question. The protocol, the fallback (the build runs MkDocs
itself when the child fails) and the reuse between builds are :mod:`~bejegening.site._worker`'s.
A failing MkDocs build is an answer, not a failure of the child: its error (the Dutch
:class:`~bejegening.site.SiteBuildError`, or what a hook or template of the project raised)
comes back and is raised, as when MkDocs runs in the build, and MkDocs does not run twice.
What MkDocs prints goes to this process's standard error, as when it runs here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bejegening.site._worker import Pool, Worker, reply_channel, serve_requests

__all__ = ["PACKAGED_CONFIG", "MkDocsProcess", "Raised", "give_back", "serve", "take_process"]

_CHILD = "from bejegening.site._mkdocs_process import serve\nserve()\n"
PACKAGED_CONFIG = Path(__file__).resolve().parent / "_files" / "mkdocs.yml"
"""The site's theme and engine settings, shipped as package data with ``pages/`` (the general
pages) and ``overrides/`` (the theme overrides) beside it (here, so that the child finds them
without importing the build)."""


def serve() -> None:
    """The child: load the packaged MkDocs settings once (imports included), then answer
    ``build`` requests until stdin closes."""
    replies = reply_channel()
    from bejegening.site import _mkdocs  # noqa: PLC0415

    _mkdocs.warm_up(PACKAGED_CONFIG)

    def build(payload: Any) -> object:
        config_path, template_cache, environ, cwd = payload
        os.environ.clear()
        os.environ.update(environ)  # SOURCE_DATE_EPOCH among others: as in the build process
        os.chdir(cwd)
        try:
            _mkdocs.run_mkdocs(config_path, template_cache)
        except Exception as exc:
            # MkDocs refusing the site, or a hook or template of the project raising: that is
            # the answer (the build raises it), not a failure of this process.
            return Raised.of(exc)
        return None

    serve_requests(replies, {"build": build})


@dataclass(frozen=True)
class Raised:
    """An error MkDocs raised in the child, on its way back: the exception pickled (when it can
    be), its type's name, its message and the child's traceback."""

    pickled: bytes | None
    name: str
    message: str
    trace: str

    @classmethod
    def of(cls, exc: Exception) -> Raised:
        try:
            pickled: bytes | None = pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an exception that cannot be pickled travels by its text
            pickled = None
        return cls(pickled, type(exc).__name__, str(exc), traceback.format_exc())

    def error(self) -> Exception:
        """The error to raise in the build: the same exception when it can be read back there
        and says the same; else one of the same name and message (a class from the project's
        hook, say, that only the child imported). Either way with the child's traceback as a
        note, which ``BEJEGENING_DEBUG=1`` shows."""
        error: Exception | None = None
        if self.pickled is not None:
            with contextlib.suppress(Exception):  # any error of reading it back
                error = pickle.loads(self.pickled)
        if not isinstance(error, Exception) or str(error) != self.message:
            error = type(self.name, (Exception,), {"__module__": "mkdocs"})(self.message)
        error.add_note(f"In het MkDocs-proces:\n{self.trace.rstrip()}")
        return error


class MkDocsProcess(Worker):
    """The MkDocs child (see the module docstring) for one build at a time."""

    def __init__(self) -> None:
        super().__init__(_CHILD, quiet=False)

    def build(self, config_path: Path, template_cache: Path | None) -> tuple[bool, Exception | None]:
        """MkDocs' build of the project at ``config_path`` in the child, with this process's
        environment and current folder: ``(True, None)`` when built, ``(True, error)`` when
        MkDocs failed (the error to raise: :class:`~bejegening.site.SiteBuildError` with its
        Dutch message, or what a hook or template of the project raised), ``(False, None)`` when
        the child failed (then nothing is known: run MkDocs here)."""
        environ: Mapping[str, str] = dict(os.environ)
        if not self.send("build", (config_path, template_cache, environ, os.getcwd())):
            return False, None
        answered, result = self.receive()
        if not answered or not (result is None or isinstance(result, Raised)):
            return False, None
        return True, None if result is None else result.error()


_IDLE: list[MkDocsProcess] = []
"""The MkDocs process waiting for a build (:class:`~bejegening.site._worker.Pool`)."""
_POOL = Pool(MkDocsProcess, lambda: _IDLE)


def take_process() -> MkDocsProcess | None:
    """The MkDocs process for a build: the one waiting, else a new one when there is another core
    for it; None on a machine with one core (MkDocs then runs in the build)."""
    return _POOL.take()


def give_back(process: MkDocsProcess) -> None:
    """A build is done with ``process``: it waits for the next build when it is idle and none
    waits yet, else it ends."""
    _POOL.give_back(process)
