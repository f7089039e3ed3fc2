"""Merging small answer categories instead of suppressing them.

With few respondents the most negative answer ("Zeer ontevreden") often counts fewer than *k*
people and would be hidden, which hides exactly what a client council needs to see.  When a
survey enables ``merge_small_categories``, an option counting 0 < n < k is merged with its
neighbour on the same side of the scale (same valence, adjacent in questionnaire order; of two
such neighbours the smaller), e.g. "Zeer ontevreden" + "Ontevreden" → "(Zeer) ontevreden".  This
is *global recoding* in statistical disclosure control (Hundepool et al., *Statistical
Disclosure Control*, Wiley 2012, §3.4.1): a coarser category instead of a hidden cell.  Merging
repeats until no small option has a neighbour of the same valence left; whatever is still small
is suppressed as usual (:func:`bejegening.suppress_small_cells`).

Only single-choice and Likert questions are merged (their options partition the respondents);
options without a valence, neutral and "weet niet" options are never merged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from bejegening.model import ITEM_SEPARATOR, Option, Question, QuestionType, Sampling, Valence

__all__ = [
    "CategoryMerge",
    "ProtectedFrequencies",
    "merge_small_categories",
    "merged_label",
    "protected_frequencies",
    "recode_answers",
]

_MERGEABLE = (Valence.positive, Valence.negative)


@dataclass(frozen=True)
class CategoryMerge:
    """One merged option: ``option`` (new id) replaces ``parts`` (old ids, questionnaire order)."""

    question: str
    option: str
    label: str
    parts: tuple[str, ...]
    part_labels: tuple[str, ...]


def merged_label(labels: Sequence[str]) -> str:
    """A label for merged options: ``["Zeer ontevreden", "Ontevreden"]`` → ``"(Zeer) ontevreden"``.

    When every label ends with the shortest one (after a word boundary), the extra words go in
    brackets; otherwise the labels are joined with "of": ``"Slecht of matig"``.
    """
    if len(labels) == 1:
        return labels[0]
    shortest = min(labels, key=len)
    extras = []
    for label in labels:
        if label == shortest:
            continue
        head = label[: len(label) - len(shortest)]
        if not label.lower().endswith(shortest.lower()) or not head.endswith(" "):
            joined = ", ".join(labels[:-1]) + " of " + labels[-1].lower()
            return joined[0].upper() + joined[1:]
        extras.append(head.strip())
    if len(extras) == 1:
        return f"({extras[0]}) {shortest.lower()}"
    return f"({'/'.join(extras)}) {shortest.lower()}"


def _merge_once(options: list[tuple[list[Option], int]], k: int) -> bool:
    """Merge one small group with a neighbour of the same valence; False when none can be merged."""
    for index, (group, n) in enumerate(options):
        valence = group[0].valence
        if not (0 < n < k) or valence not in _MERGEABLE:
            continue
        neighbours = [
            j for j in (index - 1, index + 1) if 0 <= j < len(options) and options[j][0][0].valence == valence
        ]
        if not neighbours:
            continue
        partner = min(neighbours, key=lambda j: (options[j][1], j))
        first, second = sorted((index, partner))
        options[first] = (options[first][0] + options[second][0], options[first][1] + options[second][1])
        del options[second]
        return True
    return False


def merge_small_categories(
    counts: pl.DataFrame, questions: Sequence[Question], k: int
) -> tuple[list[Question], list[CategoryMerge]]:
    """Questions with small options merged into their neighbours, and the merges made.

    ``counts`` is an unsuppressed frequency table (columns ``question, option, n``) of the same
    questions.  Returns the questions (merged options replaced by one option with a new id
    ``<first>--<second>``, label from :func:`merged_label`, the valence of its parts and no score)
    and one :class:`CategoryMerge` per merged option.  Questions without a small mergeable
    option are returned unchanged.  The items of a grid (ids ``<grid>.<item>``) share one scale,
    so an option pair merged in one item is merged in every item of that grid.
    """
    n_of: dict[tuple[str, str], int] = {
        (str(q), str(o)): int(n or 0) for q, o, n in counts.select("question", "option", "n").iter_rows()
    }
    partitions: dict[str, list[list[Option]]] = {}
    for question in questions:
        if question.type not in (QuestionType.single, QuestionType.likert):
            continue
        groups = [([o], n_of.get((question.id, o.id), 0)) for o in question.ordered_options()]
        while _merge_once(groups, k):
            pass
        partitions[question.id] = [group for group, _ in groups]
    # The items of a grid share one scale: an option pair merged in one item is merged in all.
    grids: dict[str, list[str]] = {}
    for question_id in partitions:
        grid, _, item = question_id.partition(ITEM_SEPARATOR)
        if item:
            grids.setdefault(grid, []).append(question_id)
    for members in grids.values():
        joined = _union([partitions[m] for m in members])
        for member in members:
            partitions[member] = joined
    out: list[Question] = []
    merges: list[CategoryMerge] = []
    for question in questions:
        partition = partitions.get(question.id)
        if partition is None or all(len(group) == 1 for group in partition):
            out.append(question)
            continue
        options = []
        for position, group in enumerate(partition):
            if len(group) == 1:
                options.append(group[0].model_copy(update={"order": position}))
                continue
            option_id = "--".join(o.id for o in group)[:80]
            label = merged_label([o.label for o in group])
            options.append(Option(id=option_id, label=label, order=position, valence=group[0].valence))
            merges.append(
                CategoryMerge(
                    question=question.id,
                    option=option_id,
                    label=label,
                    parts=tuple(o.id for o in group),
                    part_labels=tuple(o.label for o in group),
                )
            )
        out.append(question.model_copy(update={"options": options}))
    return out, merges


def _union(partitions: Sequence[list[list[Option]]]) -> list[list[Option]]:
    """The finest partition of the options (in order) that every given one refines into: options
    merged together anywhere end up together (groups of adjacent options stay adjacent)."""
    first = partitions[0]
    order = [o for group in first for o in group]
    index = {o.id: i for i, o in enumerate(order)}
    joined_with_next = [False] * len(order)
    for partition in partitions:
        for group in partition:
            positions = sorted(index[o.id] for o in group)
            for position in positions[:-1]:
                joined_with_next[position] = True
    out: list[list[Option]] = [[order[0]]] if order else []
    for i in range(1, len(order)):
        if joined_with_next[i - 1]:
            out[-1].append(order[i])
        else:
            out.append([order[i]])
    return out


def recode_answers(answers: pl.DataFrame | pl.LazyFrame, merges: Sequence[CategoryMerge]) -> pl.LazyFrame:
    """Long-form answers (``question, option``) with merged options replaced by their new id."""
    lazy = answers.lazy() if isinstance(answers, pl.DataFrame) else answers
    if not merges:
        return lazy
    mapping: Mapping[tuple[str, str], str] = {(m.question, p): m.option for m in merges for p in m.parts}
    expr = pl.col("option")
    for (question, part), new in mapping.items():
        expr = (
            pl.when((pl.col("question") == question) & (pl.col("option") == part))
            .then(pl.lit(new))
            .otherwise(expr)
        )
    return lazy.with_columns(expr.alias("option"))


@dataclass(frozen=True)
class ProtectedFrequencies:
    """Result of :func:`protected_frequencies`."""

    frequencies: pl.DataFrame
    """Frequency table with small cells suppressed (``suppressed``, ``suppression``)."""
    questions: tuple[Question, ...]
    """The questions as counted: merged options replaced (see :func:`merge_small_categories`)."""
    merges: tuple[CategoryMerge, ...]


def protected_frequencies(
    answers: pl.DataFrame | pl.LazyFrame,
    questions: Sequence[Question],
    *,
    survey_id: str,
    k: int,
    merge: bool = False,
    population_size: int | None = None,
    sampling: Sampling | str | None = None,
    weight: str | None = None,
) -> ProtectedFrequencies:
    """Frequencies of long-form answers as they may be published: small options merged into a
    neighbour first when ``merge`` (:func:`merge_small_categories`), then small cells suppressed
    (:func:`bejegening.suppress_small_cells` at ``k``). Other parameters as in
    :func:`bejegening.frequencies`."""
    from bejegening.stats._frequencies import frequencies  # noqa: PLC0415
    from bejegening.stats._suppress import suppress_small_cells  # noqa: PLC0415

    lazy = answers.lazy() if isinstance(answers, pl.DataFrame) else answers

    def count(frame: pl.LazyFrame, asked: Sequence[Question]) -> pl.DataFrame:
        return frequencies(
            frame,
            asked,
            survey_id=survey_id,
            population_size=population_size,
            sampling=sampling,
            weight=weight,
        )

    freq = count(lazy, questions)
    counted: list[Question] = list(questions)
    merges: list[CategoryMerge] = []
    if merge:
        counted, merges = merge_small_categories(freq, questions, k)
        if merges:
            freq = count(recode_answers(lazy, merges), counted)
    table = suppress_small_cells(freq, k, questions=counted)
    return ProtectedFrequencies(table, tuple(counted), tuple(merges))
