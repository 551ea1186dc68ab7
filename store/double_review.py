"""Double review: two blind reviews of one case and the supervisor's agreed answers.

The two reviews (kinds ``primary`` and ``second``) never see each other:
these functions are for supervisors only (the callers check the role). The
agreed answers are a third review of kind ``consensus`` by the supervisor,
written in one transaction with one audit row per answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import StoreError
from store.identity import current_user, now
from store.review_states import DONE
from store.rounds import CURRENT
from store.transactions import transaction


def pairs(db: Database, sample_id: int | None = None) -> list[dict[str, Any]]:
    """Every double-reviewed case: both reviewers, their statuses, and any consensus."""
    where = "AND a.sample_id = ?" if sample_id is not None else ""
    return list(db.query(
        f"""
        SELECT a.population_id, p.case_ref, p.district, p.gender, a.sample_id,
               a.id AS primary_id, a.reviewer AS primary_reviewer, a.status AS primary_status,
               b.id AS second_id, b.reviewer AS second_reviewer, b.status AS second_status,
               (SELECT c.id FROM reviews c WHERE c.population_id = a.population_id
                   AND c.kind = 'consensus' AND c.protocol_id = a.protocol_id
                   AND c.round_id IS a.round_id ORDER BY c.id DESC LIMIT 1) AS consensus_id
        FROM reviews a
        JOIN reviews b ON b.population_id = a.population_id AND b.kind = 'second'
            AND b.protocol_id = a.protocol_id AND b.sample_id IS a.sample_id
            AND b.round_id IS a.round_id
        JOIN population p ON p.id = a.population_id
        WHERE a.kind = 'primary' AND {CURRENT.replace("r.", "a.")} {where}
        ORDER BY p.district, p.case_ref
        """,
        [sample_id] if sample_id is not None else [],
    ))


def pair(db: Database, population_id: int) -> dict[str, Any]:
    for row in pairs(db):
        if row["population_id"] == population_id:
            return row
    raise StoreError(f"case {population_id} is not double-reviewed", "missing")


def values(db: Database, review_id: int) -> dict[str, str | None]:
    return dict(db.execute(
        "SELECT question_id, value FROM answers WHERE review_id = ?", [review_id]).fetchall())


def side_by_side(db: Database, population_id: int) -> dict[str, Any]:
    """Both reviews' answers (and the consensus so far), once both are complete (or
    approved)."""
    row = pair(db, population_id)
    if row["primary_status"] not in DONE or row["second_status"] not in DONE:
        raise StoreError(
            f"case {row['case_ref']}: both reviews must be complete before they are compared "
            f"({row['primary_reviewer']}: {row['primary_status']}, "
            f"{row['second_reviewer']}: {row['second_status']})", "other",
        )
    return {
        **row,
        "primary": values(db, row["primary_id"]),
        "second": values(db, row["second_id"]),
        "consensus": values(db, row["consensus_id"]) if row["consensus_id"] else {},
    }


def completed_pairs(db: Database) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The answers of every double review where both are done (for agreement)."""
    return [
        (values(db, row["primary_id"]), values(db, row["second_id"]))
        for row in pairs(db)
        if row["primary_status"] in DONE and row["second_status"] in DONE
    ]


def record_consensus(
    db: Database,
    population_id: int,
    answers: Mapping[str, str | None],
    *,
    who: str | None = None,
) -> int:
    """Store the agreed answers as the supervisor's consensus review, complete, at once."""
    who = who or current_user()
    row = side_by_side(db, population_id)
    with transaction(db):
        base = db.execute("SELECT protocol_id, protocol_version, sample_id, round_id FROM"
                          " reviews WHERE id = ?", [row["primary_id"]]).fetchone()
        stamp = now()
        found = db.execute(
            "SELECT id FROM reviews WHERE population_id = ? AND reviewer = ? AND protocol_id = ?"
            " AND kind = 'consensus' AND round_id IS ?", [population_id, who, base[0], base[3]],
        ).fetchone()
        if found:
            review_id: int = found[0]
        else:
            review_id = db.insert(
                "INSERT INTO reviews (population_id, sample_id, round_id, reviewer, protocol_id,"
                " protocol_version, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
                " 'consensus', ?, ?)",
                [population_id, base[2], base[3], who, base[0], base[1], stamp, stamp],
            )
            record(db, "review.create", "review", review_id, field="consensus", new=who, who=who)
        old = values(db, review_id)
        changed = False
        for question_id, value in answers.items():
            if question_id in old and old[question_id] == value:
                continue
            changed = True
            db.execute(
                "INSERT INTO answers (review_id, question_id, value, protocol_id,"
                " protocol_version, answered_at, answered_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (review_id, question_id) DO UPDATE SET value = excluded.value,"
                " answered_at = excluded.answered_at, answered_by = excluded.answered_by",
                [review_id, question_id, value, base[0], base[1], stamp, who],
            )
            record(db, "answer", "review", review_id, field=question_id,
                   old=old.get(question_id), new=value, who=who)
        status = db.execute("SELECT status FROM reviews WHERE id = ?", [review_id]).fetchone()[0]
        if status != "complete" and (changed or status != "approved"):
            db.execute("UPDATE reviews SET status = 'complete', status_reason = NULL,"
                       " updated_at = ?, completed_at = ? WHERE id = ?",
                       [stamp, stamp, review_id])
            record(db, "status", "review", review_id, old=status, new="complete", who=who)
    return review_id
