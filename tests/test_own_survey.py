"""A council's own survey on the site: the extended ``init`` example built, every figure checked
against plain counting of its CSV (and statsmodels for intervals), never against the library.

Also the pieces on their own: primary/secondary suppression labels, merging small categories,
how much suppression hides, grouped open answers and the review file.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from scipy import stats as scipy_stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from typer.testing import CliRunner

import bejegening
from bejegening.cli import app
from bejegening.io import scaffold_survey
from bejegening.model import Question, Valence
from bejegening.stats import (
    group_open_answers,
    hidden_share,
    merge_small_categories,
    merged_label,
    open_answer_review,
    suppress_small_cells,
    suppression_reason,
)
from tests.fixtures.questions import SATISFACTION, fictional_question

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _pct(fraction: float, decimals: int = 0) -> str:
    """Dutch percentage, rounded half up (written here, not taken from the library)."""
    step = Decimal(1).scaleb(-decimals)
    value = (Decimal(repr(float(fraction))) * 100).quantize(step, rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + "%"


# --- the pieces -----------------------------------------------------------------------------


Q2 = fictional_question(
    "q2",
    "Vraag",
    "single",
    [
        ("ja", "Ja", Valence.positive),
        ("soms", "Soms", Valence.neutral),
        ("nee", "Nee", Valence.negative),
        ("weet-niet", "Weet niet", Valence.non_substantive),
    ],
)
SCALE = fictional_question("q1", "Vraag", "likert", SATISFACTION)


def _answers(question: Question, counts: dict[str, int]) -> pl.DataFrame:
    rows = [(question.id, option) for option, n in counts.items() for _ in range(n)]
    return pl.DataFrame(
        {
            "respondent": [str(i) for i in range(len(rows))],
            "question": [q for q, _ in rows],
            "option": [o for _, o in rows],
        }
    )


def _freq(question: Question, counts: dict[str, int]) -> pl.DataFrame:
    return bejegening.frequencies(_answers(question, counts), [question], survey_id="s")


def test_primary_and_secondary_cells_are_labelled_differently() -> None:
    # Soms (4) is small: primary. One hidden cell among the substantive answers could be
    # recomputed from the base (66), so the smallest other one, Nee (24), is hidden too.
    out = suppress_small_cells(_freq(Q2, {"ja": 38, "soms": 4, "nee": 24, "weet-niet": 6}), 5, questions=[Q2])
    kinds = dict(zip(out["option"].to_list(), out["suppression"].to_list(), strict=True))
    assert kinds == {"ja": None, "soms": "primary", "nee": "secondary", "weet-niet": None}
    assert out.filter(pl.col("option") == "nee")["n"].item() is None


def test_the_reasons_use_the_surveys_k() -> None:
    assert suppression_reason("primary", 7) == "minder dan 7 personen"
    assert (
        suppression_reason("secondary", 7)
        == "afgeschermd zodat een klein aantal elders niet terug te rekenen is"
    )
    assert suppression_reason("primary", 10, short=True) == "< 10"
    assert suppression_reason(None, 5) == ""


def test_half_or_more_hidden_is_flagged() -> None:
    out = suppress_small_cells(_freq(Q2, {"ja": 38, "soms": 4, "nee": 24, "weet-niet": 6}), 5, questions=[Q2])
    (row,) = hidden_share(out).to_dicts()
    # Substantive answers: Ja, Soms, Nee; two hidden; 66 - 38 = 28 people not shown.
    assert (row["options"], row["hidden_options"], row["base"], row["hidden_n"]) == (3, 2, 66, 28)
    assert row["mostly_hidden"] is True
    fine = suppress_small_cells(
        _freq(Q2, {"ja": 38, "soms": 14, "nee": 24, "weet-niet": 6}), 5, questions=[Q2]
    )
    assert hidden_share(fine)["mostly_hidden"].to_list() == [False]


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["Zeer ontevreden", "Ontevreden"], "(Zeer) ontevreden"),
        (["Ontevreden", "Zeer ontevreden"], "(Zeer) ontevreden"),
        (["Helemaal eens", "Eens"], "(Helemaal) eens"),
        (["Slecht", "Matig"], "Slecht of matig"),
    ],
)
def test_merged_labels(labels: list[str], expected: str) -> None:
    assert merged_label(labels) == expected


def test_small_category_is_merged_with_its_neighbour_of_the_same_valence() -> None:
    counts = {"zeer-tevreden": 12, "tevreden": 22, "neutraal": 14, "ontevreden": 16, "zeer-ontevreden": 4}
    questions, merges = merge_small_categories(_freq(SCALE, counts | {"weet-niet": 4}), [SCALE], 5)
    (merge,) = merges
    assert merge.parts == ("ontevreden", "zeer-ontevreden")
    assert merge.label == "(Zeer) ontevreden"
    assert [o.label for o in questions[0].ordered_options()] == [
        "Zeer tevreden",
        "Tevreden",
        "Neutraal",
        "(Zeer) ontevreden",
        "Weet niet",  # non-substantive: never merged
    ]
    protected = bejegening.stats.protected_frequencies(
        _answers(SCALE, counts | {"weet-niet": 4}), [SCALE], survey_id="s", k=5, merge=True
    ).frequencies
    merged = protected.filter(pl.col("option") == merge.option).to_dicts()[0]
    assert (merged["n"], merged["base"]) == (16 + 4, 12 + 22 + 14 + 16 + 4)
    low, high = proportion_confint(20, 68, method="wilson")
    assert merged["ci_low"] == pytest.approx(low) and merged["ci_high"] == pytest.approx(high)


def test_a_neutral_small_answer_is_not_merged() -> None:
    _, merges = merge_small_categories(_freq(Q2, {"ja": 38, "soms": 4, "nee": 24}), [Q2], 5)
    assert merges == []


def test_identical_open_answers_are_grouped_most_frequent_first() -> None:
    answers = pl.DataFrame(
        {
            "survey": ["s"] * 6,
            "question": ["q6"] * 6,
            "answer": ["b", "a", "c", "c", "a", "c"],
        }
    )
    out = group_open_answers(answers)
    assert out.select("answer", "count").rows() == [("c", 3), ("a", 2), ("b", 1)]


def test_review_lists_every_answer_and_every_replacement() -> None:
    question = fictional_question("q6", "Wat kan beter?", "open")
    wide = pl.DataFrame({"q6": ["Bel 06-12345678", "Jansen is fijn", "Jansen is fijn", None, "Goed"]})
    out = open_answer_review(wide, [question], survey_id="s", names=["Jansen"])
    rows = {r["original"]: r for r in out.to_dicts()}
    assert set(rows) == {"Bel 06-12345678", "Jansen is fijn", "Goed"}
    assert rows["Jansen is fijn"]["count"] == 2
    assert rows["Jansen is fijn"]["published"] == "[naam] is fijn"
    assert rows["Jansen is fijn"]["replacements"] == "[naam] ×1"
    assert rows["Bel 06-12345678"]["replacements"] == "[telefoonnummer] ×1"
    assert rows["Goed"]["changed"] is False and rows["Goed"]["replacements"] == ""


# --- the init example, built ------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict[str, str]]]:
    root = tmp_path_factory.mktemp("eigen")
    folder = root / "data" / "voorbeeld"
    scaffold_survey(folder)
    from bejegening.site import build_site  # noqa: PLC0415

    build_site(root / "data", root / "site")
    with (folder / "antwoorden.csv").open(encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle, delimiter=";"))
    return folder, root / "site", raw


def _text(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S)
    assert article is not None
    body = re.sub(r"<script.*?</script>", "", article.group(0), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _question_page(site: Path, qid: str) -> str:
    return _text(site / "enquetes" / "voorbeeld" / "vragen" / f"{qid}.html")


def test_home_survey_and_method_pages_count_the_participants(example) -> None:
    _, site, raw = example
    n = len(raw)
    assert n >= 60
    rate = _pct(n / 600, 1)  # invited: 600 in the example's survey.yaml
    expected = f"Aantal deelnemers: {n} (geteld uit de antwoorden), {rate} van de 600 uitgenodigde personen"
    assert expected in _text(site / "index.html")
    assert expected in _text(site / "enquetes" / "voorbeeld" / "index.html")
    method = _text(site / "enquetes" / "voorbeeld" / "methode.html")
    assert f"{n} (geteld uit de antwoorden), {rate} van de 600 uitgenodigde personen" in method
    assert "uitkomsten uit de bron" not in _text(site / "index.html")


def test_key_results_fall_back_to_the_largest_share(example) -> None:
    _, site, raw = example
    # The home page's headline findings: for a survey from answers, each question's most chosen
    # answer (issue 15's headlines took the place of the separate key-results list).
    home = _text(site / "index.html")
    answers = Counter(r["q2"] for r in raw if r["q2"])
    base = sum(n for option, n in answers.items() if option != "Weet niet")
    assert answers.most_common(1)[0][0] == "Ja"
    assert f"({_pct(answers['Ja'] / base)}) antwoordt ‘Ja’ bij de vraag" in home
    assert "Belangrijkste uitkomsten" in _text(site / "enquetes" / "voorbeeld" / "index.html")


def test_own_answers_are_not_called_a_source(example) -> None:
    _, site, _ = example
    for qid in ("q1", "q2", "q3"):
        text = _question_page(site, qid)
        assert "in de bron" not in text
        assert "Zoals in de bron" not in text
        assert "Geteld uit de antwoorden" in text


def test_two_suppression_labels_on_the_page_chart_and_downloads(example) -> None:
    _, site, raw = example
    answers = Counter(r["q2"] for r in raw if r["q2"])
    assert 0 < answers["Soms"] < 5  # the example's small cell
    text = _question_page(site, "q2")
    assert "Soms niet getoond: minder dan 5 personen" in text
    assert "Nee afgeschermd zodat een klein aantal elders niet terug te rekenen is" in text
    assert "Let op: door het afschermen is een groot deel van de antwoorden niet te zien" in text
    base = sum(n for option, n in answers.items() if option != "Weet niet")
    assert f"samen {base - answers['Ja']} van de {base} personen" in text
    # The chart's text alternative (figcaption) names both reasons too.
    assert "‘Soms’ niet getoond (minder dan 5 personen)" in text
    assert "‘Nee’ niet getoond (afgeschermd zodat een klein aantal elders niet terug te rekenen is)" in text
    # The chart spec itself carries the reason as the bar label.
    spec = (site / "grafieken").rglob("*q2*.json")
    labels = json.dumps([json.loads(p.read_text(encoding="utf-8")) for p in spec], ensure_ascii=False)
    assert "niet getoond: minder dan 5 personen" in labels
    downloads = list((site / "downloads").rglob("*frequenties*.csv"))
    assert downloads
    table = pl.read_csv(downloads[0], infer_schema=False)
    kinds = dict(
        zip(
            table.filter(pl.col("question") == "q2")["option"].to_list(),
            table.filter(pl.col("question") == "q2")["suppression"].to_list(),
            strict=True,
        )
    )
    assert kinds["soms"] == "primary" and kinds["nee"] == "secondary"


def test_merged_category_matches_plain_counting(example) -> None:
    _, site, raw = example
    answers = Counter(r["q1"] for r in raw if r["q1"])
    assert 0 < answers["Zeer ontevreden"] < 5
    merged = answers["Zeer ontevreden"] + answers["Ontevreden"]
    base = sum(n for option, n in answers.items() if option != "Weet niet")
    low, high = proportion_confint(merged, base, method="wilson")
    text = _question_page(site, "q1")
    share, margin = _pct(merged / base, 1), f"{_pct(low, 1)} tot {_pct(high, 1)}"
    assert f"(Zeer) ontevreden {merged} {share} {margin}" in text
    assert '"(Zeer) ontevreden" is "Ontevreden" en "Zeer ontevreden" samen.' in text


def test_multiple_choice_is_a_share_of_respondents(example) -> None:
    _, site, raw = example
    answered = [r["q3"] for r in raw if r["q3"]]
    ticked = Counter(label.strip() for cell in answered for label in cell.split(","))
    text = _question_page(site, "q3")
    n = ticked["Telefoon"]
    low, high = proportion_confint(n, len(answered), method="wilson")
    assert f"Telefoon {n} {_pct(n / len(answered), 1)} {_pct(low, 1)} tot {_pct(high, 1)}" in text
    assert f"Elk percentage is het deel van de {len(answered)} deelnemers die de vraag beantwoordden" in text
    assert "Opgeteld komen de percentages daarom boven 100%" in text


def test_open_answers_are_grouped_with_their_count(example) -> None:
    _, site, raw = example
    given = Counter(r["q6"].strip() for r in raw if r["q6"].strip())
    text = _question_page(site, "q6")
    repeated = [(answer, n) for answer, n in given.items() if n > 1]
    assert repeated
    for answer, n in repeated:
        assert f"{answer} ({n} keer)" in text
        assert text.count(answer) == 1
    assert "Jansen" not in text and "06-12345678" not in text
    assert "[naam]" in text and "[telefoonnummer]" in text


def test_review_file_is_left_untouched_when_unchanged(example, tmp_path: Path) -> None:
    """`serve` watches the data folder: a build that would write the same review file again
    must not touch it, or every build would start the next one."""
    folder, _site, _raw = example
    review = folder / "controle-open-antwoorden.csv"
    before = review.stat().st_mtime_ns
    from bejegening.site import build_site  # noqa: PLC0415

    build_site(folder.parent, tmp_path / "site", cache=False)
    assert review.stat().st_mtime_ns == before


def test_review_file_is_written_outside_the_site(example) -> None:
    folder, site, raw = example
    review = folder / "controle-open-antwoorden.csv"
    assert review.is_file()
    assert not list(site.rglob("controle-open-antwoorden*"))
    rows = list(csv.reader(io.StringIO(review.read_text(encoding="utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["vraag", "antwoord zoals gegeven", "op de site", "vervangen"]
    given = Counter(r["q6"].strip() for r in raw if r["q6"].strip())
    assert {row[1]: int(row[4]) for row in body} == dict(given)
    jansen = next(row for row in body if "Jansen" in row[1])
    assert jansen[2].count("[naam]") == 1 and jansen[3] == "[naam] ×1"


def test_stats_cli_labels_both_kinds(tmp_path: Path) -> None:
    scaffold_survey(tmp_path / "voorbeeld")
    result = runner.invoke(app, ["stats", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {(r["question"], r["option"]): r for r in json.loads(result.stdout)}
    assert rows[("q2", "soms")]["suppression"] == "primary"
    assert rows[("q2", "nee")]["suppression"] == "secondary"
    table = runner.invoke(app, ["stats", str(tmp_path)], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "< 5" in table.stdout
    assert suppression_reason("secondary", 5) in table.stdout


# --- "Per groep" ------------------------------------------------------------------------------

GRID = ("q5_a", "q5_b", "q5_c", "q5_d")
"""The columns of the grid question q5: each item is tested per group too (same Holm family)."""
SUBSTANTIVE = {
    "q1": ["Zeer tevreden", "Tevreden", "Neutraal", "(Zeer) ontevreden"],
    "q2": ["Ja", "Soms", "Nee"],
    **{column: ["(Helemaal) eens", "Neutraal", "(Helemaal) oneens"] for column in GRID},
}
# The example merges small answers on the same side of the scale (merge_small_categories).
MERGED = {
    "q1": {"Ontevreden": "(Zeer) ontevreden", "Zeer ontevreden": "(Zeer) ontevreden"},
    **{
        column: {
            "Helemaal eens": "(Helemaal) eens",
            "Eens": "(Helemaal) eens",
            "Oneens": "(Helemaal) oneens",
            "Helemaal oneens": "(Helemaal) oneens",
        }
        for column in GRID
    },
}


def _answer(row: dict[str, str], qid: str) -> str:
    value = row[qid]
    return MERGED.get(qid, {}).get(value, value)


def _table(raw: list[dict[str, str]], qid: str, column: str) -> tuple[list[str], np.ndarray]:
    """Options × groups counts of the groups with at least 5 substantive answers (plain counting)."""
    answered = [r for r in raw if _answer(r, qid) in SUBSTANTIVE[qid]]
    sizes = Counter(r[column] for r in answered)
    groups = sorted(g for g, n in sizes.items() if n >= 5)
    counts = np.array(
        [
            [sum(1 for r in answered if r[column] == g and _answer(r, qid) == o) for g in groups]
            for o in SUBSTANTIVE[qid]
        ]
    )
    return groups, counts[counts.sum(axis=1) > 0]


def _scipy_test(counts: np.ndarray) -> tuple[str, float, float]:
    chi2, p, _, expected = scipy_stats.chi2_contingency(counts, correction=False)
    v = math.sqrt(chi2 / (counts.sum() * (min(counts.shape) - 1)))
    if expected.min() < 5:
        method = scipy_stats.MonteCarloMethod(n_resamples=20_000, rng=np.random.default_rng(20240501))
        p = scipy_stats.fisher_exact(counts, method=method).pvalue
        return "exacte toets van Fisher", float(p), v
    return "chi-kwadraattoets", float(p), v


def _p(p: float) -> str:
    return (
        "p < 0,001"
        if p < 0.001
        else "p = " + f"{Decimal(repr(float(p))).quantize(Decimal('0.001'), ROUND_HALF_UP)}".replace(".", ",")
    )


def _section(text: str, title: str) -> str:
    start = text.index(f"Per groep: {title}")
    end = text.find("Per groep: ", start + 5)
    return text[start : end if end > 0 else None]


def test_per_group_tests_match_scipy_and_holm(example) -> None:
    _, site, raw = example
    tests = {}
    for qid in ("q1", "q2", *GRID):
        for column in ("Leeftijdsgroep", "Wijk"):
            tests[(qid, column)] = _scipy_test(_table(raw, qid, column)[1])
    keys = list(tests)
    adjusted = dict(zip(keys, multipletests([tests[k][1] for k in keys], method="holm")[1], strict=True))
    for (qid, column), (name, p, v) in tests.items():
        if qid in GRID:
            continue  # in the Holm family (and the downloads); the pages below are q1 and q2
        section = _section(_question_page(site, qid), column)
        v_text = f"{Decimal(repr(float(v))).quantize(Decimal('0.01'), ROUND_HALF_UP)}".replace(".", ",")
        holm = _p(adjusted[(qid, column)])
        details = f"{name}, {_p(p)}; na Holm-correctie voor alle {len(keys)} toetsen van dit onderzoek {holm}"
        assert details in section, (qid, column)
        assert f"Cramér's V = {v_text}" in section
        # "verschil" only where the adjusted test says so.
        assert ("verschil" in section.lower()) == (adjusted[(qid, column)] < 0.05), (qid, column)
    assert adjusted[("q2", "Wijk")] < 0.05  # the example is built to show one


def test_per_group_table_names_the_small_group_and_matches_counting(example) -> None:
    _, site, raw = example
    section = _section(_question_page(site, "q2"), "Wijk")
    sizes = Counter(r["Wijk"] for r in raw)
    small = [g for g, n in sizes.items() if n < 5]
    assert small == ["Buitengebied"]
    assert "Buitengebied groep te klein: minder dan 5 personen" in section
    centrum = [r for r in raw if r["Wijk"] == "Centrum" and r["q2"] in SUBSTANTIVE["q2"]]
    ja = sum(1 for r in centrum if r["q2"] == "Ja")
    low, high = proportion_confint(ja, len(centrum), method="wilson")
    assert f"Centrum {len(centrum)} {_pct(ja / len(centrum), 1)} {_pct(low, 1)}–{_pct(high, 1)}" in section
    assert "< 5" in section and "afgeschermd (terugrekenen)" in section
    crosstabs = pl.read_csv(site / "downloads" / "voorbeeld" / "kruistabellen.csv", infer_schema=False)
    buiten = crosstabs.filter((pl.col("by") == "wijk") & (pl.col("group") == "Buitengebied"))
    assert (
        buiten.height
        and buiten["n"].null_count() == buiten.height
        and buiten["base"].null_count() == buiten.height
    )
    assert (site / "downloads" / "voorbeeld" / "toetsen.csv").is_file()


def test_difference_of_the_two_largest_groups_is_newcombe(example) -> None:
    _, site, raw = example
    section = _section(_question_page(site, "q2"), "Leeftijdsgroep")
    answered = [r for r in raw if r["q2"] in SUBSTANTIVE["q2"]]
    sizes = Counter(r["Leeftijdsgroep"] for r in answered)
    (a, n_a), (b, n_b) = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:2]
    x_a = sum(1 for r in answered if r["Leeftijdsgroep"] == a and r["q2"] == "Ja")
    x_b = sum(1 for r in answered if r["Leeftijdsgroep"] == b and r["q2"] == "Ja")
    low, high = confint_proportions_2indep(x_a, n_a, x_b, n_b, method="newcombe", compare="diff")

    def points(value: float) -> str:
        rounded = Decimal(repr(float(abs(value) * 100))).quantize(Decimal("0.1"), ROUND_HALF_UP)
        text = f"{rounded}".replace(".", ",")
        return ("+" if value > 0 else "−") + text

    assert (
        f"{a} {_pct(x_a / n_a, 1)} ({x_a} van {n_a}), {b} {_pct(x_b / n_b, 1)} ({x_b} van {n_b})" in section
    )
    assert f"95%-marge {points(low)} tot {points(high)} procentpunt, Newcombe" in section
