"""The append-only audit log: who changed what, when, from what to what.

Rows are written inside the same transaction as the change they describe, so
there is never a change without its row nor a row without its change. Triggers
in the schema refuse UPDATE and DELETE on the table.
"""

from __future__ import annotations

from typing import Any

from store.database import Database
from store.identity import current_user, now


def record(
    db: Database,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
    who: str | None = None,
) -> None:
    """Append one audit row; call it inside the transaction that makes the change."""
    db.execute(
        "INSERT INTO audit_log (at, who, action, entity, entity_id, field, old_value, new_value)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [now(), who or current_user(), action, entity, entity_id, field, old, new],
    )


def history(
    db: Database, entity: str | None = None, entity_id: int | None = None
) -> list[dict[str, Any]]:
    """Audit rows, oldest first, optionally for one entity."""
    where, params = [], []
    if entity is not None:
        where.append("entity = ?")
        params.append(entity)
    if entity_id is not None:
        where.append("entity_id = ?")
        params.append(entity_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return list(db.query(f"SELECT * FROM audit_log {clause} ORDER BY id", params))
