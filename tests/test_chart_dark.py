"""The dark version of a site chart is made from the light one's drawing (half the drawings of a
build): :func:`dark_svg` must give exactly the SVG vl-convert draws for the dark spec, for every
kind of chart the site draws. The oracle is vl-convert itself, drawing both specs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import vl_convert

from bejegening.io import load_all, scaffold_survey
from bejegening.render._theme import DARK_BACKGROUND, dark_svg
from bejegening.render._vega import _convert_options
from bejegening.report import build_reports
from bejegening.site._charts import build_specs, chart_jobs

DATA = Path(__file__).resolve().parent.parent / "data"


def test_dark_drawing_made_from_the_light_one_is_what_vl_convert_draws(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    scaffold_survey(data / "voorbeeld")  # the init example: grid, numeric, per-group charts
    jobs = chart_jobs(build_reports(load_all(data)))
    kinds = {job.kind for job in jobs}
    assert kinds == {"single", "grid", "histogram", "crosstab", "verbal"}
    options = _convert_options()
    for job in jobs:
        entry = build_specs(job, None)
        light = vl_convert.vegalite_to_svg(entry["light"], **options)
        dark = vl_convert.vegalite_to_svg(entry["dark"], **options)
        assert light != dark
        assert f'fill="{DARK_BACKGROUND}"' in dark
        assert dark_svg(light) == dark, job.key


@pytest.mark.parametrize(
    "svg",
    [
        '<svg width="2" height="2"><g fill="#FFFFFF"/></svg>',  # no background rectangle
        '<svg width="2" height="2"><rect width="2" height="2" fill="#FFFFFF"/><g fill="rgb(1,2,3)"/></svg>',
        '<svg width="2" height="2"><rect width="2" height="2" fill="#FFFFFF"/><g fill="#abc"/></svg>',
    ],
)
def test_a_drawing_with_colours_it_cannot_swap_is_drawn_instead(svg: str) -> None:
    assert dark_svg(svg) is None
