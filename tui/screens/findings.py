"""The supervisor's list of data-quality findings (``f`` on the F7 desk).

The same findings as ``granska check``: case, reviewer, rule, question, message. Enter
opens the case at the question; ``c`` closes the finding with a comment, after which it
stays closed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from jobs.i18n import language, t, titled
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.rows import cursor_key
from tui.widgets.title_bar import TitleBar


class FindingsScreen(Screen[None]):
    DEFAULT_CSS = """
    FindingsScreen #findings-summary { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "back", t("key.back"), id="findings_back"),
        Binding("enter", "open_case", t("findings.key_open"), id="findings_open", show=True),
        Binding("c", "close_finding", t("findings.key_close"), id="findings_close"),
    ]

    def compose(self) -> ComposeResult:
        self.title = titled(t("findings.title"))
        yield TitleBar()
        yield Static("", id="findings-summary", markup=False)
        yield DataTable(id="findings", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            t("col.case_ref"), t("findings.col.reviewer"), t("findings.col.rule"),
            t("findings.col.question"), t("findings.col.message"))
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        from jobs.checks import run_checks
        from review_protocols.rules import RulesError

        session = session_of(self)
        table = self.query_one(DataTable)
        table.clear()
        summary = self.query_one("#findings-summary", Static)
        try:
            listed = run_checks(session.db, session.protocol, role=session.role,
                                user=session.user, lang=language())
        except RulesError as error:
            summary.update(str(error))
            self.findings = {}
            return
        self.findings = {str(index): item.finding for index, item in enumerate(listed)}
        protocol = session.protocol
        for key, finding in self.findings.items():
            question = (protocol.question(finding.question_id).label_in(language())
                        if finding.question_id else "–")
            message = f"{finding.message} ({finding.detail})" if finding.detail \
                else finding.message
            table.add_row(finding.case_ref, finding.reviewer, finding.rule_id, question,
                          message, key=key)
        summary.update(t("findings.summary", count=len(listed)))

    def _selected(self):
        key = cursor_key(self.query_one(DataTable))
        return self.findings.get(key) if key is not None else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_case()

    def action_open_case(self) -> None:
        finding = self._selected()
        if finding is None:
            return
        from tui.screens.case import CaseScreen

        self.app.push_screen(CaseScreen(finding.review_id, finding.question_id or None))

    def action_close_finding(self) -> None:
        finding = self._selected()
        if finding is None:
            return
        from tui.widgets.modals import TextEditModal

        def done(comment: str | None) -> None:
            if not comment:
                return
            from store import StoreError
            from store.checks import close_finding

            session = session_of(self)
            try:
                close_finding(session.db, finding.review_id, finding.rule_id,
                              finding.question_id, comment, who=session.user)
            except StoreError as error:
                self.notify(str(error), severity="error")
                return
            self.notify(t("findings.closed"))
            self.refresh_view()

        self.app.push_screen(TextEditModal(
            t("findings.close_title", rule=finding.rule_id, case=finding.case_ref), ""), done)

    def action_back(self) -> None:
        self.app.pop_screen()
