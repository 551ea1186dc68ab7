"""Assignments: which inspector reviews which sampled case (a ``reviews`` row each).

A case is assigned by creating the reviewer's review of it. A second,
independent review of the same case (kind ``second``) makes it a double
review. Every assignment and reassignment is audited with who made it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import Refusal
from store.identity import current_user, now
from store.rounds import CURRENT, JOINED
from store.transactions import transaction

REVIEW_KINDS = ("primary", "second")


def sampled_cases(db: Database, sample_id: int) -> list[dict[str, Any]]:
    """The cases of a sample that are to be reviewed, with who has them (primary, second)."""
    return list(db.query(
        f"""
        SELECT m.population_id, p.case_ref, m.district, m.gender, m.role,
               (SELECT reviewer FROM reviews r WHERE r.population_id = m.population_id
                   AND r.sample_id = m.sample_id AND r.kind = 'primary' AND {CURRENT}
                   ORDER BY r.id LIMIT 1) AS primary_reviewer,
               (SELECT reviewer FROM reviews r WHERE r.population_id = m.population_id
                   AND r.sample_id = m.sample_id AND r.kind = 'second' AND {CURRENT}
                   ORDER BY r.id LIMIT 1) AS second_reviewer
        FROM sample_members m JOIN population p ON p.id = m.population_id
        WHERE m.sample_id = ? AND m.role IN ('selected', 'replacement')
        ORDER BY m.district, m.gender, p.case_ref
        """,
        [sample_id],
    ))


def loads(db: Database, sample_id: int) -> dict[str, int]:
    """How many reviews (primary and second) each reviewer has in a sample."""
    rows = db.execute(
        "SELECT reviewer, count(*) FROM reviews r WHERE sample_id = ? AND kind IN"
        f" ('primary', 'second') AND {CURRENT} GROUP BY reviewer", [sample_id],
    ).fetchall()
    return dict(rows)


def case_by_ref(db: Database, sample_id: int, case_ref: str) -> int:
    """The population id of a sampled case, or a Refusal saying how to find one."""
    row = db.execute(
        "SELECT m.population_id FROM sample_members m JOIN population p"
        " ON p.id = m.population_id WHERE m.sample_id = ? AND p.case_ref = ?"
        " AND m.role IN ('selected', 'replacement')",
        [sample_id, case_ref],
    ).fetchone()
    if row is None:
        raise Refusal("assign_not_selected", "missing", case=case_ref, sample=sample_id)
    population_id: int = row[0]
    return population_id


def assign(
    db: Database,
    sample_id: int,
    assignments: Iterable[tuple[int, str]],
    *,
    protocol_version: str,
    kind: str = "primary",
    who: str | None = None,
) -> list[int]:
    """Give cases (population ids) to reviewers, all in one transaction.

    A case already held by someone in that kind is refused (reassign it
    instead); the two reviews of a double review must be by different people.
    """
    if kind not in REVIEW_KINDS:
        raise ValueError(f"unknown review kind '{kind}'; use primary or second")
    who = who or current_user()
    other = "second" if kind == "primary" else "primary"
    ids = []
    with transaction(db):
        sample = db.execute("SELECT protocol_id FROM samples WHERE id = ?", [sample_id]).fetchone()
        if sample is None:
            raise Refusal("assign_no_sample", "missing", sample=sample_id)
        for population_id, reviewer in assignments:
            held = _holder(db, sample_id, population_id, kind)
            ref = _ref(db, population_id)
            if held is not None:
                raise Refusal(f"assign_held_{kind}", case=ref, reviewer=held)
            if _holder(db, sample_id, population_id, other) == reviewer:
                raise Refusal("assign_same_reviewer", case=ref, reviewer=reviewer)
            stamp = now()
            review_id = db.insert(
                "INSERT INTO reviews (population_id, sample_id, round_id, reviewer, protocol_id,"
                f" protocol_version, kind, created_at, updated_at) VALUES (?, ?, {JOINED}, ?, ?,"
                " ?, ?, ?, ?)",
                [population_id, sample_id, sample_id, reviewer, sample[0], protocol_version,
                 kind, stamp, stamp],
            )
            record(db, "review.create", "review", review_id, field=kind, new=reviewer, who=who)
            ids.append(review_id)
    return ids


def reassign(
    db: Database, review_id: int, reviewer: str, *, who: str | None = None
) -> None:
    """Hand a review nobody has started to someone else (audited)."""
    who = who or current_user()
    with transaction(db):
        row = db.execute("SELECT reviewer, status, population_id, kind, sample_id FROM reviews"
                         " WHERE id = ?", [review_id]).fetchone()
        if row is None:
            raise Refusal("reassign_gone", "missing", review=review_id)
        old, status, population_id, kind, sample_id = row
        answered = db.execute("SELECT count(*) FROM answers WHERE review_id = ?",
                              [review_id]).fetchone()[0]
        if status != "not_started" or answered:
            raise Refusal("reassign_started", case=_ref(db, population_id), reviewer=old)
        other = "second" if kind == "primary" else "primary"
        if _holder(db, sample_id, population_id, other) == reviewer:
            raise Refusal(f"reassign_has_{other}", case=_ref(db, population_id),
                          reviewer=reviewer)
        db.execute("UPDATE reviews SET reviewer = ?, updated_at = ? WHERE id = ?",
                   [reviewer, now(), review_id])
        record(db, "review.reassign", "review", review_id, field="reviewer", old=old,
               new=reviewer, who=who)


def _holder(db: Database, sample_id: int, population_id: int, kind: str) -> str | None:
    row = db.execute(
        "SELECT reviewer FROM reviews r WHERE sample_id = ? AND population_id = ? AND kind = ?"
        f" AND {CURRENT} ORDER BY id LIMIT 1", [sample_id, population_id, kind],
    ).fetchone()
    return row[0] if row else None


def _ref(db: Database, population_id: int) -> str:
    row = db.execute("SELECT case_ref FROM population WHERE id = ?", [population_id]).fetchone()
    return row[0] if row else str(population_id)


def review_frame_kind(db: Database, review_id: int) -> str | None:
    """The kind of frame ('real', 'demo', 'training') a review's case comes from."""
    row = db.execute(
        "SELECT f.kind FROM reviews r JOIN population p ON p.id = r.population_id"
        " JOIN frames f ON f.id = p.frame_id WHERE r.id = ?", [review_id],
    ).fetchone()
    return row[0] if row else None
