"""Evidence for an answer: the document it was seen in, that document's date, a short quote.

A finding a report quotes will be contested; evidence says where in the case file
it stands. One per (review, question), saved like an answer: one transaction per
save, one audit row per change (action ``evidence``, field the question id).
Which answers need evidence is the protocol's business (``evidence =
"when_not_ok"``); the store only holds it and finds what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from store.audit import record
from store.database import Database
from store.errors import StoreError
from store.identity import current_user, now
from store.transactions import transaction
from store.users import assert_can_edit

# The document types, a contract (the CHECK in the schema, the import's evidence_doc).
DOC_TYPES = ("utredning", "beslut", "beställning", "genomförandeplan", "uppföljning",
             "journalanteckning", "annat")
QUOTE_MAX = 500  # a short quote, not the case file


@dataclass(frozen=True, slots=True)
class Evidence:
    doc_type: str
    doc_date: str  # ISO YYYY-MM-DD
    quote: str = ""

    def summary(self) -> str:
        """One line for the audit log and the screen: ``utredning 2024-03-01: "…"``."""
        return f"{self.doc_type} {self.doc_date}" + (f': "{self.quote}"' if self.quote else "")


def checked(doc_type: str, doc_date: str, quote: str = "") -> Evidence:
    """Evidence whose fields fit, or ValueError saying which does not and what fits."""
    if doc_type not in DOC_TYPES:
        raise ValueError(f"document type must be one of: {', '.join(DOC_TYPES)}")
    try:
        day = dt.date.fromisoformat(doc_date.strip())
    except ValueError:
        raise ValueError("the document's date must be a date written YYYY-MM-DD") from None
    quote = " ".join(quote.split())
    if len(quote) > QUOTE_MAX:
        raise ValueError(f"the quote is longer than {QUOTE_MAX} characters; keep it short")
    return Evidence(doc_type, day.isoformat(), quote)


def save_evidence(db: Database, review_id: int, question_id: str, evidence: Evidence, *,
                  who: str | None = None) -> bool:
    """Store (or replace) the evidence of one answer; False when nothing changed."""
    who = who or current_user()
    evidence = checked(evidence.doc_type, evidence.doc_date, evidence.quote)
    with transaction(db):
        assert_can_edit(db, review_id, who)
        if db.execute("SELECT 1 FROM reviews WHERE id = ?", [review_id]).fetchone() is None:
            raise StoreError(f"review {review_id} no longer exists; nothing was saved")
        changed = store_evidence(db, review_id, question_id, evidence, who=who,
                                 action="evidence")
        if changed:
            db.execute("UPDATE reviews SET updated_at = ? WHERE id = ?", [now(), review_id])
    return changed


def clear_evidence(db: Database, review_id: int, question_id: str, *,
                   who: str | None = None) -> bool:
    who = who or current_user()
    with transaction(db):
        assert_can_edit(db, review_id, who)
        old = _one(db, review_id, question_id)
        if old is None:
            return False
        db.execute("DELETE FROM evidence WHERE review_id = ? AND question_id = ?",
                   [review_id, question_id])
        record(db, "evidence", "review", review_id, field=question_id, old=old.summary(),
               who=who)
        db.execute("UPDATE reviews SET updated_at = ? WHERE id = ?", [now(), review_id])
    return True


def store_evidence(db: Database, review_id: int, question_id: str, evidence: Evidence, *,
                   who: str, action: str) -> bool:
    """The write itself, inside the caller's transaction (a save, or an import)."""
    old = _one(db, review_id, question_id)
    if old == evidence:
        return False
    db.execute(
        "INSERT INTO evidence (review_id, question_id, doc_type, doc_date, quote, recorded_at,"
        " recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (review_id, question_id)"
        " DO UPDATE SET doc_type = excluded.doc_type, doc_date = excluded.doc_date,"
        " quote = excluded.quote, recorded_at = excluded.recorded_at,"
        " recorded_by = excluded.recorded_by",
        [review_id, question_id, evidence.doc_type, evidence.doc_date, evidence.quote, now(),
         who])
    record(db, action, "review", review_id, field=question_id,
           old=old.summary() if old else None, new=evidence.summary(), who=who)
    return True


def _one(db: Database, review_id: int, question_id: str) -> Evidence | None:
    row = db.execute("SELECT doc_type, doc_date, quote FROM evidence WHERE review_id = ?"
                     " AND question_id = ?", [review_id, question_id]).fetchone()
    return Evidence(*row) if row else None


def evidence_for(db: Database, review_id: int) -> dict[str, Evidence]:
    """A review's evidence by question id."""
    return {row[0]: Evidence(*row[1:]) for row in db.execute(
        "SELECT question_id, doc_type, doc_date, quote FROM evidence WHERE review_id = ?",
        [review_id])}


def missing_evidence(db: Database, protocol_id: str, good: Mapping[str, str], *,
                     review_ids: Iterable[int] | None = None,
                     statuses: Collection[str] | None = None) -> list[tuple[int, str]]:
    """(review_id, question_id) of every answer that needs evidence and has none, in review
    and question order.

    ``good`` maps each question that requires evidence to its good answer
    (``review_protocols.evidence.good_answers(protocol)``): any stored answer but
    that one needs evidence. Only reviews of ``protocol_id``, of ``review_ids`` and
    ``statuses`` when given. Skip logic is not judged here (the store knows no
    protocol): an answer kept for a question that no longer applies is listed too;
    a caller with the protocol drops those, or reports them as answers left behind.
    """
    if not good:
        return []
    where: list[str] = ["r.protocol_id = ?"]
    params: list[object] = [protocol_id]
    pairs = " OR ".join("(a.question_id = ? AND a.value IS NOT ?)" for _ in good)
    where.append(f"({pairs})")
    for question_id, code in good.items():
        params += [question_id, code]
    if review_ids is not None:
        ids = list(review_ids)
        if not ids:
            return []
        where.append(f"r.id IN ({', '.join('?' for _ in ids)})")
        params += ids
    if statuses is not None:
        where.append(f"r.status IN ({', '.join('?' for _ in statuses)})")
        params += list(statuses)
    rows = db.execute(
        "SELECT a.review_id, a.question_id FROM answers a JOIN reviews r ON r.id = a.review_id"
        f" WHERE {' AND '.join(where)} AND a.value IS NOT NULL AND a.value <> ''"
        " AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.review_id = a.review_id"
        " AND e.question_id = a.question_id) ORDER BY a.review_id, a.question_id",
        params).fetchall()
    return [(row[0], row[1]) for row in rows]
