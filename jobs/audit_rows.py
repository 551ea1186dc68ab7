"""Audit rows made readable: question texts and option labels instead of ids and codes.

Shared by the audit screen and ``granska audit``; no textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from jobs.i18n import STRINGS, language, t

if TYPE_CHECKING:
    from store.database import Database


@dataclass(frozen=True, slots=True)
class AuditLine:
    at: str
    who: str
    reviewer: str
    kind: str
    action: str
    what: str
    old: str
    new: str


def chain_text(check: Any) -> str:
    """One line on a ``store.audit.ChainCheck``: it holds (rows, head hash) or where it
    breaks and why."""
    if check.intact:
        return t("audit.chain.ok", rows=check.rows, head=check.head)
    return t("audit.chain.broken", row=check.broken_at, rows=check.rows,
             why=t(f"audit.chain.{check.reason}"))


def describe(row: dict[str, Any], protocol_for: Callable[[str], Any]) -> AuditLine:
    protocol = protocol_for(row["protocol_id"])
    field, old, new = row["field"] or "", row["old_value"] or "", row["new_value"] or ""
    what = "" if row["action"].startswith("review.") else field  # create: field is the kind
    if protocol is not None and field and protocol.has_question(field):
        from review_protocols.values import decode, display

        question = protocol.question(field)
        lang = language()
        what = question.label_in(lang) if question.short else question.text_in(lang)
        if row["action"] in ("answer", "answer.import"):
            old = display(question, decode(question, old or None), lang) or old
            new = display(question, decode(question, new or None), lang) or new
    if row["action"] in ("status", "review.approve", "review.return"):
        old, new = _status_words(old), _status_words(new)
    key = f"audit.action.{row['action']}"
    action = t(key) if key in STRINGS else row["action"]
    return AuditLine(at=row["at"].replace("T", " ")[:19], who=row["who"],
                     reviewer=row["reviewer"], kind=row["kind"], action=action, what=what,
                     old=old, new=new)


def history_lines(db: Database, case_ref: str, *, reviewer: str | None,
                  protocol_for: Callable[[str], Any]) -> list[AuditLine]:
    """The audit log of a case (or a provider's follow-ups) in words, oldest first
    (``store.audit_view.case_history``; ``reviewer``: only that reviewer's reviews). The
    values are typed text (notes, free-text answers, quotes, reasons, comments) that may
    name the person: masked as every screen masks them."""
    from jobs.identities import Subject, subject
    from store.audit_view import case_history

    subjects: dict[int | None, Subject] = {}
    lines = []
    for row in case_history(db, case_ref, reviewer=reviewer):
        person = row["population_id"]
        if person not in subjects:
            subjects[person] = subject(db, person)
        line = describe(row, protocol_for)
        lines.append(replace(line, old=subjects[person].masked(line.old),
                             new=subjects[person].masked(line.new)))
    return lines


def _status_words(text: str) -> str:
    """A status in words, and the reason after it if any ("returned: the reason")."""
    status, colon, reason = text.partition(": ")
    key = f"status.{status}"
    return (t(key) if key in STRINGS else status) + colon + reason
