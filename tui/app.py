"""The Granska application: holds the session (database, user, settings); screens do the rest.

Top-level views are Textual modes (cases, sample, tallies, training, audit,
supervise, reached with F2-F7, and the provider follow-ups and their measures),
all of them in the command palette, where a user switches between case reviews
and follow-ups.
Each view's screen lives in its own module under ``tui/screens`` and is imported only
when first shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding

from jobs.i18n import STRINGS, set_language, t
from tui.held_frames import HeldFramesApp

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import SystemCommand
    from textual.screen import Screen

    from jobs.config import Config
    from store.database import Database


def _sample() -> Screen:
    from tui.screens.sample import SampleScreen

    return SampleScreen()


def _cases() -> Screen:
    from tui.screens.case_list import CaseListScreen

    return CaseListScreen()


def _training() -> Screen:
    from tui.screens.training import TrainingScreen

    return TrainingScreen()


def _audit() -> Screen:
    from tui.screens.audit import AuditScreen

    return AuditScreen()


def _supervise() -> Screen:
    from tui.screens.supervise import SuperviseScreen

    return SuperviseScreen()


def _providers() -> Screen:
    from tui.screens.providers import ProvidersScreen

    return ProvidersScreen()


def _measures() -> Screen:
    from tui.screens.providers import MeasuresScreen

    return MeasuresScreen()


def _tallies() -> Screen:
    from tui.screens.tallies import TalliesScreen

    return TalliesScreen()


class GranskaApp(HeldFramesApp):
    TITLE = "Granska"
    # Each screen brings its own CSS, parsed when it is first shown, not at start-up.
    CSS = "DataTable { height: 1fr; }"
    MODES = {
        "cases": _cases,
        "sample": _sample,
        "tallies": _tallies,
        "training": _training,
        "audit": _audit,
        "supervise": _supervise,
        "providers": _providers,
        "measures": _measures,
    }
    DEFAULT_MODE = "cases"
    BINDINGS = [
        Binding("ctrl+q", "quit", t("key.quit"), id="quit"),
        # Textual's own palette binding, with its name in the user's language.
        Binding("ctrl+p", "command_palette", t("key.palette"), show=False, priority=True,
                id="command_palette"),
        Binding("f2", "switch_mode('cases')", t("mode.cases"), id="mode_cases"),
        Binding("f3", "switch_mode('sample')", t("mode.sample"), id="mode_sample"),
        Binding("f4", "switch_mode('tallies')", t("mode.tallies"), id="mode_tallies"),
        Binding("f5", "switch_mode('training')", t("mode.training"), id="mode_training"),
        Binding("f6", "switch_mode('audit')", t("mode.audit"), id="mode_audit"),
        Binding("f7", "switch_mode('supervise')", t("mode.supervise"), id="mode_supervise"),
        Binding("ctrl+f", "global_search", t("key.search"), id="search"),
    ]

    def __init__(
        self, config: Config, db: Database, *, demo: bool = False,
        user: str | None = None,
    ) -> None:
        set_language(config.language)
        super().__init__()
        from jobs.session import Session
        from store import current_user
        from tui.saving import SaveQueue
        from tui.screens.lock import IdleLock

        self.session = Session(db=db, user=user or current_user(), config=config)
        self.saves = SaveQueue(self, db)
        self.idle_lock = IdleLock(self, config.security.idle_lock_minutes * 60)
        self.demo = demo
        if demo:
            self.sub_title = t("app.demo")

    def action_global_search(self) -> None:
        from tui.screens.search import open_search

        open_search(self)

    async def action_quit(self) -> None:
        """Quit once every answer given has been written; stay when one failed, to show it."""
        if await self.saves.wait():
            self.exit()

    def on_unmount(self) -> None:
        self.saves.close()

    def on_mount(self) -> None:
        self.idle_lock.start()

    async def on_event(self, event: events.Event) -> None:
        """Every key and mouse event restarts the idle lock's count; while it is locked,
        only Enter and ctrl+q get through (tui.screens.lock)."""
        if isinstance(event, events.InputEvent) and not event.is_forwarded \
                and not self.idle_lock.let_through(event):
            return
        await super().on_event(event)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette (ctrl+p): every view first, then Textual's own commands, translated."""
        from functools import partial

        from textual.app import SystemCommand

        keys = {b.action: b.key for b in self.BINDINGS if isinstance(b, Binding)}
        for mode in self.MODES:
            key = keys.get(f"switch_mode('{mode}')")
            yield SystemCommand(t(f"mode.{mode}"),
                                t("palette.view", fkey=key.upper()) if key
                                else t("palette.view_nokey"),
                                partial(self.switch_mode, mode))
        for command in super().get_system_commands(screen):
            key = f"palette.{command.title.lower()}"
            if key in STRINGS:
                command = command._replace(title=t(key), help=t(f"{key}_help"))
            yield command

