"""The top line of every screen: the icon that opens the command palette, and the title.

It looks as Textual's Header does, but is one widget instead of four: the
Header's parts, their CSS and bindings cost the first screen about a fifth of
all the work Granska adds to a bare Textual app (bench/RESULTS.md, "Start-up").
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = " ⭘"
ICON_WIDTH = 8  # the icon and its padding, as in Textual's Header
RIGHT_MARGIN = 10  # where the Header keeps room for a clock: the title stays centred alike


def cut_at_word(text: Content, room: int) -> Content:
    """``text`` as it fits in ``room`` cells: whole words, then "…" where it was cut."""
    if text.cell_length <= room:
        return text
    plain = text.plain
    cut = plain.rfind(" ", 0, room)  # the "…" takes the cell of the space
    while cut > 0 and not plain[cut - 1].isalnum():  # no "— …" or ", …" at the end
        cut -= 1
    if cut <= 0:  # one word wider than the room
        return text.truncate(room, ellipsis=True)
    return text[:cut] + Content("…")


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            for name in ("title", "sub_title"):
                self.watch(owner, name, self._repaint, init=False)

    def _repaint(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        text = app.format_title(title, sub_title)
        room = max(0, self.size.width - ICON_WIDTH - RIGHT_MARGIN)
        if text.cell_length > room:  # the clock's room is given up before a word is
            room = max(0, self.size.width - ICON_WIDTH - 1)
            text = cut_at_word(text, room)
        left = (room - text.cell_length) // 2
        right = self.size.width - ICON_WIDTH - left - text.cell_length
        return Content.assemble(ICON.ljust(ICON_WIDTH), " " * left, text, " " * max(0, right))

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()
