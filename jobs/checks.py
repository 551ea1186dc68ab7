"""Data-quality checks: the protocol's rules run over the reviews a user may see.

The store reads what the rules need (``store.checks``), ``review_protocols.rules`` judges
it, and this module puts the two together for ``granska check``, the supervisor's list of
findings and the marks on the case screen. Closed findings stay closed: they are left out
(or shown as closed) on every later run.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from review_protocols.conditions import Value
from review_protocols.rules import CaseFacts, Finding, Rule, evaluate, load_rules
from review_protocols.values import decode

if TYPE_CHECKING:
    from review_protocols.model import Protocol
    from store.checks import CheckedReview, Closure
    from store.database import Database


@dataclass(frozen=True, slots=True)
class Listed:
    """A finding, and its closure when it was closed with a comment."""

    finding: Finding
    closure: Closure | None = None


def run_checks(db: Database, protocol: Protocol, *, role: str | None, user: str,
               lang: str = "sv", include_closed: bool = False) -> list[Listed]:
    """The findings in the reviews ``user`` may see (a supervisor: all; others: their own)."""
    from store.checks import closures

    rules = load_rules(protocol)
    if not rules:
        return []
    reviewer = None if role == "supervisor" else user
    facts = _facts(db, protocol, reviewer=reviewer)
    closed = closures(db)
    listed = [Listed(f, closed.get(f.key)) for f in evaluate(rules, protocol, facts, lang)]
    return _masked(db, listed if include_closed
                   else [item for item in listed if item.closure is None])


def _masked(db: Database, listed: list[Listed]) -> list[Listed]:
    """The findings with the typed text in them (a free-text answer left behind, a
    closing comment) masked as every screen masks it: it may name the person."""
    from dataclasses import replace

    from jobs.identities import Subject
    from store.subjects import subject_of_review

    subjects: dict[int, Subject] = {}
    shown = []
    for item in listed:
        review_id = item.finding.review_id
        if review_id not in subjects:
            subjects[review_id] = Subject(*subject_of_review(db, review_id))
        person = subjects[review_id]
        closure = item.closure and replace(item.closure,
                                           comment=person.masked(item.closure.comment))
        shown.append(Listed(replace(item.finding, detail=person.masked(item.finding.detail)),
                            closure))
    return shown


def _facts(db: Database, protocol: Protocol, *, reviewer: str | None = None,
           review_id: int | None = None) -> list[CaseFacts]:
    from store.checks import checked_reviews, evidence_questions, sampled_with

    rows = checked_reviews(db, protocol.id, reviewer=reviewer, review_id=review_id)
    twins = sampled_with(db, rows[0].population_id if review_id is not None and rows else None)
    evidence = evidence_questions(db, [row.review_id for row in rows])
    return [_case(protocol, row, twins.get(row.population_id, ()),
                  None if evidence is None else evidence.get(row.review_id, frozenset()))
            for row in rows]


def _case(protocol: Protocol, row: CheckedReview, twins: tuple[str, ...],
          evidence: frozenset[str] | None) -> CaseFacts:
    return CaseFacts(row.review_id, row.case_ref, row.reviewer, row.status,
                     decoded(protocol, row.answers), row.decision_date, row.period, twins,
                     evidence)


def decoded(protocol: Protocol, stored: Mapping[str, str]) -> dict[str, Value]:
    """Stored answer texts as values, leaving out questions the protocol no longer has."""
    values: dict[str, Value] = {}
    for question_id, text in stored.items():
        if protocol.has_question(question_id):
            value = decode(protocol.question(question_id), text)
            if value is not None:
                values[question_id] = value
    return values


def close(db: Database, protocol: Protocol, case_ref: str, rule_id: str, comment: str, *,
          role: str | None, user: str, question: str | None = None,
          reviewer: str | None = None) -> Finding:
    """Close the one open finding of ``rule_id`` in the case with ``comment`` (audited).

    The rule, and the question or reviewer when the rule found several, must name it."""
    from store.checks import close_finding

    found = [item.finding for item in run_checks(db, protocol, role=role, user=user)
             if item.finding.case_ref == case_ref and item.finding.rule_id == rule_id
             and (question is None or item.finding.question_id == question)
             and (reviewer is None or item.finding.reviewer == reviewer)]
    if not found:
        known = {r.id for r in load_rules(protocol)}
        if rule_id not in known:
            raise ValueError(f"no rule '{rule_id}' in the rules of {protocol.id}; see "
                             "granska check for the rule ids")
        raise ValueError(f"{case_ref}: no open finding of rule '{rule_id}'"
                         + (f" on question '{question}'" if question else "")
                         + "; see granska check")
    if len({f.review_id for f in found}) > 1:
        names = ", ".join(sorted({f.reviewer for f in found}))
        raise ValueError(f"{case_ref}: rule '{rule_id}' has findings in the reviews of "
                         f"{names}; name one with --reviewer")
    if len(found) > 1:
        names = ", ".join(f.question_id for f in found)
        raise ValueError(f"{case_ref}: rule '{rule_id}' has findings on several questions "
                         f"({names}); name one with --question")
    finding = found[0]
    close_finding(db, finding.review_id, finding.rule_id, finding.question_id, comment,
                  who=user)
    return finding


class ReviewMarks:
    """The open findings of one review, per question, judged again in memory as answers
    change (the case screen): what the store knows of the case is read once."""

    def __init__(self, db: Database, protocol: Protocol, review_id: int,
                 lang: str = "sv") -> None:
        from review_protocols.rules import RulesError
        from store.checks import closures

        self.protocol = protocol
        self.lang = lang
        self.error = ""  # a rules file that cannot be used: no marks, and this says why
        self.rules: tuple[Rule, ...] = ()
        self.case: CaseFacts | None = None
        try:
            # Missing evidence is shown by the question itself ("belägg saknas", with the
            # key that adds it): judged here too it would be said twice, and cost a pass.
            self.rules = tuple(r for r in load_rules(protocol) if r.kind != "evidence_missing")
        except RulesError as error:
            self.error = str(error)
        facts = _facts(db, protocol, review_id=review_id) if self.rules else []
        self.case = facts[0] if facts else None
        self.closed = {key for key in closures(db) if key[0] == review_id}

    def evidence_changed(self, questions: Collection[str]) -> None:
        """The questions of the review that have evidence now (given on the case screen)."""
        if self.case is not None:
            from dataclasses import replace

            self.case = replace(self.case, evidence=frozenset(questions))

    def marks(self, values: Mapping[str, Value], status: str,
              applies: Mapping[str, bool] | None = None) -> dict[str, list[str]]:
        """Question id -> the messages of its open findings, for these answers and status
        (``applies``: which questions apply to them, when the caller knows already)."""
        if self.case is None:
            return {}
        from dataclasses import replace

        case = replace(self.case, answers=dict(values), status=status)
        found: dict[str, list[str]] = {}
        for finding in evaluate(self.rules, self.protocol, [case], self.lang, applies=applies):
            if finding.question_id and finding.key not in self.closed:
                found.setdefault(finding.question_id, []).append(finding.message)
        return found
