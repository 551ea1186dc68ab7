"""One case: the protocol section by section, beside the case file text.

Every answer is written the moment its key is pressed (``store.reviews.save_answer``,
one transaction), off the UI thread and in the order given (``tui.saving``): keys
go on working while another user holds the write lock. The question shows
"sparar…" until the commit returned, then "✓ sparad"; a failed save is shown
loudly and the widget goes back to the stored value.
Skip logic is live: a question that stops applying is hidden, its answer stays
in the database and shows again when the question applies again.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from jobs.i18n import language, t, titled
from jobs.identities import subject
from jobs.review_unit import OutcomeHint
from review_protocols import Protocol, QuestionType, applicable
from review_protocols.completeness import answered_applicable, missing_required
from review_protocols.conditions import Value
from review_protocols.evidence import lacking_evidence
from review_protocols.values import decode, display, encode
from store.errors import StoreError
from tui.session import saves_of, session_of
from tui.widgets.identity import IdentityLine, MaskedText
from tui.widgets.key_bar import KeyBar
from tui.widgets.question import QuestionView
from tui.widgets.review_commands import ReviewCommands
from tui.widgets.shown_by_answers import ShownByAnswers
from tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from store.database import Database
    from store.evidence import Evidence

SECTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True)
class Layout:
    """What never changes for a protocol: order, sections, question numbers."""

    order: tuple[str, ...]
    section_of: dict[str, int]
    numbers: dict[str, str]


_layouts: dict[tuple[str, str], Layout] = {}


def layout_for(protocol: Protocol) -> Layout:
    key = (protocol.id, protocol.version)
    if key not in _layouts:
        order, section_of, numbers = [], {}, {}
        for s_index, section in enumerate(protocol.sections):
            letter = SECTION_LETTERS[s_index % len(SECTION_LETTERS)]
            for q_index, question in enumerate(section.questions, 1):
                order.append(question.id)
                section_of[question.id] = s_index
                numbers[question.id] = f"{letter}{q_index}"
        _layouts[key] = Layout(tuple(order), section_of, numbers)
    return _layouts[key]


def remember_position(db: Database, user: str, value: str) -> bool:
    """Where the reviewer was is a convenience, never worth an error: False if not written."""
    from store.state import POSITION_KEY, remember

    try:
        remember(db, user, POSITION_KEY, value)
    except StoreError:
        return False
    return True


class ProtocolScroll(VerticalScroll, inherit_bindings=False, can_focus=False):
    """The questions; keys are the screen's, so arrows move between questions."""


class SectionBox(ShownByAnswers, Vertical):
    """A section's heading and questions. Kept apart so that a skip-logic answer lays out
    again only its own section: Textual caches each container's arrangement, and one flat
    list of every question would be arranged whole on each answer that shows or hides one.
    """

    DEFAULT_CSS = "SectionBox { height: auto; }"


class CaseFilePane(VerticalScroll, inherit_bindings=False, can_focus=False):
    """The case file text, scrolled with { and } or the mouse, and to the part a
    section's answers are looked for in (the section's ``case_file``)."""


def case_file_parts(text: str) -> list[tuple[int, str]]:
    """The case file's parts: the paragraphs between its blank lines, each with the number
    of its first line in the text (a part's heading is its first line)."""
    parts: list[tuple[int, str]] = []
    lines: list[str] = []
    for number, line in enumerate([*text.split("\n"), ""]):
        if line.strip():
            lines.append(line)
        elif lines:
            parts.append((number - len(lines), "\n".join(lines)))
            lines = []
    return parts


class CaseScreen(Screen[None]):
    # Readable in 80x24, 16 colours and NO_COLOR: nothing is told by colour alone
    # (the current question has ▶, answers ● ☒ ✓ sparad, failures ✗).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #case-columns { height: 1fr; }
    #questions { width: 1fr; scrollbar-size-vertical: 1; }
    #case-text-pane {
        width: 40%;
        border-left: solid $primary;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    .case-file-part { margin-bottom: 1; }
    .case-file-part:last-child { margin-bottom: 0; }
    #case-note {
        height: auto;
        max-height: 2;
        padding: 0 1;
        text-style: italic;
        border-bottom: solid $primary;
    }
    #return-reason { height: auto; padding: 0 1; background: $warning; color: $text; }
    CaseScreen .section-title { height: auto; margin-top: 1; padding: 0 1; text-style: bold; }
    #banner {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
    }
    #banner.read-only { background: $warning; color: $text; }
    #status { height: 1; padding: 0 1; background: $panel; }
    """
    COMMANDS = {ReviewCommands}
    BINDINGS = [
        Binding("escape", "back", t("key.back"), id="review_back"),
        Binding("question_mark", "keys", t("review.key_keys"), id="review_keys", key_display="?"),
        Binding("ctrl+k", "complete", t("case.key_complete"), id="review_complete"),
        Binding("ctrl+n", "question_note", t("case.key_note"), id="review_note"),
        Binding("ctrl+d", "evidence", t("evidence.key"), id="review_evidence", show=False),
        Binding("f1", "toggle_help", t("case.key_help"), id="review_help"),
        Binding("ctrl+e", "case_note", t("case.key_case_note"), id="review_case_note", show=False),
        Binding("ctrl+t", "toggle_file", t("case.key_case_file"), id="review_file", show=False),
        Binding("ctrl+r", "reveal", t("identity.key_reveal"), id="review_reveal", show=False),
        Binding("down,j,tab", "next_question", show=False),
        Binding("up,k,shift+tab", "previous_question", show=False),
        Binding("pagedown,right_square_bracket", "next_section", show=False),
        Binding("pageup,left_square_bracket", "previous_section", show=False),
        Binding("home", "first_question", show=False),
        Binding("end", "last_question", show=False),
        Binding("right_curly_bracket", "scroll_file(1)", show=False),
        Binding("left_curly_bracket", "scroll_file(-1)", show=False),
    ]

    def __init__(self, review_id: int, focus_question: str | None = None) -> None:
        super().__init__()
        self.review_id = review_id
        self.focus_question = focus_question
        self._position_dirty = False
        self._last_message = ""
        self._actions: dict[str, Callable[[], object]] | None = None
        self._unsaved: dict[str, int] = {}  # question id -> writes not yet returned
        self._notified: StoreError | None = None
        self._position_queued = False
        self._leaving = False

    # --- building -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        from jobs.providers import unit_attributes
        from jobs.review_unit import beside_follows_answers, beside_text
        from store.evidence import evidence_for
        from store.reviews import answers_for, review
        from store.rounds import earlier_round
        from store.users import can_edit

        session = session_of(self)
        db = session.db
        self.info = review(db, self.review_id) or {}
        # Decided once: someone else's review the user may not change, or one of an earlier
        # round (kept to compare with), is shown read-only.
        self.earlier_round = earlier_round(db, self.review_id)
        self.read_only = self.earlier_round is not None \
            or not can_edit(db, self.review_id, session.user)
        self.protocol = session.protocol_for(self.info["protocol_id"])
        self.plan = layout_for(self.protocol)
        self.status = self.info["status"]
        self.case_note = self.info.get("note") or ""
        stored = answers_for(db, self.review_id)
        self.values: dict[str, Value] = {}  # as shown, written or not
        notes: dict[str, str] = {}
        for qid, answer in stored.items():
            if self.protocol.has_question(qid):
                value = decode(self.protocol.question(qid), answer.value)
                if value is not None:
                    self.values[qid] = value
                notes[qid] = answer.note or ""
        self.stored = dict(self.values)  # as written
        # What the conditions may test of the unit (a provider's contract; nothing of a case).
        self.unit = unit_attributes(self.info)
        self.applies = applicable(self.protocol, self.values, self.unit)
        self.evidence = evidence_for(db, self.review_id)
        from jobs.checks import ReviewMarks

        self.checks = ReviewMarks(db, self.protocol, self.review_id, language())
        self.marks = self.checks.marks(self.values, self.status)
        self.views: dict[str, QuestionView] = {}
        self.section_titles: list[Static] = []
        self.section_boxes: list[SectionBox] = []
        text = beside_text(db, self.protocol, self.values, self.info)
        self.subject = subject(db, self.info.get("population_id"))  # masked until revealed
        from jobs.rounds import previous_for

        previous = previous_for(db, self.protocol, self.review_id, self.subject)  # one read
        self.title = titled(t("case.title", case_ref=self.info["case_ref"]))
        yield TitleBar()
        yield IdentityLine(self.review_id, self.info["case_ref"],
                           about_person=self.info.get("population_id") is not None)
        yield MaskedText(self._return_text(), self.subject, id="return-reason")
        # Above the questions, not among them: a note saved far down the protocol is seen.
        yield MaskedText(self._case_note_text(), self.subject, id="case-note")
        with Horizontal(id="case-columns"):
            with ProtocolScroll(id="questions"):
                for s_index, section in enumerate(self.protocol.sections):
                    letter = SECTION_LETTERS[s_index % len(SECTION_LETTERS)]
                    title = section.title_in(language())
                    box = SectionBox()
                    box.display = any(self.applies[q.id] for q in section.questions)
                    self.section_boxes.append(box)
                    with box:
                        heading = Static(Text(f"{letter}. {title}", style="bold underline"),
                                         classes="section-title")
                        self.section_titles.append(heading)
                        yield heading
                        for question in section.questions:
                            view = QuestionView(
                                question, self.plan.numbers[question.id],
                                self.values.get(question.id), notes.get(question.id, ""),
                                self._answer, self.subject,
                            )
                            view.display = self.applies[question.id]
                            view.evidence = self.evidence.get(question.id)
                            view.previous = previous.get(question.id)
                            self.views[question.id] = view
                            yield view
            self.case_file_parts: dict[str, Static] = {}  # a part's first line -> the part
            self.case_file_starts: list[tuple[int, Static]] = []  # its first line's number
            if text and beside_follows_answers(self.info):  # a sheet redrawn per answer
                with CaseFilePane(id="case-text-pane"):
                    yield MaskedText(text, self.subject, id="follow-up-sheet",
                                     classes="case-file-part")
            elif text:
                with CaseFilePane(id="case-text-pane"):
                    for start, part in case_file_parts(text):
                        shown = MaskedText(part, self.subject, classes="case-file-part")
                        self.case_file_parts.setdefault(part.partition("\n")[0], shown)
                        self.case_file_starts.append((start, shown))
                        yield shown
        yield Static("", id="banner", markup=False)
        yield Static("", id="status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        banner = self.query_one("#banner", Static)
        banner.display = self.read_only
        if self.read_only:
            banner.update(t("case.read_only", reviewer=self.info["reviewer"])
                          if self.earlier_round is None
                          else t("case.read_only_round", round=self.earlier_round))
            banner.add_class("read-only")
        self.query_one("#case-note").display = bool(self.case_note)
        if self.checks.error:  # a rules file that cannot be used: no marks, and why
            self.app.notify(self.checks.error, severity="error", timeout=15)
        self.query_one("#return-reason").display = self.status == "returned"
        start = self.focus_question
        if start not in self.views or not self.applies.get(start, False):
            missing = [q for q in self.plan.order
                       if self.applies[q] and self.values.get(q) in (None, [], "")]
            start = missing[0] if missing else self._visible()[0]
        self.current: str | None = None
        self._focus(start)
        self.call_after_refresh(self._scroll_to_current)
        self._update_status()
        self._position_dirty = True
        self._flush_position()
        self.set_interval(1.0, self._flush_position)

    def _theme_changed(self, _theme: object) -> None:
        if self.current_view is not None:
            self.current_view.mark_current()

    # --- saving -------------------------------------------------------------------------------
    def _answer(self, view: QuestionView, value: Value, advance: bool) -> bool:
        """Take an answer at once; it shows "sparar…" until the write returns (in order)."""
        from store.reviews import save_answer

        question = view.question
        qid = question.id
        if value == self.values.get(qid) or (value is None and qid not in self.values):
            view.set_value(value, saving=qid in self._unsaved)
            if advance:
                self._focus_step(qid, +1)
            return True
        if self._refuse_read_only():
            return False
        self._take(qid, value)
        self._unsaved[qid] = self._unsaved.get(qid, 0) + 1
        view.set_value(value, saving=True)
        self._refresh_applicability()
        self._refresh_marks()
        self._update_status()
        encoded, user = encode(question, value), session_of(self).user
        self._write(
            lambda db: save_answer(db, self.review_id, qid, encoded, who=user),
            lambda _changed: self._answer_saved(view, value),
            lambda error: self._answer_failed(view, error),
        )
        if advance:
            self._focus_step(qid, +1)
        return True

    def _write(self, run: Callable[[Database], object], done: Callable[[Any], None],
               failed: Callable[[StoreError], None]) -> None:
        """``run`` in turn off the UI thread; what it returned is shown only while this
        screen is (a write may return after the app began to close)."""
        def shown(then: Callable[[Any], None]) -> Callable[[Any], None]:
            return lambda result: then(result) if self.app.is_running and self.is_attached \
                else None

        saves_of(self).put(run, shown(done), shown(failed))

    def _take(self, qid: str, value: Value, into: dict[str, Value] | None = None) -> None:
        values = self.values if into is None else into
        if value is None:
            values.pop(qid, None)
        else:
            values[qid] = value

    def _answer_saved(self, view: QuestionView, value: Value) -> None:
        question = view.question
        self._take(question.id, value, self.stored)
        self._unsaved[question.id] -= 1
        if not self._unsaved[question.id]:
            del self._unsaved[question.id]
            view.set_value(self.values.get(question.id))
        # as the store moves it: a first answer starts the review, a change un-approves it
        self.status = {"not_started": "in_progress", "approved": "complete"}.get(
            self.status, self.status)
        self._refresh_marks()
        self._refresh_beside()
        self._hide_banner()
        lang = language()
        shown = display(question, value, lang) if question.type is not QuestionType.TEXT else "…"
        self._last_message = (
            f"✓ {t('case.saved', label=question.label_in(lang), value=shown)}" if value is not None
            else f"✓ {t('case.cleared', label=question.label_in(lang))}"
        )
        self._update_status()

    def _answer_failed(self, view: QuestionView, error: StoreError) -> None:
        """Back to what is stored, marked as not saved, and said loudly; the first answer
        lost is the current question again, so it can be given again from there."""
        qid = view.question.id
        first_lost = error is not self._notified
        self._unsaved.pop(qid, None)
        stored = self.stored.get(qid)
        self._take(qid, stored)
        view.set_failed(stored)
        self._refresh_applicability()
        self._refresh_marks()
        self._show_failure(view.question.label_in(language()), error)
        if first_lost and self.applies.get(qid):
            self._focus(qid)

    def _refuse_read_only(self) -> bool:
        """In a read-only review: a short notice instead of a change; True when refused."""
        if self.read_only:
            self.app.notify(t("case.read_only_notice"), severity="warning", timeout=3)
        return self.read_only

    def _show_failure(self, label: str, error: StoreError) -> None:
        message = t("case.save_failed", label=label, error=str(error))
        banner = self.query_one("#banner", Static)
        banner.update(f"✗ {message}")
        banner.display = True
        self._last_message = f"✗ {t('case.not_saved_short')}"
        self._update_status()
        if error is not self._notified:  # writes given up together: one notice
            self._notified = error
            self.app.notify(message, title=t("case.save_failed_title"), severity="error",
                            timeout=15)

    def _hide_banner(self) -> None:
        banner = self.query_one("#banner", Static)
        if banner.display:
            banner.display = False

    def _refresh_applicability(self) -> None:
        applies = applicable(self.protocol, self.values, self.unit)
        if applies == self.applies:
            return
        for qid, now_applies in applies.items():
            if now_applies != self.applies[qid]:
                self.views[qid].set_applies(now_applies)
        for s_index, section in enumerate(self.protocol.sections):
            self.section_boxes[s_index].set_applies(any(applies[q.id] for q in section.questions))
        self.applies = applies

    def mark_for(self, question_id: str) -> list[str]:
        """The open data-quality findings on a question (its QuestionView shows them)."""
        return self.marks.get(question_id, [])

    def _refresh_marks(self) -> None:
        marks = self.checks.marks(self.values, self.status, self.applies)
        changed = [q for q in marks.keys() | self.marks.keys() if marks.get(q) != self.marks.get(q)]
        self.marks = marks
        for question_id in changed:
            self.views[question_id].findings_changed()

    # --- status line and position ---------------------------------------------------------------
    def _update_status(self) -> None:
        answered, total = answered_applicable(self.protocol, self.values, self.unit)
        kept = sum(1 for qid in self.values if not self.applies[qid])
        counted = t("case.answered", answered=answered, total=total)
        if kept:  # answers kept for questions that no longer apply
            counted += " " + t("case.kept_not_applicable", count=kept)
        parts = [self.info["case_ref"], t(f"status.{self.status}"), counted]
        hint = self._outcome_hint()
        if hint is not None:
            parts.append(t("followup.derived", outcome=hint.label))
        if self._last_message:
            parts.append(self._last_message)
        self.query_one("#status", Static).update(" · ".join(parts), layout=False)  # height 1

    def _return_text(self) -> str:
        reason = self.info.get("status_reason")
        return t("review_state.banner", reason=reason) if reason else ""

    def _case_note_text(self) -> str:
        return f"✎ {t('case.case_note')}: {self.case_note}" if self.case_note else ""

    def _flush_position(self, *, open_: bool = True, always: bool = False) -> None:
        """Write where the reviewer is, in turn with the answers (never blocking the keys)."""
        if not always and (not self._position_dirty or self._position_queued):
            return
        value, user = self._position(open_), session_of(self).user
        self._position_dirty = False
        self._position_queued = True
        self._write(lambda db: remember_position(db, user, value),
                           self._position_written, lambda _error: self._position_written(False))

    def _position(self, open_: bool) -> str:
        return json.dumps({"review": self.review_id, "question": self.current, "open": open_})

    def _position_written(self, written: bool) -> None:
        self._position_queued = False
        if not written:
            self._position_dirty = True

    # --- navigation -----------------------------------------------------------------------------
    def _visible(self) -> list[str]:
        return [q for q in self.plan.order if self.applies[q]]

    def _current(self) -> str | None:
        return self.current

    @property
    def current_view(self) -> QuestionView | None:
        return self.views.get(self.current) if self.current else None

    def set_current(self, question_id: str) -> None:
        if question_id in self.views and self.applies.get(question_id):
            self._focus(question_id)

    def _focus(self, question_id: str) -> None:
        """Make a question the current one, at once, so keys typed ahead go to it."""
        if self.current == question_id:
            return
        before = self.plan.section_of[self.current] if self.current else None
        if self.current_view is not None:
            self.current_view.set_current(False)
        self.current = question_id
        self.views[question_id].set_current(True)
        self._position_dirty = True
        self.call_after_refresh(self._scroll_to_current)
        section = self.plan.section_of[question_id]
        if section != before:
            self.call_after_refresh(self._follow_in_case_file, section)

    def show_case_file_line(self, line: int) -> None:
        """Scroll the case file so that the text's line ``line`` is its first row."""
        from textual.content import Content

        before = [(start, part) for start, part in self.case_file_starts if start <= line]
        if not before or not self.is_attached:
            return
        start, part = before[-1]
        above = "\n".join(str(part.content).split("\n")[:line - start])
        # the styles as Textual's own Widget.get_content_height gives them (typed as RulesMap)
        rows = Content(above).get_height(part.styles,  # type: ignore[arg-type]
                                         part.content_region.width or 1) if above else 0
        self.query_one(CaseFilePane).scroll_to(y=part.virtual_region.y + rows, animate=False,
                                               immediate=True)

    def _follow_in_case_file(self, s_index: int) -> None:
        """Show the part of the case file where the section's answers are looked for,
        from its heading down, unless its heading is in view already."""
        part = self.case_file_parts.get(self.protocol.sections[s_index].case_file)
        if part is None or not self.is_attached:
            return
        pane = self.query_one(CaseFilePane)
        top = part.virtual_region.y
        if not pane.scroll_y <= top < pane.scroll_y + pane.scrollable_content_region.height:
            pane.scroll_to(y=top, animate=False, immediate=True)

    def _scroll_to_current(self, again: bool = True) -> None:
        """Bring the current question into view; the first of a section with its heading.

        A burst of typed keys changes heights faster than layout catches up, so
        the scroll is repeated once a moment later with settled positions.
        """
        if self.current is None or not self.is_attached:
            return
        if again:
            self.set_timer(0.08, lambda: self._scroll_to_current(again=False))
        scroll = self.query_one(ProtocolScroll)
        s_index = self.plan.section_of[self.current]
        if self._section_first(s_index) == self.current:
            scroll.scroll_to_widget(self.section_titles[s_index], top=True, animate=False,
                                    immediate=True)
        scroll.scroll_to_widget(self.views[self.current], animate=False, immediate=True)

    def on_key(self, event: events.Key) -> None:
        """Answer or move right here, in typing order.

        Bindings run only after a key has bubbled up to the app, by which time
        the next typed key may already have reached this screen; handling the
        screen's own keys here keeps fast typing (or a pasted burst over SSH)
        on the right question. The bindings stay for the footer and the help.
        """
        view = self.current_view
        if self.read_only and view is not None and view.editable_inline and (
                event.key in ("backspace", "delete", "ctrl+u")
                or (event.character or " ") in "0123456789,.-"):
            event.stop()
            event.prevent_default()
            self._refuse_read_only()
            return
        if view is not None and view.answer_key(event):
            event.stop()
            event.prevent_default()
            return
        action = self._key_actions().get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            action()

    def _key_actions(self) -> dict[str, Callable[[], object]]:
        if self._actions is None:
            self._actions = {}
            for binding in self.BINDINGS:
                assert isinstance(binding, Binding)
                name, _, argument = binding.action.partition("(")
                method = getattr(self, f"action_{name}")
                call = functools.partial(method, int(argument.rstrip(")"))) if argument \
                    else method
                for key in binding.key.split(","):
                    self._actions[key.strip()] = call
        return self._actions

    def _focus_step(self, from_id: str | None, step: int) -> None:
        order = self.plan.order
        start = order.index(from_id) if from_id in order else (-1 if step > 0 else len(order))
        index = start + step
        while 0 <= index < len(order):
            if self.applies[order[index]]:
                self._focus(order[index])
                return
            index += step
        if step > 0 and from_id is not None:
            self._last_message = t("case.last_question")
            self._update_status()

    def action_next_question(self) -> None:
        self._focus_step(self._current(), +1)

    def action_previous_question(self) -> None:
        self._focus_step(self._current(), -1)

    def action_first_question(self) -> None:
        self._focus(self._visible()[0])

    def action_last_question(self) -> None:
        self._focus(self._visible()[-1])

    def _section_first(self, s_index: int) -> str | None:
        section = self.protocol.sections[s_index]
        return next((q.id for q in section.questions if self.applies[q.id]), None)

    def go_to_section(self, s_index: int) -> None:
        first = self._section_first(s_index)
        if first:
            self._focus(first)

    def _section_step(self, step: int) -> None:
        """To the first question of the next or previous section that applies (from the
        middle of a section too: ``[`` is the previous section, not this one's start)."""
        current = self._current()
        s_index = self.plan.section_of[current] if current else -1
        index = s_index + step
        while 0 <= index < len(self.protocol.sections):
            if self._section_first(index):
                self.go_to_section(index)
                return
            index += step

    def action_next_section(self) -> None:
        self._section_step(+1)

    def action_previous_section(self) -> None:
        self._section_step(-1)

    def action_scroll_file(self, direction: int) -> None:
        for pane in self.query(CaseFilePane):
            pane.scroll_relative(y=direction * max(3, pane.size.height - 2), animate=False)

    def action_toggle_file(self) -> None:
        """Hide or show the case file; the questions change width, and so every height."""
        for pane in self.query(CaseFilePane):
            pane.display = not pane.display
        self.call_after_refresh(self._scroll_to_current)

    def action_toggle_help(self) -> None:
        if self.current_view is not None:
            self.current_view.toggle_help()
            self.call_after_refresh(self._scroll_to_current)

    def action_reveal(self) -> None:
        self.query_one(IdentityLine).toggle()

    def action_keys(self) -> None:
        from tui.widgets.modals import KeysModal

        self.app.push_screen(KeysModal(t("case.keys_help")))

    def action_back(self) -> None:
        """Leave once every answer given here is written; stay, showing why, if one failed."""
        if self._leaving:
            return
        self._leaving = True
        self._flush_position(open_=False, always=True)
        if saves_of(self).busy:
            self._last_message = f"⟳ {t('q.saving')}"
            self._update_status()
        self.run_worker(self._leave(), group="leave")

    async def _leave(self) -> None:
        written = await saves_of(self).wait()
        self._leaving = False
        if not written:
            self._position_dirty = True  # still here: the case is open
        elif self.is_current:
            self.app.pop_screen()

    def on_unmount(self) -> None:
        """On quitting, the last move is written here and now: nothing runs after this."""
        if self._position_dirty:
            session = session_of(self)
            remember_position(session.db, session.user, self._position(True))

    # --- notes and free text --------------------------------------------------------------------
    def action_edit_text(self) -> None:
        from tui.widgets.modals import TextEditModal

        view = self.current_view
        if view is None or view.question.type is not QuestionType.TEXT \
                or self._refuse_read_only():
            return

        def done(text: str | None) -> None:
            if text is not None:
                self._answer(view, text or None, False)

        if self._names_hidden_person(str(view.value or "")):
            return
        text = view.question.text_in(language())
        self.app.push_screen(TextEditModal(text, str(view.value or "")), done)

    def action_question_note(self) -> None:
        from tui.widgets.modals import TextEditModal

        view = self.current_view
        if view is None or self._refuse_read_only():
            return

        def done(text: str | None) -> None:
            if text is not None and text != view.note:
                self._save_note(view.question.id, text, view)

        if self._names_hidden_person(view.note):
            return
        title = t("case.note_title", label=view.question.label_in(language()))
        self.app.push_screen(TextEditModal(title, view.note), done)

    def action_case_note(self) -> None:
        from tui.widgets.modals import TextEditModal

        if self._refuse_read_only():
            return

        def done(text: str | None) -> None:
            if text is not None and text != self.case_note:
                self._save_note(None, text, None)

        if self._names_hidden_person(self.case_note):
            return
        title = t("case.case_note_title", case_ref=self.info["case_ref"])
        self.app.push_screen(TextEditModal(title, self.case_note), done)

    def _names_hidden_person(self, text: str) -> bool:
        """Refuse (with why) to open an editor on text that names the person while they
        are hidden: the editor shows the text as written, and masked text saved back
        would overwrite what was written. A provider follow-up has no one to reveal (an
        organisation number may look like a personnummer): its editors always open."""
        line = self.query_one(IdentityLine)
        if line.shown or not line.about_person or self.subject.masked(text) == text:
            return False
        self.notify(t("identity.edit_hidden"), severity="warning")
        return True

    def action_evidence(self) -> None:
        from tui.screens.evidence import ask_evidence

        view = self.current_view
        if view is None or self._refuse_read_only():
            return
        given = self.evidence.get(view.question.id)
        if given is not None and self._names_hidden_person(given.quote):
            return
        label = view.question.label_in(language())

        def saved(evidence: Evidence) -> None:
            view.set_evidence(evidence)
            self.checks.evidence_changed(self.evidence)
            self._refresh_marks()
            self._hide_banner()
            self._last_message = f"✓ {t('evidence.saved', label=label)}"
            self._update_status()

        ask_evidence(self, self.review_id, self.info["population_id"], view.question,
                     self.evidence, saved, lambda error: self._show_failure(label, error))

    def _save_note(self, question_id: str | None, text: str, view: QuestionView | None) -> None:
        from store.reviews import save_note

        label = t("case.case_note") if view is None else view.question.label_in(language())
        user = session_of(self).user
        self._last_message = f"⟳ {t('q.saving')}"
        self._update_status()
        self._write(
            lambda db: save_note(db, self.review_id, question_id, text, who=user),
            lambda _changed: self._note_saved(text, view),
            lambda error: self._show_failure(label, error),
        )

    def _note_saved(self, text: str, view: QuestionView | None) -> None:
        if view is None:
            self.case_note = text
            note = self.query_one("#case-note", MaskedText)
            note.set_text(self._case_note_text())
            note.display = bool(text)
        else:
            view.set_note(text)
        self._hide_banner()
        self._last_message = f"✓ {t('case.note_saved')}"
        self._update_status()

    # --- completing -----------------------------------------------------------------------------
    def _labels(self, question_ids: list[str]) -> str:
        labels = [self.protocol.question(q).label_in(language()) for q in question_ids]
        return ", ".join(labels[:4]) + (
            t("case.and_more", count=len(labels) - 4) if len(labels) > 4 else "")

    def action_complete(self) -> None:
        """Mark the case klar when nothing required is missing (a returned case goes back to
        the supervisor's queue); on a klar or approved case, reopen it."""
        from store.review_states import DONE
        from store.reviews import set_review_status

        session = session_of(self)
        if self._refuse_read_only():
            return
        if self.status in DONE:
            new, message = "in_progress", t("case.reopened")
        else:
            hint = self._outcome_hint()
            if hint is not None and hint.unexplained and hint.reason_question is not None:
                self._refuse_complete(t("followup.needs_reason", derived=hint.label),
                                      hint.reason_question)
                return
            missing = missing_required(self.protocol, self.values, self.unit)
            lacking = lacking_evidence(self.protocol, self.values, self.evidence)
            if missing or lacking:
                text = " · ".join(t(key, count=len(ids), labels=self._labels(ids))
                                  for key, ids in (("case.missing", missing),
                                                   ("evidence.missing", lacking)) if ids)
                self._refuse_complete(text, (missing or lacking)[0])
                return
            new, message = "complete", t("case.completed")
        self._write(
            lambda db: set_review_status(db, self.review_id, new, who=session.user),
            lambda _changed: self._status_set(new, message),
            lambda error: self._show_failure(t("col.status"), error),
        )

    def _status_set(self, status: str, message: str) -> None:
        self.status = status
        self._refresh_marks()
        self.query_one("#return-reason").display = False
        self._hide_banner()
        self._last_message = f"✓ {message}"
        self._update_status()
        self.app.notify(message)

    def _refuse_complete(self, text: str, question_id: str) -> None:
        """Not klar yet: why in the banner and a notice, and the question to fix focused."""
        banner = self.query_one("#banner", Static)
        banner.update(f"! {text}")
        banner.display = True
        self.app.notify(text, title=t("case.not_complete"), severity="warning")
        self._focus(question_id)

    def _outcome_hint(self) -> OutcomeHint | None:
        """The outcome the checks give, for a kind whose reviews end in one."""
        from jobs.review_unit import outcome_hint

        return outcome_hint(session_of(self).db, self.protocol, self.values, self.info)

    def _refresh_beside(self) -> None:
        """A follow-up's sheet (documents received) follows the answers just given."""
        from jobs.review_unit import beside_follows_answers, beside_text

        if not beside_follows_answers(self.info):
            return
        text = beside_text(session_of(self).db, self.protocol, self.values, self.info)
        for pane in self.query("#follow-up-sheet").results(MaskedText):
            pane.set_text(text or "")
