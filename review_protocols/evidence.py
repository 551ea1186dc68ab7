"""Which answers need evidence (``evidence = "when_not_ok"``) and which still lack it.

Pure, like ``completeness``: the case screen's klar check and ``granska check`` agree
on what "evidence missing" means. Only applicable questions count; an answer kept for a
question that no longer applies needs nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from review_protocols.conditions import Value, applicable
from review_protocols.model import Protocol, Question
from review_protocols.values import encode


def good_answers(protocol: Protocol) -> dict[str, str]:
    """Each question that requires evidence, with the answer that needs none (for
    ``store.evidence.missing_evidence``)."""
    return {q.id: q.good_code for q in protocol.questions
            if q.evidence and q.good_code is not None}


def needs_evidence(question: Question, value: Value) -> bool:
    """Whether a decoded answer needs evidence."""
    return question.needs_evidence(encode(question, value))


def lacking_evidence(protocol: Protocol, answers: Mapping[str, Value],
                     evidenced: Collection[str]) -> list[str]:
    """Ids of applicable questions whose answer needs evidence and has none, in order."""
    applies = applicable(protocol, answers)
    return [q.id for q in protocol.questions
            if q.evidence and applies[q.id] and q.id not in evidenced
            and needs_evidence(q, answers.get(q.id))]
