"""Number questions as tables: granted hours per month, days until the plan arrived.

A number question is tallied in ranges (with their shares of the answered
cases) plus its median, per column. The ranges carry the report's own
thresholds: 12-13 hours per month (the flat-payment level the report studied
closely) and the 15-day rule for implementation plans.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

from review_protocols.kinds import kind_of
from tallies.crosstab import (
    ANSWERED,
    NA,
    UNANSWERED,
    Prepared,
    Row,
    Stratum,
    Table,
    Words,
    rows_note,
)


@dataclass(frozen=True, slots=True)
class Band:
    label: str
    low: float
    high: float  # inclusive

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass
class NumberTally:
    """A number question's answered values and other counts per stratum, from one pass."""

    values: dict[Stratum, list[float]]
    other: dict[Stratum, dict[str, int]]
    reasons: dict[str, int]


def tally_numbers(prep: Prepared, question_id: str) -> NumberTally:
    question = prep.protocol.question(question_id)
    column, mask = prep.column(question_id), prep.mask(question)
    values: dict[Stratum, list[float]] = {}
    other: dict[Stratum, dict[str, int]] = {}
    for stratum, start, end in prep.slices:
        answers = column[start:end]
        if mask is not None:
            part = mask[start:end]
            answers = list(compress(answers, part))
            if (not_applicable := end - start - len(answers)):
                other[stratum] = {NA: not_applicable}
        found = [v for v in answers if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if found:
            values[stratum] = found
        if len(found) < len(answers):
            other.setdefault(stratum, {})[UNANSWERED] = len(answers) - len(found)
    return NumberTally(values, other, prep.reasons(question))


def number_table(prep: Prepared, question_id: str, view: str, words: Words,
                 bands: Sequence[Band] | None = None,
                 tally: NumberTally | None = None) -> Table:
    """Counts per band with shares of the answered, the median, and the denominators."""
    question = prep.protocol.question(question_id)
    if bands is None:  # the kind of review's bands for this question, if it has any
        declared = kind_of(prep.protocol.id).tallies.bands.get(question_id, ())
        bands = [Band(label, low, high) for label, low, high in declared]
    tally = tally or tally_numbers(prep, question_id)
    values, other, reasons = tally.values, tally.other, tally.reasons
    cols = prep.columns(view, words)
    per_column = [[v for s in members for v in values.get(s, ())] for members in cols.strata]
    answered = tuple(len(v) for v in per_column)
    distinct = [Counter(vs) for vs in per_column]  # few distinct values: test each once
    rows = [Row(b.label, tuple(sum(n for v, n in found.items() if b.holds(v))
                               for found in distinct), answered, f"band{i}")
            for i, b in enumerate(bands)]
    rows.append(Row(words.median, tuple(_median(vs) for vs in per_column), None, "median"))
    rows.append(Row(words.total, answered, None, ANSWERED))
    for label, code in ((words.not_applicable, NA), (words.unanswered, UNANSWERED)):
        rows.append(Row(label, tuple(sum(other.get(s, {}).get(code, 0) for s in members)
                                     for members in cols.strata), None, code))
    note = rows_note(len(prep.cases), rows, reasons, words)
    label = question.label_in(words.language)
    unit = f" ({question.unit})" if question.unit and "(" not in label else ""
    title = label + unit
    return Table(f"{question_id}.{view}", title, view, cols.labels, tuple(rows), note,
                 question_id, kind="number", strata=cols.strata)


def _median(values: list[float]) -> float | int | None:
    if not values:
        return None
    middle = statistics.median(values)
    return int(middle) if float(middle).is_integer() else round(middle, 1)
