"""The reviewer's cases: district, gender, status and progress; Enter opens one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from tui.i18n import t


class CaseListScreen(Screen[None]):
    BINDINGS = [Binding("enter", "open_case", t("key.open"), id="open_case")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        from store.reviews import list_reviews

        table = self.query_one(DataTable)
        table.add_columns(
            t("col.case_ref"), t("col.district"), t("col.gender"), t("col.status"),
            t("col.answered"),
        )
        for row in list_reviews(self.app.db, reviewer=self.app.user):
            table.add_row(
                row["case_ref"], row["district"], t(f"gender.{row['gender']}"),
                t(f"status.{row['status']}"), str(row["answered"]), key=str(row["id"]),
            )
        self.title = t("cases.title")
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(int(event.row_key.value))

    def action_open_case(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self._open(int(key.value))

    def _open(self, review_id: int) -> None:
        from tui.screens.case import CaseScreen

        self.app.push_screen(CaseScreen(review_id))
