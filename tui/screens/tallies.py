"""The Tallies view (F4): the report's tables and bar charts, updating as reviews come in.

One question at a time (left/right to step, f to pick), in one of three
views (v: per district, per gender, district x gender); l switches to equal
treatment (each share with its interval, differences beyond chance marked:
``tallies_equality``). The figures come
from the same ``Report`` the exports write, so screen and files agree. The
screen re-reads the database every few seconds and when it is shown again,
but recomputes only when the counted reviews have changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table as RichTable
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from jobs.i18n import t, titled
from tui.long_work import ProgressLine, run_long
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from samples.tabular import ProgressCallback
    from store.database import Database
    from tallies.crosstab import Table
    from tallies.equality import Share
    from tallies.report import Report
    from tallies.rounds import Comparison

VIEWS = ("district", "gender", "district_gender")
REFRESH_SECONDS = 5.0
BAR_WIDTH = 40
# Distinct fills keep the bars readable without colour (NO_COLOR, 16 colours).
FILLS = ("█", "▓", "▒", "░", "▚", "▞", "▤", "▥")
COLOURS = ("green", "yellow", "red", "blue", "magenta", "cyan", "bright_green", "bright_red")


class TalliesScreen(Screen[None]):
    SCOPED_CSS = False  # also styles its pickers (PickScreen, NotesScreen)
    DEFAULT_CSS = """
    #tallies-heading { height: auto; padding: 0 1; background: $boost; }
    #tallies-body { height: 1fr; padding: 0 1; }
    #tallies-note { margin-bottom: 1; }
    PickScreen, NotesScreen { align: center middle; }
    #pick-box, #notes-box {
        width: 72;
        height: auto;
        max-height: 22;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #pick-list { height: auto; max-height: 17; }
    #notes-list { height: auto; max-height: 8; }
    #notes-help { color: $text-muted; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", t("tallies.key.prev"), id="tallies_prev"),
        Binding("right", "step(1)", t("tallies.key.next"), id="tallies_next"),
        Binding("f", "pick", t("tallies.key.pick"), id="tallies_pick"),
        Binding("v", "toggle_view", t("tallies.key.view"), id="tallies_view"),
        Binding("l", "toggle_equality", t("tallies.key.equality"), id="tallies_equality"),
        Binding("o", "toggle_rounds", t("rounds.key"), id="tallies_rounds", show=False),
        Binding("a", "step_round('a')", "A", id="tallies_round_a"),
        Binding("b", "step_round('b')", "B", id="tallies_round_b"),
        Binding("e", "export", t("tallies.key.export"), id="tallies_export"),
        Binding("s", "notes", t("tallies.key.notes"), id="tallies_notes"),
        Binding("r", "refresh", t("tallies.key.refresh"), id="tallies_refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self.stems: list[tuple[str, str]] = []
        self.index = 0
        self.view = "district"
        self.equality_mode = False
        self.equality: list[Share] | None = None  # worked out when the mode is first shown
        self._equality_for: object = None  # the fingerprint a worker is working it out for
        self._fingerprint: object = None
        self.last_export: Path | None = None
        from tui.screens.tallies_rounds import RoundsCompare

        self.rounds = RoundsCompare()  # o: two review rounds side by side

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="tallies-heading")
        with VerticalScroll(id="tallies-body"):
            yield Static(id="tallies-table")
            yield Static(id="tallies-note")
            yield Static(id="tallies-chart")
        yield ProgressLine()
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = titled(t("tallies.title"))
        self.reload()
        self.set_interval(REFRESH_SECONDS, self.reload)

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if self.equality_mode:
            self.render_table()  # the scale takes the width there is

    # --- data ----------------------------------------------------------------------------

    def reload(self, force: bool = False) -> None:
        """Recompute when the counted reviews (or the notes) changed since last time."""
        from store.reports import tally_fingerprint

        session = session_of(self)
        if session.role != "supervisor":
            # Tallies add up everyone's reviews, the other half of a blind double review too.
            self.query_one("#tallies-heading", Static).update(t("tallies.refused"))
            return
        protocol = session.protocol
        fingerprint = tally_fingerprint(session.db, protocol.id,
                                        counting=session.config.tallies.counted)
        if fingerprint == self._fingerprint and not force:
            if self.equality_mode and self.equality is None:
                self.render_table()  # its worker could not start last time: try again
            return
        from jobs.tallies import load_report
        from jobs.words import words

        config = session.config
        self.report = load_report(session.db, protocol, config.district_names,
                                  codes={d.name: d.code for d in config.districts},
                                  words=words(), counting=config.tallies.counted)
        self._fingerprint = fingerprint
        self.equality = None
        self.rounds.read_rounds(session.db)
        self.rounds.result = None
        self.stems = self.report.questions() + [(a.id, a.title) for a in self.report.areas]
        self.index = min(self.index, max(len(self.stems) - 1, 0))
        self.render_table()

    def current(self) -> Table | None:
        if self.report is None or not self.stems:
            return None
        stem = self.stems[self.index][0]
        if stem.startswith("area."):
            return self.report.table(stem)  # quality areas: per district only
        return self.report.table(f"{stem}.{self.view}")

    # --- drawing -------------------------------------------------------------------------

    def render_table(self) -> None:
        from jobs.words import words
        from tallies.crosstab import view_label

        table = self.current()
        heading = self.query_one("#tallies-heading", Static)
        progress = self.rounds.progress()  # a later round: its table, even before any is done
        if table is None or self.report is None or (self.report.cases == 0
                                                     and progress is None):
            heading.update(t("tallies.empty"))
            for part in ("#tallies-table", "#tallies-note", "#tallies-chart"):
                self.query_one(part, Static).update("")
            return
        position = t("tallies.question", i=self.index + 1, n=len(self.stems))
        mode = f" · {t('tallies.equality.mode')}" if self.equality_mode else ""
        if self.rounds.shown:
            mode = f" · {self.rounds.heading()}"
        heading.update(Text.assemble(
            (table.title, "bold"), f" · {view_label(table.view, words())}{mode} · {position} · ",
            t("tallies.cases", n=self.report.cases),
            *(("\n", progress) if progress is not None and not self.rounds.shown else ())))
        if self.rounds.shown:
            self._render_rounds(table)
            return
        if self.equality_mode:
            self._render_equality(table)
            return
        self.query_one("#tallies-table", Static).update(self._crosstab(table))
        self.query_one("#tallies-note", Static).update(Text(table.note, style="italic"))
        self.query_one("#tallies-chart", Static).update(self._chart(table))

    def _render_equality(self, table: Table) -> None:
        """The current question's shares with their intervals, and what is beyond chance."""
        from jobs.words import equality_words
        from tallies.equality import in_words
        from tui.screens.tallies_equality import equality_text, legend

        session = session_of(self)
        protocol = session.protocol
        parts = [self.query_one(f"#tallies-{part}", Static)
                 for part in ("table", "note", "chart")]
        question = (protocol.question(table.question_id)
                    if table.view != "areas" and protocol.has_question(table.question_id)
                    else None)
        if question is None or not question.is_choice:
            parts[0].update(t("tallies.equality.none"))
            parts[1].update("")
            parts[2].update("")
            return
        if self.equality is None:
            parts[0].update(t("tallies.equality.working"))
            parts[1].update("")
            parts[2].update("")
            self._work_out_equality()
            return
        mine = [s for s in self.equality if s.question_id == question.id]
        words = equality_words()
        parts[0].update(equality_text(mine, question, self.view, words, self._short,
                                      self.size.width or 80))
        parts[1].update(legend())
        parts[2].update(Text("\n".join(f"◆ {line}" for line in in_words(mine, protocol, words))))

    def _render_rounds(self, table: Table) -> None:
        """The current question in two rounds side by side, worked out in a worker."""
        from jobs.words import round_words
        from tui.screens.tallies_rounds import compare_text, findings_text

        session = session_of(self)
        protocol = session.protocol
        parts = [self.query_one(f"#tallies-{part}", Static)
                 for part in ("table", "note", "chart")]
        for part in parts:
            part.update("")
        question = (protocol.question(table.question_id)
                    if table.view != "areas" and protocol.has_question(table.question_id)
                    else None)
        pair = self.rounds.pair
        if pair is None:
            parts[0].update(t("rounds.none"))
            return
        if question is None or not question.is_choice:
            parts[0].update(t("tallies.equality.none"))
            return
        found = self.rounds.result
        if found is None or (found.round_a, found.round_b) != pair:
            parts[0].update(t("tallies.equality.working"))
            self._work_out_rounds(pair)
            return
        words = round_words()
        parts[0].update(compare_text(found, question, words, self._short))
        empty = [line for line in map(self.rounds.none_done, pair) if line is not None]
        parts[1].update(Text.assemble(*(f"{line}\n" for line in empty),
                                      (words.method, "italic")))
        parts[2].update(findings_text(found, question.id, protocol, words))

    def _work_out_rounds(self, pair: tuple[str, str]) -> None:
        if self.rounds.working_for == pair or self.query_one(ProgressLine).busy:
            return
        self.rounds.working_for = pair
        session = session_of(self)
        config, protocol = session.config, session.protocol

        def work(db: Database, on_progress: ProgressCallback) -> Comparison:
            from jobs.rounds import comparison

            return comparison(db, config, protocol, ",".join(pair))

        def done(found: Comparison) -> None:
            self.rounds.working_for = None
            if self.rounds.pair == pair:
                self.rounds.result = found
            if self.rounds.shown:
                self.render_table()

        def failed(error: Exception) -> None:
            self.rounds.working_for = None
            self.notify(str(error), severity="error")

        run_long(self, t("tallies.equality.working"), work, done, failed)

    def _work_out_equality(self) -> None:
        """Equal treatment in a worker (many exact tests: seconds at 10,000 reviews); the
        screen shows it when done, unless the reviews changed meanwhile."""
        wanted = self._fingerprint
        if self._equality_for == wanted or self.query_one(ProgressLine).busy:
            return  # under way (or failed), or an export is: the next refresh tries again
        self._equality_for = wanted
        session = session_of(self)
        config, protocol = session.config, session.protocol

        def work(db: Database, on_progress: ProgressCallback) -> list[Share]:
            from jobs.tallies import load_equality

            return load_equality(db, config, protocol)

        def done(found: list[Share]) -> None:
            self._equality_for = None
            if wanted == self._fingerprint:
                self.equality = found
            if self.equality_mode:
                self.render_table()  # or, if the reviews changed meanwhile, work it out anew

        def failed(error: Exception) -> None:  # not tried again until the reviews change
            message = t("tallies.equality.failed", error=error)
            if self.equality_mode:
                self.query_one("#tallies-table", Static).update(message)
            self.notify(message, severity="error")

        run_long(self, t("tallies.equality.working"), work, done, failed)

    def _short(self, column: str) -> str:
        codes = {d.name: d.code for d in session_of(self).config.districts}
        return codes.get(column, column)

    def _crosstab(self, table: Table) -> RichTable:
        from tallies.export import _count

        compact = table.view == "district_gender"
        # Sized for 80 columns: a label of at most 24 and five cells such as "20 (100%)".
        grid = RichTable(box=None, pad_edge=False, show_edge=False, padding=(0, 0, 0, 1),
                         header_style="bold")
        grid.add_column("", no_wrap=True, max_width=24 if not compact else 16,
                        overflow="ellipsis")
        for column in table.columns:
            label = self._short(column)
            if compact:
                label = label.replace(" kvinnor", " K").replace(" män", " M") \
                    .replace(" women", " W").replace(" men", " M")
            grid.add_column(label, justify="right", no_wrap=True)
        for row in table.rows:
            cells = []
            for i, count in enumerate(row.counts):
                pct = row.percent(i)
                text = _count(count) or "–"
                if pct is not None and not compact:
                    text += f" ({pct}%)"
                cells.append(text)
            style = "dim" if row.code in ("_na", "_unanswered") else (
                "bold" if row.code == "_total" else "")
            grid.add_row(row.label, *cells, style=style)
        return grid

    def _chart(self, table: Table) -> Text:
        """A stacked horizontal bar per column: each answer's share, one fill per answer."""
        shown = [r for r in table.rows if r.bases is not None]
        chart = Text()
        if not shown:
            return chart
        if table.view == "areas":
            return self._share_bars(shown)
        chart.append(t("tallies.chart") + "  ", style="bold")
        for n, row in enumerate(shown):
            chart.append(FILLS[n % len(FILLS)] * 2, style=COLOURS[n % len(COLOURS)])
            chart.append(f" {row.label[:18]}  ")
        chart.append("\n")
        columns = table.columns
        if table.view == "district_gender":
            columns = columns[-1:]  # eight narrow bars say little; the total says it
        for column in columns:
            i = table.columns.index(column)
            total = sum((r.counts[i] or 0) for r in shown)
            chart.append(f"{self._short(column)[:10]:>10} ")
            used = 0
            for n, row in enumerate(shown):
                share = (row.counts[i] or 0) / total if total else 0
                width = round(share * BAR_WIDTH) if n < len(shown) - 1 else (
                    BAR_WIDTH - used if total else 0)
                width = max(0, min(width, BAR_WIDTH - used))
                used += width
                chart.append(FILLS[n % len(FILLS)] * width, style=COLOURS[n % len(COLOURS)])
            chart.append(" " * (BAR_WIDTH - used) + f" {total}\n")
        return chart

    def _share_bars(self, rows: list) -> Text:
        """One bar per finding: its share in Totalt (quality areas)."""
        chart = Text()
        for row in rows:
            pct = row.percent(len(row.counts) - 1)
            width = round((pct or 0) * BAR_WIDTH / 100)
            chart.append(f"{row.label[:24]:<24} ")
            chart.append(FILLS[0] * width, style=COLOURS[0])
            chart.append(" " * (BAR_WIDTH - width) + (f" {pct}%\n" if pct is not None
                                                       else " –\n"))
        return chart

    # --- actions -------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        if self.stems:
            self.index = (self.index + delta) % len(self.stems)
            self.render_table()

    def action_toggle_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.render_table()

    def action_toggle_equality(self) -> None:
        self.equality_mode = not self.equality_mode
        self.rounds.shown = False
        self.render_table()

    def action_toggle_rounds(self) -> None:
        self.rounds.shown = not self.rounds.shown
        self.equality_mode = False
        self.rounds.read_rounds(session_of(self).db)
        self.render_table()
        self.refresh_bindings()

    def action_step_round(self, side: str) -> None:
        self.rounds.step(side)
        self.render_table()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """a and b step through the rounds only while they are compared."""
        return self.rounds.shown if action == "step_round" else True

    def action_refresh(self) -> None:
        self.reload(force=True)

    def action_pick(self) -> None:
        def chosen(index: int | None) -> None:
            if index is not None:
                self.index = index
                self.render_table()

        self.app.push_screen(PickScreen(t("tallies.pick_title"),
                                        [title for _, title in self.stems], self.index), chosen)

    def action_export(self) -> None:
        from tallies.formats import FORMATS

        if self.report is None:  # nothing shown (none complete yet, or not a supervisor)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self.export(FORMATS[index])

        self.app.push_screen(PickScreen(t("tallies.export_title"), list(FORMATS), 0), chosen)

    def export(self, fmt: str) -> None:
        """Write one export to a new file in the current folder, in a worker, and say where."""
        import datetime as dt

        from jobs.tallies import produce
        from store.files import write_private
        from tallies.formats import SUFFIX

        config = session_of(self).config
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path.cwd() / f"granska-{fmt}-{stamp}{SUFFIX[fmt]}"

        def write(db: Database, on_progress: ProgressCallback) -> Path:
            write_private(path, produce(db, config, fmt, on_progress=on_progress))
            return path

        def written(done: Path) -> None:
            self.last_export = done
            self.notify(t("tallies.exported", path=done), timeout=8)

        def failed(error: Exception) -> None:
            self.notify(t("tallies.export_failed", error=error), severity="error")

        run_long(self, t("progress.export"), write, written, failed)

    def action_notes(self) -> None:
        if self.report is None:
            return
        self.app.push_screen(NotesScreen(self.report))


class PickScreen(ModalScreen[int | None]):
    """A list to pick one entry from; Enter picks, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", t("tallies.cancel"))]

    def __init__(self, title: str, entries: list[str], selected: int) -> None:
        super().__init__()
        self.heading, self.entries, self.selected = title, entries, selected

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Static(self.heading, id="pick-title")
            yield OptionList(*(Option(e) for e in self.entries), id="pick-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.selected
        options.focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotesScreen(ModalScreen[None]):
    """Strengths and development areas per district: a small editor of bullets.

    Pick the district and the kind, type a bullet and press Enter; Enter on a
    listed bullet loads it for editing, Delete removes it. Every change is
    stored (and audited) at once. Below the bullets, the protocol's phrase bank
    suggests what the district's figures call for; Enter on one loads it into
    the field, to be edited and saved like any bullet.
    """

    BINDINGS = [
        Binding("escape", "close", t("tallies.cancel")),
        Binding("delete", "delete", "Del", show=False),
    ]

    def __init__(self, report: Report | None = None) -> None:
        super().__init__()
        self.report = report
        self.editing: int | None = None
        self.note_ids: list[int] = []
        self.suggestions: list[str] = []
        self.first_suggestion = 0  # the list's index of the first suggestion

    def compose(self) -> ComposeResult:
        districts = session_of(self).config.district_names
        with Vertical(id="notes-box"):
            yield Static(t("tallies.notes_title"), id="notes-title")
            yield Select([(d, d) for d in districts], value=districts[0], allow_blank=False,
                         id="notes-district")
            yield Select([(t(f"tallies.kind.{k}"), k) for k in ("strength", "development")],
                         value="strength", allow_blank=False, id="notes-kind")
            yield OptionList(id="notes-list")
            yield Input(placeholder=t("tallies.notes_new"), id="notes-input")
            yield Static(t("tallies.notes_help"), id="notes-help")

    def on_mount(self) -> None:
        self.fill()
        self.query_one(Input).focus()

    def where(self) -> tuple[str, str]:
        return (str(self.query_one("#notes-district", Select).value),
                str(self.query_one("#notes-kind", Select).value))

    def fill(self) -> None:
        from store.reports import district_notes

        district, kind = self.where()
        notes = [n for n in district_notes(session_of(self).db, district) if n["kind"] == kind]
        self.note_ids = [n["id"] for n in notes]
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(f"• {n['text']}") for n in notes]
                            or [Option(t("tallies.notes_empty"), disabled=True)])
        self.first_suggestion = listing.option_count
        self.suggestions = self._suggested(district, kind, [n["text"] for n in notes])
        listing.add_options([Option(Text(t("tallies.notes_suggestion", text=s), style="italic"))
                             for s in self.suggestions])

    def _suggested(self, district: str, kind: str, taken: list[str]) -> list[str]:
        from jobs.phrase_bank import suggested_notes
        from review_protocols.phrases import PhrasesError

        if self.report is None:
            return []
        try:
            return suggested_notes(self.report, session_of(self).protocol, district, kind,
                                   taken)
        except PhrasesError as error:
            self.notify(t("tallies.notes_suggestions_failed", error=error), severity="error")
            return []

    @on(Select.Changed)
    def changed(self) -> None:
        self.editing = None
        self.fill()

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        from store.reports import add_district_note, update_district_note

        session = session_of(self)
        text = event.value.strip()
        if not text:
            return
        district, kind = self.where()
        if self.editing is not None:
            update_district_note(session.db, self.editing, text, who=session.user)
        else:
            add_district_note(session.db, district, kind, text, who=session.user)
        self.editing = None
        event.input.value = ""
        self.fill()

    @on(OptionList.OptionSelected, "#notes-list")
    def edit(self, event: OptionList.OptionSelected) -> None:
        suggestion = event.option_index - self.first_suggestion
        if 0 <= suggestion < len(self.suggestions):
            self.editing = None  # saved as a new bullet
            field = self.query_one(Input)
            field.value = self.suggestions[suggestion]
            field.focus()
        elif event.option_index < len(self.note_ids):
            from store.reports import district_notes

            self.editing = self.note_ids[event.option_index]
            text = next(n["text"] for n in district_notes(session_of(self).db)
                        if n["id"] == self.editing)
            field = self.query_one(Input)
            field.value = text
            field.focus()

    def action_delete(self) -> None:
        from store.reports import delete_district_note

        session = session_of(self)
        listing = self.query_one(OptionList)
        if listing.has_focus and listing.highlighted is not None \
                and listing.highlighted < len(self.note_ids):
            delete_district_note(session.db, self.note_ids[listing.highlighted],
                                 who=session.user)
            self.fill()

    def action_close(self) -> None:
        self.dismiss(None)
