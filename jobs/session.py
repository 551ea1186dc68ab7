"""Who works on which database with which settings: the one object a screen works with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobs.config import Config
    from review_protocols.model import Protocol
    from store.database import Database


@dataclass(frozen=True)
class Session:
    db: Database
    user: str
    config: Config

    @property
    def role(self) -> str | None:
        """The user's role now (a supervisor may grant or change it while the app runs)."""
        from jobs.access import resolve_role

        return resolve_role(self.db, self.user)

    @property
    def protocol(self) -> Protocol:
        """The configured protocol (parsed once per process, on first use)."""
        return self.protocol_for(self.config.protocol.default)

    def protocol_for(self, protocol_id: str) -> Protocol:
        """A stored review's protocol, which need not be today's default."""
        from review_protocols.loader import load_builtin

        return load_builtin(protocol_id)
