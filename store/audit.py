"""The append-only audit log: who changed what, when, from what to what.

Rows are written inside the same transaction as the change they describe, so
there is never a change without its row nor a row without its change. Triggers
in the schema refuse UPDATE and DELETE on the table; since anyone who can
write the file can drop them, each row also carries a hash chain: the hash of
the row before it (``prev_hash``) and the sha256 of its own fields and that
hash (``hash``). Editing, removing or slipping in a row breaks the chain from
there on; rewriting the whole chain after it changes the head hash, which a
supervisor writes down (``granska audit verify``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from store.database import Database
from store.identity import current_user, now
from store.transactions import transaction

GENESIS = "0" * 64  # the prev_hash of the first row
CHAINED = "id, at, who, action, entity, entity_id, field, old_value, new_value"


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
    """Append one audit row; call it inside the transaction that makes the change.

    The head is read under that transaction's write lock (``BEGIN IMMEDIATE``), so two
    writers can never both chain onto the same row; the unique index on ``prev_hash``
    refuses a fork even so.
    """
    if not db.conn.in_transaction:
        with transaction(db):
            record(db, action, entity, entity_id, field=field, old=old, new=new, who=who)
        return
    head = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    row_id, prev = (head[0] + 1, head[1]) if head else (1, GENESIS)
    # As SQLite will store them (TEXT and INTEGER columns), so the hash is that of the row.
    text = [None if v is None else str(v) for v in (field, old, new)]
    fields = (row_id, now(), who or current_user(), action, entity,
              None if entity_id is None else int(entity_id), *text)
    db.execute(
        f"INSERT INTO audit_log ({CHAINED}, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?)", [*fields, prev, row_hash(fields, prev)],
    )


def row_hash(fields: Iterable[Any], prev_hash: str) -> str:
    """sha256 over a canonical serialisation (JSON, CHAINED order) of a row and the hash
    of the row before it."""
    text = json.dumps([*fields, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def chain_rows(db: Database) -> None:
    """Give every row without a hash its place in the chain (the migration that brought
    the chain in); rows are taken in id order."""
    prev = GENESIS
    updates = []
    for row in db.execute(f"SELECT {CHAINED}, hash FROM audit_log ORDER BY id"):
        fields, stored = row[:-1], row[-1]
        own = stored if stored is not None else row_hash(fields, prev)
        if stored is None:
            updates.append((prev, own, fields[0]))
        prev = own
    db.conn.executemany("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", updates)


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """What ``verify_chain`` found: rows that hold, the head hash, and the first break."""

    rows: int
    head: str
    broken_at: int | None = None  # id of the first row where the chain breaks
    # "unchained" (no hash), "gap" (rows before it removed), "link" (the row before it
    # is not the one it was chained to: removed, inserted or rewritten) or "content"
    # (the row itself was edited)
    reason: str = ""
    seen: frozenset[str] = frozenset()  # of the hashes asked for, those in the chain

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def head(db: Database) -> tuple[int, str]:
    """The log's row count and the hash of its last row, as stored (``verify_chain``
    recomputes them)."""
    rows, last = db.execute(
        "SELECT count(*), (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) FROM audit_log"
    ).fetchone()
    return rows, last or GENESIS


def verify_chain(db: Database, look_for: Iterable[str] = ()) -> ChainCheck:
    """Recompute the chain from the first row; stop at the first row that does not fit.
    ``look_for``: earlier head hashes, reported in ``seen`` when a row of the intact
    chain still has them (a copy whose tail was cut off lacks the head written down)."""
    wanted = set(look_for)
    seen: set[str] = set()
    prev, last_id, rows = GENESIS, None, 0
    for row in db.execute(f"SELECT {CHAINED}, prev_hash, hash FROM audit_log ORDER BY id"):
        fields, stored_prev, stored = row[:-2], row[-2], row[-1]
        row_id = fields[0]
        reason = ("unchained" if stored is None or stored_prev is None
                  else "gap" if last_id is not None and row_id != last_id + 1
                  else "link" if stored_prev != prev
                  else "content" if row_hash(fields, prev) != stored else "")
        if reason:
            return ChainCheck(rows, prev, row_id, reason, frozenset(seen))
        if stored in wanted:
            seen.add(stored)
        prev, last_id, rows = stored, row_id, rows + 1
    return ChainCheck(rows, prev, seen=frozenset(seen))


def history(
    db: Database, entity: str | None = None, entity_id: int | None = None
) -> list[dict[str, Any]]:
    """Audit rows, oldest first, optionally for one entity."""
    where: list[str] = []
    params: list[str | int] = []
    if entity is not None:
        where.append("entity = ?")
        params.append(entity)
    if entity_id is not None:
        where.append("entity_id = ?")
        params.append(entity_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return list(db.query(f"SELECT * FROM audit_log {clause} ORDER BY id", params))
