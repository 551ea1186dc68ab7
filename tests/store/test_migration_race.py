"""Eight processes opening an old database at once upgrade it once, and all of them work."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.database import Database
from store.identity import current_user, now
from store.migrations import LATEST, migrate, schema_version

OPENERS = 8
GRANSKA = Path(sys.executable).parent / "granska"

pytestmark = pytest.mark.skipif(not GRANSKA.exists(),
                                reason="the granska console script is not installed")


def old_database(path: Path) -> None:
    """A database as an older Granska left it: schema version 1, in WAL mode, with its
    creator as supervisor."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(Database(conn, str(path)), target=1)
    conn.execute("INSERT INTO users VALUES (?, 'supervisor', ?, ?)",
                 [current_user(), now(), current_user()])
    conn.close()
    path.chmod(0o600)


def has_read(pid: int, shm: Path) -> bool:
    """Whether the process has read the database (it maps the WAL index to do so)."""
    with contextlib.suppress(OSError):
        return str(shm) in Path(f"/proc/{pid}/maps").read_text()
    return False


def test_eight_first_opens_of_an_old_database_upgrade_it_once(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    old_database(db)
    config = tmp_path / "config.toml"  # patient: eight start-ups on a busy machine take a while
    config.write_text("[database]\nbusy_timeout_ms = 120000\n", encoding="utf-8")
    # Another process holds the write lock while the eight start, so that every one of
    # them has read the old version before any can upgrade: the race the fault needed.
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    openers = [subprocess.Popen([str(GRANSKA), "users", "list", "--db", str(db),
                                 "--config", str(config)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(OPENERS)]
    shm = Path(f"{db}-shm")
    while not all(has_read(p.pid, shm) or p.poll() is not None for p in openers):
        time.sleep(0.01)
    holder.execute("ROLLBACK")
    holder.close()
    results = [(p.wait(), *p.communicate()) for p in openers]
    for code, out, err in results:
        assert (code, err) == (0, ""), err
        assert current_user() in out
    conn = sqlite3.connect(db)
    upgraded = Database(conn, str(db))
    assert schema_version(upgraded) == LATEST
    steps = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert steps == list(range(1, LATEST + 1))  # each step exactly once
    conn.close()
