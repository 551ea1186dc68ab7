"""The Granska application: holds the database and the protocol; screens do the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from tui.i18n import set_language, t

if TYPE_CHECKING:
    import sqlite_utils

    from tui.config import Config


class GranskaApp(App[None]):
    TITLE = "Granska"
    CSS_PATH = "granska.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", t("key.quit"), id="quit")]

    def __init__(self, config: Config, db: sqlite_utils.Database, *, demo: bool = False) -> None:
        set_language(config.language)
        super().__init__()
        self.config = config
        self.db = db
        self.demo = demo
        if demo:
            self.sub_title = t("app.demo")

    def on_mount(self) -> None:
        from store import current_user
        from tui.screens.case_list import CaseListScreen

        self.user = current_user()
        self.push_screen(CaseListScreen())

    def protocol(self, protocol_id: str):
        from review_protocols import load_builtin

        return load_builtin(protocol_id)
