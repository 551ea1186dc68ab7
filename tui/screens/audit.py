"""The audit viewer: per case, who changed what, when, from what to what.

Supervisors see every review of the case; anyone else sees only changes to
their own reviews, so the audit log never breaks a blind double review.
Supervisors also see whether the log's hash chain holds, checked in a thread
on its own connection each time the view is shown (a long log takes a while).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from jobs.i18n import t, titled
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.title_bar import TitleBar


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class AuditScreen(Screen[None]):
    DEFAULT_CSS = """
    AuditScreen #audit-case { height: 3; }
    AuditScreen #audit-note { height: 1; padding: 0 1; }
    AuditScreen #audit-chain { height: auto; max-height: 3; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        self.title = titled(t("audit.title"))
        yield TitleBar()
        yield Input(placeholder=t("audit.prompt"), id="audit-case")
        yield Static("", id="audit-note")
        yield Static("", id="audit-chain")
        yield DataTable(id="audit", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            *(t(f"users.col.{name}") for name in ("at", "who", "reviewer", "what", "question")),
            f"{t('users.col.from')} → {t('users.col.to')}",
        )
        self.query_one(Input).focus()

    def on_screen_resume(self) -> None:
        if session_of(self).role != "supervisor":
            return
        self.query_one("#audit-chain", Static).update(t("audit.chain.checking"))
        self.run_worker(self._check_chain, thread=True, exclusive=True, group="audit-chain")

    def _check_chain(self) -> None:
        from jobs.audit_rows import chain_text
        from store import open_database
        from store.audit import verify_chain
        from store.transactions import db_path

        db = open_database(db_path(session_of(self).db), create=False)
        try:
            text = chain_text(verify_chain(db))
        finally:
            db.conn.close()
        self.app.call_from_thread(self.query_one("#audit-chain", Static).update, text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.show(event.value.strip())

    def show(self, case_ref: str) -> None:
        from jobs.audit_rows import history_lines
        from store.audit_view import case_refs

        session = session_of(self)
        table = self.query_one(DataTable)
        note = self.query_one("#audit-note", Static)
        table.clear()
        role = session.role
        if not case_ref or role is None:
            note.update("")
            return
        if not case_refs(session.db, case_ref):
            note.update(t("audit.unknown", case_ref=case_ref))
            return
        own_only = role != "supervisor"
        rows = history_lines(session.db, case_ref, reviewer=session.user if own_only else None,
                             protocol_for=self._protocol)
        for line in rows:
            # Fits 80 columns: the kind only when it is not the primary review, question
            # and values cut short (the full words are in `granska audit`).
            reviewer = line.reviewer if line.kind == "primary" else (
                f"{line.reviewer} ({t('review_kind.' + line.kind)})")
            table.add_row(line.at[5:16], line.who, reviewer, line.action, _cut(line.what, 16),
                          f"{_cut(line.old, 9) or '–'} → {_cut(line.new, 9) or '–'}")
        if not rows:
            note.update(t("audit.none", case_ref=case_ref))
        else:
            note.update(t("audit.own_only") if own_only else "")
        table.focus()

    def _protocol(self, protocol_id: str):
        try:
            return session_of(self).protocol_for(protocol_id)
        except Exception:  # an unknown protocol: show ids instead of labels
            return None
