"""The database handle every store function takes: a sqlite3 connection and its path.

Granska needs three things from a handle: run a statement, read rows as
dicts, and reach the connection for transactions. A class of its own gives
exactly that on top of ``sqlite3``; importing sqlite-utils for it cost the
start-up a sixth of a second (bench/RESULTS.md, "Start-up").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any


class Database:
    """An open Granska database (made by ``store.open_database``)."""

    def __init__(self, conn: sqlite3.Connection, path: str,
                 created: tuple[Path, ...] = ()) -> None:
        self.conn = conn
        self.path = path
        # What opening it made (the file, then new folders): removed if the first use fails.
        self.created = created

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def insert(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run an INSERT and give the new row's id."""
        rowid = self.conn.execute(sql, parameters).lastrowid
        assert rowid is not None, "an INSERT sets lastrowid"
        return rowid

    def query(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()
              ) -> Iterator[dict[str, Any]]:
        """Rows as dicts keyed by column name: run now, read as iterated."""
        cursor = self.conn.execute(sql, parameters)
        keys = [column[0] for column in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def first(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()
              ) -> dict[str, Any] | None:
        """The first row of ``query``, or None when there is none (the statement is
        finished at once, holding no read snapshot open)."""
        cursor = self.conn.execute(sql, parameters)
        row = cursor.fetchone()
        cursor.close()
        if row is None:
            return None
        return dict(zip([column[0] for column in cursor.description], row, strict=True))
