"""Population frames: the districts' lists of decisions, stored whole or not at all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

from store.audit import record
from store.connection import transaction
from store.errors import StoreError
from store.identity import current_user, now

POPULATION_COLUMNS = (
    "case_ref", "personnummer", "name", "gender", "district", "insats",
    "decision_date", "birth_date", "line",
)


def insert_frame(
    db: sqlite_utils.Database,
    *,
    name: str,
    source: str,
    sha256: str,
    rows: Iterable[Mapping[str, Any]],
    kind: str = "real",
    case_texts: Mapping[str, str] | None = None,
    who: str | None = None,
) -> int:
    """Store a frame and its rows in one transaction; returns the frame id."""
    who = who or current_user()
    placeholders = ", ".join("?" for _ in POPULATION_COLUMNS)
    with transaction(db):
        if db.execute("SELECT 1 FROM frames WHERE name = ?", [name]).fetchone():
            raise StoreError(f"a frame named '{name}' exists already; choose another --name")
        frame_id = db.execute(
            "INSERT INTO frames (name, kind, source, sha256, row_count, imported_at, imported_by)"
            " VALUES (?, ?, ?, ?, 0, ?, ?)",
            [name, kind, source, sha256, now(), who],
        ).lastrowid
        db.conn.executemany(
            f"INSERT INTO population (frame_id, {', '.join(POPULATION_COLUMNS)})"
            f" VALUES (?, {placeholders})",
            ((frame_id, *(_cell(row, c) for c in POPULATION_COLUMNS)) for row in rows),
        )
        count = db.execute(
            "SELECT count(*) FROM population WHERE frame_id = ?", [frame_id]
        ).fetchone()[0]
        db.execute("UPDATE frames SET row_count = ? WHERE id = ?", [count, frame_id])
        if case_texts:
            db.conn.executemany(
                "INSERT INTO case_files (population_id, text, kind)"
                " SELECT id, ?, ? FROM population WHERE frame_id = ? AND case_ref = ?",
                ((text, kind, frame_id, ref) for ref, text in case_texts.items()),
            )
        record(db, "frame.import", "frame", frame_id, new=f"{name} ({count} rows, {sha256})",
               who=who)
    return frame_id


def frames(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM frames ORDER BY id"))


def frame(db: sqlite_utils.Database, frame_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM frames WHERE id = ?", [frame_id]))
    return rows[0] if rows else None


def population(db: sqlite_utils.Database, frame_id: int) -> list[dict[str, Any]]:
    """Every row of a frame, in a stable order (by id, i.e. file order)."""
    return list(db.query("SELECT * FROM population WHERE frame_id = ? ORDER BY id", [frame_id]))


def case_text(db: sqlite_utils.Database, population_id: int) -> str | None:
    row = db.execute(
        "SELECT text FROM case_files WHERE population_id = ?", [population_id]
    ).fetchone()
    return row[0] if row else None


def set_case_text(
    db: sqlite_utils.Database, population_id: int, text: str, *, kind: str = "attached",
    who: str | None = None,
) -> None:
    with transaction(db):
        db.execute(
            "INSERT INTO case_files (population_id, text, kind) VALUES (?, ?, ?)"
            " ON CONFLICT (population_id) DO UPDATE SET text = excluded.text, kind = excluded.kind",
            [population_id, text, kind],
        )
        record(db, "case_file", "population", population_id, new=f"{len(text)} characters",
               who=who)


def _cell(row: Mapping[str, Any], column: str) -> Any:
    value = row.get(column)
    return "" if value is None and column == "insats" else value
