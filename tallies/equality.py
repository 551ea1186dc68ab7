"""Equal treatment (likställighet): each share with its uncertainty, and the differences
between districts and between women and men that chance does not explain.

Pure: protocol, cases and district order in; one ``Share`` per closed question, option
and group out. The counts and denominators are the tallies' own (``tally_question``:
the applicable, answered cases), so these figures agree with every table.

- The share's 95 % interval is Wilson's score interval (``scipy.stats.binomtest``).
- Each district is compared with the rest of the sample, women with men, and within
  each district its women with its men: Fisher's exact test, two-sided
  (``scipy.stats.fisher_exact``).
- The p-values are Holm-adjusted within each question (the family: every distinct test
  of the question). A difference is flagged when its adjusted p-value is below 0.05.
- Too few to say anything: a comparison where either side has fewer than ``MIN_N``
  answered cases is not tested (its p-values are None) and not counted in the family.
  Below five one case moves a share by 20 points or more, the interval spans most of the
  scale, and at three against three not even a complete split (3 of 3 against 0 of 3,
  p = 0.1) would be beyond chance.
- A test whose outcome is fixed (no case, or every case, on both sides gave the
  option: p = 1) is reported but not counted in the family: it can never be flagged.
- A question with two answers (ja/nej) asks one thing per comparison: its second
  answer's test is the first one's, counted once; so is the women-men test shown on
  both the women's and the men's row, and, when only two districts have answers, the
  test of each against the other.

scipy is imported only here, when the figures are asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from review_protocols.model import Protocol, Question, QuestionType
from tallies.crosstab import (
    ANSWERED,
    GENDERS,
    CaseAnswers,
    Prepared,
    Stratum,
    closed_questions,
    district_order,
    percent,
    tally_question,
)

ALPHA = 0.05  # flagged when p_adjusted is below this
MIN_N = 5  # fewer answered cases on either side: too few to say anything
# The JSON and CSV columns, in this order (a contract: README "granska export equality").
FIELDS = ("question_id", "option", "group_kind", "group", "count", "n", "share", "ci_low",
          "ci_high", "p_vs_rest", "p_adjusted")


@dataclass(frozen=True, slots=True)
class Share:
    """One option's share in one group, its interval, and its comparison with the rest.

    ``other_count``/``other_n`` are the group it is compared with: the rest of the sample
    for a district, the men for the women (and back), the district's men for its women.
    """

    question_id: str
    option: str  # the option's code
    group_kind: str  # district | gender | district_gender
    group: str  # the district's name, K or M, or "district K"
    count: int
    n: int
    share: float | None  # None when n is 0
    ci_low: float | None
    ci_high: float | None
    p_vs_rest: float | None  # None: not tested (too few)
    p_adjusted: float | None
    district: str = ""
    gender: str = ""
    other_count: int = 0
    other_n: int = 0
    test: tuple[str, ...] = ()  # which test of the question it shares (rows of one test)

    @property
    def flagged(self) -> bool:
        return self.p_adjusted is not None and self.p_adjusted < ALPHA

    @property
    def too_small(self) -> bool:
        return self.n < MIN_N or self.other_n < MIN_N

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjustment (scipy has only false-discovery control, BH/BY).

    The i-th smallest of m p-values is multiplied by m - i + 1, kept from falling below
    the one before it and capped at 1: it controls the chance of any false flag.
    """
    m = len(p_values)
    adjusted = [0.0] * m
    running = 0.0
    for rank, index in enumerate(sorted(range(m), key=p_values.__getitem__)):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


@lru_cache(maxsize=1 << 16)
def wilson(count: int, n: int) -> tuple[float, float]:
    """The 95 % Wilson score interval of count / n (``binomtest(...).proportion_ci``).

    The interval does not depend on the test's hypothesised proportion; setting it to
    the observed share spares binomtest a two-sided p-value that is never used.
    """
    from scipy.stats import binomtest

    ci = binomtest(count, n, p=count / n).proportion_ci(confidence_level=0.95,
                                                        method="wilson")
    return float(ci.low), float(ci.high)


@lru_cache(maxsize=1 << 16)
def fisher(count: int, n: int, other_count: int, other_n: int) -> float:
    """Fisher's exact test, two-sided, of count / n against other_count / other_n."""
    from numpy import array
    from scipy.stats import fisher_exact

    table = array([[count, n - count], [other_count, other_n - other_count]])
    return float(fisher_exact(table, alternative="two-sided").pvalue)


def equal_treatment(protocol: Protocol, cases: Sequence[CaseAnswers],
                    districts: Sequence[str]) -> list[Share]:
    """Every closed question's shares per district, gender and district x gender."""
    prep = Prepared.of(protocol, cases, districts)
    found: list[Share] = []
    for question in closed_questions(protocol):
        found += _question(prep, question)
    return found


@dataclass
class Compared:
    """A share before its p-values are known: ``count``/``n`` against
    ``other_count``/``other_n`` (also the rounds' comparison, ``tallies.rounds``)."""

    option: str
    kind: str
    group: str
    district: str
    gender: str
    count: int
    n: int
    other_count: int
    other_n: int
    test: tuple[str, ...]


def _question(prep: Prepared, question: Question) -> list[Share]:
    tally = tally_question(prep, question.id)
    order = district_order(prep.strata, prep.districts)
    everyone = frozenset(prep.strata)

    def members(district: str | None = None, gender: str | None = None) -> frozenset[Stratum]:
        return frozenset(s for s in everyone if district in (None, s[0])
                         and gender in (None, s[1]))

    def counted(strata: frozenset[Stratum], option: str) -> tuple[int, int]:
        return tally.column(strata, option), tally.column(strata, ANSWERED)

    # Answers that mean "does not apply" are outside the base, as in the tallies.
    options = [o for o in question.options if o.code not in question.not_applicable_codes]
    # A two-answer single choice: the second answer's tests are the first's, mirrored.
    paired = question.type is QuestionType.SINGLE and len(options) == 2
    # Two districts with answers: each one's "rest" is the other, one test for both.
    answering = [d for d in order if counted(members(d), ANSWERED)[1]]
    one_pair = len(answering) == 2
    rows: list[Compared] = []
    for option in options:
        tested = options[0].code if paired else option.code
        total, answered = counted(everyone, option.code)
        for district in order:
            count, n = counted(members(district), option.code)
            rows.append(Compared(option.code, "district", district, district, "", count, n,
                             total - count, answered - n,
                             ("district", "" if one_pair else district, tested)))
        by_gender = {g: counted(members(gender=g), option.code) for g in GENDERS}
        for gender, other in zip(GENDERS, reversed(GENDERS), strict=True):
            rows.append(Compared(option.code, "gender", gender, "", gender, *by_gender[gender],
                             *by_gender[other], ("gender", tested)))
        for district in order:
            cell = {g: counted(members(district, g), option.code) for g in GENDERS}
            for gender, other in zip(GENDERS, reversed(GENDERS), strict=True):
                rows.append(Compared(option.code, "district_gender", f"{district} {gender}",
                                 district, gender, *cell[gender], *cell[other],
                                 ("district_gender", district, tested)))
    return with_p_values(question.id, rows)


def with_p_values(question_id: str, rows: Sequence[Compared]) -> list[Share]:
    """Each row's test, and Holm's adjustment over the question's distinct open tests.

    The rows of one test (a ja/nej question's two answers, the women's and the men's
    row) share its p-value, taken of the first of them.
    """
    p_of: dict[tuple[str, ...], float | None] = {}
    family: dict[tuple[str, ...], float] = {}
    for row in rows:
        if row.test in p_of:
            continue
        if row.n < MIN_N or row.other_n < MIN_N:
            p_of[row.test] = None
            continue
        p = p_of[row.test] = fisher(row.count, row.n, row.other_count, row.other_n)
        chosen = row.count + row.other_count
        if 0 < chosen < row.n + row.other_n:  # else the outcome was fixed: never flagged
            family[row.test] = p
    adjusted: dict[tuple[str, ...], float | None] = {
        test: (None if p is None else 1.0) for test, p in p_of.items()}
    adjusted.update(zip(family, holm(list(family.values())), strict=True))
    found = []
    for row in rows:
        share = ci_low = ci_high = None
        if row.n:
            share = row.count / row.n
            ci_low, ci_high = wilson(row.count, row.n)
        found.append(Share(question_id, row.option, row.kind, row.group, row.count, row.n,
                           share, ci_low, ci_high, p_of[row.test], adjusted[row.test],
                           row.district, row.gender, row.other_count, row.other_n, row.test))
    return found


# --- in words ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EqualityWords:
    """The words the findings are written with, from the string catalogue
    (``jobs.words.equality_words``: catalogue keys ``equality.w.<field>``)."""

    title: str
    finding: str  # {group}: {count} of {n} ({pct}) against {other_count} ... {versus}, {p}
    rest_of_sample: str
    than_women: str
    than_men: str
    in_district: str  # {versus} in {district}
    women: str
    men: str
    none: str
    method: str
    too_small: str
    decimal: str
    percent: str  # {pct}
    answer: str
    group: str
    count: str
    of: str
    share: str
    interval: str
    p_adjusted: str
    flagged_legend: str
    findings_title: str
    language: str = "sv"


def p_text(p: float, words: EqualityWords) -> str:
    """A p-value as a report prints it: three decimals, or "< 0,001"."""
    text = "< 0.001" if p < 0.001 else f"= {p:.3f}"
    return text.replace(".", words.decimal)


def in_words(shares: Sequence[Share], protocol: Protocol, words: EqualityWords) -> list[str]:
    """The flagged differences as sentences, in protocol order, each test once.

    E.g. "Aktuell DUR-utredning, Finns: Skarpnäck: 8 av 20 (40 %) mot 49 av 60 (82 %) i
    övriga stadsdelar; skillnaden är större än slumpen förklarar (p < 0,001, justerat)".
    """
    lang = words.language
    names = {"K": words.women, "M": words.men}
    said: set[tuple[str, tuple[str, ...]]] = set()
    sentences = []
    for share in shares:
        if not share.flagged or (share.question_id, share.test) in said:
            continue
        said.add((share.question_id, share.test))
        question = protocol.question(share.question_id)
        option = question.option(share.option)
        label = option.label_in(lang) if option is not None else share.option
        if share.group_kind == "district":
            group, versus = share.district, words.rest_of_sample
        elif share.group_kind == "gender":
            group = names[share.gender]
            versus = words.than_men if share.gender == "K" else words.than_women
        else:
            group = f"{share.district}, {names[share.gender].lower()}"
            other = words.than_men if share.gender == "K" else words.than_women
            versus = words.in_district.format(versus=other, district=share.district)
        assert share.p_adjusted is not None  # flagged
        sentences.append(f"{question.label_in(lang)}, {label}: " + words.finding.format(
            group=group, count=share.count, n=share.n, pct=percent(share.count, share.n),
            other_count=share.other_count, other_n=share.other_n,
            other_pct=percent(share.other_count, share.other_n), versus=versus,
            p=p_text(share.p_adjusted, words)))
    return sentences


def by_question(shares: Sequence[Share]) -> Mapping[str, list[Share]]:
    """The shares grouped per question, in the order they come."""
    grouped: dict[str, list[Share]] = {}
    for share in shares:
        grouped.setdefault(share.question_id, []).append(share)
    return grouped
