"""The stratified draw: per district a quota of women and of men, reproducible from a seed.

Algorithm (the same on any machine, whatever the input order, dict or set
order or Python's hash seed):

1. Eligible cases only (``eligible``): the insats is one of the specified
   ones (case and surrounding spaces ignored), the decision date lies in
   [decision_from, decision_to], and the age at the decision, from the birth
   date, is at least ``min_age``. Cases of districts without a quota are left out.
2. Strata are district × gender (K, M). Within a stratum every case gets the
   rank key ``sha256("{seed}|{district}|{gender}|{case_ref}")`` (hex) and the
   cases are ordered by (key, case_ref).
3. The first ``quota`` of a stratum are *selected*. When a stratum has fewer
   eligible cases than its quota, the rule ``shortfall`` decides:
   ``fill_other_gender`` takes the missing number from the next-ranked cases
   of the other gender in the same district (after that gender's own quota),
   never more than the district's total quota; ``leave_short`` leaves the
   stratum short. Either way the outcome records it.
4. The next ``reserves`` cases of each stratum (after those selected and
   those filled in) are its ranked reserve list.
5. A selected case found ineligible later is replaced by ``next_reserve``:
   the best-ranked unused reserve of the same stratum (of the other gender
   in the district when its own reserves are used up and the rule is
   ``fill_other_gender``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

GENDERS = ("K", "M")
SHORTFALL_RULES = ("fill_other_gender", "leave_short")


@dataclass(frozen=True)
class Spec:
    """What to draw: quotas per district (women, men), eligibility, reserves, shortfall rule."""

    quotas: tuple[tuple[str, int, int], ...]
    insats: tuple[str, ...] = ("boendestöd",)
    decision_from: dt.date = dt.date(2022, 1, 1)
    decision_to: dt.date = dt.date(2022, 12, 31)
    min_age: int = 18
    reserves: int = 5
    shortfall: str = "fill_other_gender"

    def __post_init__(self) -> None:
        if self.shortfall not in SHORTFALL_RULES:
            raise ValueError(f"shortfall rule '{self.shortfall}'; use one of "
                             f"{', '.join(SHORTFALL_RULES)}")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["quotas"] = {d: {"K": w, "M": m} for d, w, m in self.quotas}
        data["insats"] = list(self.insats)
        data["decision_from"] = self.decision_from.isoformat()
        data["decision_to"] = self.decision_to.isoformat()
        return data


@dataclass(frozen=True)
class Member:
    population_id: int
    case_ref: str
    district: str
    gender: str
    role: str  # selected | reserve (later also excluded | replacement)
    rank: int


@dataclass
class Draw:
    members: list[Member] = field(default_factory=list)
    outcome: dict[str, Any] = field(default_factory=dict)

    @property
    def selected(self) -> list[Member]:
        return [m for m in self.members if m.role == "selected"]


def rank_key(seed: int, district: str, gender: str, case_ref: str) -> str:
    return hashlib.sha256(f"{seed}|{district}|{gender}|{case_ref}".encode()).hexdigest()


def _adult_before(decided: str, min_age: int) -> str:
    """The latest birth date (ISO) of someone aged ``min_age`` on the ISO date ``decided``."""
    day = dt.date.fromisoformat(decided)
    try:
        return day.replace(year=day.year - min_age).isoformat()
    except ValueError:  # 29 February: one turns N on 1 March in a common year
        return day.replace(year=day.year - min_age, month=2, day=28).isoformat()


class Eligibility:
    """``eligible(row)`` for one spec, caching per decision date so a million rows stay fast."""

    def __init__(self, spec: Spec) -> None:
        self.insats = {i.strip().casefold() for i in spec.insats}
        self.first = spec.decision_from.isoformat()
        self.last = spec.decision_to.isoformat()
        self.min_age = spec.min_age
        self.districts = {d for d, _, _ in spec.quotas}
        self._born_by: dict[str, str] = {}

    def __call__(self, row: Mapping[str, Any]) -> bool:
        decided = row.get("decision_date") or ""
        born = row.get("birth_date") or ""
        if not (self.first <= decided[:10] <= self.last) or not born:
            return False
        if row["district"] not in self.districts or row["gender"] not in GENDERS:
            return False
        if (row.get("insats") or "").strip().casefold() not in self.insats:
            return False
        limit = self._born_by.get(decided)
        if limit is None:
            limit = self._born_by[decided] = _adult_before(decided[:10], self.min_age)
        return born[:10] <= limit


def eligible(row: Mapping[str, Any], spec: Spec) -> bool:
    return Eligibility(spec)(row)


def strata_counts(rows: Iterable[Mapping[str, Any]], spec: Spec) -> dict[str, dict[str, int]]:
    """Eligible women and men per district (every district of the spec, zero if none)."""
    check = Eligibility(spec)
    counts = {d: {"K": 0, "M": 0} for d, _, _ in spec.quotas}
    for row in rows:
        if check(row):
            counts[row["district"]][row["gender"]] += 1
    return counts


def _ranked(rows: Sequence[Mapping[str, Any]], seed: int, district: str, gender: str,
            needed: int) -> list[Mapping[str, Any]]:
    prefix = hashlib.sha256(f"{seed}|{district}|{gender}|".encode())
    keyed = []
    for row in rows:
        h = prefix.copy()
        h.update(row["case_ref"].encode())
        keyed.append((h.hexdigest(), row["case_ref"], row))
    if needed < len(keyed):
        import heapq

        best = heapq.nsmallest(needed, keyed, key=lambda k: (k[0], k[1]))
    else:
        best = sorted(keyed, key=lambda k: (k[0], k[1]))
    return [row for _, _, row in best]


def draw(rows: Iterable[Mapping[str, Any]], spec: Spec, *, seed: int) -> Draw:
    """Select per district ``(women, men)`` eligible cases with ranked reserves; see module doc."""
    check = Eligibility(spec)
    strata: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        if check(row):
            strata.setdefault((row["district"], row["gender"]), []).append(row)
    result = Draw(outcome={"strata": {}, "shortfalls": [], "rule": spec.shortfall})
    for district, women, men in spec.quotas:
        quota = {"K": women, "M": men}
        # Enough ranked rows for the quota, any fill for the other gender, and reserves.
        ranked = {
            g: _ranked(strata.get((district, g), []), seed, district, g,
                       women + men + spec.reserves)
            for g in GENDERS
        }
        eligible_n = {g: len(strata.get((district, g), [])) for g in GENDERS}
        taken = {g: min(quota[g], eligible_n[g]) for g in GENDERS}
        filled = {"K": 0, "M": 0}  # filled *from* this gender for the other
        if spec.shortfall == "fill_other_gender":
            for g, other in (("K", "M"), ("M", "K")):
                missing = quota[g] - taken[g]
                spare = eligible_n[other] - taken[other] - filled[other]
                filled[other] += max(0, min(missing, spare))
        for g in GENDERS:
            used = taken[g] + filled[g]
            for rank, row in enumerate(ranked[g][: used + spec.reserves], start=1):
                role = "selected" if rank <= used else "reserve"
                result.members.append(
                    Member(row["id"], row["case_ref"], district, g, role, rank))
        for g, other in (("K", "M"), ("M", "K")):
            short = quota[g] - taken[g]
            entry = {
                "eligible": eligible_n[g], "wanted": quota[g], "selected": taken[g],
                "short": short, "filled_from_other_gender": min(short, filled[other]),
                "reserves": max(0, min(spec.reserves, eligible_n[g] - taken[g] - filled[g])),
            }
            result.outcome["strata"][f"{district}|{g}"] = entry
            if short:
                filled_n = entry["filled_from_other_gender"]
                result.outcome["shortfalls"].append({
                    "district": district, "gender": g, "wanted": quota[g],
                    "eligible": eligible_n[g], "short": short, "filled": filled_n,
                    "left_short": short - filled_n,
                })
    result.outcome["selected"] = len(result.selected)
    result.outcome["wanted"] = sum(w + m for _, w, m in spec.quotas)
    return result


def next_reserve(
    members: Sequence[Mapping[str, Any]], excluded: Mapping[str, Any], shortfall: str
) -> Mapping[str, Any] | None:
    """The reserve that replaces an excluded member: same stratum first, best rank first.

    ``members`` are the sample's members (mappings with district, gender, role,
    rank); only those still in the role 'reserve' count. With
    ``fill_other_gender`` an exhausted stratum borrows from the other gender of
    the same district; otherwise None means the stratum stays one short.
    """
    def best(gender: str) -> Mapping[str, Any] | None:
        pool = [m for m in members if m["role"] == "reserve"
                and m["district"] == excluded["district"] and m["gender"] == gender]
        return min(pool, key=lambda m: (m["rank"], m["case_ref"])) if pool else None

    found = best(excluded["gender"])
    if found is None and shortfall == "fill_other_gender":
        found = best("M" if excluded["gender"] == "K" else "K")
    return found
