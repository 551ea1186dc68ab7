"""The reviewer's cases: district, gender, status and progress; Enter opens one. Cases
returned by a supervisor come first (``store.reviews``' order), marked ↩.

The list never loads every row: it shows one page, as many rows as fit, read
from SQL with LIMIT/OFFSET (``store.reviews.list_reviews``), so 100,000 cases
cost the same as 80. Moving past the last row (or PgDn) reads the next page.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from jobs.i18n import t, titled
from tui.session import session_of
from tui.widgets.key_bar import KeyBar
from tui.widgets.page_table import PageTable
from tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.widgets import Input  # built on the first '/', imported then

GENDERS = (None, "K", "M")
STATUSES = (None, "not_started", "in_progress", "complete", "returned", "approved")
BAR = 10


def bar(done: int, total: int, width: int = BAR) -> str:
    """A progress bar in plain characters, so it reads without colour."""
    filled = math.ceil(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


class CaseTable(PageTable):
    """The page of cases; the screen turns pages at its edges."""

    BINDINGS = [
        Binding("enter", "select_cursor", t("key.open"), id="cases_open"),
        Binding("pagedown", "next_page", show=False),
        Binding("pageup", "previous_page", show=False),
        Binding("ctrl+home", "edge_page(-1)", show=False),
        Binding("ctrl+end", "edge_page(1)", show=False),
    ]

    def action_edge_page(self, step: int) -> None:
        self.screen.turn_page(step * 10**9, cursor="first")  # type: ignore[attr-defined]

    def action_cursor_down(self) -> None:
        if self.cursor_row >= self.row_count - 1:
            self.screen.turn_page(+1, cursor="first")  # type: ignore[attr-defined]
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.screen.turn_page(-1, cursor="last")  # type: ignore[attr-defined]
        else:
            super().action_cursor_up()

    def action_next_page(self) -> None:
        self.screen.turn_page(+1, cursor="first")  # type: ignore[attr-defined]

    def action_previous_page(self) -> None:
        self.screen.turn_page(-1, cursor="first")  # type: ignore[attr-defined]


class CaseListScreen(Screen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #progress { height: auto; padding: 0 1; }
    #filters { height: 1; padding: 0 1; background: $boost; }
    #search { height: 3; }
    #cases-empty { height: auto; padding: 1 2; }
    """
    BINDINGS = [
        Binding("enter", "open_case", t("key.open"), id="open_case"),
        # priority: run when the app receives '/', before it hands on the keys typed after
        # it, so that those go into the search field even when they come in one burst
        Binding("slash", "search", t("cases.key_search"), id="cases_search", key_display="/",
                priority=True),
        Binding("d", "cycle('district')", t("cases.key_district"), id="cases_district"),
        Binding("g", "cycle('gender')", t("cases.key_gender"), id="cases_gender"),
        Binding("s", "cycle('status')", t("cases.key_status"), id="cases_status"),
        Binding("r", "clear_filters", t("cases.key_clear"), id="cases_clear"),
        Binding("question_mark", "keys", t("review.key_keys"), id="cases_keys", key_display="?"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters: dict[str, str | None] = {
            "district": None, "gender": None, "status": None, "search": None,
        }
        self.row_offset = 0
        self.page_size = 15
        self.total = 0
        self.districts: list[str] = []
        self._resumed = False
        self._loaded = False  # the first page is in (on_mount): a resize before it reads none
        self.last_opened: int | None = None
        self._role_cache: tuple[str | None] | None = None
        self._progress: tuple[tuple, dict] | None = None  # (scope, per district)
        self._progress_shown: dict | None = None
        self._empty_shown: bool | None = None

    def _role(self) -> str | None:
        if self._role_cache is None:
            self._role_cache = (session_of(self).role,)
        return self._role_cache[0]

    def _scope(self) -> dict[str, str]:
        """What this user may see (``jobs.access``): inspectors their own reviews only (so a
        blind second review stays blind), supervisors every review, trainers training
        reviews only."""
        from jobs.access import review_filter

        role = self._role()
        if role == "trainer":
            return {"kind": "training"}
        return review_filter(role, session_of(self).user)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="progress", markup=False)
        yield Static("", id="filters", markup=False)
        yield CaseTable(id="cases")
        yield Static("", id="cases-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = titled(t("cases.title"))
        self.sub_title = self.app.sub_title
        table = self.query_one(CaseTable)
        columns = [t("col.case_ref"), t("col.district"), t("col.gender"), t("col.status"),
                   t("col.answered")]
        if "reviewer" not in self._scope():
            columns.append(t("col.reviewer"))  # everyone's reviews: say whose each is
        table.add_columns(*columns)
        self.page_size = self._fitting_rows()
        self.set_focus(table)  # now: focus() would move it later, after keys typed at once
        # The first page of rows is in the screen's first frame: keys act on what is shown.
        self._loaded = True
        self.reload()
        self._resume()

    def _fitting_rows(self) -> int:
        """How many rows fit below the header, progress and filter lines."""
        lines = 1 + 1 + self._progress_lines() + 1 + 1  # header, total, districts, filters, foot
        return max(5, self.app.size.height - lines - 1)  # -1: the table's own header row

    def _progress_lines(self) -> int:
        return math.ceil(len(self.districts) / 2) if self.districts else 2

    def on_resize(self, event: events.Resize) -> None:
        size = self._fitting_rows()
        if size != self.page_size:
            self.page_size = size
            self.row_offset -= self.row_offset % size
            if self._loaded:
                self.reload()

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        # the first resume comes right after mount, which has just read everything
        if self.is_mounted and self._resumed and getattr(self, "_away", False):
            self._progress = None  # back from a case: statuses may have changed
            self.reload(keep_cursor=True)

    # --- data ---------------------------------------------------------------------------------
    def reload(self, *, keep_cursor: bool = False, cursor: str = "first") -> None:
        from store.reviews import count_reviews, progress

        db, scope = session_of(self).db, self._scope()
        # A supervisor's progress is the sample's: primary reviews, not second or training.
        progress_scope = scope or {"kind": "primary"}
        key = tuple(sorted(progress_scope.items()))
        if self._progress is None or self._progress[0] != key:  # filters leave it as is
            self._progress = (key, progress(db, **progress_scope))
        per_district = self._progress[1]
        self.districts = sorted(per_district)
        self.page_size = self._fitting_rows()  # the progress lines take one per two districts
        self.total = count_reviews(db, **scope, **self._sql_filters())
        self.row_offset = max(0, min(self.row_offset, (self.total - 1) // self.page_size
                                 * self.page_size if self.total else 0))
        if per_district is not self._progress_shown:  # a filter change leaves it as it is
            self._show_progress(per_district)
        self._show_page(keep_cursor=keep_cursor, cursor=cursor)

    def _sql_filters(self) -> dict[str, str | None]:
        return {key: value for key, value in self.filters.items() if value}

    def _show_page(self, *, keep_cursor: bool = False, cursor: str = "first") -> None:
        from store.reviews import list_reviews

        table = self.query_one(CaseTable)
        row_before = table.cursor_row
        scope = self._scope()
        rows = list_reviews(session_of(self).db, **scope,
                            offset=self.row_offset, limit=self.page_size, **self._sql_filters())
        counts = self._answered(rows)
        table.clear()
        for row in rows:
            status = row["status"]
            mark = {"complete": "✓ ", "approved": "✓ ", "in_progress": "… ",
                    "returned": "↩ "}.get(status, "  ")
            cells = [row["case_ref"], row["district"], t(f"gender.{row['gender']}"),
                     mark + t(f"status.{status}"), counts[row["id"]]]
            if "reviewer" not in scope:
                kind = "" if row["kind"] == "primary" else f" ({t('review_kind.' + row['kind'])})"
                cells.append(row["reviewer"] + kind)
            table.add_row(*cells, key=str(row["id"]))
        if rows:
            target = row_before if keep_cursor else (len(rows) - 1 if cursor == "last" else 0)
            if keep_cursor and self.last_opened is not None:
                ids = [row["id"] for row in rows]
                if self.last_opened in ids:
                    target = ids.index(self.last_opened)
            table.move_cursor(row=min(max(target, 0), len(rows) - 1))
        empty = self.query_one("#cases-empty", Static)
        if self._empty_shown != (not rows):  # only when it comes or goes (relayouts)
            self._empty_shown = not rows
            empty.update(t("cases.empty") if not rows else "")
            empty.display = not rows
        self._show_filters(len(rows))

    def _answered(self, rows: list[dict]) -> dict[int, str]:
        """"answered/applicable" per row, by the protocol's skip logic (one query a page)."""
        from review_protocols.completeness import answered_applicable
        from review_protocols.values import decode
        from store.reviews import answers_for_reviews

        session = session_of(self)
        stored = answers_for_reviews(session.db, [row["id"] for row in rows])
        counts = {}
        judged: dict[tuple[str, frozenset[tuple[str, str]]], str] = {}  # rows answered alike
        for row in rows:
            answers = frozenset(stored[row["id"]].items())
            key = (row["protocol_id"], answers)
            if key not in judged:
                protocol = session.protocol_for(row["protocol_id"])
                values = {qid: decode(protocol.question(qid), text)
                          for qid, text in answers if protocol.has_question(qid)}
                answered, total = answered_applicable(protocol, values)
                judged[key] = f"{answered}/{total}"
            counts[row["id"]] = judged[key]
        return counts

    def turn_page(self, step: int, *, cursor: str = "first") -> None:
        """Show the page `step` pages away, stopping at the first and the last."""
        last = (self.total - 1) // self.page_size * self.page_size if self.total else 0
        offset = max(0, min(last, self.row_offset + step * self.page_size))
        if offset == self.row_offset:
            return
        self.row_offset = offset
        self._show_page(cursor=cursor)

    def _show_progress(self, per_district: dict[str, dict[str, int]]) -> None:
        done = sum(p["complete"] for p in per_district.values())
        total = sum(p["total"] for p in per_district.values())
        percent = round(100 * done / total) if total else 0
        text = Text()
        text.append(f"{t('cases.total'):<18} {bar(done, total, 2 * BAR)} {done}/{total}"
                    f" ({percent} %)", style="bold")
        cells = []
        for name in self.districts:
            p = per_district[name]
            cells.append(f"{name[:18]:<18} {bar(p['complete'], p['total'])}"
                         f" {p['complete']:>3}/{p['total']:<3}")
        for index in range(0, len(cells), 2):
            text.append("\n" + "  ".join(cells[index:index + 2]))
        self.query_one("#progress", Static).update(text)
        self._progress_shown = per_district

    def _show_filters(self, shown: int) -> None:
        f = self.filters
        parts = [
            f"{t('col.district')}: {f['district'] or t('cases.all')}",
            f"{t('col.gender')}: {t('gender.' + f['gender']) if f['gender'] else t('cases.all')}",
            f"{t('col.status')}: {t('status.' + f['status']) if f['status'] else t('cases.all')}",
        ]
        if f["search"]:
            parts.append(f"{t('cases.key_search')}: {f['search']}")
        first = self.row_offset + 1 if shown else 0
        parts.append(t("cases.rows", first=first, last=self.row_offset + shown, total=self.total))
        # one line whatever it says: no relayout of the screen
        self.query_one("#filters", Static).update(" · ".join(parts), layout=False)

    # --- filters ------------------------------------------------------------------------------
    def action_cycle(self, name: str) -> None:
        choices: tuple[str | None, ...] = {
            "district": (None, *self.districts), "gender": GENDERS, "status": STATUSES,
        }[name]
        current = self.filters[name]
        index = choices.index(current) if current in choices else 0
        self.filters[name] = choices[(index + 1) % len(choices)]
        self.row_offset = 0
        self.reload()

    def action_clear_filters(self) -> None:
        self.filters = dict.fromkeys(self.filters)
        self._close_search()

    def _close_search(self) -> None:
        """Empty and hide the search field, and show every case of the other filters."""
        search = self._search_field()
        if search is not None:
            search.value = ""
            search.display = False
        self.filters["search"] = None
        self.row_offset = 0
        self.reload()
        self.set_focus(self.query_one(CaseTable))

    def _search_field(self) -> Input | None:
        """The search field, once '/' has made it (start-up does not build what it hides)."""
        found = self.query("#search")
        return cast("Input", found.first()) if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "search":
            return True
        search = self._search_field()  # in the field, '/' is typed in (shown dimmed)
        return None if search is not None and search.has_focus else True

    async def action_search(self) -> None:
        """Open the search field (built on the first '/': start-up does not build what it
        hides) and focus it; the app waits for this before it hands on the next key."""
        search = self._search_field()
        if search is None:
            from textual.widgets import Input

            search = Input(placeholder=t("cases.search_placeholder"), id="search")
            await self.mount(search, before=self.query_one(CaseTable))
        search.display = True
        self.set_focus(search)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.filters["search"] = event.value.strip() or None
        event.input.display = bool(self.filters["search"])
        self.row_offset = 0
        self.reload()
        self.set_focus(self.query_one(CaseTable))

    def on_key(self, event: events.Key) -> None:
        search = self._search_field()
        if event.key == "escape" and search is not None and search.has_focus:
            self._close_search()
            event.stop()

    def action_keys(self) -> None:
        from tui.widgets.modals import KeysModal

        self.app.push_screen(KeysModal(t("cases.keys_help")))

    # --- opening ------------------------------------------------------------------------------
    def on_page_table_row_selected(self, event: PageTable.RowSelected) -> None:
        self._open(int(event.row_key))

    def action_open_case(self) -> None:
        key = self.query_one(CaseTable).cursor_key
        if key is not None:
            self._open(int(key))

    def _open(self, review_id: int, question_id: str | None = None) -> None:
        from tui.screens.case import CaseScreen

        self.last_opened = review_id
        self.app.push_screen(CaseScreen(review_id, question_id))

    def _resume(self) -> None:
        """Back to the case and question this reviewer was at when Granska last closed."""
        from store.reviews import review
        from store.rounds import earlier_round
        from store.state import POSITION_KEY, recall

        session = session_of(self)
        self._resumed = True
        try:
            position = json.loads(recall(session.db, session.user, POSITION_KEY) or "{}")
        except ValueError:
            return
        review_id = position.get("review")
        if not isinstance(review_id, int) or not position.get("open"):
            return
        info = review(session.db, review_id)
        if info is None or info["reviewer"] != session.user \
                or earlier_round(session.db, review_id) is not None:  # a new round began since
            return
        self._open(review_id, position.get("question"))

