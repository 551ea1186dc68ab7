"""Roles kept in the database: the creator is the first supervisor; supervisors grant the rest."""

from __future__ import annotations

import sqlite_utils

from store.audit import record
from store.connection import transaction
from store.identity import current_user, now

ROLES = ("supervisor", "inspector", "trainer")


def role_of(db: sqlite_utils.Database, username: str) -> str | None:
    row = db.execute("SELECT role FROM users WHERE username = ?", [username]).fetchone()
    return row[0] if row else None


def grant_role(
    db: sqlite_utils.Database, username: str, role: str, *, who: str | None = None
) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role '{role}'; use one of: {', '.join(ROLES)}")
    who = who or current_user()
    with transaction(db):
        old = role_of(db, username)
        db.execute(
            "INSERT INTO users (username, role, granted_at, granted_by) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (username) DO UPDATE SET role = excluded.role,"
            " granted_at = excluded.granted_at, granted_by = excluded.granted_by",
            [username, role, now(), who],
        )
        record(db, "user.role", "user", None, field=username, old=old, new=role, who=who)


def users(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT * FROM users ORDER BY role, username"))
