"""View of a grid question's table: per item n, top-2-box, bottom-2-box and net score with their
intervals, in Dutch text, in the order the grid asks for (:func:`bejegening.stats.grid_summary`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from bejegening._nl import format_int, format_pct
from bejegening.model import ITEM_SEPARATOR, ItemsOrder, Question
from bejegening.render._charts_text import MINUS, signed_points_text

if TYPE_CHECKING:
    from bejegening.render._breakdown_view import BreakdownView
    from bejegening.report import SurveyReport

__all__ = [
    "GridFigure",
    "GridGroupRow",
    "GridGroupView",
    "GridItemView",
    "GridView",
    "grid_group_views",
    "grid_merges",
    "grid_view",
]

HIDDEN = "niet getoond"


@dataclass(frozen=True)
class GridFigure:
    """One figure of a grid table in text: a share (or net score) and its margin, the interval
    (empty when there is none)."""

    value: str
    margin: str


@dataclass(frozen=True)
class GridItemView:
    """One item's row of the table (all text)."""

    item: str
    """The item id."""
    text: str
    base: str
    top: GridFigure
    """The share agreeing (top-2-box)."""
    bottom: GridFigure
    """The share disagreeing (bottom-2-box)."""
    net: GridFigure
    """The net score in percentage points."""
    hidden: bool
    """True when a box or the net score is not shown (it would reveal a small cell)."""


@dataclass(frozen=True)
class GridView:
    """The table of a grid question and the words around it."""

    items: tuple[GridItemView, ...]
    top_labels: tuple[str, ...]
    """The options of the top-2-box ("Helemaal eens", "Eens")."""
    bottom_labels: tuple[str, ...]
    order: str
    """How the items are ordered, in words."""
    hidden: bool
    """Some figure is not shown."""


_ORDER = {
    ItemsOrder.questionnaire: "in de volgorde van de vragenlijst",
    ItemsOrder.top_box: "van het hoogste naar het laagste aandeel eens",
    ItemsOrder.net_score: "van de hoogste naar de laagste nettoscore",
}


def _figure(
    value: float | None, low: float | None, high: float | None, text: Callable[[float], str]
) -> GridFigure:
    """A figure written by ``text`` (:data:`HIDDEN` when not shown) and its interval (empty when none)."""
    return GridFigure(
        HIDDEN if value is None else text(value),
        "" if low is None or high is None else f"{text(low)} tot {text(high)}",
    )


def _pct(value: float) -> str:
    return format_pct(value, 1)


def _points(value: float) -> str:
    """A net score in percentage points with its sign: ``+50,7``, ``−38,2``, ``0,0``."""
    return signed_points_text(value, 1, minus=MINUS)


def _share(row: Mapping[str, Any], box: str) -> GridFigure:
    """The share of ``box`` (``top`` or ``bottom``) in a summary row, with its interval."""
    return _figure(row[f"{box}_pct"], row[f"{box}_ci_low"], row[f"{box}_ci_high"], _pct)


def grid_view(question: Question, summary: pl.DataFrame | None) -> GridView | None:
    """The table view of the grid ``question`` from its :func:`bejegening.stats.grid_summary`
    rows; None for a question that is no grid or has no summary."""
    if not question.is_grid or summary is None or summary.is_empty():
        return None
    labels = {o.id: o.label for o in question.options}
    first = summary.row(0, named=True)
    items = []
    for row in summary.sort("rank").iter_rows(named=True):
        items.append(
            GridItemView(
                item=str(row["item"]),
                text=str(row["item_text"]),
                base=format_int(row["base"]),
                top=_share(row, "top"),
                bottom=_share(row, "bottom"),
                net=_figure(row["net"], row["net_ci_low"], row["net_ci_high"], _points),
                hidden=row["base"] is not None and (row["top_pct"] is None or row["net"] is None),
            )
        )
    return GridView(
        items=tuple(items),
        top_labels=tuple(labels.get(o, o) for o in reversed(first["top_options"] or [])),
        bottom_labels=tuple(labels.get(o, o) for o in (first["bottom_options"] or [])),
        order=_ORDER[question.items_order],
        hidden=any(i.hidden for i in items),
    )


def grid_merges(report: SurveyReport, question: Question) -> list[tuple[str, tuple[str, ...]]]:
    """The options merged for a grid's items (label, part labels), each once: the merges are the
    same for every item (:func:`bejegening.stats.merge_small_categories`). Empty for other
    questions."""
    if not question.is_grid:
        return []
    prefix = f"{question.id}{ITEM_SEPARATOR}"
    found = {(m.label, tuple(m.part_labels)) for m in report.merges if m.question.startswith(prefix)}
    return sorted(found)


@dataclass(frozen=True)
class GridGroupRow:
    """One item's row of a "Per groep" table: its share agreeing in every shown group."""

    item: str
    text: str
    cells: tuple[GridFigure, ...]
    """Per shown group, the share agreeing (top-2-box)."""


@dataclass(frozen=True)
class GridGroupView:
    """The "Per groep" section of a grid question for one background variable: per item the
    share agreeing (top-2-box) in each group, the groups too small to show, and per item the
    test of independence in one sentence (from its crosstab, as on an ordinary question page)."""

    by: str
    label: str
    anchor: str
    groups: tuple[str, ...]
    too_small: tuple[str, ...]
    too_small_reason: str
    rows: tuple[GridGroupRow, ...]
    tests: tuple[tuple[str, str], ...]
    """(statement, the sentence about its test)."""
    hidden: bool
    """Some share is not shown (it would reveal a small number)."""


def grid_group_views(
    question: Question,
    summary: pl.DataFrame | None,
    item_views: Sequence[Sequence[BreakdownView]],
) -> tuple[GridGroupView, ...]:
    """The "Per groep" sections of the grid ``question`` from :func:`bejegening.report.report_grid_groups`
    rows (``summary``) and, per item in questionnaire order, its breakdown views (label, anchor,
    test sentence per background variable)."""
    if not question.is_grid or summary is None or summary.is_empty():
        return ()
    views = []
    texts = {item.id: item.text for item in question.items}
    for (by,), part in summary.group_by("by", maintain_order=True):
        per_item = [next((v for v in views_ if v.by == by), None) for views_ in item_views]
        first = next((v for v in per_item if v is not None), None)
        if first is None:
            continue
        shown = part.filter(~pl.col("too_small"))
        groups = tuple(dict.fromkeys(str(g) for g in shown.get_column("group").to_list()))
        rows = []
        for item in (i.id for i in question.items):
            cells = {r["group"]: r for r in shown.filter(pl.col("item") == item).iter_rows(named=True)}
            rows.append(
                GridGroupRow(
                    item=item,
                    text=texts[item],
                    cells=tuple(
                        _share(cells[g], "top") if g in cells else GridFigure(HIDDEN, "") for g in groups
                    ),
                )
            )
        too_small = tuple(
            dict.fromkeys(str(g) for g in part.filter(pl.col("too_small")).get_column("group").to_list())
        )
        views.append(
            GridGroupView(
                by=str(by),
                label=first.label,
                anchor=first.anchor,
                groups=groups,
                too_small=too_small,
                too_small_reason=first.too_small_reason,
                rows=tuple(rows),
                tests=tuple(
                    (texts[item.id], view.sentence)
                    for item, view in zip(question.items, per_item, strict=True)
                    if view is not None
                ),
                hidden=any(cell.value == HIDDEN for row in rows for cell in row.cells),
            )
        )
    return tuple(views)
