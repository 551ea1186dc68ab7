"""A table that holds one page of rows: a header, zebra stripes and a row cursor.

The case list shows one page at a time (``tui.screens.case_list``), so it needs no
scrolling, sorting or per-cell styles. Textual's DataTable sends every cell through
Rich's render pipeline (padding, styling, cropping), which on the first screen cost
more than all the rest of it; this draws each line from plain strings in one pass,
and a cursor move repaints the two lines it leaves and enters.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

PADDING = 1  # cells each side of a cell's text, as in a DataTable


class PageTable(Widget, can_focus=True):
    """Rows of text cells under a header line; Enter or a click selects the cursor's row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "page-table--header", "page-table--even-row", "page-table--cursor",
    }
    DEFAULT_CSS = """
    PageTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        & > .page-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .page-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .page-table--even-row { background: $surface-darken-1 40%; }
        & > .page-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .page-table--header { background-tint: $foreground 5%; }
            & > .page-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("home", "cursor_to(0)", show=False),
        Binding("end", "cursor_to(-1)", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, layout=False, repaint=False)

    class RowSelected(Message):
        """Enter or a click on a row."""

        def __init__(self, table: PageTable, row_key: str, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.row_key = row_key
            self.cursor_row = cursor_row

        @property
        def control(self) -> PageTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: list[str] = []
        self._rows: list[list[str]] = []
        self._keys: list[str] = []
        self._widths: list[int] = []

    # --- content ------------------------------------------------------------------------
    def add_columns(self, *labels: str) -> None:
        self.labels.extend(labels)
        self._widths.extend(cell_len(label) for label in labels)
        self.refresh()

    def add_row(self, *cells: str, key: str) -> None:
        self._rows.append(list(cells))
        self._keys.append(key)
        self._widths = [max(width, cell_len(cell)) for width, cell in
                        zip(self._widths, cells, strict=True)]
        self.refresh()

    def clear(self) -> None:
        """Every row gone; the columns stay, as wide as their labels."""
        self._rows.clear()
        self._keys.clear()
        self._widths = [cell_len(label) for label in self.labels]
        self.set_reactive(PageTable.cursor_row, 0)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_row_at(self, index: int) -> list[str]:
        return list(self._rows[index])

    def key_at(self, index: int) -> str:
        """The key the row at ``index`` was added with."""
        return self._keys[index]

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor; None in an empty table."""
        return self._keys[self.cursor_row] if self._rows else None

    def move_cursor(self, *, row: int) -> None:
        self.cursor_row = max(0, min(row, self.row_count - 1))

    def watch_cursor_row(self, before: int, after: int) -> None:
        width = self.size.width
        for row in (before, after):  # the lines the cursor leaves and enters
            self.refresh(Region(0, row + 1, width, 1))

    # --- keys and mouse -------------------------------------------------------------------
    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_to(self, row: int) -> None:
        self.move_cursor(row=row if row >= 0 else self.row_count - 1)

    def action_select_cursor(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.RowSelected(self, key, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        row = event.y - 1  # below the header line
        if 0 <= row < self.row_count:
            event.stop()
            self.move_cursor(row=row)
            self.action_select_cursor()

    # --- drawing ------------------------------------------------------------------------
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + self.row_count

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("page-table--header")
            return self._line(self.labels, style, width)
        row = y - 1
        if row >= self.row_count:
            return Strip.blank(width, base)
        style = base
        if row % 2 == 0:
            style += self.get_component_rich_style("page-table--even-row")
        if row == self.cursor_row:
            style += self.get_component_rich_style("page-table--cursor")
        return self._line(self._rows[row], style, width)

    def _line(self, cells: list[str], style: Style, width: int) -> Strip:
        pad = " " * PADDING
        text = "".join(pad + set_cell_size(cell, cell_width) + pad
                       for cell, cell_width in zip(cells, self._widths, strict=True))
        return Strip([Segment(set_cell_size(text, width), style)], width)
