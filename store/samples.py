"""Drawn samples and their members (selected, reserve, excluded, replacement)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

from store.audit import record
from store.connection import transaction
from store.identity import current_user, now

MEMBER_COLUMNS = ("population_id", "district", "gender", "role", "rank", "reason", "replaces")


def save_sample(
    db: sqlite_utils.Database,
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
        sample_id = db.execute(
            "INSERT INTO samples (frame_id, seed, spec, frame_sha256, protocol_id, outcome,"
            " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [frame_id, seed, json.dumps(spec, ensure_ascii=False, sort_keys=True, default=str),
             frame_sha256, protocol_id,
             json.dumps(outcome, ensure_ascii=False, sort_keys=True, default=str), now(), who],
        ).lastrowid
        db.conn.executemany(
            f"INSERT INTO sample_members (sample_id, {', '.join(MEMBER_COLUMNS)})"
            f" VALUES (?, {', '.join('?' for _ in MEMBER_COLUMNS)})",
            ((sample_id, *(m.get(c) for c in MEMBER_COLUMNS)) for m in members),
        )
        record(db, "sample.draw", "sample", sample_id, new=f"seed {seed}", who=who)
    return sample_id


def samples(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM samples ORDER BY id"))


def latest_sample_id(db: sqlite_utils.Database) -> int | None:
    row = db.execute("SELECT max(id) FROM samples").fetchone()
    return row[0]


def members(db: sqlite_utils.Database, sample_id: int) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT m.*, p.case_ref FROM sample_members m JOIN population p ON p.id = m.population_id"
        " WHERE m.sample_id = ? ORDER BY m.district, m.gender, m.role, m.rank",
        [sample_id],
    ))
