"""Which providers a follow-up plan takes, and why: the selection rule of avtalsuppföljning.

Pure: plain values in, the selected providers with their reason codes out
(the codes of PROVIDER-REVIEW.md §1.2). The options combine as a union, and
a provider records every reason that applies to it:

- ``all_providers``: every provider of the chosen areas (``hela_omradet``);
- ``top_value=N``: per contract area, the N with the highest purchase value
  (``inkopsvarde``); ties go to the lower provider reference, providers
  without a value are never taken this way;
- ``flagged``: those with complaints (``klagomal``) or deviations
  (``notiser_avvikelser``);
- ``random=N``: per contract area, N drawn from all its providers
  (``slumpvis``), whatever the other options took, so that the draw depends
  only on the seed and the register. Each provider's rank key is
  ``sha256("{seed}|{contract_area}|{provider_ref}")`` (hex), ordered by
  (key, provider_ref), like the case draw: the same register and seed always
  give the same providers, on any machine and in any row order.

``areas`` limits everything to those contract areas (empty: every area).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

REASONS = ("hela_omradet", "inkopsvarde", "klagomal", "notiser_avvikelser", "slumpvis")


@dataclass(frozen=True)
class Candidate:
    provider_ref: str
    contract_area: str
    purchase_value_mkr: float | None = None
    complaints: int | None = None
    deviations: int | None = None


@dataclass(frozen=True)
class Rule:
    """What to select; at least one of the four options."""

    areas: tuple[str, ...] = ()
    all_providers: bool = False
    top_value: int | None = None
    flagged: bool = False
    random: int | None = None
    seed: int | None = None

    def __post_init__(self) -> None:
        if not (self.all_providers or self.top_value is not None or self.flagged
                or self.random is not None):
            raise ValueError("choose what to select: --all, --top-value N, --flagged or "
                             "--random N --seed S")
        for name, value in (("--top-value", self.top_value), ("--random", self.random)):
            if value is not None and value < 1:
                raise ValueError(f"{name} must be 1 or more")
        if self.random is not None and self.seed is None:
            raise ValueError("--random needs --seed S, so that the draw can be repeated")

    def to_json(self) -> dict[str, object]:
        return {"areas": list(self.areas), "all": self.all_providers,
                "top_value": self.top_value, "flagged": self.flagged,
                "random": self.random, "seed": self.seed}


@dataclass(frozen=True)
class Selected:
    provider_ref: str
    contract_area: str
    reasons: tuple[str, ...] = field(default=())


def rank_key(seed: int, contract_area: str, provider_ref: str) -> str:
    return hashlib.sha256(f"{seed}|{contract_area}|{provider_ref}".encode()).hexdigest()


def select(candidates: Iterable[Candidate], rule: Rule) -> list[Selected]:
    """The plan's providers in (contract area, provider reference) order; see module doc."""
    wanted = set(rule.areas)
    pool = sorted((c for c in candidates if not wanted or c.contract_area in wanted),
                  key=lambda c: (c.contract_area, c.provider_ref))
    reasons: dict[str, set[str]] = {c.provider_ref: set() for c in pool}
    by_area: dict[str, list[Candidate]] = {}
    for candidate in pool:
        by_area.setdefault(candidate.contract_area, []).append(candidate)
        if rule.all_providers:
            reasons[candidate.provider_ref].add("hela_omradet")
        if rule.flagged and (candidate.complaints or 0) > 0:
            reasons[candidate.provider_ref].add("klagomal")
        if rule.flagged and (candidate.deviations or 0) > 0:
            reasons[candidate.provider_ref].add("notiser_avvikelser")
    for area, members in by_area.items():
        if rule.top_value is not None:
            valued = [c for c in members if c.purchase_value_mkr is not None]
            valued.sort(key=lambda c: (-(c.purchase_value_mkr or 0.0), c.provider_ref))
            for candidate in valued[:rule.top_value]:
                reasons[candidate.provider_ref].add("inkopsvarde")
        if rule.random is not None and rule.seed is not None:
            seed = rule.seed
            drawn = sorted(members, key=lambda c: (rank_key(seed, area, c.provider_ref),
                                                   c.provider_ref))
            for candidate in drawn[:rule.random]:
                reasons[candidate.provider_ref].add("slumpvis")
    return [Selected(c.provider_ref, c.contract_area,
                     tuple(r for r in REASONS if r in reasons[c.provider_ref]))
            for c in pool if reasons[c.provider_ref]]
