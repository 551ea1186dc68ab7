"""The escalation ladder of a provider follow-up (PROVIDER-REVIEW.md §4), as pure rules.

A provider's state is replayed from its steps. The main track is
komplettering -> rättelse -> vite -> hävning: rättelse may also open directly
(extensive deficiencies); escalating supersedes the open earlier step; a step
that is done (answer approved) leaves the main track at rest again.
Temporary exclusion from call-offs (uteslutning) runs beside it and ends with
återinsatt. Hävning and uppsägning end the contract: no step is allowed after
either. Egen regi has no contract: only återkoppling applies, so no step at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

KINDS = ("komplettering", "rattelse", "vite", "havning", "uteslutning", "aterinsatt",
         "uppsagning")
MAIN_TRACK = ("komplettering", "rattelse", "vite", "havning")


class LadderError(ValueError):
    """A step the ladder does not allow; the message says why and what is allowed."""


@dataclass(frozen=True)
class Ladder:
    stage: str | None = None  # the open main-track step, if any
    excluded: bool = False
    ended: str | None = None  # havning | uppsagning


def allowed(ladder: Ladder, regime: str) -> tuple[str, ...]:
    """The kinds that may be added now."""
    if regime == "egen regi" or ladder.ended:
        return ()
    kinds = []
    if ladder.stage is None:
        kinds += ["komplettering", "rattelse"]
    elif ladder.stage == "komplettering":
        kinds.append("rattelse")
    elif ladder.stage == "rattelse":
        kinds.append("vite")
    elif ladder.stage == "vite":
        kinds.append("havning")
    kinds.append("aterinsatt" if ladder.excluded else "uteslutning")
    kinds.append("uppsagning")
    return tuple(k for k in KINDS if k in kinds)


def add(ladder: Ladder, kind: str, regime: str) -> Ladder:
    if kind not in KINDS:
        raise LadderError(f"unknown measure '{kind}'; use one of: {', '.join(KINDS)}")
    if regime == "egen regi":
        raise LadderError(f"{kind}: egen regi has no contract; only återkoppling to the "
                          "responsible administration applies")
    if ladder.ended:
        raise LadderError(f"{kind}: the contract has ended ({ladder.ended}); no further step")
    if kind not in allowed(ladder, regime):
        now = ", ".join(allowed(ladder, regime))
        raise LadderError(f"{kind} is not allowed now (open step: {ladder.stage or 'none'}"
                          f"{', excluded from call-offs' if ladder.excluded else ''}); "
                          f"allowed: {now}")
    if kind in ("havning", "uppsagning"):
        return Ladder(stage=None, excluded=False, ended=kind)
    if kind == "uteslutning":
        return replace(ladder, excluded=True)
    if kind == "aterinsatt":
        return replace(ladder, excluded=False)
    return replace(ladder, stage=kind)


def done(ladder: Ladder, kind: str) -> Ladder:
    """Close the open step of ``kind`` (answer approved, or the decision carried out)."""
    if kind in MAIN_TRACK[:3] and ladder.stage == kind:
        return replace(ladder, stage=None)
    if kind in ("havning", "uppsagning") and ladder.ended == kind:
        return ladder
    if kind == "uteslutning":
        raise LadderError("an exclusion ends with: granska measure add PROVIDER_REF aterinsatt")
    raise LadderError(f"{kind}: no open step of that kind to close")


def superseded_by(kind: str) -> tuple[str, ...]:
    """The kinds of open step a new step of ``kind`` closes: escalating supersedes the
    open earlier steps, re-admission ends the exclusion, and the end of the contract
    leaves nothing open."""
    if kind in ("havning", "uppsagning"):
        return KINDS
    if kind in MAIN_TRACK[1:]:
        return MAIN_TRACK[:3]
    if kind == "aterinsatt":
        return ("uteslutning",)
    return ()


def replay(steps: Iterable[tuple[str, str]], regime: str) -> Ladder:
    """The state after ('add' | 'done', kind) steps, in order."""
    ladder = Ladder()
    for action, kind in steps:
        ladder = add(ladder, kind, regime) if action == "add" else done(ladder, kind)
    return ladder
