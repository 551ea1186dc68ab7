"""Small dialogs of the review: a text editor for notes and free text, and the key list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from jobs.i18n import t


class TextEditModal(ModalScreen[str | None]):
    """Edit a note or a free-text answer; ctrl+s keeps it, escape leaves it unchanged."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    TextEditModal { align: center middle; }
    #edit-dialog {
        width: 90%;
        max-width: 100;
        height: 80%;
        border: round $primary;
        padding: 0 1;
        background: $surface;
    }
    #edit-title { height: auto; text-style: bold; }
    #edit-text { height: 1fr; }
    #edit-hint { height: 1; text-style: italic; }
    """

    BINDINGS = [
        Binding("ctrl+s", "keep", t("review.edit_save"), id="edit_save"),
        Binding("escape", "cancel", t("review.edit_cancel"), id="edit_cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-dialog"):
            yield Static(self.heading, id="edit-title")
            yield TextArea(self.text, id="edit-text", soft_wrap=True, show_line_numbers=False)
            yield Static(t("review.edit_hint"), id="edit-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeysModal(ModalScreen[None]):
    """The keys of the screen below, in plain words."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    KeysModal { align: center middle; }
    #keys-dialog {
        width: 90%;
        max-width: 90;
        height: 90%;
        border: round $primary;
        padding: 0 1;
        background: $surface;
    }
    """

    BINDINGS = [
        Binding("escape", "close", t("key.back"), id="keys_close"),
        Binding("question_mark", "close", show=False),
        Binding("q", "close", show=False),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys-dialog"):
            yield Static(self.text, id="keys-text", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
