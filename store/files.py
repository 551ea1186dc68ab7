"""Files Granska writes outside the database (exports, reports): private from the first byte.

``private_open(path)`` is the one way to write such a file: the content goes
to a temporary file created 0600 beside the target and is renamed over it
only when the writing finished, so a reader never sees half a file and
nobody else can read it even for a moment (whatever the umask).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE = 0o600


@contextlib.contextmanager
def private_open(path: str | Path, mode: str = "w", encoding: str = "utf-8") -> Iterator[IO[Any]]:
    """Open ``path`` for writing ("w" text or "wb" bytes); 0600, atomic on success.

    On an exception inside the ``with`` block the target is left untouched.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"private_open writes only ('w' or 'wb'), not '{mode}'")
    target = Path(path).expanduser()
    if target.is_dir():
        raise ValueError(f"{target}: is a folder; give a file name to write to")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.fchmod(fd, PRIVATE)  # mkstemp makes 0600 already; say it where it matters
    try:
        if mode == "wb":
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def write_private(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through ``private_open``; a missing folder is a user error."""
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such folder; create it first", str(folder))
    with private_open(target, "wb") as handle:
        handle.write(data)
    return target
