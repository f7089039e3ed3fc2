"""Rule family "significance": a source's claim that outcomes are "significant" is set against
what the data can test."""

from __future__ import annotations

from bejegening.checks._context import SortKey, SurveyContext
from bejegening.checks._rules import CheckRow, CheckRule, CheckStatus, RuleInfo
from bejegening.checks._text import bases_text
from bejegening.model import ClaimKind, Sampling

__all__ = ["RULES", "check"]

RULES = (
    RuleInfo(
        CheckRule.significance,
        '"Significant"',
        'Noemt de bron uitkomsten "significant", dan kijken we of dat te toetsen is met wat er '
        "gepubliceerd is.",
    ),
)


def check(ctx: SurveyContext) -> list[tuple[SortKey, CheckRow]]:
    """A row per significance claim and question it is about; after all question rows."""
    return [(ctx.key(None, 4, i), row) for i, row in enumerate(significance_rows(ctx))]


def significance_rows(ctx: SurveyContext) -> list[CheckRow]:
    rows = []
    survey = ctx.bundle.survey
    for claim in ctx.bundle.spec.claims:
        if claim.kind is not ClaimKind.significance:
            continue
        targets: list[str | None] = list(claim.questions) or [None]
        for question_id in targets:
            rows.append(
                ctx.row(
                    None,
                    CheckRule.significance,
                    CheckStatus.niet_toetsbaar,
                    _significance_text(ctx, claim.text, question_id, survey.respondents, survey.sampling),
                    question=question_id,
                    figure=claim.text,
                    claim=claim.id,
                )
            )
    return rows


def _significance_text(
    ctx: SurveyContext,
    claim: str,
    question_id: str | None,
    respondents: int | None,
    sampling: Sampling | None,
) -> str:
    parts = [
        f"De bron noemt de uitkomsten 'significant' (\"{claim.strip()}\"), maar zegt niet "
        "waarmee vergeleken is en welke toets gebruikt is."
    ]
    parts.append(
        "Er is niets om mee te vergelijken: één enquête, één meting, geen andere groep en geen "
        "eerdere meting."
    )
    if respondents is None:
        bases = ctx.groups.get((question_id, None)) if question_id else None
        inferred = bases.bases() if bases is not None else []
        if inferred:
            parts.append(
                "Het aantal deelnemers staat er niet in; uit de percentages volgt "
                f"{bases_text(inferred, max_n=ctx.max_n)}."
            )
        else:
            parts.append("Het aantal deelnemers staat er niet in.")
    parts.append(
        "Eén percentage is op zichzelf niet 'significant'. Hooguit kun je toetsen of een "
        "aandeel afwijkt van een vergelijkingswaarde, maar die noemt de bron niet."
    )
    if sampling is not Sampling.probability:
        parts.append(
            "Ook staat er niet in dat de deelnemers willekeurig gekozen zijn; dan zou een toets "
            "alleen toevalsruis beschrijven, niet of de uitkomst voor alle cliënten geldt."
        )
    parts.append("Niet toetsbaar met deze gegevens.")
    return " ".join(parts)
