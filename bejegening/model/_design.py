"""The sample design of a survey with respondent-level answers: strata, clusters, population sizes.

Written in ``survey.yaml`` under ``responses.design``; strata and clusters name background
variables (``responses.background``), the weight is ``responses.weight_column``. Researchers pass
the same object to the design-based estimators (:func:`bejegening.stats.design_proportions`).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

__all__ = ["SampleDesign"]

_Name = Annotated[str, StringConstraints(min_length=1, max_length=80)]


class SampleDesign(BaseModel):
    """How the respondents were sampled (R ``survey``'s ``svydesign(ids, strata, fpc)``).

    Without strata and clusters the sample is a simple random sample of respondents (weighted
    when there is a weight column); variances are those of sampling with replacement unless
    ``population_size`` is given.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    strata: _Name | None = Field(
        default=None,
        title="Strata",
        description="Achtergrondkenmerk met het stratum van elke deelnemer, bijvoorbeeld wijk.",
    )
    """Column (background variable) with the stratum of each respondent, e.g. ``wijk``."""
    clusters: _Name | None = Field(
        default=None,
        title="Clusters",
        description=(
            "Achtergrondkenmerk met de cluster (eerste trekkingseenheid) van elke deelnemer, "
            "bijvoorbeeld team."
        ),
    )
    """Column with the primary sampling unit (cluster) of each respondent, e.g. ``team``; without
    it every respondent is their own unit. Cluster codes need only be unique within a stratum."""
    population_size: float | dict[str, Annotated[float, Field(gt=0)]] | None = Field(
        default=None,
        title="Populatieomvang",
        description=(
            "Omvang van de populatie voor de eindigepopulatiecorrectie: per stratum ({Noord: "
            "4200}) of één getal zonder strata; met clusters het aantal clusters. Onbekend: "
            "weglaten."
        ),
    )
    """Population size for the finite population correction: per stratum (``{Noord: 4200}``)
    or one number without strata. With clusters it counts clusters (PSUs) in the population, as
    R's ``fpc``; otherwise people. Unknown: leave it out (sampling with replacement)."""

    @field_validator("population_size", mode="before")
    @classmethod
    def _keys_as_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _population_matches_strata(self) -> SampleDesign:
        size = self.population_size
        if isinstance(size, dict) and self.strata is None:
            raise ValueError("population_size per stratum vraagt om strata (de kolom met het stratum)")
        if isinstance(size, float | int) and self.strata is not None:
            raise ValueError("met strata: geef population_size per stratum, bijvoorbeeld {Noord: 4200}")
        if isinstance(size, float | int) and size <= 0:
            raise ValueError("population_size moet groter dan 0 zijn")
        return self
