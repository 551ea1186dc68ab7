"""The stratified draw: per district a quota of women and of men, reproducible from a seed.

Algorithm (the same on any machine, whatever the input order, dict or set
order or Python's hash seed):

1. Eligible cases only (``eligibility``): the insats is one of the specified
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
5. On big frames the store applies the same eligibility rule in SQL and
   hands ``draw_strata`` each stratum's case references (a test keeps the SQL
   and Python rules equal, another the stored draw and ``draw``).
6. A selected case found ineligible later is replaced by ``next_reserve``:
   the best-ranked unused reserve of the same stratum (of the other gender
   in the district when its own reserves are used up and the rule is
   ``fill_other_gender``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from store.frames import Eligible

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


def eligibility(spec: Spec) -> Eligible:
    """The spec's eligibility rule (stated once, in ``store.frames.Eligible``)."""
    return Eligible(districts=tuple(d for d, _, _ in spec.quotas), insats=tuple(spec.insats),
                    decided_from=spec.decision_from.isoformat(),
                    decided_to=spec.decision_to.isoformat(), min_age=spec.min_age)


def _ranked(rows: Sequence[Any], seed: int, district: str, gender: str, needed: int,
            ref: Callable[[Any], str]) -> list[Any]:
    """The best ``needed`` rows of a stratum by (rank_key, case_ref).

    Every row must be hashed, so the loop is kept lean: the hasher fed the
    stratum's prefix is copied per case, the raw digest is compared instead
    of the hex text (hex digits keep the bytes' order), and once ``needed``
    are kept a case is only looked at further when its digest beats the
    worst of them (a few hundred times in a stratum of 50,000).
    """
    if needed <= 0:
        return []
    refs = rows if ref is str else [ref(row) for row in rows]
    copy = hashlib.sha256(f"{seed}|{district}|{gender}|".encode()).copy
    best: list[tuple[bytes, str, int]] = []  # sorted once `needed` are kept
    cutoff: bytes | None = None  # the worst kept digest, once `needed` are kept
    for index, case_ref in enumerate(refs):
        hasher = copy()
        hasher.update(case_ref.encode())
        digest = hasher.digest()
        if cutoff is None:
            best.append((digest, case_ref, index))
            if len(best) == needed:
                best.sort()
                cutoff = best[-1][0]
        elif digest <= cutoff:
            bisect.insort(best, (digest, case_ref, index))
            best.pop()
            cutoff = best[-1][0]
    if cutoff is None:
        best.sort()
    return [rows[index] for _, _, index in best]


def _case_ref(row: Mapping[str, Any]) -> str:
    case_ref: str = row["case_ref"]
    return case_ref


def _population_id(row: Mapping[str, Any]) -> int:
    population_id: int = row["id"]
    return population_id


def draw(rows: Iterable[Mapping[str, Any]], spec: Spec | Mapping[str, tuple[int, int]], *,
         seed: int, prechecked: bool = False, reserves: int | None = None) -> Draw:
    """Select per district ``(women, men)`` eligible cases with ranked reserves; see module doc.

    ``prechecked=True``: the rows are known to be eligible already (the store's
    SQL applies the same rule to a million rows faster); only case_ref,
    district, gender and id are then read. ``spec`` may also be the older
    ``{district: (women, men)}`` with ``reserves``: the default eligibility then.
    """
    if not isinstance(spec, Spec):
        spec = Spec(quotas=tuple((d, w, m) for d, (w, m) in spec.items()),
                    reserves=5 if reserves is None else reserves)
    strata: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    if prechecked:
        for row in rows:
            key = (row["district"], row["gender"])
            stratum = strata.get(key)
            if stratum is None:
                stratum = strata[key] = []
            stratum.append(row)
    else:
        check = eligibility(spec).holds
        for row in rows:
            if check(row):
                strata.setdefault((row["district"], row["gender"]), []).append(row)
    return draw_strata(strata, spec, seed=seed)


def draw_strata(
    strata: Mapping[tuple[str, str], Sequence[Any]],
    spec: Spec,
    *,
    seed: int,
    ref: Callable[[Any], str] = _case_ref,
    ident: Callable[[Any], int] = _population_id,
) -> Draw:
    """The draw on eligible cases already grouped by (district, gender); see module doc.

    A stratum's cases may be rows (``ref`` and ``ident`` read their case
    reference and population id) or, for speed on big frames, bare case
    references (``ref=str``, ``ident`` giving a placeholder such as 0: the caller
    looks up the ids of the few members afterwards).
    """
    result = Draw(outcome={"strata": {}, "shortfalls": [], "rule": spec.shortfall})
    for district, women, men in spec.quotas:
        quota = {"K": women, "M": men}
        # Enough ranked rows for the quota, any fill for the other gender, and reserves.
        ranked = {
            g: _ranked(strata.get((district, g), []), seed, district, g,
                       women + men + spec.reserves, ref)
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
                result.members.append(Member(ident(row), ref(row), district, g, role, rank))
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
