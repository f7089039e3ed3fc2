"""Write the fictional answers of the ``bejegening init`` example (``io/_templates/antwoorden.csv``).

Deterministic (fixed seed): run it again after changing the design below and commit the CSV.
Every respondent number starts with ``FICTIEF-``; no answer is real.

Design (72 respondents): two background variables (Leeftijdsgroep, Wijk, with one wijk of only
3 people so its group is too small to show), a satisfaction scale with a small most-negative
answer (merged or suppressed), a yes/no question whose answers differ by wijk, a
multiple-response question, a number of days, a grid of four statements, and an open question
with repeated answers.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "bejegening" / "io" / "_templates" / "antwoorden.csv"
rng = random.Random(20240501)


def pool(counts: dict[str, int]) -> list[str]:
    values = [value for value, n in counts.items() for _ in range(n)]
    rng.shuffle(values)
    return values


N = 72
WIJK = {"Noord": 30, "Zuid": 28, "Centrum": 11, "Buitengebied": 3}
wijk = pool(WIJK)
leeftijd = pool({"18-26": 12, "27-49": 22, "50-66": 26, "67+": 12})
q1 = pool(
    {
        "Zeer tevreden": 12,
        "Tevreden": 22,
        "Neutraal": 14,
        "Ontevreden": 16,
        "Zeer ontevreden": 4,
        "Weet niet": 4,
    }
)
# Q2 differs by wijk (Noord mostly "Ja", Zuid mostly "Nee").
q2_by_wijk = {
    "Noord": pool({"Ja": 22, "Soms": 1, "Nee": 5, "Weet niet": 2}),
    "Zuid": pool({"Ja": 8, "Soms": 2, "Nee": 16, "Weet niet": 2}),
    "Centrum": pool({"Ja": 6, "Soms": 1, "Nee": 3, "Weet niet": 1}),
    "Buitengebied": pool({"Ja": 2, "Weet niet": 1}),
}
CONTACT = {"Telefoon": 0.7, "Aan de balie": 0.45, "E-mail": 0.5, "Per brief": 0.3}
huisbezoek = set(rng.sample(range(N), 3))
DAYS = [1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 7, 7, 7, 10, 14, 14, 21, 28]
GRID_SCALE = ["Helemaal eens", "Eens", "Neutraal", "Oneens", "Helemaal oneens", "Weet niet"]
GRID = {
    "q5_a": [0.30, 0.35, 0.12, 0.12, 0.06, 0.05],
    "q5_b": [0.15, 0.30, 0.20, 0.20, 0.10, 0.05],
    "q5_c": [0.05, 0.15, 0.20, 0.30, 0.25, 0.05],
    "q5_d": [0.35, 0.40, 0.10, 0.07, 0.03, 0.05],
}
REPEATED = {
    "Sneller antwoord op mijn vragen.": 7,
    "Een vaste klantmanager zou fijn zijn.": 5,
    "Meer begrip voor mijn situatie.": 4,
    "Brieven in gewone taal schrijven.": 3,
}
SINGLE = [
    "Mevrouw de Vries aan de balie was erg behulpzaam.",
    "Mijn klantmanager Jansen belt nooit terug.",
    "Bel mij gerust: 06-12345678.",
    "Niet steeds opnieuw dezelfde papieren vragen.",
    "Prima zo, ik ben goed geholpen.",
    "Minder lang wachten op een beslissing.",
    "Vriendelijker aan de balie.",
    "Uitleggen waarom iets niet kan.",
]
open_answers = pool(REPEATED) + SINGLE
open_answers += [""] * (N - len(open_answers))
rng.shuffle(open_answers)

rows = []
for i in range(N):
    w = wijk[i]
    contact = [label for label, p in CONTACT.items() if rng.random() < p]
    if i in huisbezoek:
        contact.append("Huisbezoek")
    days = "" if rng.random() < 0.1 else str(rng.choice(DAYS))
    grid = {name: rng.choices(GRID_SCALE, weights=p)[0] for name, p in GRID.items()}
    rows.append(
        {
            "respondent": f"FICTIEF-{i + 1:03d}",
            "q1": q1[i],
            "q2": q2_by_wijk[w].pop(),
            "q3": ", ".join(contact),
            "q4": days,
            **grid,
            "q6": open_answers[i],
            "Leeftijdsgroep": leeftijd[i],
            "Wijk": w,
        }
    )

with OUT.open("w", encoding="utf-8", newline="") as handle:
    writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
print(f"{OUT}: {len(rows)} fictieve deelnemers")
