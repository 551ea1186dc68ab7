"""What a screen shows, as plain text: the terminal as drawn (modals over the screens
below them), and every text the screen holds, scrolled into view or not."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import DataTable, Input, OptionList, Static

from tui.widgets.page_table import PageTable


def terminal_text(app) -> str:
    """The terminal as the user sees it, the screens below a modal included."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      record=True, force_terminal=True, color_system=None)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


def held_text(screen) -> str:
    """Every text of a screen's widgets, out of view too: Statics, tables, inputs, lists."""
    parts: list[str] = []
    for widget in screen.query(Static):
        parts.append(str(widget.render()))
    for table in screen.query(DataTable):
        parts.extend(str(column.label) for column in table.columns.values())
        for index in range(table.row_count):
            parts.extend(str(cell) for cell in table.get_row_at(index))
    for page in screen.query(PageTable):
        parts.extend(page.labels)
        for index in range(page.row_count):
            parts.extend(page.get_row_at(index))
    parts.extend(field.value for field in screen.query(Input))
    for listed in screen.query(OptionList):
        parts.extend(str(listed.get_option_at_index(index).prompt)
                     for index in range(listed.option_count))
    return "\n".join(parts)


def everything_shown(app) -> str:
    return terminal_text(app) + "\n" + held_text(app.screen)


def question_text(view, width: int = 200) -> str:
    """A question as drawn (its number, text, options, marks and notes), wide enough that
    no phrase is wrapped apart."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(view.render())
    return console.export_text()
