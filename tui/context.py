"""What every command (and opening the app) needs: the settings in force, the database, and
the way to say it was used wrongly."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobs.config import Config
    from store.database import Database

EXIT_OK, EXIT_INPUT = 0, 2


class UsageError(ValueError):
    """A command used wrongly; the message says how to use it."""


@dataclass
class Context:
    """What every command needs: the settings in force and where the database is."""

    config: Config
    db_override: Path | None = None
    _db: Database | None = field(default=None, repr=False)
    created: bool = False  # the command made the database file (see discard_created)
    db_given: bool = False  # --db was given: its folder must exist (the default's is made)

    def discard_created(self) -> None:
        """Remove a database this command created, after it failed: nothing half-written."""
        if not self.created or self._db is None:
            return
        self._db.conn.close()
        self._db = None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.db_path}{suffix}").unlink(missing_ok=True)
        self.created = False

    @property
    def db_path(self) -> Path:
        return self.db_override or self.config.database.resolved_path

    def open_db(self, *, create: bool = False) -> Database:
        """The database; a missing one is an error unless the command makes one (``create``:
        ``demo``, ``frame import``, ``train generate``), so a mistyped ``--db`` never leaves
        an empty database behind."""
        if self._db is None:
            from store import StoreError, open_database

            path = self.db_path
            if create and self.db_given and not path.parent.is_dir():
                raise StoreError(f"{path.parent}: no such folder for the database; create it "
                                 f"first (mkdir -p {path.parent}) or give another --db", "missing")
            self.created = not path.exists()

            self._db = open_database(
                self.db_path,
                busy_timeout_ms=self.config.database.busy_timeout_ms,
                create=create,
                group=self.config.database.group,
            )
        return self._db
