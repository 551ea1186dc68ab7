"""Provider follow-ups: the plan's providers with their area, status, outcome and open
measure (Enter opens the follow-up in the review screen, the same keys as a case), and
the supervisors' view of every measure on the ladder, the overdue first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from jobs.i18n import t, titled
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.title_bar import TitleBar

LIST_COLUMNS = ("provider_ref", "contract_area", "reviewer", "status", "outcome", "measure")
MEASURE_COLUMNS = ("provider_ref", "contract_area", "kind", "sent_date", "due_date", "state",
                   "decided_by")


class ProvidersScreen(Screen[None]):
    DEFAULT_CSS = "ProvidersScreen #providers-note { height: auto; padding: 0 1; }"
    BINDINGS = [Binding("enter", "open", t("providers.key.open"), id="providers_open",
                        show=True)]

    def compose(self) -> ComposeResult:
        self.title = titled(t("providers.title"))
        yield TitleBar()
        yield Static("", id="providers-note", markup=False)
        yield DataTable(id="providers", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*(t(f"providers.col.{c}") for c in LIST_COLUMNS))

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        from jobs.review_unit import follow_up_list

        table = self.query_one(DataTable)
        cursor = table.cursor_row  # back from a follow-up: on the row it was opened from
        table.clear()
        protocol_id, rows = follow_up_list(session_of(self).db)
        note = self.query_one("#providers-note", Static)
        if protocol_id is None:
            note.update(t("providers.no_plan"))
            return
        overdue = sum(t("followup.overdue") in r["measure"] for r in rows)
        note.update(t("providers.summary", count=len(rows), protocol=protocol_id)
                    + (f" · {t('providers.overdue', count=overdue)}" if overdue else ""))
        for row in rows:
            values = [t(f"status.{row['status']}") if c == "status" else row[c]
                      for c in LIST_COLUMNS]
            table.add_row(*values, key=f"{row['provider_ref']}|{row['review_id'] or ''}")
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self._open(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def _open(self, key: str) -> None:
        from store.users import can_edit
        from tui.screens.case import CaseScreen

        session = session_of(self)
        provider_ref, _, review_id = key.partition("|")
        if not review_id:
            self.app.notify(t("providers.unassigned", provider_ref=provider_ref),
                            severity="warning")
            return
        if not can_edit(session.db, int(review_id), session.user):
            self.app.notify(t("providers.not_yours", provider_ref=provider_ref),
                            severity="warning")
            return
        self.app.push_screen(CaseScreen(int(review_id)))


class MeasuresScreen(Screen[None]):
    DEFAULT_CSS = "MeasuresScreen #measures-note { height: auto; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        self.title = titled(t("measures.title"))
        yield TitleBar()
        yield Static("", id="measures-note", markup=False)
        yield DataTable(id="measures", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*(t(f"measures.col.{c}")
                                                for c in MEASURE_COLUMNS))

    def on_screen_resume(self) -> None:
        from jobs.providers import register_rows
        from jobs.review_unit import measure_list

        session = session_of(self)
        table = self.query_one(DataTable)
        table.clear()
        note = self.query_one("#measures-note", Static)
        if session.role != "supervisor":
            note.update(t("measures.supervisors_only"))
            return
        areas = {p["provider_ref"]: p["contract_area"] for p in register_rows(session.db) or []}
        rows = measure_list(session.db)
        overdue = sum(r["state"] == "overdue" for r in rows)
        note.update(t("measures.summary", count=len(rows), overdue=overdue))
        for row in rows:
            row = {**row, "contract_area": areas.get(row["provider_ref"], "–"),
                   "state": t("followup.overdue") if row["state"] == "overdue" else row["state"]}
            table.add_row(*(str(row[c] or "–") for c in MEASURE_COLUMNS))
        table.focus()
