"""The idle lock: after ``[security] idle_lock_minutes`` without a key or mouse event,
the app hides everything behind a screen that shows nothing of the data. Enter unlocks;
there is no password, since the SSH login is the authentication. The lock and the
unlock are audited (``session.lock``, ``session.unlock``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Static

from jobs.i18n import t

if TYPE_CHECKING:
    from textual.app import App

# What still works while locked: unlocking, and quitting (which shows nothing either).
LOCKED_KEYS = ("enter", "ctrl+q")


class LockScreen(ModalScreen[None]):
    """Over every screen, opaque: a title and how to go on, nothing else."""

    DEFAULT_CSS = """
    LockScreen { background: $background; align: center middle; }
    LockScreen > Vertical {
        width: 60; height: auto; border: round $primary; padding: 1 2;
    }
    LockScreen #lock-title { text-style: bold; content-align: center middle; width: 100%; }
    LockScreen #lock-hint { margin-top: 1; }
    """
    BINDINGS = [Binding("enter", "unlock", show=False)]

    def __init__(self, minutes: float) -> None:
        super().__init__()
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("lock.title"), id="lock-title", markup=False)
            yield Static(t("lock.hint", minutes=f"{self.minutes:g}"), id="lock-hint",
                         markup=False)

    def action_unlock(self) -> None:
        self.dismiss(None)


class IdleLock:
    """Locks the app once no input event has come for ``seconds`` (0: never).

    An event only notes the time; a one-shot timer wakes when the idle time could have
    run out and either locks or waits for the rest, so the lock comes on time after the
    last event and costs nothing per keystroke.
    """

    def __init__(self, app: App[None], seconds: float) -> None:
        self.app, self.seconds = app, seconds
        self.last_input = time.monotonic()
        self.locked = False
        self._timer: Timer | None = None

    def start(self) -> None:
        if self.seconds > 0:
            self._wait(self.seconds)

    def let_through(self, event: events.InputEvent) -> bool:
        """Note the input; while locked, only the lock's own keys go on."""
        self.last_input = time.monotonic()
        return not self.locked or not isinstance(event, events.Key) \
            or event.key in LOCKED_KEYS

    def _wait(self, seconds: float) -> None:
        self._timer = self.app.set_timer(seconds, self._due, name="idle-lock")

    def _due(self) -> None:
        idle = time.monotonic() - self.last_input
        if self.locked:
            return
        if idle < self.seconds:
            self._wait(self.seconds - idle)
            return
        self.locked = True
        self.app.clear_notifications()
        self.app.push_screen(LockScreen(self.seconds / 60), self._unlocked)
        self._audit("session.lock")

    def _unlocked(self, _: None) -> None:
        self.locked = False
        self._audit("session.unlock")
        self.last_input = time.monotonic()
        self._wait(self.seconds)

    def _audit(self, action: str) -> None:
        from store.audit import record
        from store.errors import StoreError
        from tui.session import session_of

        session = session_of(self.app)
        try:
            record(session.db, action, "session", None, who=session.user)
        except StoreError as error:  # locked or not, the screen is hidden; say it once
            self.app.notify(t("lock.not_audited", error=error), severity="error", timeout=10)
