"""Altair for the chart modules, imported when a chart is first built (a fast start).

``from bejegening.render._altair import alt`` gives the real module to type checkers and, at run
time, a stand-in that imports Altair on its first attribute read (:func:`bejegening._lazy.lazy_module`),
so importing a chart module, or drawing charts from cached specs, needs no Altair.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import altair as alt
else:
    from bejegening._lazy import lazy_module

    alt = lazy_module("altair")

__all__ = ["alt"]
