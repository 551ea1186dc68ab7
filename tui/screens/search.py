"""Global search (ctrl+f): case files and notes within the user's role, as one list of hits.

Results follow the typing. Enter on a hit opens its case at the passage: the
case file scrolled to the hit's line, the question whose note matched, or the
case note at the top. Esc in the case comes back to these results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from jobs.i18n import t, titled
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui.screens.case import CaseScreen

_HIT_STYLE = "bold reverse"  # told by more than colour: readable with NO_COLOR too


def marked(snippet: str) -> Text:
    """A snippet with its hits styled."""
    from store.search import HIT_END, HIT_START

    text = Text(no_wrap=True, overflow="ellipsis")
    for index, part in enumerate(snippet.replace(HIT_END, HIT_START).split(HIT_START)):
        text.append(part, _HIT_STYLE if index % 2 else "")
    return text


def open_search(app: App) -> None:
    """ctrl+f: the search screen, or back to its field when it is open already."""
    if isinstance(app.screen, SearchScreen):
        app.screen.query_one(Input).focus()
    else:
        app.push_screen(SearchScreen())


class SearchScreen(Screen[None]):
    DEFAULT_CSS = """
    SearchScreen #search-text { height: 3; }
    SearchScreen #search-status { height: 1; padding: 0 1; }
    SearchScreen #search-hits { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "back", t("key.back"), id="search_back")]

    def __init__(self) -> None:
        super().__init__()
        self.results: list = []

    def compose(self) -> ComposeResult:
        self.title = titled(t("search.title"))
        yield TitleBar()
        yield Input(placeholder=t("search.placeholder"), id="search-text")
        yield Static(t("search.hint"), id="search-status", markup=False)
        yield DataTable(id="search-hits", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            t("search.col.case_ref"), t("search.col.where"), t("search.col.snippet"))
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.results:
            self.query_one(DataTable).focus()

    def show(self, text: str) -> None:
        from jobs.search import LIMIT, find
        from store.search import SearchQueryError

        session = session_of(self)
        table = self.query_one(DataTable)
        status = self.query_one("#search-status", Static)
        table.clear()
        self.results = []
        if not text.strip():
            status.update(t("search.hint"))
            return
        try:
            self.results = find(session.db, session.role, session.user, text)
        except SearchQueryError as error:
            status.update(str(error))
            return
        for index, result in enumerate(self.results):
            where = t(f"search.where.{result.where}")
            if result.question_id:
                where = f"{where} {result.question_id}"
            table.add_row(result.case_ref, where, marked(result.snippet), key=str(index))
        if not self.results:
            status.update(t("search.no_hits", text=text))
        elif len(self.results) >= LIMIT:
            status.update(t("search.hits_capped", count=len(self.results)))
        else:
            status.update(t("search.hits", count=len(self.results)))

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key is not None:
            await self.open(self.results[int(key)])

    async def open(self, result) -> None:
        """The case at the passage: its case file scrolled to the hit, or the question."""
        from tui.screens.case import CaseScreen

        screen = CaseScreen(result.review_id, result.question_id)
        await self.app.push_screen(screen)
        if result.where == "case_file" and result.line:
            screen.call_after_refresh(_scroll_case_file, screen, result.line)
        elif result.where == "case_note":
            screen.call_after_refresh(_show_case_note, screen)

    def action_back(self) -> None:
        self.app.pop_screen()


def _scroll_case_file(screen: CaseScreen, line: int) -> None:
    screen.show_case_file_line(line)


def _show_case_note(screen: CaseScreen) -> None:
    """The case note is above the first question: make that question the current one and
    bring both into view, once the screen has scrolled to it."""
    from tui.screens.case import ProtocolScroll

    screen.set_current(next(q for q in screen.plan.order if screen.applies[q]))

    def scroll() -> None:
        if screen.is_attached:
            screen.query_one(ProtocolScroll).scroll_home(animate=False, immediate=True)

    screen.set_timer(0.1, scroll)
