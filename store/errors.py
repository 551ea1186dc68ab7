"""Failures of the database that a person must be told about, in words they can act on."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path


class StoreError(Exception):
    """A database problem with a message fit for the user (one line)."""

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind  # "locked" | "readonly" | "full" | "io" | "schema" | "missing" | "other"


Words = Callable[[str, Mapping[str, object]], str]
_words: list[Words] = [lambda key, values: f"{key} {dict(values)}"]  # until the catalogue loads


def use_words(words: Words) -> None:
    """How a ``Refusal`` is said: the catalogue (``jobs.i18n``) hands its lookup here when it
    loads, since the store sits below it and cannot look a key up itself."""
    _words[0] = words


class Refusal(StoreError):
    """A StoreError named by its catalogue key (``cli.error.<key>``) and the key's values,
    said in the user's language wherever it is shown (one line)."""

    def __init__(self, key: str, kind: str = "other", **values: object) -> None:
        super().__init__(key, kind)
        self.key = key
        self.values = values

    def __str__(self) -> str:
        return _words[0](self.key, self.values)


# sqlite's primary result codes (the low byte of an extended code); by number, since
# Python's sqlite3 module names only a few of them.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_ROOM = 64 * 1024  # less free space than this, and a write of a few pages cannot succeed


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` has no room left: sqlite reports a write that
    failed for want of space (its -shm file, say) as a plain I/O error."""
    try:
        disk = os.statvfs(folder)
    except OSError:
        return False
    return disk.f_bavail * disk.f_frsize < _ROOM


def explain(error: sqlite3.Error, path: str) -> StoreError:
    """Turn sqlite's terse errors into what happened and what to do.

    By sqlite's result code where it gives one, so that a full disk or a failing one
    never reads as a damaged or foreign file; by the message text otherwise.
    """
    code = _primary_code(error)
    text = str(error).lower()
    folder = Path(path).parent
    if code in (_BUSY, _LOCKED) or (code is None and ("locked" in text or "busy" in text)):
        return StoreError(
            f"{path}: the database is busy (another user is saving); nothing was saved, try again",
            "locked",
        )
    if code == _READONLY or (code is None and ("readonly" in text or "read-only" in text)):
        return StoreError(
            f"{path}: the database is read-only for you; nothing was saved, ask the supervisor "
            "to check the file's permissions",
            "readonly",
        )
    if code == _FULL or (code is None and "full" in text) or (code == _IOERR and _full(folder)):
        return StoreError(
            f"{path}: disk full: free space on the disk that holds {folder} and try again "
            "(nothing was saved)", "full",
        )
    if code == _IOERR or (code is None and "disk i/o" in text):
        return StoreError(
            f"{path}: the disk could not be read or written (I/O error); nothing was saved: "
            "check the disk (or ask whoever runs the server) and try again", "io",
        )
    if code == _CANTOPEN:
        return StoreError(
            f"{path}: cannot open the database; you need write access to it and to its "
            f"folder {folder} (SQLite keeps its -wal and -shm files there)", "readonly",
        )
    if code in (_NOTADB, _CORRUPT):
        return StoreError(f"{path}: not a Granska database ({error})", "other")
    return StoreError(f"{path}: database error: {error}", "other")
