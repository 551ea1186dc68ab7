"""Roles kept in the database: the creator is the first supervisor; supervisors grant the rest."""

from __future__ import annotations

from typing import Any

from store.audit import record
from store.database import Database
from store.errors import Refusal
from store.identity import current_user, now
from store.rounds import assert_current
from store.transactions import transaction

ROLES = ("supervisor", "inspector", "trainer")


def role_of(db: Database, username: str) -> str | None:
    row = db.execute("SELECT role FROM users WHERE username = ?", [username]).fetchone()
    return row[0] if row else None


def grant_role(
    db: Database, username: str, role: str, *, who: str | None = None
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


def users(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM users ORDER BY role, username"))


def revoke_role(db: Database, username: str, *, who: str | None = None) -> bool:
    """Take a user's role away (audited); the last supervisor cannot be removed."""
    who = who or current_user()
    with transaction(db):
        old = role_of(db, username)
        if old is None:
            return False
        if old == "supervisor":
            others = db.execute(
                "SELECT count(*) FROM users WHERE role = 'supervisor' AND username != ?",
                [username],
            ).fetchone()[0]
            if not others:
                raise Refusal("last_supervisor", "forbidden", user=username)
        db.execute("DELETE FROM users WHERE username = ?", [username])
        record(db, "user.role", "user", None, field=username, old=old, new=None, who=who)
    return True


def usernames(db: Database, role: str) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT username FROM users WHERE role = ? ORDER BY username", [role]).fetchall()]


def can_edit(db: Database, review_id: int, who: str) -> bool:
    """Whether ``assert_can_edit`` would let ``who`` change the review (for a read-only view)."""
    row = db.execute("SELECT reviewer FROM reviews WHERE id = ?", [review_id]).fetchone()
    return row is None or row[0] == who or role_of(db, who) == "supervisor"


def assert_can_edit(db: Database, review_id: int, who: str) -> None:
    """Refuse a change to someone else's review unless ``who`` is a supervisor (in the DB),
    and anyone's change to a review of an earlier round (``store.rounds.assert_current``).

    Call it inside the write transaction, before changing anything. A review
    that does not exist is left to the caller to report.
    """
    assert_current(db, review_id)
    row = db.execute("SELECT reviewer FROM reviews WHERE id = ?", [review_id]).fetchone()
    if row is None or row[0] == who:
        return
    if role_of(db, who) == "supervisor":
        return
    raise Refusal("review_of_another", "forbidden", review=review_id, reviewer=row[0])
