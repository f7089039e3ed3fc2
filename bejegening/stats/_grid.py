"""Grid (matrix) questions: per item the top-2-box and bottom-2-box shares and the net score,
computed only from figures a published frequency table already shows.

A grid's items are answered on one scale; the site shows them side by side. Small cells are
suppressed in the frequency table (:func:`bejegening.stats.suppress_small_cells`), so a box total
(say "Oneens" + "Helemaal oneens") could give a hidden cell away: the shown "Oneens" subtracted
from the box leaves the hidden one.  :func:`grid_summary` therefore shows a box only when it
follows from the shown figures anyway: when no cell inside the box is hidden, or when the box
holds *every* hidden answer of the item (their sum is then the base minus the shown cells,
already derivable).  Otherwise the box, and with it the net score, is null ("niet getoond").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from bejegening.model import ItemsOrder, Question, Valence
from bejegening.stats._frames import REMAINDER_OPTION
from bejegening.stats._intervals import IntervalMethod, net_score_interval, proportion_interval
from bejegening.stats._likert import BOX_COLUMNS, box_size, diverging_order
from bejegening.stats._merge import CategoryMerge

__all__ = ["GRID_SCHEMA", "grid_summary"]

GRID_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "item": pl.String(),
    "item_question": pl.String(),
    "item_text": pl.String(),
    "position": pl.Int64(),
    "rank": pl.Int64(),
    **BOX_COLUMNS,
}
"""One row per item of a grid, in the order the grid asks for (``rank``, 1 = first):
``question`` the grid's id, ``item`` the item id, ``item_question`` its id in the answers
(``q5.a``), ``item_text`` the statement, ``position`` its place in the questionnaire, ``base``
the substantive answers (without "weet niet"), ``box`` the options per box (2 on scales of 4
points or more). Shares are fractions of the substantive answers; ``top_*`` is the top-2-box
(the most positive options) with its Wilson interval, ``bottom_*`` the bottom-2-box, ``net``
= top − bottom with :func:`net_score_interval`. A figure that would reveal a suppressed cell is
null."""


def _parts(row: Mapping[str, Any], merged: Mapping[tuple[str, str], tuple[str, ...]]) -> set[str]:
    """The questionnaire options a (possibly merged) frequency row stands for."""
    option = str(row["option"])
    return set(merged.get((str(row["question"]), option), (option,)))


def _box(
    rows: list[dict[str, Any]],
    members: set[str],
    merged: Mapping[tuple[str, str], tuple[str, ...]],
    base: int | None,
) -> tuple[float, int | None] | None:
    """(share, count) of the box ``members`` as the shown figures give it, or None if hidden."""
    inside = [r for r in rows if _parts(r, merged) <= members]
    if any(_parts(r, merged) & members and not _parts(r, merged) <= members for r in rows):
        return None  # a merged option straddles the box edge
    hidden_all = [r for r in rows if r["pct"] is None]
    hidden_inside = [r for r in inside if r["pct"] is None]
    shown_inside = [r for r in inside if r["pct"] is not None]
    share = sum(float(r["pct"]) for r in shown_inside)
    counts = [r["n"] for r in shown_inside]
    count = sum(int(c) for c in counts) if all(c is not None for c in counts) else None
    if not hidden_inside:
        return share, count
    if len(hidden_inside) != len(hidden_all):
        return None
    # Every hidden answer lies in this box: its sum is the base minus the shown cells.
    shown_outside = [r for r in rows if r["pct"] is not None and r not in inside]
    share = 1.0 - sum(float(r["pct"]) for r in shown_outside)
    outside_counts = [r["n"] for r in shown_outside]
    if base is None or not all(c is not None for c in outside_counts):
        return max(0.0, share), None
    return max(0.0, share), base - sum(int(c) for c in outside_counts)


def _interval(share: float, n_eff: float, method: IntervalMethod, confidence: float) -> tuple[float, float]:
    low, high = proportion_interval([share * n_eff], [n_eff], method=method, confidence=confidence)
    return float(low[0]), float(high[0])


def grid_summary(
    freq: pl.DataFrame,
    question: Question,
    *,
    merges: Sequence[CategoryMerge] = (),
    confidence: float = 0.95,
    method: IntervalMethod = "wilson",
) -> pl.DataFrame:
    """Top-2-box, bottom-2-box and net score of every item of the grid ``question``.

    ``freq`` is a frequency table holding the items as questions (``<grid>.<item>``), usually
    with small cells suppressed (``pct`` null); ``merges`` the options merged instead
    (:func:`bejegening.stats.merge_small_categories`), so a merged "(Helemaal) eens" counts as the
    two options it stands for. The boxes are the two most positive and the two most negative
    options of the grid's scale in :func:`bejegening.stats.diverging_order` (one each on scales
    of fewer than 4 points); "weet niet" (non-substantive) is outside the base.

    - box share p̂ with the Wilson (or Clopper-Pearson) interval on the item's effective n
      (E. B. Wilson 1927, *JASA* 22:209);
    - net score ``p̂_top − p̂_bottom`` with :func:`bejegening.stats.net_score_interval`.

    A box is null when it would reveal a suppressed cell (see the module docstring); the net
    score is null when either box is. Rows follow ``question.items_order`` (``rank``); items
    whose sort figure is null come last, in questionnaire order. Columns: :data:`GRID_SCHEMA`.
    Raises ``ValueError`` when ``question`` has no items.
    """
    if not question.items:
        raise ValueError(f"vraag {question.id} heeft geen items (geen matrixvraag)")
    scale = [
        o for o in diverging_order(question) if question.option(o).valence is not Valence.non_substantive
    ]
    k = box_size(len(scale))
    bottom, top = scale[:k], scale[-k:]
    merged = {(m.question, m.option): m.parts for m in merges}
    rows: list[dict[str, Any]] = []
    for position, (item, answered) in enumerate(
        zip(question.items, question.item_questions(), strict=True), 1
    ):
        part = freq.filter(
            pl.col("question") == answered.id, pl.col("option").fill_null("") != REMAINDER_OPTION
        ).to_dicts()
        substantive = [r for r in part if r.get("valence") != Valence.non_substantive.value]
        bases = [r["base"] for r in substantive if r.get("base") is not None]
        base = int(bases[0]) if bases else None
        effective = [float(r["n_effective"]) for r in substantive if r.get("n_effective") is not None]
        n_eff = effective[0] if effective else (float(base) if base is not None else None)
        row: dict[str, Any] = {
            "survey": part[0]["survey"] if part else None,
            "question": question.id,
            "item": item.id,
            "item_question": answered.id,
            "item_text": item.text,
            "position": position,
            "base": base,
            "n_effective": n_eff,
            "box": k,
            "top_options": top,
            "bottom_options": bottom,
        }
        if base and n_eff:
            boxes = {}
            for name, members in (("top", top), ("bottom", bottom)):
                found = _box(substantive, set(members), merged, base)
                boxes[name] = found
                if found is None:
                    continue
                share, count = found
                low, high = _interval(share, n_eff, method, confidence)
                row |= {
                    f"{name}_pct": share,
                    f"{name}_n": count,
                    f"{name}_ci_low": low,
                    f"{name}_ci_high": high,
                }
            if boxes["top"] is not None and boxes["bottom"] is not None:
                p_top, p_bottom = boxes["top"][0], boxes["bottom"][0]
                low, high = net_score_interval(p_top, p_bottom, n_eff, confidence=confidence)
                row |= {"net": p_top - p_bottom, "net_ci_low": low, "net_ci_high": high}
        rows.append(row)
    key = {ItemsOrder.top_box: "top_pct", ItemsOrder.net_score: "net"}.get(question.items_order)
    if key is not None:
        rows.sort(key=lambda r: (r.get(key) is None, -(r.get(key) or 0.0), r["position"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return pl.DataFrame(rows, schema=GRID_SCHEMA)
