"""Design-based estimation: proportions, means and totals with Taylor-linearisation variances.

A ratio estimate r = Y/W (Y = Σ wy over the domain, W = Σ w) has the linearised values
zᵢ = wᵢ(yᵢ − r)/W in its domain and 0 elsewhere. With Zₕc the sum of z over cluster (PSU) c of
stratum h, nₕ the number of PSUs sampled in stratum h and fₕ = nₕ/Nₕ its sampling fraction::

    V(r) = Σₕ (1 − fₕ) · nₕ/(nₕ − 1) · Σc (Zₕc − Z̄ₕ)²

(with-replacement PSU variance with the finite population correction; without a population
size fₕ = 0). Totals use zᵢ = wᵢyᵢ. Degrees of freedom: PSUs with a respondent in the domain
minus strata with one. These are R ``survey``'s ``svymean``/``svytotal`` on
``svydesign(ids, strata, weights, fpc)`` and ``degf`` of the domain.

References: K. M. Wolter (2007), *Introduction to Variance Estimation*, 2nd ed., Springer, ch. 6;
C.-E. Särndal, B. Swensson & J. Wretman (1992), *Model Assisted Survey Sampling*, §5.5;
T. Lumley (2010), *Complex Surveys: A Guide to Analysis Using R*, Wiley, ch. 2-3.

Everything is computed from sums per question × option × stratum × PSU (one ``group_by``), using
Σc(Zₕc − Z̄ₕ)² = ΣZ² − (ΣZ)²/nₕ with Zₕc = (Aₕc − rBₕc)/W (A: Σwy, B: Σw of the domain in the PSU).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import polars as pl

from bejegening.model import Question, QuestionType, SampleDesign, Valence
from bejegening.stats._frames import FrameLike, enum_dense_counts
from bejegening.stats._intervals import IntervalMethod, proportion_interval

__all__ = [
    "DESIGN_PROPORTION_SCHEMA",
    "DesignIntervalMethod",
    "design_columns",
    "design_proportions",
    "design_strata",
    "linearised_variance",
    "logit_interval",
    "variance_from_strata",
]

DesignIntervalMethod: TypeAlias = Literal["logit", "xlogit", "kish_wilson", "kish_clopper_pearson"]

DESIGN_PROPORTION_SCHEMA: dict[str, pl.DataType] = {
    "survey": pl.String(),
    "question": pl.String(),
    "option": pl.String(),
    "n": pl.Int64(),
    "base": pl.Int64(),
    "pct": pl.Float64(),
    "se": pl.Float64(),
    "ci_low": pl.Float64(),
    "ci_high": pl.Float64(),
    "deff": pl.Float64(),
    "n_effective": pl.Float64(),
    "n_kish": pl.Float64(),
    "df": pl.Int64(),
    "total": pl.Float64(),
    "total_se": pl.Float64(),
    "method": pl.String(),
}
"""One row per (question, option): ``n`` respondents who chose it, ``base`` (the valid answers:
substantive answers, all answers on a "weet niet" row, respondents for multiple response),
``pct`` (a fraction) with its linearised ``se`` and interval, ``deff`` (design effect: the design
variance over that of a simple random sample of the same size), ``n_effective`` (the design's
effective n, p(1 − p)/V), ``n_kish`` (Kish's (Σw)²/Σw²), ``df`` (design degrees of freedom),
``total`` (estimated number in the population who would choose it, Σw) with ``total_se``, and
``method``."""

_W = "_w"
_H = "_h"
_C = "_c"


@dataclass(frozen=True)
class _Strata:
    """PSUs per stratum (nₕ) and the factor (1 − fₕ)·nₕ/(nₕ − 1) of each stratum."""

    frame: pl.DataFrame  # _h, _n_psu, _g


def design_columns(frame: FrameLike, *, weight: str | None, design: SampleDesign | None) -> list[pl.Expr]:
    """The weight (``_w``), stratum (``_h``) and PSU (``_c``, unique across strata) of each row.

    Without clusters the PSU is the respondent (column ``respondent`` when present, else the row).
    """
    schema = frame.collect_schema()
    strata = design.strata if design else None
    clusters = design.clusters if design else None
    for name in (weight, strata, clusters):
        if name is not None and name not in schema:
            raise ValueError(f"kolom {name!r} van het steekproefontwerp ontbreekt in de antwoorden")
    w = pl.col(weight).cast(pl.Float64) if weight else pl.lit(1.0, dtype=pl.Float64)
    h = pl.col(strata).cast(pl.String) if strata else pl.lit("", dtype=pl.String)
    if clusters:
        c = pl.concat_str([h, pl.col(clusters).cast(pl.String)], separator="\x1f")
    elif "respondent" in schema:
        c = pl.col("respondent").cast(pl.String)
    else:
        c = pl.int_range(pl.len()).cast(pl.String)
    return [w.alias(_W), h.alias(_H), c.alias(_C)]


def design_strata(units: pl.DataFrame, design: SampleDesign | None) -> _Strata:
    """``units``: one row per (_h, _c) of the whole sample."""
    return _strata_from_counts(units.group_by(_H).agg(pl.len().cast(pl.Float64).alias("_n_psu")), design)


def _strata_from_counts(per: pl.DataFrame, design: SampleDesign | None) -> _Strata:
    """``per``: the number of PSUs ``_n_psu`` of each stratum ``_h`` (String) of the whole sample."""
    size = design.population_size if design else None
    if size is None:
        fraction = pl.lit(0.0)
    else:
        sizes = size if isinstance(size, Mapping) else {"": float(size)}
        missing = sorted(set(per[_H].to_list()) - set(sizes))
        if missing:
            raise ValueError(
                f"populatiegrootte ontbreekt voor stratum {', '.join(missing)} (design.population_size)"
            )
        per = per.with_columns(pl.col(_H).replace_strict(sizes, return_dtype=pl.Float64).alias("_N"))
        small = per.filter(pl.col("_N") < pl.col("_n_psu"))
        if small.height:
            h, n_psu, big_n = small.row(0)
            where = f"stratum {h}: " if h else ""
            raise ValueError(
                f"{where}populatiegrootte {big_n:g} is kleiner dan de steekproef ({n_psu:g} eenheden)"
            )
        fraction = pl.col("_n_psu") / pl.col("_N")
    lonely = per.filter(pl.col("_n_psu") < 2)
    if lonely.height:
        names = ", ".join(str(h) for h in lonely[_H].to_list())
        raise ValueError(
            f"stratum {names} heeft maar één cluster (PSU): de variantie is niet te schatten; "
            "voeg het samen met een verwant stratum"
        )
    per = per.with_columns(
        ((1.0 - fraction) * pl.col("_n_psu") / (pl.col("_n_psu") - 1.0)).alias("_g")
    ).select(_H, "_n_psu", "_g")
    return _Strata(per)


def linearised_variance(
    psu_sums: pl.LazyFrame, keys: Sequence[str], strata: _Strata, *, ratio: bool = True
) -> pl.LazyFrame:
    """Estimate, variance and degrees of freedom per ``keys`` from PSU sums.

    ``psu_sums`` has ``keys, _h, _c, A (Σwy), B (Σw of the domain), k (respondents in the domain)``
    per PSU. Returns ``keys, A, B, estimate (A/B, or A when not ratio), variance, df, k``.
    """
    key_list = list(keys)
    per_stratum = psu_sums.group_by([*key_list, _H]).agg(
        pl.col("A").sum().alias("SA"),
        pl.col("B").sum().alias("SB"),
        (pl.col("A") ** 2).sum().alias("SAA"),
        (pl.col("A") * pl.col("B")).sum().alias("SAB"),
        (pl.col("B") ** 2).sum().alias("SBB"),
        (pl.col("k") > 0).sum().alias("psus"),
        pl.col("k").sum().alias("k"),
    )
    return variance_from_strata(per_stratum, key_list, strata, ratio=ratio)


def variance_from_strata(
    per_stratum: pl.LazyFrame, keys: Sequence[str], strata: _Strata, *, ratio: bool = True
) -> pl.LazyFrame:
    """:func:`linearised_variance` from sums per ``keys`` × stratum: ``SA = ΣA, SB = ΣB, SAA =
    ΣA², SAB = ΣAB, SBB = ΣB²`` over the stratum's PSUs, ``psus`` (PSUs in the domain), ``k``."""
    key_list = list(keys)
    totals = per_stratum.group_by(key_list).agg(
        pl.col("SA").sum().alias("A"), pl.col("SB").sum().alias("B"), pl.col("k").sum()
    )
    r = pl.col("A") / pl.col("B") if ratio else pl.lit(0.0)
    joined = per_stratum.join(totals.select(*key_list, "A", "B"), on=key_list).join(
        strata.frame.lazy(), on=_H, how="left"
    )
    scale = pl.col("B") if ratio else pl.lit(1.0)
    s1 = (pl.col("SA") - r * pl.col("SB")) / scale
    s2 = (pl.col("SAA") - 2.0 * r * pl.col("SAB") + r * r * pl.col("SBB")) / (scale * scale)
    contribution = pl.col("_g") * (s2 - s1 * s1 / pl.col("_n_psu"))
    variance = joined.group_by(key_list).agg(
        contribution.sum().clip(lower_bound=0.0).alias("variance"),
        (pl.col("psus").sum() - (pl.col("psus") > 0).sum()).cast(pl.Int64).alias("df"),
    )
    estimate = (pl.col("A") / pl.col("B")) if ratio else pl.col("A")
    return totals.join(variance, on=key_list).with_columns(estimate.alias("estimate"))


def logit_interval(
    p: npt.ArrayLike, se: npt.ArrayLike, df: npt.ArrayLike, *, confidence: float = 0.95
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Logit interval for a proportion with a design-based standard error.

    ``expit(logit(p) ± t₁₋α/₂,df · se / (p(1 − p)))``: the interval of R's
    ``svyciprop(method = "xlogit")`` (delta method on the logit scale; ``method = "logit"``
    fits a quasi-binomial model with the same result to the fit's tolerance). NaN for p = 0 or 1
    or df < 1. Reference: Korn & Graubard (1999), *Analysis of Health Surveys*, §5.2; Lumley
    (2010), §2.3.1.
    """
    p_ = np.asarray(p, dtype=np.float64)
    se_ = np.asarray(se, dtype=np.float64)
    df_ = np.asarray(df, dtype=np.float64)
    from scipy import stats  # noqa: PLC0415  (slow import, deferred)

    with np.errstate(divide="ignore", invalid="ignore"):
        t = stats.t.ppf(0.5 + confidence / 2.0, np.where(df_ >= 1, df_, np.nan))
        centre = np.log(p_ / (1.0 - p_))
        half = t * se_ / (p_ * (1.0 - p_))
        low = 1.0 / (1.0 + np.exp(-(centre - half)))
        high = 1.0 / (1.0 + np.exp(-(centre + half)))
    bad = ~((p_ > 0) & (p_ < 1) & np.isfinite(half))
    low = np.where(bad, np.nan, low)
    high = np.where(bad, np.nan, high)
    return low.astype(np.float64), high.astype(np.float64)


_CLOSED = (QuestionType.single, QuestionType.likert, QuestionType.multiple)


def _bases(questions: Sequence[Question], include_non_substantive: bool) -> pl.DataFrame:
    """Per (question, option): which base its share is of (``sub``, ``all`` or ``resp``)."""
    rows = []
    for q in questions:
        if q.type not in _CLOSED or not q.options:
            continue
        for option in q.ordered_options():
            non_substantive = option.valence is Valence.non_substantive
            if q.type is QuestionType.multiple:
                base = "resp"
            elif non_substantive or include_non_substantive:
                base = "all"
            else:
                base = "sub"
            rows.append({"question": q.id, "option": option.id, "_base": base, "_sub": not non_substantive})
    return pl.DataFrame(
        rows, schema={"question": pl.String, "option": pl.String, "_base": pl.String, "_sub": pl.Boolean}
    )


def design_proportions(
    answers: FrameLike,
    questions: Sequence[Question],
    *,
    survey_id: str | None = None,
    weight: str | None = None,
    design: SampleDesign | None = None,
    confidence: float = 0.95,
    method: DesignIntervalMethod = "logit",
    include_non_substantive: bool = False,
) -> pl.DataFrame:
    """Design-based share of every option of every closed question, with SE, interval and deff.

    ``answers`` is the long form (:func:`bejegening.answers_from_wide`): ``respondent``,
    ``question``, ``option``, the ``weight`` column and the design's ``strata``/``clusters``
    columns, holding every sampled respondent (rows without an answer still count for the
    design: the shares are domain estimates). Shares are of the substantive answers as in
    :func:`bejegening.frequencies` ("weet niet" rows of all answers; with
    ``include_non_substantive`` every share is of all answers); multiple response of the
    respondents who answered.

    - ``se``: Taylor linearisation (module docstring), R's ``svymean(~I(q == o), subset(design,
      <in base>))``;
    - interval by ``method``: ``logit`` (default; = ``xlogit``, :func:`logit_interval`, as
      ``svyciprop``), or ``kish_wilson``/``kish_clopper_pearson`` (Wilson/Clopper-Pearson on
      Kish's effective n, the simpler approximation that ignores strata and clusters). A share of
      0 or 1 has no logit interval: it gets the Kish-Wilson one;
    - ``deff`` = V / V_srs with V_srs = p(1 − p)/(n − 1) (R ``deff = "replace"``), times
      (1 − n/Σw) when the design has population sizes (R ``deff = TRUE``);
    - ``total``/``total_se``: ``svytotal`` of the indicator.

    Raises ``ValueError`` (Dutch) for a missing design column, a stratum with one PSU, a missing
    or too small population size, or missing/negative weights.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"betrouwbaarheid moet tussen 0 en 1 liggen, gevonden: {confidence!r}")
    bases = _bases(questions, include_non_substantive)
    frame = answers.lazy()
    clustered = design is not None and design.clusters is not None
    rows, strata = _cells(frame, weight, design, answers if isinstance(answers, pl.DataFrame) else None)
    rows = rows.filter(pl.col("question").is_in(bases["question"].unique().implode()))
    respondents = _respondent_rows(frame, bases, weight, design)
    sums_per_stratum = _sums_per_psu if clustered else _sums_per_respondent
    chosen, base_sums = sums_per_stratum(rows, bases, respondents)
    per_stratum = (
        bases.lazy()
        .join(base_sums, on=["question", "_base"], how="inner")
        .join(chosen, on=["question", "option", _H], how="left")
        .with_columns(pl.col("SA", "SAA", "SAB").fill_null(0.0), pl.col("_n").fill_null(0))
        .collect()  # small (questions × options × strata); collected once, used three times
        .lazy()
    )
    keys = ["question", "option"]
    ratio = variance_from_strata(per_stratum, keys, strata)
    counted = per_stratum.group_by(keys).agg(pl.col("_n").sum().cast(pl.Int64).alias("n"))
    total = variance_from_strata(
        per_stratum.with_columns(
            pl.col("SA").alias("SB"), pl.col("SAA").alias("SAB"), pl.col("SAA").alias("SBB")
        ),
        keys,
        strata,
        ratio=False,
    ).select("question", "option", pl.col("estimate").alias("total"), pl.col("variance").alias("_vt"))
    with_pop = design is not None and design.population_size is not None
    result = (
        bases.lazy()
        .join(ratio, on=["question", "option"], how="left")
        .join(counted, on=["question", "option"], how="left")
        .join(total, on=["question", "option"], how="left")
        .collect()
    )
    p = result["estimate"].to_numpy().astype(np.float64)
    variance = result["variance"].to_numpy().astype(np.float64)
    base_n = result["k"].fill_null(0).to_numpy().astype(np.float64)
    df = result["df"].fill_null(0).to_numpy().astype(np.float64)
    weight_sum = result["B"].to_numpy().astype(np.float64)
    # Kish's n of the base: (Σw)²/Σw² over respondents; from PSU sums only without clusters.
    kish = _kish_of_base(rows, bases, respondents)
    result = result.join(kish, on=["question", "option"], how="left")
    n_kish = result["n_kish"].to_numpy().astype(np.float64)
    se = np.sqrt(variance)
    with np.errstate(divide="ignore", invalid="ignore"):
        v_srs = p * (1.0 - p) / (base_n - 1.0)
        if with_pop:
            v_srs = v_srs * (weight_sum - base_n) / weight_sum
        deff = variance / v_srs
        n_eff = p * (1.0 - p) / variance
    kish_method: IntervalMethod = "clopper_pearson" if method == "kish_clopper_pearson" else "wilson"
    k_low, k_high = proportion_interval(p * n_kish, n_kish, method=kish_method, confidence=confidence)
    if method in ("logit", "xlogit"):
        low, high = logit_interval(p, se, df, confidence=confidence)
        fallback = np.isnan(low) & np.isfinite(p)
        low = np.where(fallback, k_low, low)
        high = np.where(fallback, k_high, high)
    elif method in ("kish_wilson", "kish_clopper_pearson"):
        low, high = k_low, k_high
    else:
        raise ValueError(
            f"onbekende methode {method!r}; kies logit, xlogit, kish_wilson of kish_clopper_pearson"
        )
    finite = np.isfinite
    out = result.select(
        pl.lit(survey_id, dtype=pl.String).alias("survey"),
        "question",
        "option",
        pl.col("n").fill_null(0),
        pl.col("k").fill_null(0).cast(pl.Int64).alias("base"),
        pl.Series("pct", np.where(finite(p), p, np.nan)),
        pl.Series("se", se),
        pl.Series("ci_low", low),
        pl.Series("ci_high", high),
        pl.Series("deff", deff),
        pl.Series("n_effective", n_eff),
        pl.Series("n_kish", n_kish),
        pl.col("df").fill_null(0),
        pl.col("total").fill_null(0.0),
        pl.Series("total_se", np.sqrt(result["_vt"].fill_null(0.0).to_numpy())),
        pl.lit(method).alias("method"),
    ).with_columns(pl.col(pl.Float64).fill_nan(None))
    return out.select(pl.col(name).cast(dtype) for name, dtype in DESIGN_PROPORTION_SCHEMA.items())


def _cells(
    frame: pl.LazyFrame, weight: str | None, design: SampleDesign | None, eager: pl.DataFrame | None
) -> tuple[pl.DataFrame, _Strata]:
    """The answers summed per question × option × stratum (× PSU with clusters): ``A`` = Σw,
    ``AA`` = Σw², ``k`` = rows; and the strata with their PSUs in the whole sample.

    Grouped on the columns as they come (an Enum or integer is hashed cheaply; an in-memory
    frame with Enum keys is counted densely, as :func:`bejegening.answer_counts` does), cast to
    String only afterwards: one pass over the answers, whatever their number.
    """
    design_columns(frame, weight=weight, design=design)  # checks that the columns exist
    schema = frame.collect_schema()
    strata = design.strata if design else None
    clusters = design.clusters if design else None
    w = pl.col(weight).cast(pl.Float64) if weight else pl.lit(1.0)
    keys = ["question", "option", *([strata] if strata else []), *([clusters] if clusters else [])]
    dense = None
    if eager is not None and all(isinstance(schema[k], pl.Enum) for k in keys):
        if weight and (eager[weight].null_count() or (eager[weight].cast(pl.Float64) < 0).any()):
            raise ValueError("gewichten moeten bekend en niet negatief zijn (steekproefontwerp)")
        dense = enum_dense_counts(eager, keys, schema, weight)
    if dense is not None:
        cells = dense.select(
            *keys,
            pl.col("w" if weight else "n").cast(pl.Float64).alias("A"),
            pl.col("w2" if weight else "n").cast(pl.Float64).alias("AA"),
            pl.col("n").cast(pl.Int64).alias("k"),
            pl.lit(0).alias("_bad"),
        )
    else:
        cells = _grouped_cells(frame, keys, w, weight)
    if cells["_bad"].sum():
        raise ValueError("gewichten moeten bekend en niet negatief zijn (steekproefontwerp)")
    h = pl.col(strata).cast(pl.String) if strata else pl.lit("", dtype=pl.String)
    cells = cells.with_columns(
        pl.col("question", "option").cast(pl.String),
        h.alias(_H),
        *(
            [pl.concat_str([h, pl.col(clusters).cast(pl.String)], separator="\x1f").alias(_C)]
            if clusters
            else []
        ),
    ).drop("_bad", *([strata] if strata else []), *([clusters] if clusters else []))
    if clusters:
        per = cells.select(_H, _C).unique().group_by(_H).agg(pl.len().cast(pl.Float64).alias("_n_psu"))
        return cells, _strata_from_counts(per, design)
    counted = _respondents_per_stratum(eager, strata) if eager is not None and strata else None
    if counted is None:
        # Every respondent is a PSU (every row without a respondent column).
        unit = pl.col("respondent").n_unique() if "respondent" in schema else pl.len()
        counted = (
            frame.group_by(pl.col(strata).alias(_H) if strata else pl.lit("", dtype=pl.String).alias(_H))
            .agg(unit.cast(pl.Float64).alias("_n_psu"))
            .with_columns(pl.col(_H).cast(pl.String))
            .collect()
        )
    return cells, _strata_from_counts(counted, design)


def _respondents_per_stratum(frame: pl.DataFrame, strata: str) -> pl.DataFrame | None:
    """Respondents per stratum (``_h``, ``_n_psu``) of an in-memory frame with an Enum stratum
    and whole-number respondent ids, by marking each id with its stratum (numpy); None when that
    does not apply (then a hash of the pairs counts them), or when a respondent is in two strata."""
    if "respondent" not in frame.columns or not isinstance(frame.schema[strata], pl.Enum):
        return None
    ids = frame.get_column("respondent")
    if not ids.dtype.is_integer() or ids.null_count() or ids.is_empty():
        return None
    values = ids.to_numpy()
    low, high = int(values.min()), int(values.max())
    if high - low > 4 * frame.height + 1024:
        return None
    names = list(frame.schema[strata].categories)  # type: ignore[attr-defined]
    physical = frame.get_column(strata).to_physical().fill_null(len(names)).to_numpy()
    codes = physical.astype(np.int16 if len(names) < (1 << 15) - 2 else np.int32) + 1
    offset = values - low
    marked = np.zeros(high - low + 1, dtype=codes.dtype)
    marked[offset] = codes
    if not np.array_equal(marked[offset], codes):
        return None  # some respondent has rows in two strata
    counts = np.bincount(marked, minlength=len(names) + 2)[1:]
    labels = [*names, None]
    present = [i for i, c in enumerate(counts) if c]
    return pl.DataFrame(
        {_H: [labels[i] for i in present], "_n_psu": [float(counts[i]) for i in present]},
        schema={_H: pl.String, "_n_psu": pl.Float64},
    )


def _grouped_cells(frame: pl.LazyFrame, keys: list[str], w: pl.Expr, weight: str | None) -> pl.DataFrame:
    return (
        frame.group_by(keys)
        .agg(
            *(
                [w.sum().alias("A"), (w * w).sum().alias("AA"), (w.is_null() | (w < 0)).sum().alias("_bad")]
                if weight
                else [pl.len().cast(pl.Float64).alias(c) for c in ("A", "AA")] + [pl.lit(0).alias("_bad")]
            ),
            pl.len().cast(pl.Int64).alias("k"),
        )
        .collect()
    )


def _sums_per_psu(
    rows: pl.DataFrame, bases: pl.DataFrame, respondents: pl.DataFrame
) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Per question × option × stratum ``SA, SAA, SAB, _n`` and per question × base × stratum
    ``SB, SBB, psus, k``, from sums per cluster (PSU). ``respondents``: :func:`_respondent_rows`."""
    # Per question × option × PSU: weighted count A and respondents (already summed).
    cells = rows.filter(pl.col("option").is_not_null()).select("question", "option", _H, _C, "A", "k")
    known = cells.join(bases, on=["question", "option"], how="inner")
    # The base of each kind per question × PSU.
    sub = (
        known.filter(pl.col("_sub"))
        .group_by("question", _H, _C)
        .agg(pl.col("A", "k").sum())
        .with_columns(pl.lit("sub").alias("_base"))
    )
    every = (
        known.group_by("question", _H, _C)
        .agg(pl.col("A", "k").sum())
        .with_columns(pl.lit("all").alias("_base"))
    )
    resp = respondents.group_by("question", _H, _C).agg(pl.col(_W).sum().alias("A"), pl.len().alias("k"))
    base_psu = pl.concat(
        [
            sub.select("question", "_base", _H, _C, pl.col("A").alias("B"), pl.col("k").cast(pl.Int64)),
            every.select("question", "_base", _H, _C, pl.col("A").alias("B"), pl.col("k").cast(pl.Int64)),
            resp.select(
                "question",
                pl.lit("resp").alias("_base"),
                _H,
                _C,
                pl.col("A").alias("B"),
                pl.col("k").cast(pl.Int64),
            ),
        ]
    )
    # Sums per question × option × stratum without an option × PSU grid: PSUs where nobody chose
    # the option add nothing to ΣA, ΣA², ΣAB; ΣB, ΣB² come from the base alone.
    base_psu_lazy = base_psu.lazy()
    chosen = (
        cells.lazy()
        .join(bases.lazy().select("question", "option", "_base"), on=["question", "option"], how="inner")
        .join(
            base_psu_lazy.select("question", "_base", _H, _C, "B"),
            on=["question", "_base", _H, _C],
            how="left",
        )
        .group_by("question", "option", _H)
        .agg(
            pl.col("A").sum().alias("SA"),
            (pl.col("A") ** 2).sum().alias("SAA"),
            (pl.col("A") * pl.col("B").fill_null(0.0)).sum().alias("SAB"),
            pl.col("k").sum().alias("_n"),
        )
    )
    base_sums = base_psu_lazy.group_by("question", "_base", _H).agg(
        pl.col("B").sum().alias("SB"),
        (pl.col("B") ** 2).sum().alias("SBB"),
        (pl.col("k") > 0).sum().alias("psus"),
        pl.col("k").sum().alias("k"),
    )
    return chosen, base_sums


def _sums_per_respondent(
    rows: pl.DataFrame, bases: pl.DataFrame, respondents: pl.DataFrame
) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """:func:`_sums_per_psu` when every respondent is their own PSU: a respondent answers a
    question (option) once, so A = w·[chose o], B = w·[in base] and AB = A², straight from the
    sums per question × option × stratum (:func:`_cells`) without grouping by respondent."""
    answered = (
        rows.lazy()
        .filter(pl.col("option").is_not_null())
        .join(bases.lazy(), on=["question", "option"], how="inner")
    )
    chosen = answered.group_by("question", "option", _H).agg(
        pl.col("A").sum().alias("SA"),
        pl.col("AA").sum().alias("SAA"),
        pl.col("AA").sum().alias("SAB"),
        pl.col("k").sum().alias("_n"),
    )
    sums = [
        pl.col("A").sum().alias("SB"),
        pl.col("AA").sum().alias("SBB"),
        pl.col("k").sum().alias("psus"),
        pl.col("k").sum().alias("k"),
    ]
    per_row = [
        pl.col(_W).sum().alias("SB"),
        (pl.col(_W) ** 2).sum().alias("SBB"),
        pl.len().alias("psus"),
        pl.len().alias("k"),
    ]
    sub = (
        answered.filter(pl.col("_sub"))
        .group_by("question", _H)
        .agg(sums)
        .with_columns(pl.lit("sub").alias("_base"))
    )
    every = answered.group_by("question", _H).agg(sums).with_columns(pl.lit("all").alias("_base"))
    resp = (
        respondents.lazy().group_by("question", _H).agg(per_row).with_columns(pl.lit("resp").alias("_base"))
    )
    columns = ["question", "_base", _H, "SB", "SBB", "psus", "k"]
    base_sums = pl.concat(
        [part.select(columns).with_columns(pl.col("psus", "k").cast(pl.Int64)) for part in (sub, every, resp)]
    )
    return chosen, base_sums


def _respondent_rows(
    frame: pl.LazyFrame, bases: pl.DataFrame, weight: str | None, design: SampleDesign | None
) -> pl.DataFrame:
    """One row per respondent who answered a multiple-response question (their base)."""
    multiple = bases.filter(pl.col("_base") == "resp").select("question").unique()
    if multiple.is_empty():
        return pl.DataFrame(schema={"question": pl.String, _W: pl.Float64, _H: pl.String, _C: pl.String})
    if "respondent" not in frame.collect_schema():
        raise ValueError("kolom respondent ontbreekt: nodig voor vragen met meer antwoorden")
    return (
        frame.select(
            pl.col("question").cast(pl.String),
            pl.col("option").cast(pl.String),
            pl.col("respondent"),
            *design_columns(frame, weight=weight, design=design),
        )
        .filter(pl.col("option").is_not_null())
        .join(multiple.lazy(), on="question")
        .unique(["question", "respondent"])
        .select("question", _W, _H, _C)
        .collect()
    )


def _kish_of_base(rows: pl.DataFrame, bases: pl.DataFrame, respondents: pl.DataFrame) -> pl.DataFrame:
    """Kish's effective n of each option's base, from respondent-level weights (``respondents``:
    :func:`_respondent_rows`)."""
    answered = rows.filter(pl.col("option").is_not_null()).join(bases, on=["question", "option"], how="inner")
    kish = (pl.col("A").sum() ** 2 / pl.col("AA").sum()).alias("n_kish")
    sub = (
        answered.filter(pl.col("_sub"))
        .group_by("question")
        .agg(kish)
        .with_columns(pl.lit("sub").alias("_base"))
    )
    every = answered.group_by("question").agg(kish).with_columns(pl.lit("all").alias("_base"))
    resp = (
        respondents.group_by("question")
        .agg((pl.col(_W).sum() ** 2 / (pl.col(_W) ** 2).sum()).alias("n_kish"))
        .with_columns(pl.lit("resp").alias("_base"))
    )
    kinds = pl.concat([sub, every, resp.select(sub.columns)])
    return bases.join(kinds, on=["question", "_base"], how="left").select("question", "option", "n_kish")
