"""The chart process of a build: a child Python that builds chart specs and draws them while the
build process goes on with downloads, pages and MkDocs.

Why a process: vl-convert holds Python's lock for the whole of a conversion (measured here: a
thread doing the first conversion, 0,7 s of start-up, stopped the main thread for all of it),
and Altair with the chart modules takes about 1 s to import. In a child on the second core, the
imports run while the build loads the data, and the drawing runs while MkDocs builds the pages.
The pages need only a chart's description from its spec; the drawn SVG goes into the built site
after MkDocs (:meth:`ChartProcess.draw` / :meth:`Drawing.wait`). The protocol, the fallback and
the reuse between builds are :mod:`~bejegening.site._worker`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bejegening.site._worker import Pool, Worker, reply_channel, serve_requests, usable_cores

if TYPE_CHECKING:
    from bejegening.site._chart_specs import ChartJob

__all__ = ["ChartProcess", "Drawing", "give_back", "serve", "start_early", "take_process", "usable_cores"]

_CHILD = "from bejegening.site._chart_process import serve\nserve()\n"


def serve() -> None:
    """The child: import what spec building needs now (while the build process loads the data),
    then answer ``specs`` and ``draw`` requests until stdin closes."""
    replies = reply_channel()
    from bejegening.render import _vega, vega_lite_version  # noqa: PLC0415
    from bejegening.site import _chart_specs  # noqa: PLC0415

    _chart_specs.import_chart_builders()
    vega_lite_version()  # imports Altair itself

    def specs(payload: Any) -> object:
        jobs, paths = payload
        return {job.name: _chart_specs.build_specs(job, paths.get(job.name)) for job in jobs}

    def draw(payload: Any) -> object:
        specs, out_dir, cache_dir, vega_lite, derive = payload
        drawn = _vega.render_batch(specs, out_dir, cache_dir=cache_dir, vega_lite=vega_lite, derive=derive)
        return {name: (chart.width, chart.height) for name, chart in drawn.items()}

    serve_requests(replies, {"specs": specs, "draw": draw})


class Drawing:
    """A ``draw`` request on its way: :meth:`wait` gives the sizes by chart name, or None."""

    def __init__(self, process: ChartProcess) -> None:
        self._process = process

    def wait(self) -> dict[str, tuple[int | None, int | None]] | None:
        _ok, result = self._process.receive()
        return result if isinstance(result, dict) else None


class ChartProcess(Worker):
    """The chart child (see the module docstring) for one build at a time."""

    def __init__(self) -> None:
        super().__init__(_CHILD)

    def request_specs(self, jobs: Sequence[ChartJob], paths: Mapping[str, Path | None]) -> bool:
        """Ask for the spec cache entries of ``jobs`` (see
        :func:`bejegening.site._chart_specs.build_specs`), each also written to its path in ``paths``;
        :meth:`receive_specs` gives them. False when the request could not be sent."""
        return self.send("specs", (list(jobs), dict(paths)))

    def receive_specs(self) -> dict[str, dict[str, Any]] | None:
        """The entries asked for by :meth:`request_specs`, by job name; None when the child failed."""
        _ok, result = self.receive()
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
        if not self.send("draw", payload):
            return None
        return Drawing(self)


_IDLE: list[ChartProcess] = []
"""The chart process waiting for a build (:class:`~bejegening.site._worker.Pool`)."""
_POOL = Pool(ChartProcess, lambda: _IDLE)


def start_early() -> None:
    """Start the next build's chart process now, before the build's own imports (about 1 s), so
    the two import at the same time (``bejegening build`` calls this first)."""
    _POOL.start_early()


def take_process() -> ChartProcess | None:
    """The chart process for a build: the one waiting, else a new one when there is another core
    for it; None on a machine with one core (charts are then made in the build)."""
    return _POOL.take()


def give_back(process: ChartProcess) -> None:
    """A build is done with ``process``: it waits for the next build when it is idle and none
    waits yet, else it ends."""
    _POOL.give_back(process)
