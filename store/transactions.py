"""Short write transactions: every write in Granska goes through ``transaction()``.

``BEGIN IMMEDIATE`` takes the write lock up front, so a busy database waits
``busy_timeout`` and then fails cleanly instead of deadlocking half-way;
``COMMIT`` makes the change durable before the caller tells anyone it is saved.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from store.database import Database
from store.errors import explain


def db_path(db: Database) -> str:
    return db.path


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[sqlite3.Connection]:
    """One short write transaction; sqlite errors come out as StoreError."""
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise explain(error, db_path(db)) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.OperationalError):
            raise explain(error, db_path(db)) from None
        raise
