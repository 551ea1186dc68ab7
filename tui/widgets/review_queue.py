"""The supervisor's queue of complete reviews: ``a`` approves the one under the cursor, ``R``
asks for a reason and returns it to its reviewer (``store.review_states``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from jobs.i18n import t
from tui.session import session_of
from tui.widgets.rows import cursor_key


class ReasonScreen(ModalScreen[str | None]):
    """Ask why (a review goes back, an identity is shown); returns the reason, or None when
    cancelled. A blank reason is refused with ``missing``, and the question stays."""

    DEFAULT_CSS = """
    ReasonScreen { align: center middle; }
    ReasonScreen > Vertical {
        width: 70; height: auto; border: round $primary; background: $surface;
        padding: 0 1;
    }
    ReasonScreen #reason-prompt { height: auto; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", t("key.back"), id="reason_back")]

    def __init__(self, prompt: str, missing: str | None = None) -> None:
        super().__init__()
        self.prompt = prompt
        self.missing = missing or t("review_state.reason_missing")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.prompt, id="reason-prompt", markup=False)
            yield Input(id="reason")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        reason = " ".join(event.value.split())
        if not reason:
            self.notify(self.missing, severity="warning")
            return
        self.dismiss(reason)


class ReviewQueue(Vertical):
    """The complete reviews that count, waiting for a supervisor's approval."""

    DEFAULT_CSS = """
    ReviewQueue { height: 1fr; }
    ReviewQueue #queue-summary { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("a", "approve", t("review_state.key_approve"), id="queue_approve"),
        Binding("R", "return", t("review_state.key_return"), id="queue_return"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="queue-summary", markup=False)
        yield DataTable(id="queue", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(t("col.case_ref"), t("col.district"),
                                              t("col.reviewer"), t("col.status"))

    def reload(self) -> None:
        from store.review_states import state_rows

        table = self.query_one(DataTable)
        row_before = table.cursor_row
        table.clear()
        rows = state_rows(session_of(self).db, status="complete")
        for row in rows:
            table.add_row(*map(Text, (row["case_ref"] or "–", row["district"] or "",
                                      row["reviewer"], t("status.complete"))),
                          key=str(row["review_id"]))
        if rows:
            table.move_cursor(row=min(row_before, len(rows) - 1), animate=False)
        self.query_one("#queue-summary", Static).update(
            t("review_state.queue", count=len(rows)) if rows else t("review_state.queue_empty"))

    def _current(self) -> tuple[int, str, str] | None:
        """(review id, case reference, reviewer) under the cursor."""
        table = self.query_one(DataTable)
        key = cursor_key(table)
        if key is None:
            return None
        case_ref, _, reviewer, _ = table.get_row(key)
        return int(key), str(case_ref), str(reviewer)

    def action_approve(self) -> None:
        from store import StoreError
        from store.review_states import approve

        current, session = self._current(), session_of(self)
        if current is None:
            return
        try:
            approve(session.db, [current[0]], who=session.user)
        except StoreError as error:
            self.notify(str(error), severity="error")
        else:
            self.notify(t("review_state.approved", case=current[1]))
        self.reload()

    def action_return(self) -> None:
        current = self._current()
        if current is None:
            return
        review_id, case_ref, reviewer = current

        def given(reason: str | None) -> None:
            from store import StoreError
            from store.review_states import return_review

            if reason is None:
                return
            session = session_of(self)
            try:
                return_review(session.db, review_id, reason, who=session.user)
            except (StoreError, ValueError) as error:
                self.notify(str(error), severity="error")
            else:
                self.notify(t("review_state.returned", case=case_ref, reviewer=reviewer))
            self.reload()

        self.app.push_screen(ReasonScreen(t("review_state.reason_prompt", case=case_ref,
                                            reviewer=reviewer)), given)
