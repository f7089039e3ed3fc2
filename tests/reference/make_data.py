"""Write the FICTIONAL survey that R's reference values are computed on (``survey_data.csv``).

Run once (``python tests/reference/make_data.py``); the CSV is kept in the repository, so the
data never change unless this script does. Then run ``Rscript tests/reference/make_r_reference.R``.

Design (invented, shaped like a municipal client survey): three strata (districts) with known
population sizes; in each, teams (clusters, PSUs) are sampled and their clients asked. Design
weights are N_h / n_h; the R script rakes them to invented population margins of gender and age
group. Answers: a yes/no question with "weet niet", a five-point Likert question with "weet niet",
a waiting time in weeks (numeric, some missing) and background columns. Nothing here is real.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
STRATA = {  # district: (population clients, population teams, sampled teams)
    "Noord": (4200, 14, 6),
    "Midden": (6100, 20, 8),
    "Zuid": (2700, 9, 5),
}
AGES = ["18-34", "35-49", "50-64", "65+"]
LIKERT = ["zeer_ontevreden", "ontevreden", "neutraal", "tevreden", "zeer_tevreden"]


def main() -> None:
    rng = np.random.default_rng(2026_11_29)
    rows = []
    respondent = 0
    sizes = {name: 0 for name in STRATA}
    for stratum, (_, _, teams) in STRATA.items():
        for _ in range(teams):
            sizes[stratum] += int(rng.integers(18, 52))
    for stratum, (population, population_teams, teams) in STRATA.items():
        weight = population / sizes[stratum]
        stratum_effect = {"Noord": 0.2, "Midden": 0.0, "Zuid": -0.3}[stratum]
        remaining = sizes[stratum]
        for t in range(1, teams + 1):
            size = remaining if t == teams else int(rng.integers(18, 52))
            size = min(size, remaining - (teams - t) * 10) if t < teams else size
            remaining -= size
            team_effect = rng.normal(0.0, 0.45)
            for _ in range(size):
                respondent += 1
                age = AGES[int(rng.choice(4, p=[0.18, 0.27, 0.31, 0.24]))]
                gender = "vrouw" if rng.random() < 0.58 else "man"
                age_effect = AGES.index(age) * 0.18
                latent = 3.1 + stratum_effect + team_effect + age_effect + rng.normal(0.0, 1.0)
                likert = LIKERT[int(np.clip(np.rint(latent), 1, 5)) - 1]
                if rng.random() < 0.05:
                    likert = "weet_niet"
                p_yes = 1 / (1 + np.exp(-(-0.4 + 0.6 * team_effect + 0.25 * AGES.index(age))))
                draw = rng.random()
                help_ = "weet_niet" if draw < 0.07 else ("ja" if rng.random() < p_yes else "nee")
                wait = None if rng.random() < 0.08 else round(float(rng.gamma(2.2, 3.0 + team_effect)), 1)
                rows.append(
                    {
                        "respondent": f"R{respondent:04d}",
                        "wijk": stratum,
                        "team": f"{stratum[0]}{t:02d}",
                        "populatie_wijk": population,
                        "teams_wijk": population_teams,
                        "ontwerpgewicht": weight,
                        "geslacht": gender,
                        "leeftijd": age,
                        "hulp": help_,
                        "tevreden": likert,
                        "wachttijd": "" if wait is None else max(wait, 0.0),
                    }
                )
    with (HERE / "survey_data.csv").open("w", newline="", encoding="utf-8") as handle:
        handle.write(
            "# FICTIONAL data for reference tests (tests/reference/make_data.py); not a real survey\n"
        )
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
