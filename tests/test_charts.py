"""Chart specs: snapshots of stable JSON, Dutch descriptions with the right numbers, no URLs.

Snapshots live in ``tests/snapshots/charts/``; after an intended change of a chart, regenerate
them with ``BEJEGENING_UPDATE_SNAPSHOTS=1 pytest tests/test_charts.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bejegening
from bejegening import render
from bejegening._nl import format_int, format_pct
from bejegening.render import (
    chart_spec,
    comparison_chart,
    comparison_description,
    crosstab_chart,
    crosstab_description,
    likert_chart,
    likert_description,
    partial_distribution_chart,
    partial_distribution_description,
    single_choice_chart,
    single_choice_description,
    spec_json,
    verbal_findings_chart,
    verbal_findings_description,
)
from tests.test_charts_frames import (
    LIKERT_LABELS,
    comparison_frame,
    crosstab_frame,
    fictional_large,
    frequency_frame,
    likert_block,
    printed_only,
    verbal_frame,
    wpi_frame,
)

SNAPSHOTS = Path(__file__).parent / "snapshots" / "charts"
UPDATE = os.environ.get("BEJEGENING_UPDATE_SNAPSHOTS") == "1"
Q7_TEXT = "Vraag 7. Bij sommige loketten worden cliënten van WPI gefouilleerd. Hoe ervaart u dat?"

CHARTS: dict[str, Callable[[], render.Chart]] = {
    "single-wpi-q7": lambda: single_choice_chart(wpi_frame("q7"), question_text=Q7_TEXT),
    "single-wpi-q3": lambda: single_choice_chart(wpi_frame("q3")),
    "single-wpi-q12": lambda: single_choice_chart(wpi_frame("q12")),
    "single-fictief-weet-niet": lambda: single_choice_chart(fictional_large(), decimals=1),
    "partial-wpi-q3": lambda: partial_distribution_chart(wpi_frame("q3")),
    "partial-printed-only": lambda: partial_distribution_chart(printed_only()),
    "likert-fictief": lambda: likert_chart(likert_block(), item_labels=LIKERT_LABELS, title="Fictief"),
    "likert-fictief-positief": lambda: likert_chart(
        likert_block(), item_labels=LIKERT_LABELS, order="positive", neutral="apart"
    ),
    "comparison-fictief": lambda: comparison_chart(
        comparison_frame(), group_labels={"meting-2024": "meting 2024", "meting-2025": "meting 2025"}
    ),
    "crosstab-fictief": lambda: crosstab_chart(crosstab_frame(), group_title="leeftijd"),
    "verbal-laborijn": lambda: verbal_findings_chart(verbal_frame()),
}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


URL = re.compile(r"(?i)\b(?:https?|ftp):|^//|\burl\(")


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_spec_matches_snapshot(name: str) -> None:
    text = spec_json(CHARTS[name]())
    path = SNAPSHOTS / f"{name}.json"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"snapshot {path} ontbreekt: draai met BEJEGENING_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_spec_is_self_contained(name: str) -> None:
    spec = chart_spec(CHARTS[name]())
    assert "$schema" not in spec
    assert [s for s in _strings(spec) if URL.search(s)] == []
    assert '"url"' not in json.dumps(spec)  # all data inline
    config = spec["config"]
    assert config["locale"]["number"]["decimal"] == ","
    assert config["locale"]["number"]["thousands"] == "."
    assert "DejaVu Sans" in config["font"]
    assert isinstance(spec["description"], str)
    assert len(spec["description"]) > 40


def test_spec_is_deterministic() -> None:
    assert spec_json(CHARTS["likert-fictief"]()) == spec_json(CHARTS["likert-fictief"]())


def test_theme_is_registered_once_and_not_enabled_globally() -> None:
    before = alt.theme.active
    render.register_theme()
    render.register_theme()
    assert alt.theme.names().count(render.THEME_NAME) == 1
    chart_spec(CHARTS["single-wpi-q7"]())
    assert alt.theme.active == before


# --------------------------------------------------------------------------------------------------
# Descriptions


def test_single_choice_description_states_the_published_numbers() -> None:
    text = single_choice_description(wpi_frame("q7"), question_text=Q7_TEXT)
    assert text.startswith("Staafdiagram bij de vraag ‘Vraag 7. Bij sommige loketten")
    assert "Van de 77 mensen die deze vraag beantwoordden" in text
    assert "21% ‘Vakkundig’ (16), 47% ‘Overdreven’ (36) en 32% ‘Bedreigend’ (25)." in text
    assert "niet noemt maar dat uit de gepubliceerde aantallen volgt" in text
    assert "omvatten iedereen die de vraag beantwoordde" in text
    assert "95%-betrouwbaarheidsinterval" in text
    assert "zelf aan" in text
    assert chart_spec(single_choice_chart(wpi_frame("q7"), question_text=Q7_TEXT))["description"] == text


def test_single_choice_description_with_decimals_uses_a_decimal_comma() -> None:
    text = single_choice_description(wpi_frame("q7"), decimals=1)
    assert "20,8% ‘Vakkundig’ (16), 46,8% ‘Overdreven’ (36) en 32,5% ‘Bedreigend’ (25)" in text


def test_single_choice_description_mentions_what_the_source_printed() -> None:
    text = single_choice_description(wpi_frame("q3"))
    # 26 of 79 is 33%; the source printed 21%: the printed figure leads, the computed one is
    # stated as such; nothing is "fixed".
    computed = "het aantal gedeeld door het totaal is 33%"
    assert f"21% ‘Onderdrukkend’ (26; zoals de bron het drukt; {computed})" in text
    assert "20% ‘Professioneel’ (16)" in text
    assert "Wat de overige 22 mensen (28%) antwoordden, is niet gepubliceerd." in text


def test_single_choice_remainder_is_a_range_when_the_inferred_base_is_not_unique() -> None:
    # 26/21%, 16/20% and 15/19% fit every base from 79 to 81 (hand check: 16/79 = 20,3%,
    # 16/81 = 19,8%; 15/79 = 19,0%, 15/81 = 18,5%): the remainder is 79-57 = 22 to 81-57 = 24.
    text = single_choice_description(wpi_frame("q3"), base_range=(79, 81))
    assert "Van de 79 tot 81 mensen die deze vraag beantwoordden" in text
    assert "Wat de overige 22 tot 24 mensen antwoordden, is niet gepubliceerd" in text
    assert "22 mensen (28%)" not in text
    spec = chart_spec(single_choice_chart(wpi_frame("q3"), base_range=(79, 81)))
    remainder = [r for r in _data_values(spec) if r.get("part") == "remainder"]
    assert [r["text"] for r in remainder] == ["28%–30% (22 tot 24)"]
    assert remainder[0]["n"] is None


def test_an_empty_remainder_is_not_drawn() -> None:
    # q7: 16 + 36 + 25 = 77 = the base: nothing is unpublished, so no "Niet gepubliceerd 0% (0)".
    spec = chart_spec(single_choice_chart(wpi_frame("q7")))
    rows = [r for r in _data_values(spec) if "part" in r]
    assert [r["label"] for r in rows] == ["Vakkundig", "Overdreven", "Bedreigend"]


def test_single_choice_description_of_an_option_without_figure() -> None:
    text = single_choice_description(wpi_frame("q12"))
    assert "‘Gemiddeld’ (aantal niet gepubliceerd)" in text
    assert "4% ‘Uitstekend’ (3), 36% ‘Goed’ (26)" in text


def test_single_choice_description_thousands_and_weet_niet() -> None:
    text = single_choice_description(fictional_large(), decimals=1)
    assert "Van de 2.468 mensen" in text
    assert "50,0% ‘Tevreden’ (1.234)" in text
    assert "25,0% ‘Neutraal’ (617)" in text
    assert "van alle 2.600 antwoorden: 5,1% ‘Weet niet’ (132)" in text
    assert "toevalsvariatie" not in text  # probability sample: no opt-in note


def test_printed_only_remainder_is_the_rest_to_hundred() -> None:
    text = partial_distribution_description(printed_only())
    assert "45% ‘Ja’ (percentage zoals gepubliceerd)" in text
    assert "De gepubliceerde percentages tellen op tot 75%; de overige 25% is niet gepubliceerd." in text
    single = single_choice_description(printed_only())
    assert "Hoeveel mensen deze vraag beantwoordden, is onbekend." in single


def test_partial_description_wpi_q3() -> None:
    text = partial_distribution_description(wpi_frame("q3"), question_text="Vraag 3")
    assert "Aantal mensen dat de vraag beantwoordde: 79." in text
    assert "22 mensen (28%)" in text


def test_likert_description_numbers() -> None:
    text = likert_description(likert_block(), item_labels=LIKERT_LABELS, title="Fictief")
    # respect: 10+20 negative, 30 neutral, 80+60 positive of 200 substantive answers
    assert "‘Ik word met respect behandeld’: 70% positief, 15% negatief en 15% neutraal (van 200" in text
    # bereikbaar: 100 negative, 40 neutral, 60 positive of 200
    assert "‘Mijn klantmanager is goed bereikbaar’: 30% positief, 50% negatief en 20% neutraal" in text
    assert "4% ‘Weet niet’ bij ‘Ik word met respect behandeld’" in text


def test_likert_order_by_share_positive() -> None:
    rows = render.chart_spec(likert_chart(likert_block(), item_labels=LIKERT_LABELS, order="positive"))
    text = rows["description"]
    positions = [text.index(label) for label in ("met respect", "brieven", "bereikbaar")]
    assert positions == sorted(positions)


def test_comparison_description_states_significance_in_words() -> None:
    text = comparison_description(
        comparison_frame(), group_labels={"meting-2024": "meting 2024", "meting-2025": "meting 2025"}
    )
    assert "Vergelijking van meting 2024 en meting 2025" in text
    assert "(Holm)" in text
    assert "‘Goed’: meting 2024 32%, meting 2025 41%, meting 2024 9 procentpunt lager" in text
    assert "verschil significant (p = 0,012)" in text
    assert "‘Slecht’: meting 2024 25%, meting 2025 22%, meting 2024 3 procentpunt hoger" in text
    assert "geen significant verschil (p = 0,41)" in text
    assert "‘Weet niet’: meting 2024 5%, meting 2025 5%, geen verschil" in text


def test_crosstab_description_marks_suppressed_cells() -> None:
    text = crosstab_description(crosstab_frame(), group_title="leeftijd")
    assert "per leeftijd" in text
    assert "‘Eens’: 45% bij 18-26 (18 van 40) en 50% bij 27-66 (130 van 260); bij 67+ te weinig" in text
    spec = json.dumps(chart_spec(crosstab_chart(crosstab_frame())), ensure_ascii=False)
    assert "onderdrukt: te weinig antwoorden" in spec


def test_verbal_description_calls_the_interval_derived_from_words() -> None:
    text = verbal_findings_description(verbal_frame())
    assert "afgeleid uit de woorden, niet gemeten" in text
    assert (
        "‘Bijna de helft’ van de uitkeringsgerechtigden die met Laborijn te maken hebben: "
        "is ontevreden of zeer ontevreden (tussen 40% en 50%)." in text
    )
    assert "(tussen 33% en 40%)" in text
    assert "‘Veel’ van de klanten van Laborijn" in text
    assert "geen percentage" in text


def test_verbal_findings_frame_from_the_real_case() -> None:
    laborijn = bejegening.load(Path(__file__).parents[1] / "data" / "laborijn")
    frame = render.verbal_findings_frame(laborijn.findings)
    row = frame.filter(pl.col("finding") == "ontevreden").row(0, named=True)
    assert (row["quantifier"], row["low"], row["high"]) == ("bijna de helft", 0.4, 0.5)
    assert frame.filter(pl.col("quantifier") == "veel").get_column("low").to_list() == [None, None]
    wpi = bejegening.load(Path(__file__).parents[1] / "data" / "wpi-amsterdam-2017-2018")
    statements = render.verbal_findings_frame(wpi.findings, wpi.questions).get_column("statement").to_list()
    assert "antwoordt Uitstekend, Goed of Gemiddeld op vraag 12" in statements


# --------------------------------------------------------------------------------------------------
# Labels in the spec (the same strings the SVG shows)


def _data_values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for dataset in spec.get("datasets", {}).values():
        rows.extend(dataset)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and isinstance(data.get("values"), list):
                rows.extend(data["values"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return rows


def test_single_choice_labels_and_remainder_row() -> None:
    spec = chart_spec(single_choice_chart(wpi_frame("q3")))
    texts = {row.get("text") for row in _data_values(spec)}
    # The printed 21% is the figure; 26 of 79 (33%) is secondary and labelled "berekend".
    assert "21% (26) · ✗ berekend: 33%" in texts
    assert "28% (22)" in texts
    assert "vconcat" not in spec  # one layer of rows, no separate (possibly empty) panels
    remainder_marks = [
        layer["mark"]
        for layer in spec["layer"]
        if isinstance(layer.get("mark"), dict) and layer["mark"].get("strokeDash")
    ]
    assert remainder_marks and all(mark["fill"] == "#EEEEEE" for mark in remainder_marks)
    labels = {row["label"]: row for row in _data_values(spec) if "part" in row}
    assert labels["Onderdrukkend"]["value"] == pytest.approx(0.21)  # the printed share
    assert labels["Onderdrukkend"]["ci_low"] is None  # the interval belongs to 33%, not drawn


def test_single_choice_orders_options_as_in_the_questionnaire() -> None:
    shuffled = wpi_frame("q3").reverse()
    rows = [row for row in _data_values(chart_spec(single_choice_chart(shuffled))) if "sort" in row]
    ordered = [row["label"] for row in sorted(rows, key=lambda row: row["sort"])]
    assert ordered == ["Onderdrukkend", "Professioneel", "Gelijkwaardig", "Niet gepubliceerd"]


def test_partial_distribution_adds_up_to_the_whole() -> None:
    # q7: 16 + 36 + 25 = 77 = the base; the empty remainder is left out, the answers fill 100%.
    spec = chart_spec(partial_distribution_chart(wpi_frame("q7")))
    whole = [row for row in _data_values(spec) if row.get("row") == "Alle antwoorden"]
    assert whole[-1]["x1"] == pytest.approx(1.0)
    assert [row["part"] for row in whole] == ["answer", "answer", "answer"]


def test_likert_segments_diverge_around_zero() -> None:
    spec = chart_spec(likert_chart(likert_block(), item_labels=LIKERT_LABELS))
    segments = [row for row in _data_values(spec) if "x0" in row and row.get("item") == "respect"]
    by_label = {row["label"]: row for row in segments}
    assert by_label["Zeer oneens"]["x0"] == pytest.approx(-0.225)  # -(15% + 15%/2)
    assert by_label["Neutraal"]["x0"] == pytest.approx(-0.075)
    assert by_label["Neutraal"]["x1"] == pytest.approx(0.075)
    assert by_label["Zeer eens"]["x1"] == pytest.approx(0.775)
    assert by_label["Zeer oneens"]["x1"] <= by_label["Oneens"]["x0"] + 1e-12


def test_likert_scale_running_from_positive_to_negative_is_turned_round() -> None:
    reversed_scale = likert_block().with_columns((7 - pl.col("order")).alias("order"))
    reversed_scale = reversed_scale.with_columns(
        pl.when(pl.col("valence") == "non_substantive").then(7).otherwise(pl.col("order")).alias("order")
    )
    spec = chart_spec(likert_chart(reversed_scale, item_labels=LIKERT_LABELS))
    segments = [row for row in _data_values(spec) if "x0" in row and row.get("item") == "respect"]
    assert min(segments, key=lambda row: row["x0"])["label"] == "Zeer oneens"


# --------------------------------------------------------------------------------------------------
# Bad input: clear Dutch errors


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="kolom\\(men\\) pct ontbreken"):
        single_choice_chart(wpi_frame("q7").drop("pct"))


def test_single_choice_needs_one_question() -> None:
    with pytest.raises(ValueError, match="precies één vraag"):
        single_choice_chart(pl.concat([wpi_frame("q7"), wpi_frame("q3")]))


def test_comparison_refuses_a_difference_with_the_wrong_sign() -> None:
    wrong = comparison_frame().with_columns((-pl.col("diff")).alias("diff"))
    with pytest.raises(ValueError, match="diff moet pct_a − pct_b zijn"):
        comparison_chart(wrong)


def test_verbal_interval_must_be_ordered_fractions() -> None:
    bad = verbal_frame().with_columns(pl.lit(40.0).alias("high"))
    with pytest.raises(ValueError, match="0 ≤ low ≤ high ≤ 1"):
        verbal_findings_chart(bad)


def test_likert_items_need_one_scale() -> None:
    other = likert_block().with_columns(
        pl.when((pl.col("question") == "brieven") & (pl.col("option") == "eens"))
        .then(pl.lit("Akkoord"))
        .otherwise(pl.col("label"))
        .alias("label")
    )
    with pytest.raises(ValueError, match="andere antwoordschaal"):
        likert_chart(other)


def test_wrong_type_in_a_column_is_reported() -> None:
    bad = wpi_frame("q7").with_columns(pl.col("n").cast(pl.String).str.replace("16", "zestien"))
    with pytest.raises(ValueError, match="kolom n bevat waarden die geen Int64 zijn"):
        single_choice_chart(bad)


# --------------------------------------------------------------------------------------------------
# Property: any fictional single-choice table gives a spec whose description states every share


@st.composite
def _tables(draw: st.DrawFn) -> tuple[pl.DataFrame, list[int], int]:
    counts = draw(st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=7))
    base = sum(counts) + draw(st.integers(min_value=0, max_value=3000))
    if base == 0:
        base = 1
    options = [(f"o{i}", f"Optie {i}", "positive", n, None) for i, n in enumerate(counts)]
    frame = frequency_frame("v", options, base, survey="fictief", published=False, base_inferred=False)
    return frame, counts, base


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables(), st.integers(min_value=0, max_value=2))
def test_description_states_every_share_in_dutch(
    table: tuple[pl.DataFrame, list[int], int], decimals: int
) -> None:
    frame, counts, base = table
    spec = chart_spec(single_choice_chart(frame, decimals=decimals))
    text = spec["description"]
    assert f"Van de {format_int(base)} mensen" in text
    for i, n in enumerate(counts):
        assert f"{format_pct(n / base, decimals)} ‘Optie {i}’ ({format_int(n)})" in text
    assert [s for s in _strings(spec) if URL.search(s)] == []
