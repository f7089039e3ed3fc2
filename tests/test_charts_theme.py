"""The palette meets WCAG 2.1 AA contrast; the theme carries fonts, sizes and the Dutch locale."""

from __future__ import annotations

import json

import pytest
import vl_convert as vlc

from bejegening.render import _theme as theme
from bejegening.render import chart_spec, contrast_ratio, theme_config, verbal_findings_chart
from tests.test_charts_frames import verbal_frame


def test_contrast_ratio_matches_known_values() -> None:
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # WebAIM's reference: #767676 on white is the lightest grey passing 4.5:1.
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#FFFFFF") < 4.5


def test_relative_luminance_is_rejected_for_a_bad_colour() -> None:
    with pytest.raises(ValueError, match="#RRGGBB"):
        theme.relative_luminance("blue")


@pytest.mark.parametrize("colour", [theme.INK, theme.MUTED_INK])
def test_text_colours_meet_4_5_to_1_on_white(colour: str) -> None:
    assert contrast_ratio(colour, theme.WHITE) >= 4.5


@pytest.mark.parametrize(
    "colour",
    [
        theme.BAR,
        theme.BAR_STROKE,
        theme.REMAINDER_STROKE,
        theme.BAND_STROKE,
        theme.SERIES[0],
        theme.SERIES[1],
        theme.LIKERT_NEGATIVE[0],
        theme.LIKERT_POSITIVE[0],
    ],
)
def test_marks_and_outlines_meet_3_to_1_on_white(colour: str) -> None:
    """WCAG 1.4.11: graphical objects needed to read the chart (bars, outlines, dots)."""
    assert contrast_ratio(colour, theme.WHITE) >= 3.0


@pytest.mark.parametrize("fill", [theme.NON_SUBSTANTIVE, theme.REMAINDER, theme.BAND, theme.LIKERT_NEUTRAL])
def test_light_fills_are_always_outlined_in_a_contrasting_colour(fill: str) -> None:
    """Light fills fail 3:1 on their own; each is drawn with an outline that passes."""
    assert contrast_ratio(fill, theme.WHITE) < 3.0
    outline = {
        theme.NON_SUBSTANTIVE: theme.REMAINDER_STROKE,
        theme.REMAINDER: theme.REMAINDER_STROKE,
        theme.BAND: theme.BAND_STROKE,
        theme.LIKERT_NEUTRAL: theme.INK,
    }[fill]
    assert contrast_ratio(outline, theme.WHITE) >= 3.0
    assert contrast_ratio(outline, fill) >= 3.0


def test_whiskers_contrast_with_the_bars_they_cross() -> None:
    assert contrast_ratio(theme.INK, theme.BAR) >= 3.0


@pytest.mark.parametrize("negative", range(1, 6))
@pytest.mark.parametrize("positive", range(1, 6))
@pytest.mark.parametrize("neutral", [0, 1])
def test_text_on_every_likert_segment_meets_4_5_to_1(negative: int, neutral: int, positive: int) -> None:
    colours = theme.diverging_colours(negative, neutral, positive)
    assert len(colours) == negative + neutral + positive
    assert colours[0] == theme.LIKERT_NEGATIVE[0]
    assert colours[-1] == theme.LIKERT_POSITIVE[0]
    assert len(set(colours)) == negative + positive + (1 if neutral else 0)
    for colour in colours:
        assert contrast_ratio(theme.label_colour(colour), colour) >= 4.5


def test_diverging_palette_gets_lighter_towards_the_middle() -> None:
    colours = theme.diverging_colours(3, 1, 3)
    luminance = [theme.relative_luminance(c) for c in colours]
    assert luminance[0] < luminance[1] < luminance[2]
    assert luminance[6] < luminance[5] < luminance[4]


def test_theme_uses_offline_fonts_and_the_dutch_locale() -> None:
    config = theme_config()["config"]
    assert config["font"].startswith("DejaVu Sans")
    assert "url(" not in str(config)
    number = config["locale"]["number"]
    reference = vlc.get_format_locale("nl-NL")
    assert {k: number[k] for k in ("decimal", "thousands", "grouping")} == {
        k: reference[k] for k in ("decimal", "thousands", "grouping")
    }
    assert config["locale"]["time"]["months"] == vlc.get_time_format_locale("nl-NL")["months"]
    assert config["aria"] is False  # no English auto-generated aria labels; ours are Dutch


@pytest.mark.parametrize("light", [theme.INK, theme.MUTED_INK])
def test_dark_text_colours_meet_4_5_to_1_on_the_dark_background(light: str) -> None:
    assert contrast_ratio(theme.DARK[light], theme.DARK_BACKGROUND) >= 4.5


@pytest.mark.parametrize(
    "light", [theme.BAR, theme.BAR_STROKE, theme.REMAINDER_STROKE, theme.BAND_STROKE, theme.SERIES[0]]
)
def test_dark_marks_meet_3_to_1_on_the_dark_background(light: str) -> None:
    assert contrast_ratio(theme.DARK[light], theme.DARK_BACKGROUND) >= 3.0


def test_dark_whiskers_stand_out_against_the_dark_bars() -> None:
    assert contrast_ratio(theme.DARK[theme.INK], theme.DARK[theme.BAR]) >= 3.0


@pytest.mark.parametrize("fill", [theme.NON_SUBSTANTIVE, theme.REMAINDER, theme.BAND])
def test_dark_fills_are_outlined_in_a_contrasting_colour(fill: str) -> None:
    outline = theme.BAND_STROKE if fill == theme.BAND else theme.REMAINDER_STROKE
    assert contrast_ratio(theme.DARK[outline], theme.DARK_BACKGROUND) >= 3.0
    assert contrast_ratio(theme.DARK[outline], theme.DARK[fill]) >= 3.0


def test_dark_spec_swaps_every_theme_colour() -> None:
    spec = chart_spec(verbal_findings_chart(verbal_frame()))
    dark = theme.dark_spec(spec)
    text = json.dumps(dark).upper()
    assert dark["config"]["background"] == theme.DARK_BACKGROUND
    for light in theme.DARK:
        assert f'"{light.upper()}"' not in text, light
    assert theme.INK.upper() in json.dumps(spec).upper()  # the light spec is untouched
