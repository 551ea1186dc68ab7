"""Failures of the database that a person must be told about, in words they can act on."""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """A database problem with a message fit for the user (one line)."""

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind  # "locked" | "readonly" | "full" | "schema" | "missing" | "other"


def explain(error: sqlite3.Error, path: str) -> StoreError:
    """Turn sqlite's terse errors into what happened and what to do."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            f"{path}: the database is busy (another user is saving); nothing was saved, try again",
            "locked",
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"{path}: the database is read-only for you; nothing was saved, ask the supervisor "
            "to check the file's permissions",
            "readonly",
        )
    if "full" in text or "disk i/o" in text:
        return StoreError(
            f"{path}: the disk is full or failing; nothing was saved, free space and try again",
            "full",
        )
    return StoreError(f"{path}: database error: {error}", "other")
