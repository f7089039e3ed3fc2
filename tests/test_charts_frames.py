"""Hand-built input frames for the chart tests, in exactly the agreed contracts.

WPI q3/q7/q12 are the published figures of the real case (counts as printed, bases as inferred
by the checks: q3 79, q7 77, q12 72); everything else is fictional and labelled so.  Intervals
are Wilson intervals from ``bejegening.stats.wilson_interval``.  The tests in this file check
that the frames follow the contracts, so the chart tests do not test against a made-up shape.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from bejegening.render import COMPARISON_COLUMNS, CROSSTAB_COLUMNS, FREQUENCY_COLUMNS, VERBAL_COLUMNS
from bejegening.stats import FREQUENCY_SCHEMA, wilson_interval
from tests.fixtures.questions import AGREEMENT

WPI = "wpi-amsterdam-2017-2018"
REMAINDER = "_niet_gepubliceerd"

Option = tuple[str, str, str, int | None, float | None]
"""(option id, label, valence, count, printed percentage as a fraction)."""


def frequency_frame(
    question: str,
    options: Sequence[Option],
    base: int | None,
    *,
    survey: str = WPI,
    published: bool = True,
    base_inferred: bool = True,
    sampling_note: bool = True,
    remainder: bool = True,
    suppressed: Sequence[str] = (),
    non_substantive_base: int | None = None,
) -> pl.DataFrame:
    """A Frequency table for one question; ``remainder`` adds the ``_niet_gepubliceerd`` row."""
    rows = []
    for order, (option, label, valence, n, printed) in enumerate(options, start=1):
        own_base = non_substantive_base if valence == "non_substantive" and non_substantive_base else base
        hidden = option in suppressed
        pct = n / own_base if n is not None and own_base and not hidden else None
        low, high = (
            wilson_interval(n, own_base) if n is not None and own_base and pct is not None else (None, None)
        )
        rows.append(
            {
                "survey": survey,
                "question": question,
                "option": option,
                "label": label,
                "order": order,
                "valence": valence,
                "n": None if hidden else n,
                "base": own_base,
                "pct": pct,
                "ci_low": low,
                "ci_high": high,
                "published": published,
                "pct_published": printed if published else None,
                "base_inferred": base_inferred,
                "sampling_note": sampling_note,
                "suppressed": hidden,
            }
        )
    if remainder:
        known = [n for _, _, valence, n, _ in options if valence != "non_substantive"]
        counted = [n for n in known if n is not None]
        rest = base - sum(counted) if base is not None and len(counted) == len(known) else None
        pct = rest / base if rest is not None and base else None
        low, high = wilson_interval(rest, base) if rest is not None and base else (None, None)
        rows.append(
            {
                "survey": survey,
                "question": question,
                "option": REMAINDER,
                "label": "Niet gepubliceerd",
                "order": len(options) + 1,
                "valence": "remainder",
                "n": rest,
                "base": base,
                "pct": pct,
                "ci_low": low,
                "ci_high": high,
                "published": False,
                "pct_published": None,
                "base_inferred": base_inferred,
                "sampling_note": sampling_note,
                "suppressed": False,
            }
        )
    return pl.DataFrame(rows, schema=dict(FREQUENCY_COLUMNS))


WPI_PUBLISHED: dict[str, tuple[list[Option], int]] = {
    # q3: 26 printed as 21% (inconsistent), 16 (20%), 15 (19%); base 79 inferred.
    "q3": (
        [
            ("onderdrukkend", "Onderdrukkend", "negative", 26, 0.21),
            ("professioneel", "Professioneel", "positive", 16, 0.20),
            ("gelijkwaardig", "Gelijkwaardig", "positive", 15, 0.19),
        ],
        79,
    ),
    # q7 (fouilleren): 16 (21%), 36 (47%), 25 (32%); base 77 inferred; remainder 0.
    "q7": (
        [
            ("vakkundig", "Vakkundig", "positive", 16, 0.21),
            ("overdreven", "Overdreven", "negative", 36, 0.47),
            ("bedreigend", "Bedreigend", "negative", 25, 0.32),
        ],
        77,
    ),
    # q12: "Gemiddeld" is named without a figure; base 72 inferred; remainder unknown.
    "q12": (
        [
            ("uitstekend", "Uitstekend", "positive", 3, 0.04),
            ("goed", "Goed", "positive", 26, 0.36),
            ("gemiddeld", "Gemiddeld", "neutral", None, None),
            ("slecht", "Slecht", "negative", 15, 0.21),
        ],
        72,
    ),
}
"""WPI questions as published: the options (as printed) and the base the checks infer."""


def wpi_frame(question: str) -> pl.DataFrame:
    """The Frequency table of WPI ``question`` ("q3", "q7" or "q12") from :data:`WPI_PUBLISHED`."""
    options, base = WPI_PUBLISHED[question]
    return frequency_frame(question, options, base)


def printed_only() -> pl.DataFrame:
    """Fictional: percentages printed without counts or base (the remainder is the rest)."""
    rows = frequency_frame(
        "v1",
        [
            ("ja", "Ja", "positive", None, 0.45),
            ("nee", "Nee", "negative", None, 0.30),
        ],
        None,
        survey="fictief",
        base_inferred=False,
    )
    return rows


def fictional_large() -> pl.DataFrame:
    """Fictional single choice with thousands and a "weet niet" answer apart."""
    return frequency_frame(
        "v2",
        [
            ("tevreden", "Tevreden", "positive", 1234, None),
            ("neutraal", "Neutraal", "neutral", 617, None),
            ("ontevreden", "Ontevreden", "negative", 617, None),
            ("weet-niet", "Weet niet", "non_substantive", 132, None),
        ],
        2468,
        survey="fictief",
        published=False,
        base_inferred=False,
        sampling_note=False,
        remainder=False,
        non_substantive_base=2600,
    )


def likert_block() -> pl.DataFrame:
    """Fictional Likert block of three items (counts per scale point, then "weet niet")."""
    counts = {
        "respect": [10, 20, 30, 80, 60, 8],
        "bereikbaar": [50, 50, 40, 40, 20, 10],
        "brieven": [20, 40, 50, 60, 30, 5],
    }
    frames = []
    for item, values in counts.items():
        substantive = sum(values[:5])
        options = [
            (o["id"], o["label"], o["valence"], n, None) for o, n in zip(AGREEMENT, values, strict=True)
        ]
        frames.append(
            frequency_frame(
                item,
                options,
                substantive,
                survey="fictief",
                published=False,
                base_inferred=False,
                remainder=False,
                non_substantive_base=substantive + values[5],
            )
        )
    return pl.concat(frames)


LIKERT_LABELS = {
    "respect": "Ik word met respect behandeld",
    "bereikbaar": "Mijn klantmanager is goed bereikbaar",
    "brieven": "De brieven zijn begrijpelijk",
}


def comparison_frame() -> pl.DataFrame:
    """Fictional comparison of two waves (the shape of ``stats.compare_proportions``)."""
    rows = [
        ("goed", "Goed", 0.32, 0.41, -0.1630, -0.0120, 0.0120, True),
        ("slecht", "Slecht", 0.25, 0.22, -0.0520, 0.1100, 0.41, False),
        ("weet-niet", "Weet niet", 0.05, 0.05, -0.0400, 0.0400, 1.0, False),
    ]
    return pl.DataFrame(
        [
            {
                "question": "v8",
                "option": option,
                "label": label,
                "survey_a": "meting-2024",
                "survey_b": "meting-2025",
                "pct_a": a,
                "pct_b": b,
                "diff": a - b,
                "ci_low": low,
                "ci_high": high,
                "p_adjusted": p,
                "adjustment": "holm",
                "significant": significant,
            }
            for option, label, a, b, low, high, p, significant in rows
        ]
    )


def crosstab_frame() -> pl.DataFrame:
    """Fictional crosstab of one question by age group, one suppressed cell."""
    cells = [
        ("eens", "Eens", "18-26", 18, 40, False),
        ("eens", "Eens", "27-66", 130, 260, False),
        ("eens", "Eens", "67+", None, 12, True),
        ("oneens", "Oneens", "18-26", 22, 40, False),
        ("oneens", "Oneens", "27-66", 130, 260, False),
        ("oneens", "Oneens", "67+", None, 12, True),
    ]
    return pl.DataFrame(
        [
            {
                "question": "v3",
                "option": option,
                "label": label,
                "order": 1 if option == "eens" else 2,
                "group": group,
                "n": n,
                "base": base,
                "pct": n / base if n is not None else None,
                "suppressed": suppressed,
            }
            for option, label, group, n, base, suppressed in cells
        ],
        schema=dict(CROSSTAB_COLUMNS),
    )


def verbal_frame() -> pl.DataFrame:
    """Laborijn's verbal findings with hand-written intervals (fractions)."""
    return pl.DataFrame(
        [
            {
                "finding": "ontevreden",
                "statement": "is ontevreden of zeer ontevreden",
                "quantifier": "bijna de helft",
                "low": 0.40,
                "high": 0.50,
                "base_description": "uitkeringsgerechtigden die met Laborijn te maken hebben",
            },
            {
                "finding": "onprettig-behandeld",
                "statement": "zegt onprettig te zijn behandeld door Laborijn-medewerkers",
                "quantifier": "ruim een derde",
                "low": 1 / 3,
                "high": 0.40,
                "base_description": "uitkeringsgerechtigden die met Laborijn te maken hebben",
            },
            {
                "finding": "willekeur",
                "statement": "heeft de indruk dat er sprake is van willekeur",
                "quantifier": "veel",
                "low": None,
                "high": None,
                "base_description": "klanten van Laborijn",
            },
        ],
        schema=dict(VERBAL_COLUMNS),
    )


# --------------------------------------------------------------------------------------------------


def test_frequency_frames_follow_the_stats_contract() -> None:
    for frame in (*map(wpi_frame, WPI_PUBLISHED), printed_only(), fictional_large(), likert_block()):
        for name, dtype in FREQUENCY_COLUMNS.items():
            assert frame.schema[name] == dtype == FREQUENCY_SCHEMA[name], name


def test_wpi_q7_frame_matches_the_published_figures() -> None:
    q7 = wpi_frame("q7")
    published = q7.filter(pl.col("published"))
    assert published.get_column("n").to_list() == [16, 36, 25]
    assert published.get_column("pct_published").to_list() == [0.21, 0.47, 0.32]
    remainder = q7.filter(pl.col("option") == REMAINDER).row(0, named=True)
    assert remainder["n"] == 0
    assert remainder["base"] == 77


def test_other_frames_have_their_contract_columns() -> None:
    assert set(COMPARISON_COLUMNS) - {"group_a", "group_b"} <= set(comparison_frame().columns)
    assert set(CROSSTAB_COLUMNS) == set(crosstab_frame().columns)
    assert set(VERBAL_COLUMNS) == set(verbal_frame().columns)
