"""A build's helper process: a child Python that answers pickled requests while the build goes
on (the chart process, :mod:`~bejegening.site._chart_process`, and the MkDocs process,
:mod:`~bejegening.site._mkdocs_process`).

The protocol is pickled ``(request, payload)`` tuples on the child's stdin and ``("ok", result)``
or ``("error", text)`` replies on a descriptor of its own. Any failure of the child (it cannot
start, dies, answers an error) gives the caller None, and the caller then does the work itself: a
helper only ever saves time, it never decides an outcome. A plain ``python -c`` child, not
``multiprocessing``, so a caller's script without a ``__main__`` guard is never imported again.

Within one Python (``serve``, the tests, a program that builds again) an idle helper of each kind
waits for the next build (:class:`Pool`), so its imports are paid once.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from typing import IO, Generic, TypeVar

from bejegening._child import python_command

__all__ = ["Pool", "Worker", "reply_channel", "serve_requests", "usable_cores"]


def _reply(stream: IO[bytes], status: str, value: object) -> bool:
    """Send one reply whole (pickled first, so a value that cannot be pickled never leaves half a
    reply); False when the build is gone (its end of the pipe closed)."""
    try:
        data = pickle.dumps((status, value), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # whatever pickling raises: the caller does the work itself
        data = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        stream.write(data)
        stream.flush()
    except OSError:  # the build was stopped or killed: nobody waits for the answer
        return False
    return True


def reply_channel() -> IO[bytes]:
    """In the child, first thing: the stream its replies go to. They get a descriptor of their
    own; whatever a library prints from then on (from Python or from native code) goes to
    standard error, so it can never corrupt them. Ctrl+C is the build's to handle (it ends its
    children), so the child ignores it instead of printing a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return replies


def serve_requests(replies: IO[bytes], handlers: Mapping[str, Callable[[object], object]]) -> None:
    """The child's loop: answer each request on ``replies`` (:func:`reply_channel`) with its
    handler's result until stdin closes or the build is gone."""
    requests = sys.stdin.buffer
    while True:
        try:
            request, payload = pickle.load(requests)
        except (EOFError, OSError, pickle.UnpicklingError):
            return
        try:
            result = handlers[request](payload)
        except Exception as exc:  # the caller redoes the work itself and reports there
            status, result = "error", f"{type(exc).__name__}: {exc}"
        else:
            status = "ok"
        if not _reply(replies, status, result):
            return


class Worker:
    """One child Python running ``code`` (which starts with :func:`reply_channel` and ends in
    :func:`serve_requests`), for one build at
    a time; a context manager that always ends the child. ``quiet`` sends what the child prints
    to nowhere instead of this process's standard error."""

    def __init__(self, code: str, *, quiet: bool = True) -> None:
        self._pending = 0
        """Requests sent and not yet answered."""
        try:
            self._child: subprocess.Popen[bytes] | None = subprocess.Popen(
                python_command(code),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL if quiet else None,
            )
        except OSError:
            self._child = None

    def __enter__(self) -> Worker:
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

    def send(self, request: str, payload: object) -> bool:
        """Send one request; False (and the child ended) when it could not be sent."""
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

    def receive(self) -> tuple[bool, object]:
        """The answer to the oldest request not yet received: ``(True, result)``, or ``(False,
        None)`` when the child failed (it is then ended)."""
        child = self._child
        if child is None or child.stdout is None:
            return False, None
        try:
            status, value = pickle.load(child.stdout)
        except (EOFError, OSError, pickle.UnpicklingError, ValueError):
            self.close()
            return False, None
        self._pending -= 1
        return (True, value) if status == "ok" else (False, None)

    @property
    def idle(self) -> bool:
        """Alive, and every request answered: ready for the next build."""
        return self._child is not None and self._child.poll() is None and self._pending == 0


def usable_cores() -> int:
    """The cores this process may run on (``taskset`` and container limits included)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


W = TypeVar("W", bound=Worker)


class Pool(Generic[W]):
    """At most one helper of a kind waiting for a build: started early (:meth:`start_early`), or
    given back by a build (:meth:`give_back`). Ended when this process exits. ``idle`` is the
    list of waiting helpers (a module attribute of the helper's module, so tests can replace it)."""

    def __init__(self, make: Callable[[], W], idle: Callable[[], list[W]]) -> None:
        self._make = make
        self._idle = idle
        self._lock = threading.Lock()
        atexit.register(self._end_idle)

    def _end_idle(self) -> None:
        with self._lock:
            idle = self._idle()
            waiting, idle[:] = list(idle), []
        for worker in waiting:
            worker.close()

    def start_early(self) -> None:
        """Start the next build's helper now, so that its imports run while the build's own do;
        not on a machine with one usable core (the build then does the work itself)."""
        with self._lock:
            idle = self._idle()
            if not idle and usable_cores() > 1:
                idle.append(self._make())

    def take(self) -> W | None:
        """The helper for a build: the one waiting, else a new one when there is another core for
        it; None on a machine with one core."""
        with self._lock:
            idle = self._idle()
            if idle:
                return idle.pop()
        return self._make() if usable_cores() > 1 else None

    def give_back(self, worker: W) -> None:
        """A build is done with ``worker``: it waits for the next build when it is idle and none
        waits yet, else it ends."""
        if worker.idle:
            with self._lock:
                idle = self._idle()
                if not idle:
                    idle.append(worker)
                    return
        worker.close()
