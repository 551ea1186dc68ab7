"""Agreement between raters: percent agreement, Cohen's kappa (two raters), Fleiss' kappa (many).

Pure functions over plain values. Kappa is chance-corrected agreement; when
chance agreement is already total (every rating in one category) it is 0/0,
undefined, and these functions return ``None`` so that reports can print "–"
rather than a made-up number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence


def percent_agreement(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Share of items both raters put in the same category (0..1); None for no items."""
    _same_length(first, second)
    if not first:
        return None
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa for two raters over the same items; None when undefined."""
    _same_length(first, second)
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[c] * count_b[c] for c in count_a.keys() | count_b.keys()) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def fleiss_kappa(subjects: Sequence[Mapping[Hashable, int]]) -> float | None:
    """Fleiss' kappa; each subject maps category -> how many raters chose it.

    Every subject must have the same number of ratings (at least two).
    """
    if not subjects:
        return None
    raters = sum(subjects[0].values())
    if raters < 2:
        raise ValueError("Fleiss' kappa needs at least two ratings per subject")
    if any(sum(s.values()) != raters for s in subjects):
        raise ValueError("every subject needs the same number of ratings for Fleiss' kappa")
    n_subjects = len(subjects)
    totals: Counter[Hashable] = Counter()
    agreement = 0.0
    for subject in subjects:
        totals.update(subject)
        agreement += (sum(k * k for k in subject.values()) - raters) / (raters * (raters - 1))
    observed = agreement / n_subjects
    shares = [count / (n_subjects * raters) for count in totals.values()]
    expected = sum(p * p for p in shares)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def _same_length(first: Sequence[Hashable], second: Sequence[Hashable]) -> None:
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
