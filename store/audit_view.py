"""The audit log of one case, joined to the reviews it touched, for the audit viewer."""

from __future__ import annotations

from typing import Any

from store.database import Database


def case_history(
    db: Database, case_ref: str, *, reviewer: str | None = None
) -> list[dict[str, Any]]:
    """Every audited change to a case's reviews, oldest first.

    With ``reviewer`` only changes to that reviewer's own reviews (what an
    inspector may see: never the other half of a blind double review).
    """
    params: list[Any] = [case_ref]
    only = ""
    if reviewer is not None:
        only = "AND r.reviewer = ?"
        params.append(reviewer)
    return list(db.query(
        f"""
        SELECT l.id, l.at, l.who, l.action, l.field, l.old_value, l.new_value,
               r.id AS review_id, r.reviewer, r.kind, r.protocol_id, p.case_ref, p.district
        FROM audit_log l
        JOIN reviews r ON l.entity = 'review' AND l.entity_id = r.id
        JOIN population p ON p.id = r.population_id
        WHERE p.case_ref = ? {only}
        ORDER BY l.id
        """,
        params,
    ))


def case_refs(db: Database, case_ref: str) -> int:
    """How many cases carry this reference (0: unknown)."""
    count: int = db.execute("SELECT count(*) FROM population WHERE case_ref = ?",
                            [case_ref]).fetchone()[0]
    return count
