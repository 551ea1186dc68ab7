"""Opening the database: permissions, pragmas and migrations (writes: ``store.transactions``)."""

from __future__ import annotations

import grp
import os
import sqlite3
import stat
from pathlib import Path

from store.database import Database
from store.errors import StoreError
from store.identity import current_user, now
from store.transactions import transaction

OWNER_ONLY = 0o600
OWNER_AND_GROUP = 0o660


def open_database(
    path: str | Path,
    *,
    busy_timeout_ms: int = 5000,
    create: bool = True,
    group: str = "",
) -> Database:
    """Open (and if need be create and upgrade) a Granska database."""
    from store.migrations import migrate

    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file; give a file path (--db)",
                         "other")
    fresh = not path.exists()
    if fresh:
        if not create:
            raise StoreError(
                f"{path}: no such database; check --db (or [database] path), or create one with "
                "granska demo or granska frame import FILE", "missing"
            )
        _create_private_file(path, group)
    try:
        conn = sqlite3.connect(
            str(path), timeout=busy_timeout_ms / 1000, isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives power loss too, not only a killed process.
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as error:
        if "unable to open" in str(error):  # e.g. no -wal/-shm beside it: folder not writable
            raise StoreError(
                f"{path}: cannot open the database; you need write access to it and to its "
                f"folder {path.parent} (SQLite keeps its -wal and -shm files there)", "readonly",
            ) from None
        raise StoreError(f"{path}: not a Granska database ({error})", "other") from None
    db = Database(conn, str(path))
    migrate(db)
    if fresh:
        creator, stamp = current_user(), now()
        with transaction(db):
            db.execute(
                "INSERT INTO db_info (key, value) VALUES ('created_by', ?), ('created_at', ?)",
                [creator, stamp],
            )
            # The user who creates a database is its first supervisor.
            db.execute(
                "INSERT INTO users (username, role, granted_at, granted_by) VALUES (?, ?, ?, ?)",
                [creator, "supervisor", stamp, creator],
            )
    return db


def permissions_warning(path: str | Path) -> str | None:
    """A warning when others than the owner (and group) can read the database."""
    mode = Path(path).expanduser().stat().st_mode
    if mode & (stat.S_IROTH | stat.S_IWOTH):
        return (
            f"{path} is readable by every user on this machine (mode {stat.filemode(mode)}); "
            f"run: chmod o-rwx {path}"
        )
    return None


def _create_private_file(path: Path, group: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o770 if group else 0o700)
    mode = OWNER_AND_GROUP if group else OWNER_ONLY
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    os.close(fd)
    os.chmod(path, mode)  # the umask may have narrowed it
    if group:
        try:
            os.chown(path, -1, grp.getgrnam(group).gr_gid)
        except KeyError:
            path.unlink()
            raise StoreError(
                f"group '{group}' (config [database] group) does not exist on this machine", "other"
            ) from None
