"""Small dialogs of the review: a text editor for notes and free text, and the key list;
and the dialog box they and the evidence dialog share."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from jobs.i18n import t

Result = TypeVar("Result")


class DialogModal(ModalScreen[Result]):
    """A dialog box in the middle of the screen, styled once for every dialog: its box is
    the child with class ``dialog``, its title ``dialog-title`` and its key hint
    ``dialog-hint``; a dialog's own CSS sets only the box's height and its parts."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    DialogModal { align: center middle; }
    DialogModal > .dialog {
        width: 90%;
        max-width: 100;
        border: round $primary;
        padding: 0 1;
        background: $surface;
    }
    DialogModal .dialog-title { text-style: bold; }
    DialogModal .dialog-hint { text-style: italic; }
    """


class TextEditModal(DialogModal[str | None]):
    """Edit a note or a free-text answer; ctrl+s keeps it, escape leaves it unchanged."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    #edit-dialog { height: 80%; }
    #edit-title { height: auto; }
    #edit-text { height: 1fr; }
    #edit-hint { height: 1; }
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
        with Vertical(id="edit-dialog", classes="dialog"):
            yield Static(self.heading, id="edit-title", classes="dialog-title")
            yield TextArea(self.text, id="edit-text", soft_wrap=True, show_line_numbers=False)
            yield Static(t("review.edit_hint"), id="edit-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeysModal(DialogModal[None]):
    """The keys of the screen below, in plain words."""

    SCOPED_CSS = False
    DEFAULT_CSS = "#keys-dialog { max-width: 90; height: 90%; }"

    BINDINGS = [
        Binding("escape", "close", t("key.back"), id="keys_close"),
        Binding("question_mark", "close", show=False),
        Binding("q", "close", show=False),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys-dialog", classes="dialog"):
            yield Static(self.text, id="keys-text", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
