"""Drawn samples and their members (selected, reserve, excluded, replacement)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import Refusal
from store.identity import current_user, now
from store.rounds import CURRENT
from store.transactions import transaction

MEMBER_COLUMNS = ("population_id", "district", "gender", "role", "rank", "reason", "replaces")


def save_sample(
    db: Database,
    *,
    frame_id: int,
    seed: int,
    spec: Mapping[str, Any],
    frame_sha256: str,
    protocol_id: str,
    outcome: Mapping[str, Any],
    members: Iterable[Mapping[str, Any]],
    who: str | None = None,
) -> int:
    """Store a draw with its specification, seed and frame fingerprint, all at once."""
    who = who or current_user()
    with transaction(db):
        sample_id = db.insert(
            "INSERT INTO samples (frame_id, seed, spec, frame_sha256, protocol_id, outcome,"
            " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [frame_id, seed, json.dumps(spec, ensure_ascii=False, sort_keys=True, default=str),
             frame_sha256, protocol_id,
             json.dumps(outcome, ensure_ascii=False, sort_keys=True, default=str), now(), who],
        )
        db.conn.executemany(
            f"INSERT INTO sample_members (sample_id, {', '.join(MEMBER_COLUMNS)})"
            f" VALUES (?, {', '.join('?' for _ in MEMBER_COLUMNS)})",
            ((sample_id, *(m.get(c) for c in MEMBER_COLUMNS)) for m in members),
        )
        record(db, "sample.draw", "sample", sample_id, new=f"seed {seed}", who=who)
    return sample_id


def samples(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM samples ORDER BY id"))


def latest_sample_id(db: Database) -> int | None:
    latest: int | None = db.execute("SELECT max(id) FROM samples").fetchone()[0]
    return latest


def sample(db: Database, sample_id: int) -> dict[str, Any] | None:
    return db.first("SELECT * FROM samples WHERE id = ?", [sample_id])


def members(db: Database, sample_id: int) -> list[dict[str, Any]]:
    """The sample's members with their case reference and review status (if assigned)."""
    return list(db.query(
        "SELECT m.*, p.case_ref,"
        " (SELECT r.status FROM reviews r WHERE r.population_id = m.population_id"
        f"  AND r.sample_id = m.sample_id AND r.kind = 'primary' AND {CURRENT}"
        "  ORDER BY r.id LIMIT 1) AS review_status,"
        " (SELECT group_concat(r.reviewer, ', ') FROM reviews r"
        "  WHERE r.population_id = m.population_id AND r.sample_id = m.sample_id"
        f"  AND {CURRENT}) AS reviewers"
        " FROM sample_members m JOIN population p ON p.id = m.population_id"
        " WHERE m.sample_id = ? ORDER BY m.district, m.gender,"
        " CASE m.role WHEN 'selected' THEN 0 WHEN 'replacement' THEN 1 WHEN 'excluded' THEN 2"
        " ELSE 3 END, m.rank",
        [sample_id],
    ))


def member_by_case_ref(
    db: Database, sample_id: int, case_ref: str
) -> dict[str, Any] | None:
    rows = [m for m in members(db, sample_id) if m["case_ref"] == case_ref]
    return rows[0] if rows else None


def replace_member(
    db: Database,
    *,
    member_id: int,
    reason: str,
    replacement_id: int | None,
    who: str | None = None,
) -> list[tuple[int, str, str, str]]:
    """Mark a member excluded (with the reason) and bring in a reserve, in one transaction.

    Returns (population id of the replacement, reviewer, protocol id, kind) for
    every review the excluded case had (primary, second ...), so the caller can
    give the replacement to the same reviewers; the excluded case's reviews and
    answers stay as they were.
    """
    who = who or current_user()
    with transaction(db):
        row = db.execute(
            "SELECT sample_id, population_id, role FROM sample_members WHERE id = ?", [member_id]
        ).fetchone()
        if row is None:
            raise Refusal("member_unknown", "missing", member=member_id)
        sample_id, population_id, role = row
        if role not in ("selected", "replacement"):
            raise Refusal("member_not_selected", role=role)
        db.execute("UPDATE sample_members SET role = 'excluded', reason = ? WHERE id = ?",
                   [reason, member_id])
        record(db, "sample.exclude", "sample_member", member_id, field="role", old=role,
               new=f"excluded: {reason}", who=who)
        handover: list[tuple[int, str, str, str]] = []
        if replacement_id is not None:
            found = db.execute(
                "SELECT population_id, role FROM sample_members WHERE id = ? AND sample_id = ?",
                [replacement_id, sample_id],
            ).fetchone()
            if found is None or found[1] != "reserve":
                raise Refusal("replacement_not_reserve")
            db.execute(
                "UPDATE sample_members SET role = 'replacement', replaces = ? WHERE id = ?",
                [member_id, replacement_id],
            )
            record(db, "sample.replace", "sample_member", replacement_id, field="role",
                   old="reserve", new=f"replacement for member {member_id}", who=who)
            reviews = db.execute(
                "SELECT reviewer, protocol_id, kind FROM reviews WHERE population_id = ?"
                " AND sample_id = ? AND kind != 'training' ORDER BY id",
                [population_id, sample_id],
            ).fetchall()
            handover = [(found[0], reviewer, protocol, kind)
                        for reviewer, protocol, kind in reviews]
    return handover
