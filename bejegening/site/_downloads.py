"""Downloadable tables of the site: CSV, Parquet and JSON per survey, and a Frictionless
``datapackage.json`` describing them. Aggregate tables only: never respondent-level data.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from bejegening.io import SurveyBundle
from bejegening.render import DownloadFile, safe_url
from bejegening.report import SurveyReport
from bejegening.site._formulas import neutralise_formulas
from bejegening.site._kept import kept

__all__ = ["DOWNLOADS_DIR", "TABLES", "WORKBOOK_TITLE", "download_tables", "write_downloads"]

DOWNLOADS_DIR = "downloads"
WORKBOOK_TITLE = "Alle tabellen in één Excel-bestand"

_TYPES: Mapping[type[pl.DataType], str] = {
    pl.String: "string",
    pl.Int64: "integer",
    pl.Int32: "integer",
    pl.UInt32: "integer",
    pl.Float64: "number",
    pl.Boolean: "boolean",
    pl.Date: "date",
}


@dataclass(frozen=True)
class _Table:
    name: str
    title: str
    description: str
    fields: Mapping[str, str]
    """Column → Dutch description, in output order."""


TABLES: tuple[_Table, ...] = (
    _Table(
        "frequenties",
        "Aantallen en percentages per antwoord",
        "Per vraag en antwoord: aantal, totaal, percentage en betrouwbaarheidsinterval. Gedrukte "
        "cijfers zoals in de bron; kleine aantallen afgeschermd.",
        {
            "survey": "Id van het onderzoek.",
            "question": "Id van de vraag.",
            "option": "Id van het antwoord; _niet_gepubliceerd = het deel dat de bron niet noemt.",
            "label": "Het antwoord zoals gedrukt.",
            "order": "Volgorde van het antwoord in de vragenlijst.",
            "valence": "positive, neutral, negative, non_substantive of remainder; leeg als onbekend.",
            "n": "Aantal personen met dit antwoord; leeg als onbekend of afgeschermd.",
            "base": "Totaal aantal personen dat de vraag beantwoordde; leeg als onbekend.",
            "pct": "Berekend aandeel (0 tot 1): n gedeeld door base.",
            "ci_low": "Ondergrens van het betrouwbaarheidsinterval (0 tot 1).",
            "ci_high": "Bovengrens van het betrouwbaarheidsinterval (0 tot 1).",
            "published": "true: overgenomen uit de bron; false: berekend.",
            "pct_published": "Het gedrukte percentage als aandeel (0 tot 1); leeg voor berekende regels.",
            "pct_published_decimals": "Aantal decimalen waarmee de bron het percentage drukt (20,8 %: 1).",
            "base_inferred": "true: het totaal staat niet in de bron maar is afgeleid uit de cijfers.",
            "sampling_note": "true: het interval beschrijft alleen toeval, geen zelfselectie.",
            "suppressed": "true: afgeschermd (n, pct, ci_low en ci_high zijn dan leeg); zie suppression.",
            "suppression": (
                "Waarom afgeschermd: primary = minder dan small_cell_threshold personen (de grens van "
                "het onderzoek, zie de pagina Methode); secondary = afgeschermd zodat een klein aantal "
                "elders niet terug te rekenen is (dit aantal kan zelf groot zijn); leeg = getoond."
            ),
        },
    ),
    _Table(
        "bevindingen",
        "Gepubliceerde cijfers en uitspraken, met bron",
        "Elk cijfer of elke uitspraak zoals de bron die drukt, met vindplaats en citaat.",
        {
            "survey": "Id van het onderzoek.",
            "finding": "Id van de bevinding.",
            "question": "Id van de vraag; leeg als de bevinding bij geen bekende vraag hoort.",
            "options": "Ids van de antwoorden, gescheiden door |.",
            "statement": "Wat de bevinding zegt, in woorden.",
            "count": "Aantal zoals gedrukt.",
            "percentage": "Percentage zoals gedrukt (21 voor 21%).",
            "quantifier": "Woord voor een aantal zoals gedrukt (bijvoorbeeld: bijna de helft).",
            "base": "Totaal zoals gedrukt.",
            "base_description": "Over wie de bevinding gaat.",
            "figure": "Het cijfer precies zoals gedrukt.",
            "source": "Id van de bron.",
            "section": "Plaats in de bron.",
            "quote": "Citaat uit de bron.",
        },
    ),
    _Table(
        "cijfercontrole",
        "Uitkomsten van de cijfercontrole",
        "Per gedrukt cijfer: klopt het met de andere cijfers, en waarom (niet).",
        {
            "survey": "Id van het onderzoek.",
            "question": "Id van de vraag; leeg als de controle bij geen vraag hoort.",
            "figure": "Het cijfer zoals gedrukt.",
            "status": "consistent, inconsistent of niet_toetsbaar.",
            "consistent_n": "Totalen waarbij het cijfer met de andere klopt, gescheiden door |.",
            "explanation": "Uitleg in het Nederlands.",
            "rule": "De controleregel.",
            "finding": "Id van de bevinding; leeg als de controle over meer bevindingen gaat.",
        },
    ),
    _Table(
        "adviezen",
        "Adviezen en hun stand",
        "Elk advies met zijn onderbouwing en de laatste stand.",
        {
            "survey": "Id van het onderzoek.",
            "recommendation": "Id van het advies.",
            "number": "Nummer zoals in de bron.",
            "title": "Korte titel.",
            "summary": "Samenvatting in eigen woorden.",
            "status": "Laatste stand.",
            "status_date": "Datum van de laatste stand; leeg als onbekend.",
            "questions": "Ids van vragen waarop het advies steunt, gescheiden door |.",
            "findings": "Ids van bevindingen waarop het advies steunt, gescheiden door |.",
            "causes": "Ids van oorzaken waarop het advies steunt, gescheiden door |.",
            "addressee": "Aan wie het advies gericht is.",
        },
    ),
    _Table(
        "kruistabellen",
        "Antwoorden per groep (kruistabellen)",
        "Per vraag, kenmerk (zoals leeftijd of wijk) en groep: aantal, totaal van de groep en "
        "percentage binnen de groep met betrouwbaarheidsinterval. Alleen inhoudelijke antwoorden "
        "(zonder 'weet niet'); kleine aantallen en te kleine groepen afgeschermd.",
        {
            "survey": "Id van het onderzoek.",
            "question": "Id van de vraag.",
            "option": "Id van het antwoord.",
            "label": "Het antwoord.",
            "order": "Volgorde van het antwoord in de vragenlijst.",
            "by": "Id van het kenmerk waarnaar uitgesplitst is.",
            "group": "De groep.",
            "n": "Aantal personen in de groep met dit antwoord; leeg als afgeschermd.",
            "base": "Aantal personen in de groep dat de vraag beantwoordde; leeg als de groep te klein is.",
            "pct": "Aandeel binnen de groep (0 tot 1).",
            "ci_low": "Ondergrens van het betrouwbaarheidsinterval (0 tot 1).",
            "ci_high": "Bovengrens van het betrouwbaarheidsinterval (0 tot 1).",
            "suppressed": "true: afgeschermd (n, pct en interval zijn dan leeg); zie suppression.",
            "suppression": (
                "primary = minder dan small_cell_threshold personen (of de hele groep is te klein); "
                "secondary = afgeschermd zodat een klein aantal elders niet terug te rekenen is."
            ),
            "too_small": "true: de groep heeft minder dan small_cell_threshold personen; niet getoond.",
        },
    ),
    _Table(
        "toetsen",
        "Toetsen: verschillen de antwoorden per groep?",
        "Per vraag en kenmerk: de toets op samenhang (chi-kwadraat, of Fisher bij kleine verwachte "
        "aantallen), de p-waarde, de p-waarde na Holm-correctie over alle toetsen van het onderzoek "
        "en Cramér's V.",
        {
            "survey": "Id van het onderzoek.",
            "question": "Id van de vraag.",
            "by": "Id van het kenmerk.",
            "test": "chi2 (Pearson) of fisher (exact voor 2×2, anders Monte Carlo met vaste seed).",
            "statistic": "Chi-kwadraat.",
            "dof": "Vrijheidsgraden.",
            "p_value": "p-waarde van de toets.",
            "p_holm": "p-waarde na Holm-correctie over alle toetsen van dit onderzoek.",
            "tests_in_survey": "Aantal toetsen in dit onderzoek (voor de Holm-correctie).",
            "cramers_v": "Cramér's V (0 = geen samenhang, 1 = volledige samenhang).",
            "n": "Aantal personen in de toets (alleen getoonde groepen).",
            "groups": "Aantal groepen in de toets.",
            "significant": "true: na correctie kleiner dan 0,05, dus een verschil tussen de groepen.",
        },
    ),
    _Table(
        "matrixvragen",
        "Matrixvragen: eens, oneens en nettoscore per uitspraak",
        "Per uitspraak van een matrixvraag: aantal inhoudelijke antwoorden (zonder 'weet niet'), het "
        "aandeel eens (de twee meest positieve antwoorden) en oneens (de twee meest negatieve) met "
        "Wilson-interval, en de nettoscore (eens min oneens) met het interval van het verschil van "
        "twee aandelen uit één groep. Leeg als het cijfer een klein aantal zou verraden.",
        {
            "survey": "Id van het onderzoek.",
            "question": "Id van de matrixvraag.",
            "item": "Id van de uitspraak.",
            "item_question": "Id van de uitspraak in de tabel frequenties (vraag.uitspraak).",
            "item_text": "De uitspraak.",
            "rank": "Volgorde op de site (items_order in survey.yaml).",
            "base": "Aantal personen met een inhoudelijk antwoord.",
            "top_options": "Ids van de antwoorden die als eens tellen, gescheiden door |.",
            "top_n": "Aantal personen dat het eens is; leeg als afgeschermd.",
            "top_pct": "Aandeel eens (0 tot 1); leeg als afgeschermd.",
            "top_ci_low": "Ondergrens van het interval van het aandeel eens (0 tot 1).",
            "top_ci_high": "Bovengrens van het interval van het aandeel eens (0 tot 1).",
            "bottom_options": "Ids van de antwoorden die als oneens tellen, gescheiden door |.",
            "bottom_n": "Aantal personen dat het oneens is; leeg als afgeschermd.",
            "bottom_pct": "Aandeel oneens (0 tot 1); leeg als afgeschermd.",
            "bottom_ci_low": "Ondergrens van het interval van het aandeel oneens (0 tot 1).",
            "bottom_ci_high": "Bovengrens van het interval van het aandeel oneens (0 tot 1).",
            "net": "Nettoscore: aandeel eens min aandeel oneens (−1 tot 1); leeg als afgeschermd.",
            "net_ci_low": "Ondergrens van het interval van de nettoscore.",
            "net_ci_high": "Bovengrens van het interval van de nettoscore.",
        },
    ),
    _Table(
        "getalvragen",
        "Vragen met een getal als antwoord: gemiddelde, mediaan en spreiding",
        "Per vraag met een getal als antwoord: aantal antwoorden, gemiddelde met t-interval, "
        "standaardafwijking, kwartielen en mediaan. Het kleinste en grootste antwoord alleen als "
        "minstens small_cell_threshold personen precies dat antwoord gaven; alles leeg bij minder "
        "antwoorden dan die grens.",
        {
            "survey": "Id van het onderzoek.",
            "question": "Id van de vraag.",
            "n": "Aantal personen dat een getal invulde.",
            "n_missing": "Aantal personen zonder getal.",
            "mean": "Gemiddelde (gewogen als het onderzoek gewogen is).",
            "ci_low": "Ondergrens van het betrouwbaarheidsinterval van het gemiddelde (t-verdeling).",
            "ci_high": "Bovengrens van het betrouwbaarheidsinterval van het gemiddelde.",
            "sd": "Standaardafwijking.",
            "q1": "Eerste kwartiel (25%).",
            "median": "Mediaan (50%).",
            "q3": "Derde kwartiel (75%).",
            "min": "Kleinste antwoord; leeg als minder dan small_cell_threshold personen het gaven.",
            "max": "Grootste antwoord; leeg als minder dan small_cell_threshold personen het gaven.",
            "too_few": "true: minder antwoorden dan small_cell_threshold; alleen het aantal getoond.",
        },
    ),
    _Table(
        "getalverdeling",
        "Vragen met een getal als antwoord: verdeling in groepen",
        "Per vraag met een getal als antwoord: het aantal personen per groep van waarden (van low "
        "tot high, high niet inbegrepen). Groepen met minder dan small_cell_threshold personen zijn "
        "samengevoegd met de groep ernaast.",
        {
            "survey": "Id van het onderzoek.",
            "question": "Id van de vraag.",
            "low": "Ondergrens van de groep (inbegrepen).",
            "high": "Bovengrens van de groep (niet inbegrepen).",
            "n": "Aantal personen in de groep.",
        },
    ),
)

_FORMATS = (
    ("csv", "CSV", "text/csv"),
    ("parquet", "Parquet", "application/vnd.apache.parquet"),
    ("json", "JSON", "application/json"),
)


def _join_lists(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists become ``a|b`` text, so CSV, Parquet and JSON hold the same table."""
    return frame.with_columns(
        pl.col(name).cast(pl.List(pl.String)).list.join("|")
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.List)
    )


def _recommendations(bundle: SurveyBundle) -> pl.DataFrame:
    rows = []
    for rec in bundle.recommendations:
        dates = [e.date for e in rec.history if e.date is not None]
        rows.append(
            {
                "survey": bundle.id,
                "recommendation": rec.id,
                "number": rec.number,
                "title": rec.title,
                "summary": rec.summary,
                "status": rec.current_status.value,
                "status_date": max(dates) if dates else None,
                "questions": "|".join(rec.questions),
                "findings": "|".join(rec.findings),
                "causes": "|".join(rec.causes),
                "addressee": rec.addressee,
            }
        )
    schema = {name: pl.String for name in TABLES[3].fields} | {"status_date": pl.Date}
    return pl.DataFrame(rows, schema=schema)


def download_tables(report: SurveyReport) -> dict[str, pl.DataFrame]:
    """The published tables of one survey's report, with exactly the documented columns (a survey
    without breakdowns gets empty crosstab and test tables)."""
    bundle = report.bundle
    breakdowns = report.breakdowns
    empty = pl.DataFrame({"survey": []}, schema={"survey": pl.String})
    raw = {
        "kruistabellen": breakdowns.table if breakdowns is not None else empty,
        "toetsen": breakdowns.tests if breakdowns is not None else empty,
        "frequenties": report.frequencies,
        "bevindingen": bundle.findings_frame(),
        "cijfercontrole": report.checks,
        "adviezen": _recommendations(bundle),
        "matrixvragen": pl.concat(list(report.grids.values())) if report.grids else empty,
        "getalvragen": report.numeric.summary.with_columns(pl.lit(bundle.id).alias("survey")),
        "getalverdeling": report.numeric.histograms.with_columns(pl.lit(bundle.id).alias("survey")),
    }
    tables = {}
    for table in TABLES:
        frame = raw[table.name]
        columns = [c for c in table.fields if c in frame.columns]
        tables[table.name] = _join_lists(frame.select(columns))
    return tables


def _source(title: str, url: str | None) -> dict[str, str]:
    """A Frictionless source: the address only when the pages would link it (http, https, mailto)."""
    if url is not None and safe_url(url) is not None:
        return {"title": title, "path": url}
    return {"title": title}


def _field_type(dtype: pl.DataType) -> str:
    return _TYPES.get(type(dtype), "string")


def _write(frame: pl.DataFrame, path: Path, fmt: str) -> None:
    if fmt == "csv":
        neutralise_formulas(frame).write_csv(path)
    elif fmt == "parquet":
        frame.write_parquet(path, compression="zstd", statistics=True)
    else:
        path.write_text(
            json.dumps(frame.to_dicts(), ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
        )


def _workbook_key(tables: Mapping[str, pl.DataFrame], title: str) -> str:
    """SHA-256 of what a workbook depends on: the tables (columns, types, rows), its title, the
    document date (``SOURCE_DATE_EPOCH``), this package's code and the XlsxWriter version."""
    from bejegening.site._charts import code_fingerprint  # noqa: PLC0415

    identity = {
        "code": code_fingerprint(),
        "xlsxwriter": importlib.metadata.version("xlsxwriter"),
        "date": os.environ.get("SOURCE_DATE_EPOCH"),
        "title": title,
        "tables": [
            [name, [[c, str(t)] for c, t in frame.schema.items()], frame.rows()]
            for name, frame in tables.items()
        ],
    }
    text = json.dumps(identity, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


def _write_workbook(
    tables: Mapping[str, pl.DataFrame], path: Path, *, title: str, cache_dir: Path | None
) -> None:
    """:func:`~bejegening.site._xlsx.write_workbook`, or the same workbook kept in ``cache_dir``
    when it was written before (:func:`~bejegening.site._kept.kept`)."""

    def make() -> bytes:
        from bejegening.site._xlsx import write_workbook  # noqa: PLC0415  (XlsxWriter: only when needed)

        write_workbook(tables, path, title=title)
        return path.read_bytes()

    entry = cache_dir / f"{_workbook_key(tables, title)}.xlsx" if cache_dir is not None else None
    path.write_bytes(kept(entry, make))


def write_downloads(
    docs_dir: Path,
    reports: Sequence[SurveyReport],
    *,
    licence: Mapping[str, Any],
    title: str,
    version: str,
    cache_dir: Path | None = None,
) -> list[DownloadFile]:
    """Write every download and ``datapackage.json`` under ``docs_dir/downloads``.

    ``cache_dir``: workbooks written before, by their content (:func:`_write_workbook`).
    """
    root = docs_dir / DOWNLOADS_DIR
    files: list[DownloadFile] = []
    resources: list[dict[str, Any]] = []
    bundles = [report.bundle for report in reports]
    for report in reports:
        bundle = report.bundle
        folder = root / bundle.id
        folder.mkdir(parents=True, exist_ok=True)
        sources = [_source(s.title, s.url) for s in bundle.survey.sources]
        tables = download_tables(report)
        for table in TABLES:
            frame = tables[table.name]
            if frame.is_empty():
                continue
            for ext, label, mediatype in _FORMATS:
                path = folder / f"{table.name}.{ext}"
                _write(frame, path, ext)
                relative = path.relative_to(docs_dir).as_posix()
                files.append(
                    DownloadFile(relative, table.title, label, path.stat().st_size, survey=bundle.id)
                )
                if ext != "csv":
                    continue
                resources.append(
                    {
                        "name": f"{bundle.id}-{table.name}",
                        "title": f"{table.title} ({bundle.survey.title})",
                        "description": table.description,
                        "path": f"{bundle.id}/{table.name}.csv",
                        "profile": "tabular-data-resource",
                        "format": "csv",
                        "mediatype": mediatype,
                        "encoding": "utf-8",
                        "bytes": path.stat().st_size,
                        "hash": "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest(),
                        "sources": sources,
                        "schema": {
                            "fields": [
                                {
                                    "name": name,
                                    "type": _field_type(frame.schema[name]),
                                    "description": table.fields[name],
                                }
                                for name in frame.columns
                            ],
                            "missingValues": [""],
                        },
                    }
                )
        workbook = folder / "tabellen.xlsx"
        _write_workbook(
            {table.name: tables[table.name] for table in TABLES},
            workbook,
            title=f"{title}: {bundle.survey.title}",
            cache_dir=cache_dir,
        )
        files.append(
            DownloadFile(
                workbook.relative_to(docs_dir).as_posix(),
                WORKBOOK_TITLE,
                "Excel",
                workbook.stat().st_size,
                survey=bundle.id,
            )
        )
    package = {
        "profile": "tabular-data-package",
        "name": "bejegening",
        "title": title,
        "description": (
            "Samengevatte tabellen (aantallen, percentages, controles, adviezen) van "
            "cliëntervaringsonderzoeken. Geen gegevens van personen. Ook als Parquet en JSON "
            "naast elk CSV-bestand."
        ),
        "version": version,
        "licenses": [dict(licence)],
        "sources": [_source(s.title, s.url) for bundle in bundles for s in bundle.survey.sources],
        "resources": resources,
    }
    root.mkdir(parents=True, exist_ok=True)
    path = root / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    files.append(
        DownloadFile(
            path.relative_to(docs_dir).as_posix(),
            "Beschrijving van alle tabellen",
            "JSON",
            path.stat().st_size,
        )
    )
    return files
