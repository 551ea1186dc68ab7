"""The audit log of one unit under review (a case, or a provider's follow-ups), joined to
the reviews it touched, for the audit viewer."""

from __future__ import annotations

from typing import Any

from store.database import Database

# The reviews of every unit called ? (a case's), then ? (a provider's follow-ups'), each
# with the unit's reference and stratum.
_UNITS = """
SELECT r.id, p.case_ref AS ref, p.district FROM reviews r
    JOIN population p ON p.id = r.population_id WHERE p.case_ref = ?
UNION ALL
SELECT r.id, pr.provider_ref, pr.contract_area FROM reviews r
    JOIN follow_ups f ON f.id = r.follow_up_id JOIN providers pr ON pr.id = f.provider_id
    WHERE pr.provider_ref = ?
"""


def case_history(
    db: Database, case_ref: str, *, reviewer: str | None = None
) -> list[dict[str, Any]]:
    """Every audited change to the reviews of a case (or a provider's follow-ups), oldest
    first.

    With ``reviewer`` only changes to that reviewer's own reviews (what an
    inspector may see: never the other half of a blind double review).
    """
    params: list[Any] = [case_ref, case_ref]
    only = ""
    if reviewer is not None:
        only = "WHERE r.reviewer = ?"
        params.append(reviewer)
    return list(db.query(
        f"""
        WITH units AS ({_UNITS})
        SELECT l.id, l.at, l.who, l.action, l.field, l.old_value, l.new_value,
               r.id AS review_id, r.population_id, r.reviewer, r.kind, r.protocol_id,
               u.ref AS case_ref, u.district
        FROM units u
        JOIN reviews r ON r.id = u.id
        JOIN audit_log l ON l.entity = 'review' AND l.entity_id = r.id
        {only}
        ORDER BY l.id
        """,
        params,
    ))


def case_refs(db: Database, case_ref: str) -> int:
    """How many cases, and providers of a follow-up plan, carry this reference (0:
    unknown)."""
    count: int = db.execute(
        "SELECT (SELECT count(*) FROM population WHERE case_ref = ?) + (SELECT count(*) > 0"
        " FROM providers pr JOIN follow_ups f ON f.provider_id = pr.id"
        " WHERE pr.provider_ref = ?)", [case_ref, case_ref]).fetchone()[0]
    return count
