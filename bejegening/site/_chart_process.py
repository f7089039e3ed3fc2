"""The chart process of a build: a child Python that builds chart specs and draws them while the
build process goes on with downloads, pages and MkDocs.

Why a process: vl-convert holds Python's lock for the whole of a conversion (measured here: a
thread doing the first conversion, 0,7 s of start-up, stopped the main thread for all of it),
and Altair with the chart modules takes about 1 s to import. In a child on the second core, the
imports run while the build loads the data, and the drawing runs while MkDocs builds the pages.
The pages need only a chart's description from its spec; the drawn SVG goes into the built site
after MkDocs (:meth:`ChartProcess.draw` / :meth:`Drawing.wait`).

The protocol is pickled ``(request, payload)`` tuples on the child's stdin and ``("ok", result)``
or ``("error", text)`` replies on its stdout. Any failure of the child (it cannot start, dies,
answers an error) returns None to the caller, which then does the work itself: the child only
ever saves time, it never decides an outcome. A plain ``python -c`` child, not
``multiprocessing``, so a caller's script without a ``__main__`` guard is never imported again.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from bejegening._child import python_command

if TYPE_CHECKING:
    from bejegening.site._chart_specs import ChartJob

__all__ = ["ChartProcess", "Drawing", "give_back", "serve", "start_early", "take_process", "usable_cores"]

_CHILD = "from bejegening.site._chart_process import serve\nserve()\n"


def _reply(stream: IO[bytes], status: str, value: object) -> None:
    pickle.dump((status, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def serve() -> None:
    """The child's loop: answer ``specs`` and ``draw`` requests until stdin closes."""
    requests = sys.stdin.buffer
    # The replies get a descriptor of their own; whatever a library prints (from Python or from
    # native code) goes to standard error, so it can never corrupt them.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    # Import what spec building needs now, while the build process loads the data.
    from bejegening.render import _vega, vega_lite_version  # noqa: PLC0415
    from bejegening.site import _chart_specs  # noqa: PLC0415

    _chart_specs.import_chart_builders()
    vega_lite_version()  # imports Altair itself
    while True:
        try:
            request, payload = pickle.load(requests)
        except (EOFError, OSError, pickle.UnpicklingError):
            return
        try:
            if request == "specs":
                jobs, paths = payload
                build = _chart_specs.build_specs
                result: object = {job.name: build(job, paths.get(job.name)) for job in jobs}
            elif request == "draw":
                specs, out_dir, cache_dir, vega_lite, derive = payload
                drawn = _vega.render_batch(
                    specs, out_dir, cache_dir=cache_dir, vega_lite=vega_lite, derive=derive
                )
                result = {name: (chart.width, chart.height) for name, chart in drawn.items()}
            else:
                raise ValueError(f"unknown request {request!r}")
        except Exception as exc:  # the caller redoes the work itself and reports there
            _reply(replies, "error", f"{type(exc).__name__}: {exc}")
            continue
        _reply(replies, "ok", result)


class Drawing:
    """A ``draw`` request on its way: :meth:`wait` gives the sizes by chart name, or None."""

    def __init__(self, process: ChartProcess) -> None:
        self._process = process

    def wait(self) -> dict[str, tuple[int | None, int | None]] | None:
        result = self._process._receive()
        return result if isinstance(result, dict) else None


class ChartProcess:
    """One child Python (see the module docstring) for one build at a time; a context manager
    that always ends the child."""

    def __init__(self) -> None:
        self._pending = 0
        """Requests sent and not yet answered."""
        try:
            self._child: subprocess.Popen[bytes] | None = subprocess.Popen(
                python_command(_CHILD),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._child = None

    def __enter__(self) -> ChartProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the child (at once: nothing it still does is needed)."""
        child, self._child = self._child, None
        if child is None:
            return
        with contextlib.suppress(OSError):
            child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def _send(self, request: str, payload: object) -> bool:
        child = self._child
        if child is None or child.stdin is None:
            return False
        try:
            pickle.dump((request, payload), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            child.stdin.flush()
        except (OSError, pickle.PicklingError):
            self.close()
            return False
        self._pending += 1
        return True

    def _receive(self) -> object | None:
        child = self._child
        if child is None or child.stdout is None:
            return None
        try:
            status, value = pickle.load(child.stdout)
        except (EOFError, OSError, pickle.UnpicklingError, ValueError):
            self.close()
            return None
        self._pending -= 1
        return value if status == "ok" else None

    @property
    def idle(self) -> bool:
        """Alive, and every request answered: ready for the next build."""
        return self._child is not None and self._child.poll() is None and self._pending == 0

    def request_specs(self, jobs: Sequence[ChartJob], paths: Mapping[str, Path | None]) -> bool:
        """Ask for the spec cache entries of ``jobs`` (see
        :func:`bejegening.site._chart_specs.build_specs`), each also written to its path in ``paths``;
        :meth:`receive_specs` gives them. False when the request could not be sent."""
        return self._send("specs", (list(jobs), dict(paths)))

    def receive_specs(self) -> dict[str, dict[str, Any]] | None:
        """The entries asked for by :meth:`request_specs`, by job name; None when the child failed."""
        result = self._receive()
        return result if isinstance(result, dict) else None

    def draw(
        self,
        specs: Mapping[str, Mapping[str, Any]],
        out_dir: Path,
        cache_dir: Path | None,
        vega_lite: str | None,
        derive: Mapping[str, tuple[str, Callable[[str], str | None]]],
    ) -> Drawing | None:
        """Start drawing ``specs`` into ``out_dir`` (:func:`bejegening.render.render_batch`, with
        its ``derive``: module-level functions only); None when the request could not be sent."""
        payload = ({k: dict(v) for k, v in specs.items()}, out_dir, cache_dir, vega_lite, dict(derive))
        if not self._send("draw", payload):
            return None
        return Drawing(self)


_IDLE: list[ChartProcess] = []
"""At most one chart process waiting for a build: started early (:func:`start_early`), or
given back by a build (:func:`give_back`), so that ``serve`` and a program that builds again
keep Altair imported and vl-convert started. Ended when this process exits."""
_LOCK = threading.Lock()


def _end_idle() -> None:
    with _LOCK:
        idle, _IDLE[:] = list(_IDLE), []
    for process in idle:
        process.close()


atexit.register(_end_idle)


def usable_cores() -> int:
    """The cores this process may run on (``taskset`` and container limits included)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def start_early() -> None:
    """Start the next build's chart process now, before the build's own imports (about 1 s), so
    the two import at the same time (``bejegening build`` calls this first)."""
    with _LOCK:
        if not _IDLE and usable_cores() > 1:
            _IDLE.append(ChartProcess())


def take_process() -> ChartProcess | None:
    """The chart process for a build: the one waiting, else a new one when there is another core
    for it; None on a machine with one core (charts are then made in the build)."""
    with _LOCK:
        if _IDLE:
            return _IDLE.pop()
    return ChartProcess() if usable_cores() > 1 else None


def give_back(process: ChartProcess) -> None:
    """A build is done with ``process``: it waits for the next build when it is idle and none
    waits yet, else it ends."""
    if process.idle:
        with _LOCK:
            if not _IDLE:
                _IDLE.append(process)
                return
    process.close()
