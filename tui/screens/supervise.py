"""The supervisor's desk: who has which role, how the cases are shared, the double reviews.

Keys: ``b`` shares every unassigned case of the latest sample among the
inspectors (balanced by district and gender), ``r`` grants a role, Enter on
a double-reviewed case compares the two reviews side by side, ``f`` lists the
data-quality findings (``tui.screens.findings``); in the queue of complete reviews,
``a`` approves and ``R`` returns (``tui.widgets.review_queue``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Static

from jobs.i18n import t, titled
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.review_queue import ReviewQueue
from tui.widgets.rows import cursor_key
from tui.widgets.title_bar import TitleBar

ROLE_WORDS = {"supervisor": "supervisor", "handledare": "supervisor",
              "inspector": "inspector", "granskare": "inspector",
              "trainer": "trainer", "utbildare": "trainer"}



def _decimal(text: str) -> str:
    """A decimal comma in Swedish, a point in English."""
    return text if t("app.decimal") == "." else text.replace(".", ",")

class GrantScreen(ModalScreen[tuple[str, str] | None]):
    """Ask for "user role"; returns (user, role) or None."""

    DEFAULT_CSS = """
    GrantScreen { align: center middle; }
    GrantScreen > #grant { width: 60; height: auto; border: round $primary; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", t("key.back"), id="back")]

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("supervise.grant_prompt"), id="grant")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        parts = event.value.split()
        if len(parts) != 2 or parts[1].lower() not in ROLE_WORDS:
            self.notify(t("supervise.grant_bad"), severity="error")
            return
        self.dismiss((parts[0], ROLE_WORDS[parts[1].lower()]))


class SuperviseScreen(Screen[None]):
    DEFAULT_CSS = """
    SuperviseScreen #summary, SuperviseScreen #agreement { height: 1; padding: 0 1; }
    SuperviseScreen #people { width: 30; }
    SuperviseScreen #tables { height: 1fr; }
    """
    BINDINGS = [
        Binding("b", "balance", t("users.key.balance"), id="balance"),
        Binding("2", "balance('second')", t("users.key.balance_second"), id="balance_second"),
        Binding("r", "grant", t("users.key.grant"), id="grant"),
        Binding("enter", "compare", t("users.key.compare"), id="compare", show=True),
        Binding("f", "findings", t("findings.key"), id="findings"),
    ]

    def compose(self) -> ComposeResult:
        self.title = titled(t("supervise.title"))
        yield TitleBar()
        yield Static("", id="summary")
        yield Static("", id="agreement")
        with Horizontal(id="tables"):
            yield DataTable(id="people", cursor_type="row")
            yield DataTable(id="pairs", cursor_type="row", zebra_stripes=True)
        yield ReviewQueue(id="review-queue")
        yield KeyBar()

    @property
    def allowed(self) -> bool:
        return session_of(self).role == "supervisor"

    def on_mount(self) -> None:
        self.query_one("#people", DataTable).add_columns(t("users.col.user"), t("users.col.role"),
                                                         t("users.col.load"))
        self.query_one("#pairs", DataTable).add_columns(
            t("col.case_ref"), t("users.col.first"), t("users.col.second"), t("col.status"))
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        session = session_of(self)
        if not self.allowed:
            self.query_one("#summary", Static).update(t("supervise.refused"))
            return
        from store.assignments import loads, sampled_cases
        from store.double_review import completed_pairs, pairs
        from store.review_states import DONE
        from store.samples import latest_sample_id
        from store.users import users
        from tallies.double_review import agreement

        db = session.db
        sample_id = latest_sample_id(db)
        load = loads(db, sample_id) if sample_id else {}
        cases = sampled_cases(db, sample_id) if sample_id else []
        people = self.query_one("#people", DataTable)
        people.clear()
        for row in users(db):
            people.add_row(row["username"], t(f"users.role.{row['role']}"),
                           str(load.get(row["username"], 0)))
        double = pairs(db, sample_id) if sample_id else []
        done = [p for p in double
                if p["primary_status"] in DONE and p["second_status"] in DONE]
        table = self.query_one("#pairs", DataTable)
        table.clear()
        for p in double:
            status = (t("users.col.agreed") if p["consensus_id"] else
                      "✓" if p in done else t("status.in_progress"))
            table.add_row(p["case_ref"], p["primary_reviewer"], p["second_reviewer"], status,
                          key=str(p["population_id"]))
        if sample_id is None:
            self.query_one("#summary", Static).update(t("supervise.no_sample"))
        else:
            self.query_one("#summary", Static).update(t(
                "supervise.summary", assigned=sum(1 for c in cases if c["primary_reviewer"]),
                total=len(cases), double=len(double), done=len(done)))
        protocol = session.protocol
        report = agreement(completed_pairs(db), [q.id for q in protocol.questions])
        self.query_one("#agreement", Static).update(t(
            "supervise.agreement", pairs=report.pairs,
            percent="–" if report.percent is None else f"{100 * report.percent:.0f} %",
            kappa="–" if report.kappa is None else _decimal(f"{report.kappa:.2f}")))
        self.query_one(ReviewQueue).reload()

    def action_balance(self, kind: str = "primary") -> None:
        """Share the unassigned cases (``second``: a blind second review of assigned ones)."""
        session = session_of(self)
        if not self.allowed:
            return
        from jobs.assigning import assign_balanced
        from store import StoreError
        from store.samples import latest_sample_id, samples
        from store.users import usernames

        db = session.db
        sample_id = latest_sample_id(db)
        people = usernames(db, "inspector")
        if sample_id is None or not people:
            self.notify(t("supervise.no_sample" if sample_id is None
                          else "supervise.no_inspectors"), severity="warning")
            return
        protocol_id = next(s["protocol_id"] for s in samples(db) if s["id"] == sample_id)
        try:
            plan = assign_balanced(db, sample_id, people,
                                   protocol_version=session.protocol_for(protocol_id).version,
                                   kind=kind, who=session.user)
        except (StoreError, ValueError) as error:
            self.notify(str(error), severity="error")
            return
        if not plan:
            self.notify(t(f"supervise.nothing_to_assign.{kind}"), severity="warning")
        else:
            self.notify(t("supervise.balanced", count=len(plan), people=len(set(plan.values()))))
        self.refresh_view()

    def action_grant(self) -> None:
        if not self.allowed:
            return

        def granted(answer: tuple[str, str] | None) -> None:
            session = session_of(self)
            if answer is None:
                return
            from store import StoreError
            from store.users import grant_role

            try:
                grant_role(session.db, answer[0], answer[1], who=session.user)
            except StoreError as error:
                self.notify(str(error), severity="error")
                return
            self.notify(t("supervise.granted", user=answer[0], role=t(f"users.role.{answer[1]}")))
            self.refresh_view()

        self.app.push_screen(GrantScreen(), granted)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "pairs":
            self.action_compare()

    def action_compare(self) -> None:
        key = cursor_key(self.query_one("#pairs", DataTable))
        if not self.allowed or key is None:
            return
        from store import StoreError
        from tui.screens.consensus import ConsensusScreen

        try:
            screen = ConsensusScreen(int(key))
        except StoreError as error:
            self.notify(str(error), severity="warning")
            return
        self.app.push_screen(screen)

    def action_findings(self) -> None:
        if not self.allowed:
            return
        from tui.screens.findings import FindingsScreen

        self.app.push_screen(FindingsScreen())
