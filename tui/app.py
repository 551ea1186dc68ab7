"""The Granska application: holds the session (database, user, settings); screens do the rest.

Top-level views are Textual modes (cases, sample, tallies, training, audit),
reached with F2-F6 or the command palette. Each view's screen lives in its own
module under ``tui/screens`` and is imported only when first shown.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from jobs.i18n import STRINGS, set_language, t

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


def _tallies() -> Screen:
    from tui.screens.tallies import TalliesScreen

    return TalliesScreen()


_start_up_frozen = False  # start-up's objects are out of garbage collection (``started``)


class GranskaApp(App[None]):
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
    }
    DEFAULT_MODE = "cases"
    BINDINGS = [
        Binding("ctrl+q", "quit", t("key.quit"), id="quit"),
        Binding("f2", "switch_mode('cases')", t("mode.cases"), id="mode_cases"),
        Binding("f3", "switch_mode('sample')", t("mode.sample"), id="mode_sample"),
        Binding("f4", "switch_mode('tallies')", t("mode.tallies"), id="mode_tallies"),
        Binding("f5", "switch_mode('training')", t("mode.training"), id="mode_training"),
        Binding("f6", "switch_mode('audit')", t("mode.audit"), id="mode_audit"),
        Binding("f7", "switch_mode('supervise')", t("mode.supervise"), id="mode_supervise"),
    ]

    def __init__(
        self, config: Config, db: Database, *, demo: bool = False,
        user: str | None = None,
    ) -> None:
        set_language(config.language)
        super().__init__()
        from jobs.session import Session
        from store import current_user

        self.session = Session(db=db, user=user or current_user(), config=config)
        self.demo = demo
        # What stopped the app right after it opened (``fail_to_start``); launch reports it.
        self.startup_error: Exception | None = None
        if demo:
            self.sub_title = t("app.demo")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette (ctrl+p): every view first, then Textual's own commands, translated."""
        from functools import partial

        from textual.app import SystemCommand

        for index, mode in enumerate(self.MODES):
            yield SystemCommand(t(f"mode.{mode}"), t("palette.view", fkey=f"F{index + 2}"),
                                partial(self.switch_mode, mode))
        for command in super().get_system_commands(screen):
            key = f"palette.{command.title.lower()}"
            if key in STRINGS:
                command = command._replace(title=t(key), help=t(f"{key}_help"))
            yield command

    def on_mount(self) -> None:
        # ``started`` normally comes from the first screen once it is filled; should a first
        # screen ever not call it, the collector must not stay off for the whole session
        self.set_timer(10, self.started)

    def started(self) -> None:
        """The first screen is filled: leave what start-up built out of every later garbage
        collection (``gc.freeze``), and collect again if ``granska`` started without.

        Textual's widgets, styles and caches are hundreds of thousands of objects; a full
        collection walking them took 50 - 70 ms and landed on whatever key was pressed
        (bench/keystroke.py)."""
        global _start_up_frozen
        if not _start_up_frozen:  # once a process: what is frozen is never collected
            _start_up_frozen = True
            gc.collect()  # start-up's own garbage first, so that none of it is kept
            gc.freeze()
            # With start-up frozen, few objects count as long-lived, so a full collection
            # would come every tenth middle one (Python's rule); every hundredth is plenty
            # for what a review screen leaves behind.
            young, middle, _full = gc.get_threshold()
            gc.set_threshold(young, middle, 100)
        gc.enable()

    def fail_to_start(self, error: Exception) -> None:
        """Close at once; ``granska`` then prints the error as its one line and exits 2."""
        self.startup_error = error
        self.exit(return_code=2)

