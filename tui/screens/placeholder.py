"""A stand-in for a view that is not built yet, so navigation works from day one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.i18n import t


class NotBuiltScreen(Screen[None]):
    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        self.title = t(f"mode.{self.mode}")
        yield Header()
        yield Static(t("mode.not_built"), id="not-built")
        yield Footer()
