"""Is a case finished? Which applicable, required questions still lack an answer.

Pure functions of a protocol and decoded answers, so the case screen, exports
and tests agree on what "complete" means. A question that does not apply is
never missing, even when it has no answer; an answer kept for a question that
no longer applies does not count as answered.
"""

from __future__ import annotations

from collections.abc import Mapping

from review_protocols.conditions import Value, applicable
from review_protocols.model import Protocol


def is_answered(value: Value) -> bool:
    return value not in (None, "", [])


def missing_required(protocol: Protocol, answers: Mapping[str, Value],
                     unit: Mapping[str, str] | None = None) -> list[str]:
    """Ids of applicable required questions without an answer, in protocol order
    (``unit``: what the conditions may test of the unit, e.g. a contract's regime)."""
    applies = applicable(protocol, answers, unit)
    return [
        q.id for q in protocol.questions
        if q.required and applies[q.id] and not is_answered(answers.get(q.id))
    ]


def answered_applicable(protocol: Protocol, answers: Mapping[str, Value],
                        unit: Mapping[str, str] | None = None) -> tuple[int, int]:
    """(answered, applicable): how far along a case is, counting only what applies."""
    applies = applicable(protocol, answers, unit)
    shown = [q.id for q in protocol.questions if applies[q.id]]
    return sum(1 for qid in shown if is_answered(answers.get(qid))), len(shown)
