"""One protocol question on the case screen: its text, options with their keys, the answer.

The widget takes the keys that answer its own question (an option's digit or
letter, characters typed into a number or date field) and lets every other
key bubble up to the screen, which owns navigation and saving. It never
writes to the database itself: it calls ``on_answer`` and shows the value as
saved only once the screen says it was written ("sparar…" until then).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.color import Color

from jobs.i18n import language, t
from review_protocols import Question, QuestionType
from review_protocols.conditions import Value
from review_protocols.values import ValueProblem, display, encode, parse
from tui.widgets.hanging import HangingRows
from tui.widgets.shown_by_answers import ShownByAnswers

if TYPE_CHECKING:
    from jobs.identities import Subject
    from jobs.rounds import PreviousAnswer
    from store.evidence import Evidence

# on_answer(view, value, advance) -> True when the value was taken (it is written later).
AnswerCallback = Callable[["QuestionView", Value, bool], bool]

_NUMBER_CHARS = frozenset("0123456789,.-+ ")
_DATE_CHARS = frozenset("0123456789-")


def problem_text(question: Question, raw: str) -> str | None:
    """Why typed text does not fit a number or date question, in the user's words."""
    try:
        parse(question, raw)
    except ValueProblem:
        pass
    else:
        return None
    if question.type is QuestionType.DATE:
        return t("q.bad_date")
    cleaned = raw.strip().replace(" ", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return t("q.bad_number")
    if question.integer and not number.is_integer():
        return t("q.bad_integer")
    if question.minimum is not None and number < question.minimum:
        return t("q.too_small", limit=_plain(question.minimum))
    if question.maximum is not None and number > question.maximum:
        return t("q.too_large", limit=_plain(question.maximum))
    return t("q.bad_number")


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


class QuestionView(ShownByAnswers):
    """A question; when it is the current one, its option keys answer it.

    It takes no focus: the screen keeps the current question and hands it the
    keys in the order they were typed, so typing ahead never lands on the
    wrong question.
    """

    DEFAULT_CSS = """
    QuestionView {
        height: auto;
        padding: 0 1 0 0;
    }
    """

    def __init__(
        self, question: Question, number: str, value: Value, note: str,
        on_answer: AnswerCallback, subject: Subject,
    ) -> None:
        super().__init__(id=f"q-{question.id}", classes="question")
        self.question = question
        self.number = number
        self.value = value
        self.note = note
        self.on_answer = on_answer
        self.buffer: str | None = None  # what is typed into a number/date field
        self.problem: str | None = None
        self.failed = False  # the last save failed
        self.saving = False  # the value shown is not written yet
        self.help_shown = False
        self.current = False
        self.evidence: Evidence | None = None  # set by the case screen
        # Whom the case is about: typed text (the note, a free-text answer, the evidence)
        # may name them, and is shown masked until the case screen reveals them.
        self.subject = subject
        self.revealed = False
        self.previous: PreviousAnswer | None = None  # the previous round's, set by the screen

    # --- state changes, called by the screen -------------------------------------------------
    def set_value(self, value: Value, *, saving: bool = False) -> None:
        with self._changing():
            self.value = value
            self.failed = False
            self.saving = saving
            self.buffer = None
            self.problem = None

    def set_failed(self, stored: Value) -> None:
        """The save failed: show what is stored, marked as not saved."""
        with self._changing():
            self.value = stored
            self.failed = True
            self.saving = False
            self.buffer = None
            self.problem = None

    def set_note(self, note: str) -> None:
        with self._changing():
            self.note = note

    def set_evidence(self, evidence: Evidence | None) -> None:
        with self._changing():
            self.evidence = evidence

    def reveal(self, shown: bool) -> None:
        """Show the typed text as written (``shown``) or masked again."""
        with self._changing():
            self.revealed = shown

    def _typed(self, text: str) -> str:
        """Typed text as this question shows it: masked unless revealed."""
        return text if self.revealed else self.subject.masked(text)

    def findings_changed(self) -> None:
        """Show the screen's findings on this question again (``mark_for``)."""
        with self._changing():
            pass

    def toggle_help(self) -> None:
        with self._changing():
            self.help_shown = not self.help_shown

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Repaint after a change, and lay the screen out again only when this question's
        height changed: a relayout of the whole protocol costs more than all the rest of a
        keystroke (bench/keystroke.py)."""
        laid_out = self.content_size if self.is_attached else None
        yield
        # First drop the render Textual keeps: measured from it, a question that grew (its
        # help shown) kept its old height, and what did not fit was not drawn.
        self.refresh()
        if not laid_out or not laid_out.width:
            self.refresh(layout=True)
            return
        height = self.get_content_height(laid_out, self.app.size, laid_out.width)
        if height != laid_out.height:
            self.refresh(layout=True)

    def set_current(self, current: bool) -> None:
        if current != self.current:
            if not current and self.buffer is not None and self.is_attached:
                self.commit(advance=False)
            self.current = current
            self.mark_current()
            self.refresh()

    def mark_current(self) -> None:
        """The current question stands out on the theme's $boost: an inline style, not a
        CSS class, which would match the whole stylesheet against the widget; so it is set
        again when the theme changes (the case screen calls this)."""
        self.styles.background = Color.parse(self.app.theme_variables["boost"]) \
            if self.current else None

    def on_click(self) -> None:
        self.screen.set_current(self.question.id)  # type: ignore[attr-defined]

    @property
    def editable_inline(self) -> bool:
        return self.question.type in (QuestionType.NUMBER, QuestionType.DATE)

    # --- keys ---------------------------------------------------------------------------------
    def answer_key(self, event: events.Key) -> bool:
        """Answer with this key if it is one of ours; False lets the screen have it."""
        question = self.question
        handled = False
        if question.is_choice:
            handled = self._choice_key(event.key)
        elif self.editable_inline:
            handled = self._field_key(event)
        elif question.type is QuestionType.TEXT and event.key == "enter":
            self.screen.action_edit_text()  # type: ignore[attr-defined]
            handled = True
        return handled

    def _choice_key(self, key: str) -> bool:
        question = self.question
        if key in ("backspace", "delete"):
            if self.value not in (None, []):
                self.on_answer(self, None, False)
            return True
        if key == "enter":  # move on, keeping the answer as it is
            self.on_answer(self, self.value, True)
            return True
        if len(key) != 1 or not key.isalnum():
            return False
        option = question.option_for_key(key)
        if option is None:
            return False
        if question.type is QuestionType.SINGLE:
            self.on_answer(self, option.code, True)
        else:
            chosen = set(self.value) if isinstance(self.value, list) else set()
            chosen ^= {option.code}
            ordered = [o.code for o in question.options if o.code in chosen]
            self.on_answer(self, ordered or None, False)
        return True

    def _field_key(self, event: events.Key) -> bool:
        allowed = _DATE_CHARS if self.question.type is QuestionType.DATE else _NUMBER_CHARS
        key = event.key
        if key == "enter":
            self.commit(advance=True)
            return True
        if key in ("backspace", "delete", "ctrl+u"):
            current = self._current_text()
            typed = "" if key != "backspace" else current[:-1]
        elif event.character is not None and len(event.character) == 1 \
                and event.character in allowed:
            # like a spreadsheet cell: typing replaces the saved value, Backspace edits it
            typed = (self.buffer or "") + event.character
        else:
            return False
        with self._changing():
            self.buffer = typed
            self.problem = problem_text(self.question, typed) if typed.strip() else None
        return True

    def _current_text(self) -> str:
        if self.buffer is not None:
            return self.buffer
        stored = encode(self.question, self.value)
        return (stored or "").replace(".", ",") if self.question.type is QuestionType.NUMBER \
            else (stored or "")

    def commit(self, *, advance: bool) -> None:
        """Save what was typed when it is valid; otherwise keep the stored value."""
        if self.buffer is None:
            if advance:
                self.on_answer(self, self.value, True)
            return
        typed = self.buffer
        if typed.strip() and problem_text(self.question, typed):
            self.app.notify(
                t("q.not_saved_invalid", value=typed, problem=self.problem or ""),
                severity="warning",
            )
            if not advance:  # leaving the field: back to what is stored
                with self._changing():
                    self.buffer = None
                    self.problem = None
            return
        self.on_answer(self, parse(self.question, typed), advance)

    # --- rendering ----------------------------------------------------------------------------
    def render(self) -> HangingRows:
        question = self.question
        focused = self.current
        head = Text(question.text_in(language()), style="bold" if focused else "")
        if not question.required:
            head.append(f" ({t('q.optional')})", style="italic")
        number = Text(("▶" if focused else " ") + self.number, style="bold")
        body = self._render_options() if question.is_choice else self._render_value(focused)
        lines = [body]
        if self.problem:
            lines.append(Text(f"✗ {self.problem}", style="bold"))
        if self.failed:
            lines.append(Text(f"✗ {t('q.not_saved')}", style="bold reverse"))
        if self.previous is not None:
            from tui.widgets.previous import previous_line

            lines.append(previous_line(self.previous, self.value))
        if self.note:
            lines.append(Text(f"✎ {t('q.note')}: {self._typed(self.note)}", style="italic"))
        if self.evidence is not None:
            from jobs.evidence import evidence_text

            shown = self._typed(evidence_text(self.evidence))
            lines.append(Text(f"⎘ {t('evidence.shown')}: {shown}", style="italic"))
        elif question.evidence and question.needs_evidence(encode(question, self.value)):
            lines.append(Text(f"! {t('evidence.needed')}", style="bold"))
        for message in self._findings():
            lines.append(Text(f"⚑ {t('q.finding')}: {message}", style="bold"))
        if self.help_shown and question.help:
            lines.append(Text(f"ℹ {question.help_in(language())}", style="italic"))
        no_gutter = Text()
        return HangingRows([(number, head), *((no_gutter, line) for line in lines)],
                           gutter_width=5)

    def _findings(self) -> list[str]:
        """The open data-quality findings on this question, as the screen has them
        (``mark_for``; ``jobs.checks.ReviewMarks``); none on a screen without checks."""
        mark_for = getattr(self.screen, "mark_for", None)
        return list(mark_for(self.question.id)) if mark_for is not None else []

    def _render_options(self) -> Text:
        question = self.question
        multi = question.type is QuestionType.MULTI
        chosen = set(self.value) if isinstance(self.value, list) else {self.value}
        out = Text()
        for index, option in enumerate(question.options, 1):
            picked = option.code in chosen
            mark = ("☒" if picked else "☐") if multi else ("●" if picked else "○")
            # no-break spaces keep a mark, its key and the label's first word together
            out.append(f"{mark}\u00a0", style="bold" if picked else "")
            out.append(f"({option.key or index})", style="bold")
            label = option.label_in(language()).replace(" ", "\u00a0", 1)
            out.append(f"\u00a0{label}", style="bold underline" if picked else "")
            out.append("  ")
        out.append(self._marker(), style="bold")
        return out

    def _render_value(self, focused: bool) -> Text:
        question = self.question
        out = Text(f"{t('q.answer')}: ")
        if self.buffer is not None:
            out.append(self.buffer + ("▏" if focused else ""), style="reverse" if focused else "")
            if question.unit:
                out.append(f" {question.unit}")
            out.append(f"  {t('q.enter_saves')}", style="italic")
            return out
        if question.type is QuestionType.TEXT:
            shown = self._typed(str(self.value or ""))
            first = shown.splitlines()[0] if shown else ""
            out.append(first[:60] + ("…" if len(shown) > len(first[:60]) else ""))
            if focused:
                out.append(f"  {t('q.enter_edits')}", style="italic")
        else:
            out.append(display(question, self.value, language()))
            if focused and self.value is None:
                hint = t("q.type_date") if question.type is QuestionType.DATE else t(
                    "q.type_number")
                out.append(hint, style="italic")
        out.append("  ")
        out.append(self._marker(), style="bold")
        return out

    def _marker(self) -> str:
        if self.failed:
            return ""
        if self.saving:
            return f"⟳ {t('q.saving')}"
        if self.value not in (None, "", []):
            return f"✓ {t('q.saved')}"
        return f"– {t('answer.unanswered')}" if self.question.required else ""
