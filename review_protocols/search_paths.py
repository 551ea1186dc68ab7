"""Folders searched for protocols before the shipped ones (config ``[protocol] paths``).

Apart from the loader so that start-up can set them without importing the
model and the TOML parser, which the first screen does not need.
"""

from __future__ import annotations

from pathlib import Path

_configured: tuple[Path, ...] = ()


def configure_search_paths(paths: tuple[str, ...] | list[str]) -> None:
    """Set the folders (config ``[protocol] paths``) searched before the shipped ones."""
    global _configured
    _configured = tuple(Path(p).expanduser() for p in paths)


def search_paths() -> tuple[Path, ...]:
    """The configured folders, in the order they are searched."""
    return _configured
