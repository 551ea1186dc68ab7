"""Protocol files kept parsed between runs, so that start-up does not parse TOML again.

A protocol's TOML, once parsed, is kept as ``marshal`` data (plain dicts,
lists and strings: loading it can run no code) keyed by the SHA-256 of the
file's bytes. It is kept beside the file, in ``__pycache__`` as Python keeps
its bytecode, or in the user's cache folder when the protocol's folder cannot
be written (an installed Granska, a shared folder). Any edit of the file
changes the hash, so a stale copy is never used; a copy that cannot be read
is ignored and the file parsed again. The parsed data is still built and
checked into a ``Protocol`` on every load: only the TOML parsing is saved.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1  # bump when what is kept changes
_FOLDER = "__pycache__"


def parsed(path: Path, raw: bytes, parse: Callable[[], dict[str, Any]],
           check: Callable[[dict[str, Any]], object]) -> object:
    """``check(data)`` for the file at ``path`` (its bytes ``raw``), with ``data`` kept from
    an earlier run when the file is unchanged, else from ``parse()`` (and then kept)."""
    digest = hashlib.sha256(raw).hexdigest()
    for place in _places(path):
        data = _read(place, digest)
        if data is not None:
            try:
                return check(data)
            except Exception:  # a damaged copy: parse the file instead
                break
    data = parse()
    result = check(data)  # only what builds a protocol is kept
    _keep(path, digest, data)
    return result


def _places(path: Path) -> list[Path]:
    """Where a copy may be: beside the file first, then the user's cache folder."""
    name = f"{path.name}.marshal"
    return [path.parent / _FOLDER / name, _user_cache() / _qualified(path, name)]


def _qualified(path: Path, name: str) -> str:
    """One name per protocol file in the user's cache folder, whichever folder it is in."""
    where = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{where[:16]}-{name}"


def _user_cache() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("granska")) / "protocols"


def _read(place: Path, digest: str) -> dict[str, Any] | None:
    try:
        kept = marshal.loads(place.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (isinstance(kept, tuple) and len(kept) == 3 and kept[0] == FORMAT
            and kept[1] == digest and isinstance(kept[2], dict)):
        return kept[2]
    return None


def _keep(path: Path, digest: str, data: dict[str, Any]) -> None:
    """Write the copy atomically beside the file, or else in the user's cache folder;
    where neither can be written, the next run parses again."""
    try:
        blob = marshal.dumps((FORMAT, digest, data))
    except ValueError:  # e.g. a TOML date: marshal keeps plain values only
        return
    for place in _places(path):
        try:
            place.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, temporary = tempfile.mkstemp(dir=place.parent, prefix=".", suffix=".tmp")
        except OSError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(temporary, place)
            return
        except OSError:
            Path(temporary).unlink(missing_ok=True)
