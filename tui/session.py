"""The app's session, typed, for screens and widgets (Textual types ``self.app`` as any App)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from jobs.session import Session
    from tui.saving import SaveQueue


class _HasSession(Protocol):
    session: Session
    saves: SaveQueue


def session_of(node: DOMNode) -> Session:
    return cast(_HasSession, node.app).session


def saves_of(node: DOMNode) -> SaveQueue:
    """The session's writes, made in order off the UI thread (tui/saving.py)."""
    return cast(_HasSession, node.app).saves
