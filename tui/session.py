"""The app's session, typed, for screens and widgets (Textual types ``self.app`` as any App)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from jobs.session import Session


class _HasSession(Protocol):
    session: Session


def session_of(node: DOMNode) -> Session:
    return cast(_HasSession, node.app).session
