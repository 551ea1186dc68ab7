"""Balanced assignment of a sample's unassigned cases: the pure plan, then one transaction.

Shared by ``granska assign --balanced`` and the supervise screen; no textual here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from store.database import Database


def assign_balanced(
    db: Database,
    sample_id: int,
    people: Sequence[str],
    *,
    protocol_version: str,
    kind: str = "primary",
    who: str,
) -> dict[int, str]:
    """Share the cases with no reviewer of this kind; second reviews avoid the primary one."""
    from samples.assign import Case, balance
    from store.assignments import assign, loads, sampled_cases

    cases = sampled_cases(db, sample_id)
    holder = f"{kind}_reviewer"
    todo = [Case(c["population_id"], c["district"], c["gender"]) for c in cases
            if c[holder] is None and (kind == "primary" or c["primary_reviewer"])]
    if not todo:
        return {}
    # Keyed by the cases' keys, which are the population ids given above.
    plan = cast("dict[int, str]", balance(todo, people, loads(db, sample_id)))
    if kind == "second":
        if len(people) < 2:
            raise ValueError("a second review needs at least two inspectors")
        primary = {c["population_id"]: c["primary_reviewer"] for c in cases}
        order = list(people)
        plan = {key: (order[(order.index(p) + 1) % len(order)] if p == primary[key] else p)
                for key, p in plan.items()}
    assign(db, sample_id, sorted(plan.items()), protocol_version=protocol_version, kind=kind,
           who=who)
    return plan
