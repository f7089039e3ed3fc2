# Regenerate the reference values the tests compare with (tests/reference/r_reference.json).
#
#   Rscript tests/reference/make_r_reference.R
#
# Needs R with the survey (4.1) and jsonlite packages (Debian: r-base-core, r-cran-survey,
# r-cran-jsonlite). Reads the FICTIONAL survey tests/reference/survey_data.csv (written by
# make_data.py). The tests only read the JSON, so CI needs R only to regenerate it.
suppressMessages({
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "fail")
here <- local({
  args <- commandArgs(trailingOnly = FALSE)
  file <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(file)) dirname(normalizePath(file)) else "tests/reference"
})
data <- read.csv(file.path(here, "survey_data.csv"), comment.char = "#", stringsAsFactors = FALSE)
data$wachttijd <- as.numeric(data$wachttijd)
data$tevreden_score <- match(data$tevreden,
  c("zeer_ontevreden", "ontevreden", "neutraal", "tevreden", "zeer_tevreden"))

# Raking: design weights to invented population margins (13,000 clients).
population <- 13000
gender <- data.frame(geslacht = c("man", "vrouw"), Freq = population * c(0.47, 0.53))
age <- data.frame(leeftijd = c("18-34", "35-49", "50-64", "65+"),
                  Freq = population * c(0.22, 0.26, 0.28, 0.24))
base <- svydesign(ids = ~1, weights = ~ontwerpgewicht, data = data)
raked <- rake(base, list(~geslacht, ~leeftijd), list(gender, age),
              control = list(maxit = 200, epsilon = 1e-12, verbose = FALSE))
data$gewicht <- as.vector(weights(raked))

designs <- list(
  weights_only = svydesign(ids = ~1, weights = ~gewicht, data = data),
  stratified_fpc = svydesign(ids = ~1, strata = ~wijk, fpc = ~populatie_wijk,
                             weights = ~ontwerpgewicht, data = data),
  clustered = svydesign(ids = ~team, strata = ~wijk, weights = ~gewicht, data = data),
  clustered_fpc = svydesign(ids = ~team, strata = ~wijk, fpc = ~teams_wijk,
                            weights = ~ontwerpgewicht, data = data)
)

questions <- list(
  hulp = list(options = c("ja", "nee"), non_substantive = "weet_niet"),
  tevreden = list(options = c("zeer_ontevreden", "ontevreden", "neutraal", "tevreden",
                              "zeer_tevreden"), non_substantive = "weet_niet")
)

proportion <- function(design, question, option, base) {
  d <- design
  d$variables$y <- as.numeric(d$variables[[question]] == option)
  sub <- d[d$variables[[question]] %in% base, ]
  with_pop <- !is.null(design$fpc$popsize)
  m <- svymean(~y, sub, deff = if (with_pop) TRUE else "replace")
  tot <- svytotal(~y, d)
  xlogit <- svyciprop(~y, sub, method = "xlogit")
  logit <- svyciprop(~y, sub, method = "logit")
  list(question = question, option = option, n = sum(sub$variables$y), base = nrow(sub),
       pct = unname(coef(m)), se = unname(SE(m)), deff = unname(deff(m)),
       df = degf(sub), total = unname(coef(tot)), total_se = unname(SE(tot)),
       xlogit = unname(attr(xlogit, "ci")), logit = unname(attr(logit, "ci")))
}

proportions <- function(design) {
  out <- list()
  for (q in names(questions)) {
    spec <- questions[[q]]
    for (o in spec$options) out[[length(out) + 1]] <- proportion(design, q, o, spec$options)
    all <- c(spec$options, spec$non_substantive)
    out[[length(out) + 1]] <- proportion(design, q, spec$non_substantive, all)
  }
  out
}

numeric_summary <- function(design) {
  sub <- subset(design, !is.na(wachttijd))
  m <- svymean(~wachttijd, sub)
  v <- svyvar(~wachttijd, sub)
  q <- svyquantile(~wachttijd, sub, c(0.25, 0.5, 0.75), qrule = "hf7", ci = FALSE)
  ci <- confint(m, df = degf(sub))
  list(n = nrow(sub), mean = unname(coef(m)), se = unname(SE(m)), sd = sqrt(unname(coef(v))),
       df = degf(sub), ci = unname(as.vector(ci)), quartiles = unname(as.vector(q[[1]])),
       total = unname(coef(svytotal(~wachttijd, sub))), total_se = unname(SE(svytotal(~wachttijd, sub))))
}

rao_scott <- function(design, row, col, keep) {
  sub <- design[design$variables[[row]] %in% keep, ]
  f <- svychisq(as.formula(paste("~", row, "+", col)), sub, statistic = "F")
  chisq <- svychisq(as.formula(paste("~", row, "+", col)), sub, statistic = "Chisq")
  list(row = row, col = col, pearson = unname(chisq$statistic), chisq_p = unname(chisq$p.value),
       chisq_df = unname(chisq$parameter), f = unname(f$statistic), ndf = unname(f$parameter[1]),
       ddf = unname(f$parameter[2]), f_p = unname(f$p.value))
}

# A weighted crosstab known only from its weighted counts (no respondent rows, so no design):
# Pearson's X² on the weighted table rescaled to Kish's effective n, sum(w)^2 / sum(w^2) of the
# table's respondents (what bejegening's crosstab_from_counts reports as "pearson_kish").
kish_from_counts <- function(design, row, col, keep) {
  sub <- design[design$variables[[row]] %in% keep, ]
  tab <- svytable(as.formula(paste("~", row, "+", col)), sub)
  w <- weights(sub)
  scaled <- tab * sum(w) / sum(w^2)
  test <- suppressWarnings(chisq.test(scaled, correct = FALSE))
  list(row = row, col = col, n = sum(scaled), chi2 = unname(test$statistic),
       df = unname(test$parameter), p = test$p.value)
}

# Design-based rank tests (svyranktest, Lumley & Scott 2013): the satisfaction score by gender
# (two groups: t statistic) and by age group (Kruskal-Wallis form: F = chisq / ndf).
rank_tests <- function(design) {
  two <- svyranktest(tevreden_score ~ geslacht, design)
  more <- svyranktest(tevreden_score ~ leeftijd, design)
  list(wilcoxon = list(t = unname(two$statistic), df = unname(two$parameter),
                       estimate = unname(two$estimate), p = unname(two$p.value)),
       kruskal_wallis = list(chisq = unname(as.vector(more$parameter)),
                             ndf = unname(more$statistic), ddf = unname(more$ddf),
                             p = unname(as.vector(more$p.value))))
}

reference <- list(
  note = "FICTIONAL data; values from R's survey package, regenerate with make_r_reference.R",
  r_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  raking = list(population = population, gender = gender$Freq, age = age$Freq,
                weights = data$gewicht),
  designs = list()
)
for (name in names(designs)) {
  d <- designs[[name]]
  reference$designs[[name]] <- list(
    proportions = proportions(d),
    numeric = numeric_summary(d),
    rao_scott = list(rao_scott(d, "hulp", "leeftijd", c("ja", "nee")),
                     rao_scott(d, "tevreden", "wijk", questions$tevreden$options)),
    rank_tests = rank_tests(d)
  )
}

reference$kish_from_counts <- list(
  kish_from_counts(designs$weights_only, "hulp", "leeftijd", c("ja", "nee")),
  kish_from_counts(designs$weights_only, "tevreden", "wijk", questions$tevreden$options)
)

# trimWeights(strict = TRUE): the issue's example and the raked weights at 0.9-1.1 x mean.
trim <- function(w, lower, upper) {
  d <- svydesign(ids = ~1, weights = ~w, data = data.frame(w = w))
  as.vector(weights(trimWeights(d, lower = lower, upper = upper, strict = TRUE)))
}
example <- c(2, 1, 1, 4, 1)
reference$trim <- list(
  example = list(weights = example, lower = 1.35, upper = 2.25,
                 trimmed = trim(example, 1.35, 2.25)),
  raked = list(lower_factor = 0.9, upper_factor = 1.1,
               trimmed = trim(data$gewicht, 0.9 * mean(data$gewicht), 1.1 * mean(data$gewicht)))
)

# Ordinal tests (stats): satisfaction score by gender and by age group.
scored <- data[!is.na(data$tevreden_score), ]
w <- wilcox.test(tevreden_score ~ geslacht, data = scored, exact = FALSE, correct = TRUE)
k <- kruskal.test(tevreden_score ~ factor(leeftijd), data = scored)
age_score <- match(scored$leeftijd, c("18-34", "35-49", "50-64", "65+"))
m2 <- (nrow(scored) - 1) * cor(age_score, scored$tevreden_score)^2
reference$ordinal <- list(
  mann_whitney = list(statistic = unname(w$statistic), p = w$p.value),
  kruskal_wallis = list(statistic = unname(k$statistic), df = unname(k$parameter), p = k$p.value),
  linear_by_linear = list(statistic = m2, p = pchisq(m2, 1, lower.tail = FALSE))
)

write(toJSON(reference, auto_unbox = TRUE, digits = NA, pretty = TRUE),
      file.path(here, "r_reference.json"))
