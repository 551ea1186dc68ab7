"""Sharing sampled cases among inspectors, balanced by load, district and gender.

Pure: cases and inspectors in, a case -> inspector mapping out. Cases are
dealt round-robin in stratum order (district, gender), starting with the
least loaded inspector, so every stratum is spread as evenly as the whole:
each inspector's count in any stratum, and in total, differs from every
other's by at most one (when they start equally loaded).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Case:
    key: Hashable  # what the caller knows the case by (e.g. population id)
    district: str
    gender: str


def balance(
    cases: Sequence[Case],
    inspectors: Sequence[str],
    current_load: Mapping[str, int] | None = None,
) -> dict[Hashable, str]:
    """Each case to one inspector; the least loaded inspectors are dealt to first."""
    if not inspectors:
        raise ValueError("no inspectors to assign to; grant someone the inspector role first")
    if len(set(inspectors)) != len(inspectors):
        raise ValueError("an inspector is named twice")
    load = current_load or {}
    order = sorted(inspectors, key=lambda name: (load.get(name, 0), name))
    ordered = sorted(cases, key=lambda c: (c.district, c.gender, str(c.key)))
    return {case.key: order[i % len(order)] for i, case in enumerate(ordered)}
