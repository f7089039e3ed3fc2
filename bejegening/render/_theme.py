"""The ``bejegening`` Altair theme: offline fonts, sizes, a colour-blind-safe palette, Dutch locale.

Every colour used by the chart builders is defined here, so its contrast can be checked in one
place (WCAG 2.1: text at least 4.5:1, marks needed to read a chart at least 3:1, success criteria
1.4.3 and 1.4.11).  The palette is built on ColorBrewer's orange-blue diverging scheme (PuOr/RdBu
family, readable with the common colour-vision deficiencies); no chart carries meaning by colour
alone: every mark also has a text label, a shape or a position that says the same.

The theme is registered with Altair's theme registry under the name ``"bejegening"`` by
:func:`register_theme` (which :func:`bejegening.render.chart_spec` calls; importing this module
does not import Altair) but not enabled globally: ``chart_spec`` enables it only while a chart
is turned into a Vega-Lite spec, so the config is written into every spec and the rendering does
not depend on global state.  ``register_theme()`` then ``alt.theme.enable("bejegening")``
enables it for your own charts in a notebook.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

from bejegening._nl import MONTHS

__all__ = [
    "BAND",
    "BAND_STROKE",
    "BAR",
    "BAR_STROKE",
    "DARK",
    "DARK_BACKGROUND",
    "FONT",
    "GRID",
    "INK",
    "LIKERT_NEGATIVE",
    "LIKERT_NEUTRAL",
    "LIKERT_POSITIVE",
    "MUTED_INK",
    "NL_NUMBER_LOCALE",
    "NL_TIME_LOCALE",
    "NON_SUBSTANTIVE",
    "REMAINDER",
    "REMAINDER_STROKE",
    "SERIES",
    "THEME_NAME",
    "WHITE",
    "contrast_ratio",
    "dark_spec",
    "dark_svg",
    "diverging_colours",
    "label_colour",
    "register_theme",
    "relative_luminance",
    "theme_config",
]

THEME_NAME: Final = "bejegening"

FONT: Final = "DejaVu Sans, Verdana, sans-serif"
"""System fonts only (Debian's fonts-dejavu-core is what vl-convert finds here); no web fonts."""

WHITE: Final = "#FFFFFF"
INK: Final = "#1A1A1A"
"""Text and whiskers: 17,4:1 on white."""
MUTED_INK: Final = "#4D4D4D"
"""Secondary text (subtitles, notes): 8,5:1 on white."""
LABEL_DARK: Final = "#000000"
"""Text printed on a light coloured segment."""
GRID: Final = "#D9D9D9"
"""Grid lines are decoration, not content: no contrast requirement."""

BAR: Final = "#4393C3"
"""Bars: 3,4:1 on white and 5,1:1 against the ink-coloured interval whiskers drawn over them."""
BAR_STROKE: Final = "#2166AC"
NON_SUBSTANTIVE: Final = "#BDBDBD"
""""Weet niet" and other non-substantive answers: grey, always with a dark outline and a label."""
REMAINDER: Final = "#EEEEEE"
"""The "niet gepubliceerd" remainder: near-white fill, dashed dark outline and a text label."""
REMAINDER_STROKE: Final = "#595959"
"""Outline of grey and remainder marks: 7,0:1 on white."""

LIKERT_NEGATIVE: Final = ("#B35806", "#FDB863")
"""Strong → weak negative (ColorBrewer PuOr/BrBG orange side)."""
LIKERT_NEUTRAL: Final = "#D9D9D9"
LIKERT_POSITIVE: Final = ("#2166AC", "#92C5DE")
"""Strong → weak positive (ColorBrewer RdBu blue side)."""

BAND: Final = "#C6DBEF"
"""Interval band of a verbal finding: light fill, always with the dark outline and a text label."""
BAND_STROKE: Final = "#2166AC"
"""Outline of bands and bars: 5,9:1 on white."""

SERIES: Final = ("#B35806", "#2166AC")
"""Two compared groups: dark orange and dark blue (4,9:1 and 5,9:1 on white), always with different
point shapes and a legend in words."""

NL_NUMBER_LOCALE: Final[dict[str, Any]] = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€\u00a0", ""],
    "minus": "-",
}
"""d3-format nl-NL locale (as vl-convert's ``nl-NL``), with the ASCII minus that
:mod:`bejegening._nl` writes, so axis ticks and text labels look the same."""

NL_TIME_LOCALE: Final[dict[str, Any]] = {
    "dateTime": "%a %e %B %Y %X",
    "date": "%d-%m-%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
    "months": list(MONTHS),
    "shortMonths": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
}


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"kleur {colour!r}: verwacht #RRGGBB")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def relative_luminance(colour: str) -> float:
    """Relative luminance of an sRGB ``#RRGGBB`` colour as defined by WCAG 2.1.

    L = 0.2126 R + 0.7152 G + 0.0722 B on linearised channels (c/12.92 below 0.04045, else
    ((c+0.055)/1.055)^2.4).  Reference: W3C, WCAG 2.1, definition "relative luminance".
    """
    red, green, blue = (_channel(part / 255) for part in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter; from 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def label_colour(fill: str) -> str:
    """White or black text, whichever contrasts more with ``fill`` (always at least 4.58:1)."""
    return WHITE if contrast_ratio(fill, WHITE) >= contrast_ratio(fill, LABEL_DARK) else LABEL_DARK


def _mix(strong: str, weak: str, share: float) -> str:
    a, b = _rgb(strong), _rgb(weak)
    parts = (round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{part:02X}" for part in parts)


def _ramp(strong: str, weak: str, count: int) -> list[str]:
    """``count`` colours from strong to weak (strong first); one colour → strong."""
    if count <= 0:
        return []
    if count == 1:
        return [strong]
    return [_mix(strong, weak, index / (count - 1)) for index in range(count)]


def diverging_colours(negative: int, neutral: int, positive: int) -> list[str]:
    """Colours for a Likert scale in scale order: strongest negative … neutral … strongest positive.

    ``negative`` and ``positive`` count the options on each side (the outermost is the darkest);
    every neutral option gets the neutral grey.
    """
    return (
        _ramp(*LIKERT_NEGATIVE, negative)
        + [LIKERT_NEUTRAL] * neutral
        + list(reversed(_ramp(*LIKERT_POSITIVE, positive)))
    )


def theme_config() -> dict[str, Any]:
    """The theme as a Vega-Lite top-level fragment (``config`` plus default sizes)."""
    # Labels and titles of axes and legends alike: the theme's font, 12 px, ink.
    labels = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "labelColor": INK,
        "titleColor": INK,
    }
    axis = {
        **labels,
        "titleFontWeight": "normal",
        "domainColor": MUTED_INK,
        "tickColor": MUTED_INK,
        "gridColor": GRID,
        "labelLimit": 260,
    }
    return {
        "config": {
            "font": FONT,
            "aria": False,
            "background": WHITE,
            "locale": {"number": NL_NUMBER_LOCALE, "time": NL_TIME_LOCALE},
            "view": {"stroke": None, "continuousWidth": 480},
            "padding": 8,
            "axis": axis,
            "axisY": {"domain": False, "ticks": False, "labelPadding": 6, "grid": False},
            "axisX": {"tickCount": 5},
            "header": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": 12,
                "labelFontWeight": "bold",
                "labelColor": INK,
                "titleColor": INK,
                "labelAnchor": "start",
                "labelAngle": 0,
                "labelOrient": "top",
                "labelLimit": 480,
                "labelPadding": 2,
            },
            "legend": {
                **labels,
                "orient": "bottom",
                "direction": "horizontal",
                "labelLimit": 240,
                "symbolStrokeColor": INK,
                "symbolStrokeWidth": 0.75,
            },
            "title": {
                "font": FONT,
                "fontSize": 15,
                "fontWeight": "bold",
                "color": INK,
                "anchor": "start",
                "subtitleFont": FONT,
                "subtitleFontSize": 12,
                "subtitleColor": MUTED_INK,
                "subtitlePadding": 6,
                "offset": 12,
            },
            "text": {"font": FONT, "fontSize": 12, "color": INK},
            "bar": {"color": BAR},
            "range": {"category": list(SERIES)},
        },
    }


DARK_BACKGROUND: Final = "#1E2029"
"""Background of the dark charts: mkdocs-material's dark ("slate") page colour, hsl(232 15% 14%)."""

DARK: Final[dict[str, str]] = {
    INK: "#ECECEC",  # 13,7:1 on the dark background
    MUTED_INK: "#C4C4C4",  # 9,2:1
    GRID: "#3A3D4A",
    BAR: "#3D85B5",  # 4,0:1 on the background, 3,4:1 against the light whiskers over it
    BAR_STROKE: "#9ECAE1",  # also BAND_STROKE and the second SERIES colour; 9,3:1
    NON_SUBSTANTIVE: "#4A4A4A",  # always with the light outline (4,1:1 against it) and a label
    REMAINDER: "#2A2D38",  # near-background fill, with the dashed light outline and a label
    REMAINDER_STROKE: "#B0B0B0",  # 7,5:1
    BAND: "#2B4A6B",  # with the light outline and a text label
    SERIES[0]: "#F1A340",  # 7,8:1
}
"""Light colour → its dark-mode counterpart (same meaning, WCAG contrast on
:data:`DARK_BACKGROUND`: text 4.5:1, marks 3:1; checked in the tests)."""

_HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")


def _to_dark(text: str) -> str:
    """``text`` with every theme colour (``#RRGGBB``) swapped for its :data:`DARK` counterpart."""
    swap = {light.upper(): dark for light, dark in DARK.items()}
    return _HEX.sub(lambda m: swap.get(m.group(0).upper(), m.group(0)), text)


_BACKGROUND = re.compile(r'(<svg\b[^>]*><rect width="[0-9.]+" height="[0-9.]+" fill=")#[0-9A-Fa-f]{6}("/>)')
_OTHER_COLOUR = re.compile(r"\brgba?\(|\bhsla?\(|#[0-9A-Fa-f]{3}\b|#[0-9A-Fa-f]{8}\b")


def dark_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The same Vega-Lite spec for dark mode: every theme colour swapped for its :data:`DARK`
    counterpart (in the config, the marks and the data) and the dark background."""
    text = _to_dark(json.dumps(spec))
    dark: dict[str, Any] = json.loads(text)
    config = dict(dark.get("config") or {})
    config["background"] = DARK_BACKGROUND
    dark["config"] = config
    return dark


def dark_svg(svg: str) -> str | None:
    """vl-convert's drawing of :func:`dark_spec` of a spec, made from its drawing of the spec:
    the background rectangle in :data:`DARK_BACKGROUND`, every other colour swapped as
    :func:`dark_spec` swaps it in the spec. Vega writes a spec's colours into the SVG as they are
    given, so the two are the same drawing (the tests compare them per chart type); None when
    the SVG holds a colour in another form (``rgb()``, ``hsl()``, short or 8-digit hex, e.g.
    from an interpolated scale) or no background, which only drawing the dark spec gets right.
    Half the drawings of a site: each takes about 0,06 s."""
    background = _BACKGROUND.match(svg)
    if background is None or _OTHER_COLOUR.search(svg):
        return None
    return background.group(1) + DARK_BACKGROUND + background.group(2) + _to_dark(svg[background.end() :])


def register_theme() -> None:
    """Register the ``bejegening`` theme with Altair (idempotent; does not enable it)."""
    import altair as alt  # noqa: PLC0415  (only when charts are built: a fast start)

    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(theme_config)  # type: ignore[arg-type]
