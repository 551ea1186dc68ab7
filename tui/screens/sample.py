"""The Sample view (F3, supervisors): frames, eligible women and men per district, the draw.

Keys: type a seed and press Enter (or d) to draw; pick a drawn case in the
list and press r to replace it (a small dialog asks why). The work is done by
``jobs.sampling``, the same functions as ``granska draw`` and
``granska sample replace``.
"""

from __future__ import annotations

import json
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, Static

from jobs.i18n import grouped, t, titled
from tui.long_work import ProgressLine, run_long
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.rows import cursor_key
from tui.widgets.title_bar import TitleBar


class ReasonModal(ModalScreen[str | None]):
    """Asks why a case is to be replaced; returns the reason, or None when cancelled."""

    DEFAULT_CSS = """
    ReasonModal { align: center middle; }
    #reason-dialog {
        width: 64; height: auto; border: round $primary; padding: 0 1; background: $surface;
    }
    #reason-hint { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "cancel", t("sample.key.cancel"), id="cancel_reason")]

    def __init__(self, case_ref: str) -> None:
        super().__init__()
        self.case_ref = case_ref

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-dialog"):
            yield Label(t("sample.reason_title", case_ref=self.case_ref))
            yield Input(placeholder=t("sample.reason_placeholder"), id="reason")
            yield Static(t("sample.reason_hint"), id="reason-hint")

    @on(Input.Submitted, "#reason")
    def submit(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            self.notify(t("sample.reason_needed"), severity="warning")
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SampleScreen(Screen[None]):
    DEFAULT_CSS = """
    SampleScreen #frames { height: auto; max-height: 2; padding: 0 1; }
    SampleScreen #strata { height: auto; max-height: 6; }
    SampleScreen #draw-bar { height: auto; max-height: 3; padding: 0 1; }
    SampleScreen #seed-label { width: auto; padding: 0 1 0 0; }
    SampleScreen #seed { width: 12; height: 1; border: none; padding: 0 1; background: $boost; }
    SampleScreen #seed:focus { background: $accent 30%; }
    SampleScreen #summary { width: 1fr; height: auto; padding: 0 0 0 2; }
    SampleScreen #members { height: 1fr; }
    """
    BINDINGS = [
        Binding("d", "draw", t("sample.key.draw"), id="sample_draw"),
        Binding("r", "replace", t("sample.key.replace"), id="sample_replace"),
        Binding("s", "focus_seed", t("sample.key.seed"), id="sample_seed"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="frames")
        yield DataTable(id="strata", cursor_type="none", show_cursor=False)
        with Horizontal(id="draw-bar"):
            yield Label(t("sample.seed"), id="seed-label")
            yield Input(placeholder=t("sample.seed_placeholder"), type="integer", id="seed")
            yield Static(id="summary")
        yield DataTable(id="members", cursor_type="row", zebra_stripes=True)
        yield ProgressLine()
        yield KeyBar()

    def on_mount(self) -> None:
        session = session_of(self)
        self.title = titled(t("sample.title"))
        strata = self.query_one("#strata", DataTable)
        strata.add_columns(t("sample.col.district"), t("sample.col.eligible_k"),
                           t("sample.col.eligible_m"), t("sample.col.quota"),
                           t("sample.col.drawn"))
        members = self.query_one("#members", DataTable)
        members.add_columns(t("sample.col.case_ref"), t("sample.col.district"),
                            t("sample.col.gender"), t("sample.col.role"), t("sample.col.rank"),
                            t("sample.col.status"), t("sample.col.reason"))
        from store.samples import latest_sample_id, sample

        latest = latest_sample_id(session.db)
        stored = sample(session.db, latest) if latest else None
        seed = stored["seed"] if stored else session.config.sample.seed
        self.query_one("#seed", Input).value = str(seed)
        self.refresh_view()
        members.focus()

    # --- data -------------------------------------------------------------------------

    @property
    def is_supervisor(self) -> bool:
        from store.users import role_of

        session = session_of(self)
        return role_of(session.db, session.user) == "supervisor"

    def refresh_view(self) -> None:
        from jobs.sampling import default_frames, eligible_counts, spec_from_config
        from store.samples import latest_sample_id, members, sample

        session = session_of(self)
        if session.role != "supervisor":
            # The sample shows every case and whose review is how far: supervisors only.
            self.query_one("#frames", Static).update(t("sample.refused"))
            return

        db, config = session.db, session.config
        frames = default_frames(db)
        self.query_one("#frames", Static).update(
            t("sample.frames", frames=" · ".join(
                t("sample.frame", name=f["name"], rows=grouped(f["row_count"]))
                for f in frames)) if frames else t("sample.no_frames"))
        spec = spec_from_config(config)
        counts = eligible_counts(db, [f["id"] for f in frames], spec)
        sample_id = latest_sample_id(db)
        rows = members(db, sample_id) if sample_id else []
        drawn: dict[tuple[str, str], int] = {}
        for m in rows:
            if m["role"] in ("selected", "replacement"):
                drawn[m["district"], m["gender"]] = drawn.get((m["district"], m["gender"]), 0) + 1
        strata = self.query_one("#strata", DataTable)
        strata.clear()
        for district, women, men in spec.quotas:
            strata.add_row(district, str(counts[district]["K"]), str(counts[district]["M"]),
                           f"{women}/{men}",
                           f"{drawn.get((district, 'K'), 0)}/{drawn.get((district, 'M'), 0)}")
        table = self.query_one("#members", DataTable)
        table.clear()
        for m in rows:
            status = m["review_status"]
            if status is None and m["role"] in ("selected", "replacement"):
                status = "unassigned"
            status_text = (t("sample.status.unassigned") if status == "unassigned"
                           else t(f"status.{status}") if status else "")
            table.add_row(m["case_ref"], m["district"], t(f"gender.{m['gender']}"),
                          t(f"sample.role.{m['role']}"), str(m["rank"]), status_text,
                          m["reason"] or "", key=m["case_ref"])
        stored = sample(db, sample_id) if sample_id else None
        self.query_one("#summary", Static).update(
            self._summary(stored) if stored else t("sample.none"))

    def _summary(self, stored: dict[str, Any]) -> str:
        outcome = json.loads(stored["outcome"] or "{}")
        text = t("sample.summary", id=stored["id"], seed=stored["seed"],
                 selected=outcome.get("selected", "?"), wanted=outcome.get("wanted", "?"))
        shorts = [s for s in outcome.get("shortfalls", []) if s.get("left_short")]
        if not shorts:
            return text
        if len(shorts) == 1:  # one says exactly what; many would not fit: the table shows them
            s = shorts[0]
            who = t("sample.women" if s["gender"] == "K" else "sample.men")
            return "  ".join([text, t("sample.short", district=s["district"],
                                      short=s["left_short"], who=who)])
        return "  ".join([text, t("sample.shorts", n=len(shorts))])

    # --- actions ----------------------------------------------------------------------

    def action_focus_seed(self) -> None:
        self.query_one("#seed", Input).focus()

    @on(Input.Submitted, "#seed")
    def seed_submitted(self) -> None:
        self.action_draw()

    def action_draw(self) -> None:
        session = session_of(self)
        if not self.is_supervisor:
            self.notify(t("sample.supervisors_only"), severity="warning")
            return
        text = self.query_one("#seed", Input).value.strip()
        from jobs.config import in_bounds

        try:
            seed = int(text)
        except ValueError:
            seed = -1
        if not in_bounds(seed, "[sample] seed"):  # SQLite holds 63 bits and a sign
            self.notify(t("sample.bad_seed"), severity="error")
            return
        from jobs.sampling import Drawn, default_frames, draw_sample

        config, frames = session.config, [f["name"] for f in default_frames(session.db)]

        def drawn(result: Drawn) -> None:
            outcome = result.result.outcome
            self.refresh_view()
            self.query_one("#members", DataTable).focus()
            self.notify(t("sample.drawn", id=result.sample_id, seed=seed,
                          selected=outcome["selected"], wanted=outcome["wanted"]))

        def failed(error: Exception) -> None:
            self.notify(str(error), severity="error")

        run_long(self, t("progress.draw"),
                 lambda db, on_progress: draw_sample(db, config, seed=seed, frame_names=frames,
                                                     on_progress=on_progress),
                 drawn, failed)

    def action_replace(self) -> None:
        if not self.is_supervisor:
            self.notify(t("sample.supervisors_only"), severity="warning")
            return
        table = self.query_one("#members", DataTable)
        case_ref = cursor_key(table)
        from store.samples import latest_sample_id, member_by_case_ref

        sample_id = latest_sample_id(session_of(self).db)
        member = (None if case_ref is None or sample_id is None
                  else member_by_case_ref(session_of(self).db, sample_id, case_ref))
        if (case_ref is None or sample_id is None or member is None
                or member["role"] not in ("selected", "replacement")):
            self.notify(t("sample.pick_selected"), severity="warning")
            return

        def replace(reason: str | None) -> None:
            session = session_of(self)
            if reason is None:
                return
            from jobs.sampling import replace_case

            try:
                done = replace_case(session.db, sample_id, case_ref, reason, who=session.user)
            except ValueError as error:
                self.notify(str(error), severity="error")
                return
            self.refresh_view()
            if done.replacement is None:
                self.notify(t("sample.replaced_none", old=case_ref), severity="warning")
            else:
                self.notify(t("sample.replaced", old=case_ref,
                              new=done.replacement["case_ref"]))
                table.move_cursor(row=table.get_row_index(done.replacement["case_ref"]))

        self.app.push_screen(ReasonModal(case_ref), replace)
