"""Two blind reviews side by side; the supervisor picks the agreed answer per disagreement.

``1`` takes the first reviewer's answer, ``2`` the second's, ``s`` saves the
agreed review (the questions both agreed on are taken as they are).
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


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

class ConsensusScreen(Screen[None]):
    DEFAULT_CSS = """
    ConsensusScreen #consensus-note { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("1", "take('primary')", t("users.key.take_first"), id="take_first"),
        Binding("2", "take('second')", t("users.key.take_second"), id="take_second"),
        Binding("s", "save", t("users.key.save_consensus"), id="save_consensus"),
        Binding("escape", "app.pop_screen", t("key.back"), id="back"),
    ]

    def __init__(self, population_id: int) -> None:
        super().__init__()
        from jobs.identities import subject
        from store.double_review import side_by_side

        self.population_id = population_id
        # StoreError until both are done
        self.both = side_by_side(session_of(self).db, population_id)
        # A free-text answer may name the person: masked, as on the case screen.
        self.subject = subject(session_of(self).db, population_id)
        self.chosen: dict[str, str | None] = dict(self.both["consensus"])

    def compose(self) -> ComposeResult:
        from store.reviews import protocol_of
        from tallies.double_review import disagreements

        session = session_of(self)
        self.protocol = session.protocol_for(protocol_of(session.db, self.both["primary_id"]))
        self.differ = disagreements(self.both["primary"], self.both["second"],
                                    [q.id for q in self.protocol.questions])
        self.title = titled(t("consensus.title", case_ref=self.both["case_ref"],
                       first=self.both["primary_reviewer"], second=self.both["second_reviewer"]))
        yield TitleBar()
        yield Static(t("consensus.none") if not self.differ else "", id="consensus-note")
        yield DataTable(id="diffs", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("users.col.question"), self.both["primary_reviewer"],
                          self.both["second_reviewer"], t("users.col.agreed"))
        for qid in self.differ:
            question = self.protocol.question(qid)
            label = _cut(question.label_in(language()), 24)
            table.add_row(label, self._shown(qid, self.both["primary"]),
                          self._shown(qid, self.both["second"]), self._agreed(qid), key=qid)
        table.focus()

    def _shown(self, qid: str, answers: dict) -> str:
        from review_protocols.values import decode, display

        question = self.protocol.question(qid)
        # Cut so that question, both answers and the agreed one fit 80 columns.
        shown = display(question, decode(question, answers.get(qid)), language())
        return _cut(self.subject.masked(shown) or "–", 16)

    def _agreed(self, qid: str) -> str:
        return self._shown(qid, self.chosen) if qid in self.chosen else "?"

    def action_take(self, which: str) -> None:
        table = self.query_one(DataTable)
        qid = cursor_key(table)
        if qid is None:
            return
        self.chosen[qid] = self.both[which].get(qid)
        table.update_cell(qid, table.ordered_columns[3].key, self._agreed(qid))
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_save(self) -> None:
        from store import StoreError
        from store.double_review import record_consensus

        session = session_of(self)
        left = [q for q in self.differ if q not in self.chosen]
        if left:
            self.notify(t("consensus.pending", left=len(left)), severity="warning")
            return
        agreed = {**self.both["primary"], **{q: self.chosen[q] for q in self.differ}}
        try:
            record_consensus(session.db, self.population_id, agreed, who=session.user)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(t("consensus.saved", case_ref=self.both["case_ref"]))
        self.app.pop_screen()
