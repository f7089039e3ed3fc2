"""Dutch descriptions of charts: the key numbers in sentences, for screen readers and alt text.

Every builder in :mod:`bejegening.render` puts the matching description in the Vega-Lite spec
(``description``; vega-embed makes it the chart's ``aria-label``) and :func:`render_svg` writes it
into the SVG's ``<desc>``.  The functions here can also be called on their own, e.g. for the text
alternative next to an ``<img>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import polars as pl

from bejegening.render._charts_prep import (
    comparison_rows,
    crosstab_rows,
    likert_rows,
    single_rows,
    verbal_rows,
)
from bejegening.render._charts_text import (
    count_text,
    join_dutch,
    pct_text,
    points_text,
    quoted,
    range_text,
    sentence_start,
    signed_points_text,
)

__all__ = [
    "comparison_description",
    "crosstab_description",
    "likert_description",
    "partial_distribution_description",
    "single_choice_description",
    "verbal_findings_description",
]

FrameLike = pl.DataFrame | pl.LazyFrame


def _confidence_text(confidence: float) -> str:
    return pct_text(confidence, 0 if round(confidence * 100, 6).is_integer() else 1)


def _answer_phrase(row: Mapping[str, object], decimals: int) -> str:
    label = quoted(str(row["label"]))
    kind = row["value_kind"]
    value = row["value"] if isinstance(row["value"], float) else None
    n = row["n"] if isinstance(row["n"], int) else None
    if kind == "suppressed":
        return f"{label} te weinig keer om te tonen"
    if kind == "unknown":
        return f"{label} (aantal niet gepubliceerd)"
    details = []
    if n is not None:
        details.append(count_text(n))
    if row["printed"]:
        details.append(f"de bron drukt {row['printed']} af")
    if kind == "printed":
        details.append("percentage zoals gepubliceerd")
    suffix = f" ({'; '.join(details)})" if details else ""
    return f"{pct_text(value, decimals)} {label}{suffix}"


def single_choice_description(
    freq: FrameLike,
    *,
    question_text: str | None = None,
    decimals: int = 0,
    confidence: float = 0.95,
) -> str:
    """The Dutch description of :func:`single_choice_chart`.

    >>> # "Staafdiagram bij de vraag ‘…’. Van de 77 mensen die deze vraag beantwoordden, antwoordde
    >>> #  21% ‘Vakkundig’ (16), 47% ‘Overdreven’ (36) en 32% ‘Bedreigend’ (25). …"
    """
    rows = single_rows(freq, decimals)
    records = rows.frame.to_dicts()
    answers = [r for r in records if r["part"] == "answer"]
    apart = [r for r in records if r["part"] == "non_substantive"]
    remainder = [r for r in records if r["part"] == "remainder"]
    subject = f"de vraag {quoted(question_text)}" if question_text else f"vraag {rows.question}"
    sentences = [f"Staafdiagram bij {subject}."]
    phrases = [_answer_phrase(r, decimals) for r in answers]
    if rows.base is not None:
        who = f"Van de {count_text(rows.base)} mensen die deze vraag beantwoordden"
        if rows.base_inferred:
            who += " (een aantal dat de bron niet noemt maar dat uit de gepubliceerde aantallen volgt)"
        sentences.append(f"{who}, antwoordde {join_dutch(phrases)}.")
    else:
        sentences.append(
            f"Hoeveel mensen deze vraag beantwoordden, is onbekend. Gepubliceerd: {join_dutch(phrases)}."
        )
    if apart:
        phrases_apart = [_answer_phrase(r, decimals) for r in apart]
        base_apart = (
            f" van alle {count_text(rows.non_substantive_base)} antwoorden"
            if rows.non_substantive_base
            else ""
        )
        sentences.append(
            f"Los daarvan, als geen inhoudelijk antwoord{base_apart}: {join_dutch(phrases_apart)}."
        )
    if remainder:
        sentences.append(
            _remainder_sentence(remainder[0], rows.remainder_kind, rows.published_total, decimals)
        )
    if any(r["ci_low"] is not None for r in records):
        level = _confidence_text(confidence)
        text = f"De streepjes bij de balken tonen het {level}-betrouwbaarheidsinterval"
        if rows.sampling_note:
            text += (
                "; dat beschrijft alleen toevalsvariatie, want de deelnemers meldden zich zelf aan"
                " of de werving is onbekend"
            )
        sentences.append(text + ".")
    return " ".join(sentences)


def _remainder_sentence(
    row: Mapping[str, object], kind: str | None, published_total: float | None, decimals: int
) -> str:
    value = row["value"] if isinstance(row["value"], float) else None
    n = row["n"] if isinstance(row["n"], int) else None
    if kind == "pct" and n == 0:
        return "De gepubliceerde antwoorden omvatten iedereen die de vraag beantwoordde."
    if kind == "pct":
        who = (
            f"de overige {count_text(n)} mensen ({pct_text(value, decimals)})"
            if n is not None
            else (f"de overige {pct_text(value, decimals)}")
        )
        return f"Wat {who} antwoordden, is niet gepubliceerd."
    if kind == "rest":
        return (
            f"De gepubliceerde percentages tellen op tot {pct_text(published_total, decimals)}; "
            f"de overige {pct_text(value, decimals)} is niet gepubliceerd."
        )
    if kind == "over":
        return (
            f"De gepubliceerde percentages tellen op tot {pct_text(published_total, decimals)}, "
            "meer dan 100%; hoe groot het niet-gepubliceerde deel is, is onbekend."
        )
    return "Niet alle antwoorden zijn gepubliceerd; hoe groot het niet-gepubliceerde deel is, is onbekend."


def partial_distribution_description(
    freq: FrameLike, *, question_text: str | None = None, decimals: int = 0
) -> str:
    """The Dutch description of :func:`partial_distribution_chart`."""
    rows = single_rows(freq, decimals)
    records = rows.frame.to_dicts()
    shown = [r for r in records if r["part"] != "remainder"]
    remainder = [r for r in records if r["part"] == "remainder"]
    subject = f"de vraag {quoted(question_text)}" if question_text else f"vraag {rows.question}"
    sentences = [
        f"Gestapelde balk van alle antwoorden op {subject}, met apart wat niet is gepubliceerd.",
    ]
    if rows.base is not None:
        sentences.append(f"Aantal mensen dat de vraag beantwoordde: {count_text(rows.base)}.")
    sentences.append(f"Gepubliceerd: {join_dutch([_answer_phrase(r, decimals) for r in shown])}.")
    if remainder:
        sentences.append(
            _remainder_sentence(remainder[0], rows.remainder_kind, rows.published_total, decimals)
        )
    else:
        sentences.append("Alle antwoordmogelijkheden zijn gepubliceerd.")
    return " ".join(sentences)


def likert_description(
    freq: FrameLike,
    *,
    item_labels: Mapping[str, str] | None = None,
    title: str | None = None,
    order: Literal["questionnaire", "positive"] = "questionnaire",
    neutral: Literal["split", "apart"] = "split",
    decimals: int = 0,
) -> str:
    """The Dutch description of :func:`likert_chart`."""
    rows = likert_rows(freq, item_labels=item_labels, order=order, neutral=neutral, decimals=decimals)
    totals = rows.totals.to_dicts()
    about = f" over {quoted(title)}" if title else ""
    count = len(totals)
    sentences = [
        f"Gestapeld staafdiagram{about} van {count} {'uitspraak' if count == 1 else 'uitspraken'}: "
        "negatieve antwoorden links van het midden, positieve rechts"
        + (", neutrale verdeeld over beide kanten." if neutral == "split" else ", neutrale apart.")
    ]
    for total in totals:
        parts = [
            f"{pct_text(total['positive'], decimals)} positief",
            f"{pct_text(total['negative'], decimals)} negatief",
            f"{pct_text(total['neutral'], decimals)} neutraal",
        ]
        base = total["base"]
        suffix = f" (van {count_text(base)} inhoudelijke antwoorden)" if isinstance(base, int) else ""
        sentences.append(f"{quoted(str(total['item_label']))}: {join_dutch(parts)}{suffix}.")
    apart = rows.apart.filter(pl.col("option").is_not_null()).to_dicts()
    if apart:
        phrases = [
            f"{pct_text(r['value'], decimals)} {quoted(str(r['label']))} bij {quoted(str(r['item_label']))}"
            for r in apart
        ]
        sentences.append(f"Apart getoond: {join_dutch(phrases)}.")
    return " ".join(sentences)


def comparison_description(
    comparison: FrameLike,
    *,
    group_labels: Mapping[str, str] | None = None,
    title: str | None = None,
    decimals: int = 0,
    confidence: float = 0.95,
) -> str:
    """The Dutch description of :func:`comparison_chart`."""
    rows = comparison_rows(comparison, group_labels=group_labels, decimals=decimals)
    a, b = rows.group_a, rows.group_b
    about = f" ({title})" if title else ""
    level = _confidence_text(confidence)
    intro = (
        f"Vergelijking van {a} en {b}{about} per antwoord: de twee percentages en het verschil in "
        f"procentpunten met een {level}-interval."
    )
    if rows.adjustment and rows.adjustment != "geen":
        intro += f" De p-waarden zijn gecorrigeerd voor meerdere vergelijkingen ({rows.adjustment})."
    sentences = [intro]
    for row in rows.frame.to_dicts():
        diff = row["diff"]
        if diff is None:
            sentences.append(
                f"{quoted(str(row['label']))}: {a} {row['text_a']}, {b} {row['text_b']}; niet te toetsen."
            )
            continue
        if signed_points_text(diff, decimals) in {"0", "0," + "0" * decimals}:
            direction = "geen verschil"
        else:
            direction = f"{a} {points_text(diff, decimals)} {'hoger' if diff > 0 else 'lager'}"
        sentences.append(
            f"{quoted(str(row['label']))}: {a} {row['text_a']}, {b} {row['text_b']}, {direction} "
            f"(interval {row['text_ci']} procentpunt); {row['verdict']}."
        )
    return " ".join(sentences)


def crosstab_description(
    crosstab: FrameLike,
    *,
    group_title: str | None = None,
    question_text: str | None = None,
    decimals: int = 0,
) -> str:
    """The Dutch description of :func:`crosstab_chart`."""
    rows = crosstab_rows(crosstab, decimals)
    subject = (
        f"de vraag {quoted(question_text)}"
        if question_text
        else (f"vraag {rows.question}" if rows.question else "een vraag")
    )
    by = f" per {group_title}" if group_title else " per groep"
    sentences = [f"Staafdiagrammen van de antwoorden op {subject}{by}, als percentage van elke groep."]
    frame = rows.frame
    for option in frame.get_column("option").unique(maintain_order=True).to_list():
        cells = frame.filter(pl.col("option") == option).to_dicts()
        shown = [
            f"{pct_text(c['value'], decimals)} bij {c['group']}"
            + (
                f" ({count_text(c['n'])} van {count_text(c['base'])})"
                if c["n"] is not None and c["base"] is not None
                else ""
            )
            for c in cells
            if c["value"] is not None
        ]
        hidden = [str(c["group"]) for c in cells if c["suppressed"]]
        text = f"{quoted(str(cells[0]['label']))}: {join_dutch(shown) if shown else 'geen getoonde cijfers'}"
        if hidden:
            text += f"; bij {join_dutch(hidden)} te weinig antwoorden om te tonen"
        sentences.append(text + ".")
    return " ".join(sentences)


def verbal_findings_description(findings: FrameLike, *, decimals: int = 0) -> str:
    """The Dutch description of :func:`verbal_findings_chart`."""
    rows = verbal_rows(findings, decimals)
    sentences = [
        "Deze uitspraken noemen geen percentages maar woorden. De balken tonen het bereik dat bij "
        "die woorden hoort; dat bereik is afgeleid uit de woorden, niet gemeten."
    ]
    for row in rows.frame.to_dicts():
        who = f" van de {row['base_description']}" if row["base_description"] else ""
        quantity = sentence_start(quoted(str(row["quantifier"])))
        if row["has_interval"]:
            extent = range_text(row["low"], row["high"], decimals)
        else:
            extent = "geen percentage: niet als aandeel te vertalen"
        sentences.append(f"{quantity}{who}: {row['statement']} ({extent}).")
    return " ".join(sentences)
