"""Structured skip logic: "ask only when ...", as data, never evaluated Python.

TOML forms (``when = ...`` on a question):

    { question = "dur_aktuell", equals = "ja" }
    { question = "beslut", in = ["bifall", "delavslag"] }
    { question = "beslut", not_in = ["avslag"] }          # also not_equals = "avslag"
    { question = "beviljad_tid_timmar_manad", between = [12, 13] }
    { question = "barn_fodelsear", answered = true }
    { all = [ ... ] }   { any = [ ... ] }   { not = { ... } }

Semantics, chosen so that a half-answered case shows the questions it may still
need: ``equals``/``in``/``between`` hold only when the referenced question is
applicable and answered with a matching value; ``not_in``/``not_equals`` hold
unless it is answered with a listed value (unanswered does not exclude).
A question that is itself not applicable counts as unanswered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

Value = str | float | int | list[str] | None
Test = Callable[[Mapping[str, Value]], bool]


class SkipPlanned(Protocol):
    """What ``applicable`` needs of a protocol (``model.Protocol`` has it), so that this
    module, which the model's questions hold conditions of, does not import the model."""

    @property
    def skip_plan(self) -> Sequence[tuple[str, Test | None]]: ...


@dataclass(frozen=True, slots=True)
class Compare:
    question: str
    op: str  # "in" | "not_in" | "between" | "answered" | "unanswered"
    values: tuple[Any, ...] = ()  # codes for in/not_in, (low, high) numbers for between
    _set: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.op in ("in", "not_in"):  # built once, not on every answer
            object.__setattr__(self, "_set", frozenset(self.values))

    def holds(self, answers: Mapping[str, Value]) -> bool:
        value = answers.get(self.question)
        answered = value not in (None, "", [])
        if self.op == "answered":
            return answered
        if self.op == "unanswered":
            return not answered
        if self.op == "between":
            if not answered or isinstance(value, (str, list)):
                return False
            low, high = self.values
            inside: bool = low <= value <= high
            return inside
        if isinstance(value, list):
            hit = answered and not self._set.isdisjoint(value)
        else:
            hit = answered and value in self._set
        return hit if self.op == "in" else not hit

    def references(self) -> set[str]:
        return {self.question}


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Value]) -> bool:
        return all(p.holds(answers) for p in self.parts)

    def references(self) -> set[str]:
        return set().union(*(p.references() for p in self.parts))


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Value]) -> bool:
        return any(p.holds(answers) for p in self.parts)

    def references(self) -> set[str]:
        return set().union(*(p.references() for p in self.parts))


@dataclass(frozen=True, slots=True)
class Negation:
    part: Condition

    def holds(self, answers: Mapping[str, Value]) -> bool:
        return not self.part.holds(answers)

    def references(self) -> set[str]:
        return self.part.references()


Condition = Compare | AllOf | AnyOf | Negation


def unit_key(attribute: str) -> str:
    """Where a unit's attribute (e.g. a contract's regime) sits among the answers a
    condition sees; '@' is never in a question id."""
    return f"@{attribute}"


def applicable(protocol: SkipPlanned, answers: Mapping[str, Value],
               unit: Mapping[str, str] | None = None) -> dict[str, bool]:
    """Which questions apply, given the answers so far (and the unit's attributes).

    Conditions may only refer to earlier questions (the validator checks), so
    one pass in protocol order settles everything: a later question sees an
    earlier, non-applicable answer as unanswered.
    """
    visible: dict[str, Value] = {unit_key(k): v for k, v in (unit or {}).items()}
    result: dict[str, bool] = {}
    for question_id, holds in protocol.skip_plan:
        applies = holds is None or holds(visible)
        result[question_id] = applies
        if applies and question_id in answers:
            visible[question_id] = answers[question_id]
    return result
