"""Opening the database: permissions, pragmas and migrations (writes: ``store.transactions``)."""

from __future__ import annotations

import contextlib
import grp
import os
import sqlite3
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from store.database import Database
from store.errors import StoreError, explain
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
    seed_roles: Mapping[str, str] | None = None,
) -> Database:
    """Open (and if need be create and upgrade) a Granska database.

    ``seed_roles`` (user -> role) are granted, audited, only when this call
    creates the database; an existing database keeps the roles it has.

    A database this call creates is removed again, with any folder made for it, when
    anything on the way fails: a failed first open never leaves a half-made file.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file; give a file path (--db)",
                         "other")
    made: tuple[Path, ...] = ()
    if not path.exists():
        if not create:
            raise StoreError(
                f"{path}: no such database; check --db (or [database] path), or create one with "
                "granska demo or granska frame import FILE", "missing"
            )
        made = _create_private_file(path, group)
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, busy_timeout_ms)
        db = Database(conn, str(path), created=made)
        _upgrade(db, fresh=bool(made), seed_roles=seed_roles)
    except BaseException:
        if conn is not None:
            conn.close()
        _remove(path, made)
        raise
    return db


def opener_like(db: Database) -> Callable[[], Database]:
    """A way to open another connection to ``db``'s file that waits as long for a lock as
    ``db`` does, and may write only when ``db`` may.

    ``db``'s settings are read now, on the caller's thread; the returned function may
    run on any thread (writes off the UI thread open their own connection with it).
    """
    busy_timeout_ms = db.execute("PRAGMA busy_timeout").fetchone()[0]
    query_only = db.execute("PRAGMA query_only").fetchone()[0]
    path = db.path

    def open_like() -> Database:
        other = open_database(path, busy_timeout_ms=busy_timeout_ms, create=False)
        if query_only:
            other.execute("PRAGMA query_only = ON")
        return other

    return open_like


def _connect(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            str(path), timeout=busy_timeout_ms / 1000, isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as error:
        raise explain(error, str(path)) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives power loss too, not only a killed process.
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        conn.close()
        raise explain(error, str(path)) from None
    return conn


def _upgrade(db: Database, *, fresh: bool, seed_roles: Mapping[str, str] | None) -> None:
    from store.migrations import migrate

    try:
        migrate(db)
    except sqlite3.Error as error:  # e.g. reading the version of a file that is not SQLite
        raise explain(error, db.path) from None
    if fresh:
        from store.audit import record

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
            for user, role in (seed_roles or {}).items():
                if user == creator:
                    continue
                db.execute(
                    "INSERT INTO users (username, role, granted_at, granted_by)"
                    " VALUES (?, ?, ?, ?)", [user, role, stamp, creator])
                record(db, "user.role", "user", None, field=user, old=None, new=role,
                       who=creator)


def discard_new_database(db: Database) -> None:
    """Close and remove a database ``open_database`` created (and the folders it made for
    it), after the command that created it failed; an older database is only closed."""
    db.conn.close()
    _remove(Path(db.path), db.created)


def _remove(path: Path, made: tuple[Path, ...]) -> None:
    """Remove what creating ``path`` made: the file, SQLite's files beside it, new folders."""
    if not made:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    _remove_folders(made[1:])


def _remove_folders(folders: tuple[Path, ...]) -> None:
    for folder in folders:  # deepest first; only if nothing else was put there meanwhile
        with contextlib.suppress(OSError):
            folder.rmdir()


def permissions_warning(path: str | Path) -> str | None:
    """A warning when others than the owner (and group) can read the database."""
    mode = Path(path).expanduser().stat().st_mode
    if mode & (stat.S_IROTH | stat.S_IWOTH):
        return (
            f"{path} is readable by every user on this machine (mode {stat.filemode(mode)}); "
            f"run: chmod o-rwx {path}"
        )
    return None


def _create_private_file(path: Path, group: str) -> tuple[Path, ...]:
    """Create the empty database file, private from the start; returns what was made:
    the file, then the folders made for it (deepest first), or nothing when another
    process created the file first."""
    folders = tuple(p for p in path.parents if not p.exists())  # deepest first
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o770 if group else 0o700)
    mode = OWNER_AND_GROUP if group else OWNER_ONLY
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    except FileExistsError:
        return ()  # created meanwhile by someone else: theirs to set up
    except BaseException:
        _remove_folders(folders)
        raise
    os.close(fd)
    made = (path, *folders)
    try:
        os.chmod(path, mode)  # the umask may have narrowed it
        if group:
            os.chown(path, -1, grp.getgrnam(group).gr_gid)
    except KeyError:
        _remove(path, made)
        raise StoreError(
            f"group '{group}' (config [database] group) does not exist on this machine", "other"
        ) from None
    except PermissionError:
        _remove(path, made)
        raise StoreError(
            f"{path}: cannot give the database to group '{group}' (config [database] group): "
            "you are not a member of it; ask for membership or change the setting", "other"
        ) from None
    except BaseException:
        _remove(path, made)
        raise
    return made
