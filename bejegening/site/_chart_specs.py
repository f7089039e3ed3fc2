"""A chart job and its Vega-Lite spec: what the build's chart process needs, and no more (it
imports this module, Altair and the chart modules; not the report or the pages)."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from bejegening.render._vega import write_atomic

__all__ = ["ChartJob", "build_specs", "import_chart_builders"]


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: its key (``survey/question``), data and title (picklable)."""

    key: str
    label: str
    kind: str
    """``single`` (a question's Frequency table rows), ``grid`` (the rows of a grid's items, with
    ``item_text`` and ``item_rank``), ``histogram`` (a numeric question's bins, with ``k``),
    ``crosstab`` (a question by a background variable) or
    ``verbal`` (findings in words)."""
    frame: pl.DataFrame
    title: str
    group_title: str | None = None
    """Name of the background variable (``crosstab`` only)."""
    base_range: tuple[int, int] | None = None
    """Smallest and largest base that fit the printed figures (an inferred base, not unique)."""

    @property
    def name(self) -> str:
        """File name stem: ``survey.question``."""
        return self.key.replace("/", ".")


def _spec(job: ChartJob) -> dict[str, Any]:
    """The job's Vega-Lite spec (theme applied)."""
    from bejegening.render import (  # noqa: PLC0415  (Altair: only for charts not in the cache)
        chart_spec,
        crosstab_chart,
        grid_chart,
        histogram_chart,
        single_choice_chart,
        verbal_findings_chart,
    )

    # Not validated against the Vega-Lite schema here (85 % of the time of a spec): the builders
    # are this package's own, and the tests validate what they make for the bundled data.
    if job.kind == "verbal":
        chart = verbal_findings_chart(job.frame, title=job.title)
    elif job.kind == "grid":
        labels = dict(job.frame.select("question", "item_text").unique(maintain_order=True).iter_rows())
        chart = grid_chart(job.frame, item_labels=labels, title=job.title)
    elif job.kind == "histogram":
        k = int(job.frame.get_column("k")[0])
        chart = histogram_chart(job.frame.drop("k"), title=job.title, k=k)
    elif job.kind == "crosstab":
        chart = crosstab_chart(job.frame, group_title=job.group_title, question_text=job.title)
    else:
        chart = single_choice_chart(job.frame, question_text=job.title, base_range=job.base_range)
    return chart_spec(chart, validate=False)


def _write_entry(path: Path, entry: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def import_chart_builders() -> None:
    """Import Altair and the chart modules (about 1 s), e.g. in the chart process at its start."""
    from bejegening.render import (  # noqa: PLC0415, F401
        crosstab_chart,
        grid_chart,
        histogram_chart,
        single_choice_chart,
        verbal_findings_chart,
    )


def build_specs(job: ChartJob, path: Path | None) -> dict[str, Any]:
    """The spec cache entry of ``job``: its light and dark spec and the Vega-Lite version they
    are written for, also stored at ``path`` (when given). Imports Altair."""
    from bejegening.render import vega_lite_version  # noqa: PLC0415
    from bejegening.render._theme import dark_spec  # noqa: PLC0415

    spec = _spec(job)
    entry = {"light": spec, "dark": dark_spec(spec), "vega_lite": vega_lite_version()}
    if path is not None:
        _write_entry(path, entry)
    return entry
