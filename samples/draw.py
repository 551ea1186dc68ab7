"""The stratified draw: per district a quota of women and of men, reproducible from a seed.

Algorithm (the same on any machine, whatever the input order or hash seed):
each eligible case gets the rank key ``sha256("{seed}|{district}|{gender}|{case_ref}")``;
within a stratum (district × gender) cases are ordered by that key, the first
``quota`` are selected and the next ``reserves`` are the ranked reserve list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Member:
    population_id: int
    district: str
    gender: str
    role: str  # selected | reserve
    rank: int


@dataclass
class Draw:
    members: list[Member] = field(default_factory=list)
    outcome: dict[str, Any] = field(default_factory=dict)


def rank_key(seed: int, district: str, gender: str, case_ref: str) -> str:
    return hashlib.sha256(f"{seed}|{district}|{gender}|{case_ref}".encode()).hexdigest()


def draw(
    rows: Iterable[Mapping[str, Any]],
    quotas: Mapping[str, tuple[int, int]],
    *,
    seed: int,
    reserves: int,
) -> Draw:
    """Select ``quotas[district] = (women, men)`` per district from eligible rows."""
    strata: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        if row["district"] in quotas:
            strata.setdefault((row["district"], row["gender"]), []).append(row)
    result = Draw(outcome={"strata": {}})
    for district, (women, men) in quotas.items():
        for gender, quota in (("K", women), ("M", men)):
            ranked = sorted(
                strata.get((district, gender), []),
                key=lambda r, d=district, g=gender: rank_key(seed, d, g, r["case_ref"]),
            )
            for rank, row in enumerate(ranked[: quota + reserves], start=1):
                role = "selected" if rank <= quota else "reserve"
                result.members.append(Member(row["id"], district, gender, role, rank))
            result.outcome["strata"][f"{district}|{gender}"] = {
                "eligible": len(ranked), "wanted": quota, "selected": min(quota, len(ranked)),
            }
    return result
