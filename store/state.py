"""Small per-user settings kept with the data, such as where a reviewer left off."""

from __future__ import annotations

from store.database import Database
from store.transactions import transaction

POSITION_KEY = "review.position"  # where a reviewer left off: {"review", "question", "open"}


def remember(db: Database, username: str, key: str, value: str | None) -> None:
    with transaction(db):
        db.execute(
            "INSERT INTO user_state (username, key, value) VALUES (?, ?, ?)"
            " ON CONFLICT (username, key) DO UPDATE SET value = excluded.value",
            [username, key, value],
        )


def recall(db: Database, username: str, key: str) -> str | None:
    row = db.execute(
        "SELECT value FROM user_state WHERE username = ? AND key = ?", [username, key]
    ).fetchone()
    return row[0] if row else None
