"""Files Granska writes outside the database (exports, reports): private from the first byte.

``private_open(path)`` is the one way to write such a file: the content goes
to a temporary file created 0600 beside the target and is renamed over it
only when the writing finished, so a reader never sees half a file and
nobody else can read it even for a moment (whatever the umask).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

PRIVATE = 0o600


@contextlib.contextmanager
def private_open(path: str | Path, mode: str = "w", encoding: str = "utf-8", *,
                 before_replace: Callable[[], None] | None = None) -> Iterator[IO[Any]]:
    """Open ``path`` for writing ("w" text or "wb" bytes); 0600, atomic on success.

    On an exception inside the ``with`` block the target is left untouched.
    ``before_replace`` runs once the content is safely on disk and just before it takes
    the target's place; if it fails, the target is left untouched too (an audit row
    written there thus exists exactly when the file does). Errors about writing name
    the target, never the hidden temporary file.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"private_open writes only ('w' or 'wb'), not '{mode}'")
    target = Path(path).expanduser()
    if target.is_dir():
        raise ValueError(f"{target}: is a folder; give a file name to write to")
    hidden = f".{target.name}."
    try:
        fd, temp = tempfile.mkstemp(prefix=hidden, suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise _about(error, target, hidden) from None
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
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise _about(error, target, hidden) from None
        raise


def _about(error: OSError, target: Path, hidden: str) -> OSError:
    """The same error, about the file the user named (a full disk names no file at all)."""
    name = error.filename
    if name is not None and not Path(str(name)).name.startswith(hidden):
        return error  # about some other file: as it is
    about = OSError(error.errno, error.strerror or str(error), str(target))
    if error.errno == errno.ENOSPC:
        about.strerror = "disk full; nothing was written: free space and try again"
    return about


def write_private(path: str | Path, data: bytes, *,
                  before_replace: Callable[[], None] | None = None) -> Path:
    """Write ``data`` to ``path`` through ``private_open``; a missing folder is a user error."""
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such folder; create it first", str(folder))
    with private_open(target, "wb", before_replace=before_replace) as handle:
        handle.write(data)
    return target
