"""Training mode: calibration sessions, creating one, and a session's report.

Only trainers and supervisors see this view's content: the report quotes the
answer key, which trainees must not see while they score.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Label, Static

from jobs.i18n import language, t, titled
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.rows import cursor_key, key_text
from tui.widgets.title_bar import TitleBar

TRAINER_ROLES = ("trainer", "supervisor")


class SessionTable(DataTable):
    """The sessions; Enter (shown in the footer) opens the report."""

    BINDINGS = [Binding("enter", "select_cursor", t("training.key.report"),
                        id="training_table_report")]


class TrainingScreen(Screen[None]):
    DEFAULT_CSS = "TrainingScreen #training-message { padding: 0 1; }"
    BINDINGS = [
        Binding("enter", "open_report", t("training.key.report"), id="training_report"),
        Binding("n", "new_session", t("training.key.new"), id="training_new"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="training-message")
        yield SessionTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = titled(t("training.title"))
        table = self.query_one(DataTable)
        table.add_columns(t("training.col.session"), t("training.col.cases"),
                          t("training.col.trainees"), t("training.col.difficulty"))
        self.refresh_sessions()
        table.focus()

    @property
    def allowed(self) -> bool:
        from store.users import role_of

        session = session_of(self)
        return role_of(session.db, session.user) in TRAINER_ROLES

    def refresh_sessions(self, message: str = "") -> None:
        from store.training import sessions

        table = self.query_one(DataTable)
        table.clear()
        note = self.query_one("#training-message", Static)
        if not self.allowed:
            note.update(t("training.forbidden"))
            return
        rows = sessions(session_of(self).db)
        for row in rows:
            table.add_row(row["name"], str(row["cases"]), row["trainees"] or "",
                          row["difficulty"], key=str(row["id"]))
        note.update(message or ("" if rows else t("training.empty")))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(ReportScreen(int(key_text(event.row_key))))

    def action_open_report(self) -> None:
        key = cursor_key(self.query_one(DataTable))
        if key is not None:
            self.app.push_screen(ReportScreen(int(key)))

    def action_new_session(self) -> None:
        if not self.allowed:
            return

        def created(message: str | None) -> None:
            if message:
                self.refresh_sessions(message)

        self.app.push_screen(NewSessionScreen(), created)


class ReportScreen(Screen[None]):
    """A session's calibration report: agreement tables, Fleiss' kappa, misses with passages."""

    BINDINGS = [Binding("escape", "app.pop_screen", t("key.back"), id="back")]

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        from jobs.training import session_report

        session = session_of(self)
        report = session_report(session.db, session.protocol, self.session_id,
                                language())
        self.report = report
        self.title = titled(t("training.report.title", name=report.session))
        yield TitleBar()
        with VerticalScroll(id="training-report"):
            for part in report_parts(report):
                yield Static(part, classes="report-part")
        yield KeyBar()


def report_parts(report) -> list:
    """Rich tables and text for the report (Textual's Markdown is too slow for long reports)."""
    from rich.table import Table
    from rich.text import Text

    from tallies.calibration import format_kappa, format_percent

    parts: list = []
    summary = Table(title=t("training.report.with_key"), expand=True)
    for column in ("training.col.trainee", "training.col.percent", "training.col.kappa",
                   "training.col.agreed", "training.col.misses"):
        summary.add_column(t(column), justify="left" if column.endswith("trainee") else "right")
    for r in report.trainees:
        summary.add_row(r.trainee, format_percent(r.percent), format_kappa(r.kappa),
                        f"{r.agreed}/{r.items}", str(len(r.misses)))
    parts.append(summary)
    if report.between:
        between = Table(title=t("training.report.between"), expand=True)
        between.add_column(t("training.col.question"))
        for column in ("training.col.cases_n", "training.col.all_same", "training.col.fleiss"):
            between.add_column(t(column), justify="right")
        for b in report.between:
            between.add_row(b.label, str(b.cases), format_percent(b.percent),
                            format_kappa(b.kappa))
        parts.append(between)
    missed = Table(title=t("training.report.most_missed"), expand=True)
    missed.add_column(t("training.col.question"))
    missed.add_column(t("training.col.misses"), justify="right")
    for m in report.most_missed[:10]:
        missed.add_row(m.label, f"{m.misses}/{m.items}")
    parts.append(missed)
    per = Table(title=t("training.report.per_question"), expand=True)
    per.add_column(t("training.col.question"))
    for r in report.trainees:
        per.add_column(f"{r.trainee} % / κ", justify="right")
    if report.trainees:
        for index, q in enumerate(report.trainees[0].questions):
            per.add_row(q.label, *(f"{format_percent(r.questions[index].percent)} / "
                                   f"{format_kappa(r.questions[index].kappa)}"
                                   for r in report.trainees))
    parts.append(per)
    misses = Text()
    misses.append(t("training.report.misses") + "\n", style="bold")
    for r in report.trainees:
        misses.append(f"\n{r.trainee}\n", style="bold underline")
        if not r.misses:
            misses.append(t("training.report.no_misses") + "\n")
        for m in r.misses:
            misses.append(f"{m.case_ref} · {m.label}: ", style="bold")
            misses.append(t("training.report.miss", given=m.given, expected=m.expected) + "\n")
            for line in (m.passage or "–").splitlines():
                misses.append(f"  │ {line}\n", style="italic")
    parts.append(misses)
    return parts


class NewSessionScreen(ModalScreen[str | None]):
    """Generate K cases and give them to the trainees; returns the confirmation line."""

    DEFAULT_CSS = """
    NewSessionScreen { align: center middle; }
    #new-session { width: 70; height: auto; border: thick $primary; padding: 0 1;
                   background: $surface; }
    #new-session Horizontal { height: auto; }
    #new-session .numbers Input { width: 1fr; }
    #new-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", t("training.new.cancel"), id="cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="new-session"):
            yield Label(f"[b]{t('training.new.title')}[/b]")
            yield _titled(Input(id="name"), t("training.new.name"))
            yield _titled(Input(id="trainees"), t("training.new.trainees"))
            with Horizontal(classes="numbers"):
                yield _titled(Input("10", id="cases"), t("training.new.cases"))
                yield _titled(Input(str(self._next_seed()), id="seed"), t("training.new.seed"))
                yield _titled(Input("normal", id="difficulty"), t("training.new.difficulty"))
            yield Static("", id="new-error")
            with Horizontal():
                yield Button(t("training.new.create"), id="create", variant="primary")
                yield Button(t("training.new.cancel"), id="cancel")

    def _next_seed(self) -> int:
        """A fresh seed per session by default, so each session gets new cases."""
        from store.training import training_frames

        return len(training_frames(session_of(self).db)) + 1

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        from store.errors import StoreError

        try:
            self.dismiss(self._create())
        except (ValueError, StoreError) as error:
            self.query_one("#new-error", Static).update(str(error))

    def _create(self) -> str:
        from jobs.training import store_generated
        from store.training import create_session

        session = session_of(self)
        value = {i.id: i.value.strip() for i in self.query(Input)}
        cases = _whole(value["cases"], t("training.new.cases"))
        seed = _whole(value["seed"], t("training.new.seed"), minimum=0)
        name = value["name"] or f"kalibrering-{seed}"
        trainees = [p.strip() for p in value["trainees"].split(",") if p.strip()]
        if not trainees:
            raise ValueError(t("training.new.no_trainees"))
        from store.training import find_session

        if find_session(session.db, name) is not None:
            raise ValueError(t("training.new.exists", name=name))
        protocol = session.protocol
        frame_id, _ = store_generated(session.db, protocol, count=cases, seed=seed,
                                      difficulty=value["difficulty"] or "normal",
                                      name=f"{name} (ärenden)", who=session.user)
        create_session(session.db, name=name, frame_id=frame_id, protocol_id=protocol.id,
                       protocol_version=protocol.version, cases=cases, trainees=trainees,
                       seed=seed, difficulty=value["difficulty"] or "normal", who=session.user)
        return t("training.created", name=name, cases=cases, trainees=", ".join(trainees))


def _titled(widget: Input, title: str) -> Input:
    widget.border_title = title
    return widget


def _whole(text: str, field: str, minimum: int = 1) -> int:
    try:
        number = int(text)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ValueError(t("training.new.bad_number", field=field))
    return number
