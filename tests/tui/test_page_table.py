"""The one-page table of the case list: what it draws, and keys and clicks on it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, set_cell_size
from rich.style import Style
from textual.app import App, ComposeResult

from tests.tui.conftest import rows_in
from tui.widgets.page_table import PageTable


@given(st.lists(st.text(max_size=12), min_size=2, max_size=2), st.integers(1, 40))
def test_every_line_is_as_wide_as_the_table_and_starts_each_cell_where_it_should(
        cells, width) -> None:
    """Wide letters, odd characters and lines wider than the table included."""
    table = PageTable()
    table.add_columns("Ärende", "Status")
    table.add_row(*cells, key="1")
    line = table._line(table.get_row_at(0), Style(), width).text
    assert cell_len(line) == width
    first_width = max(cell_len("Ärende"), cell_len(cells[0]))
    expected = " " + set_cell_size(cells[0], first_width) + "  " + cells[1]
    assert set_cell_size(expected, width).rstrip() == line.rstrip()


class OneTable(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield PageTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(PageTable)
        table.add_columns("Ärende", "Status")
        for number in range(1, 6):
            table.add_row(f"HÄ-{number:04}", "ej påbörjad" if number % 2 else "klar",
                          key=str(number))
        table.focus()

    def on_page_table_row_selected(self, event: PageTable.RowSelected) -> None:
        self.selected.append(event.row_key)


def line(app: App[None], y: int) -> tuple[str, object]:
    """The text and the background of line ``y`` of the table as drawn."""
    strip = app.query_one(PageTable).render_line(y)
    return strip.text, strip._segments[0].style.bgcolor


async def test_columns_fit_their_widest_cell_and_the_cursor_row_stands_out() -> None:
    async with OneTable().run_test(size=(40, 10)) as pilot:
        app = pilot.app
        header, _ = line(app, 0)
        assert header.startswith(" Ärende   Status      ") and len(header) == 40
        assert line(app, 1)[0].startswith(" HÄ-0001  ej påbörjad ")
        cursor, plain_even, plain_odd = line(app, 1)[1], line(app, 3)[1], line(app, 2)[1]
        assert cursor != plain_even and plain_even != plain_odd  # cursor, zebra stripes
        assert line(app, 7)[0] == " " * 40  # below the rows: empty


async def test_keys_move_the_cursor_within_the_page_and_enter_selects() -> None:
    async with OneTable().run_test(size=(40, 10)) as pilot:
        table = pilot.app.query_one(PageTable)
        await pilot.press("down", "down")
        assert table.cursor_row == 2 and table.cursor_key == "3"
        assert line(pilot.app, 1)[1] == line(pilot.app, 5)[1] != line(pilot.app, 3)[1]
        await pilot.press("end")
        assert table.cursor_row == 4
        await pilot.press("down")  # the last row: it stays
        assert table.cursor_row == 4
        await pilot.press("home", "up")
        assert table.cursor_row == 0
        await pilot.press("down", "enter")
        assert pilot.app.selected == ["2"]


async def test_a_click_on_a_row_selects_it_and_one_on_the_header_does_nothing() -> None:
    async with OneTable().run_test(size=(40, 10)) as pilot:
        await pilot.click(PageTable, offset=(3, 4))  # the fourth row, below the header
        await pilot.click(PageTable, offset=(3, 0))
        assert pilot.app.selected == ["4"]
        assert pilot.app.query_one(PageTable).cursor_row == 3


async def test_clearing_keeps_the_columns_and_leaves_no_cursor_key() -> None:
    async with OneTable().run_test(size=(40, 10)) as pilot:
        table = pilot.app.query_one(PageTable)
        await pilot.press("down")
        table.clear()
        assert table.row_count == 0 and table.cursor_key is None and table.cursor_row == 0
        assert line(pilot.app, 0)[0].startswith(" Ärende  Status ")
        await pilot.press("enter")
        assert pilot.app.selected == []


async def test_a_click_on_a_case_opens_it(make_app) -> None:
    from tui.screens.case import CaseScreen
    from tui.screens.case_list import CaseTable

    async with make_app().run_test(size=(80, 24)) as pilot:
        await rows_in(pilot)
        table = pilot.app.screen.query_one(CaseTable)
        ref = table.get_row_at(2)[0]
        await pilot.click(CaseTable, offset=(2, 3))
        await pilot.pause()
        assert isinstance(pilot.app.screen, CaseScreen)
        assert ref in pilot.app.screen.title
