"""What every command (and opening the app) needs: the settings in force, the database, and
the way to say it was used wrongly."""

from __future__ import annotations

import argparse
from collections.abc import Callable
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
    db_given: bool = False  # --db was given: its folder must exist (the default's is made)

    def discard_created(self) -> None:
        """Remove a database this command created, after it failed: nothing half-written."""
        if self._db is None or not self._db.created:
            return
        from store.connection import discard_new_database

        discard_new_database(self._db)
        self._db = None

    @property
    def db_path(self) -> Path:
        return self.db_override or self.config.database.resolved_path

    def open_db(self, *, create: bool = False) -> Database:
        """The database; a missing one is an error unless the command makes one (``create``:
        ``demo``, ``frame import``, ``train generate``), so a mistyped ``--db`` never leaves
        an empty database behind."""
        if self._db is None:
            from jobs.access import seed_roles
            from store import StoreError, open_database

            path = self.db_path
            if create and self.db_given and not path.parent.is_dir():
                raise StoreError(f"{path.parent}: no such folder for the database; create it "
                                 f"first (mkdir -p {path.parent}) or give another --db", "missing")
            self._db = open_database(
                path,
                busy_timeout_ms=self.config.database.busy_timeout_ms,
                create=create,
                group=self.config.database.group,
                seed_roles=seed_roles(self.config),  # only a database made now takes them
            )
        return self._db


def bounded(key: str) -> Callable[[str], int]:
    """An argparse type: a whole number within the bounds config.toml has for ``key``
    (``jobs.config.BOUNDS``), so ``--seed`` is held to what ``[sample] seed`` is."""

    def parse(text: str) -> int:
        from jobs.config import BOUNDS

        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("must be a whole number") from None
        low, high = BOUNDS[key]
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}")
        return value

    return parse
