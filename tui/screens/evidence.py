"""Evidence for the current answer (ctrl+d on the case screen): document, date, short quote.

A dialog of its own so that the case screen only binds the key. When the case file
text is in the database, the quote can be picked from it: type a word, and the
passages (lines, sentences) holding it are listed; Enter on one makes it the quote.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from jobs.evidence import doc_label
from jobs.i18n import language, t
from review_protocols import Question
from store.errors import StoreError
from store.evidence import DOC_TYPES, QUOTE_MAX, Evidence, checked
from tui.session import session_of
from tui.widgets.modals import DialogModal


class EvidenceModal(DialogModal[Evidence | None]):
    """Pick the document type, type its date, optionally a quote; ctrl+s keeps it."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    #evidence-dialog { height: auto; max-height: 95%; }
    #evidence-dialog Static { height: auto; }
    #evidence-doc { height: 9; }
    #evidence-passages { height: auto; max-height: 8; }
    #evidence-problem { text-style: bold; }
    """

    BINDINGS = [
        Binding("ctrl+s", "keep", t("review.edit_save"), id="evidence_save"),
        Binding("escape", "cancel", t("review.edit_cancel"), id="evidence_cancel"),
    ]

    def __init__(self, title: str, existing: Evidence | None, case_text: str | None) -> None:
        super().__init__()
        self.heading = title
        self.existing = existing
        self.case_text = case_text
        self._passages: list[str] | None = None

    def compose(self) -> ComposeResult:
        existing = self.existing
        with Vertical(id="evidence-dialog", classes="dialog"):
            yield Static(self.heading, id="evidence-title", classes="dialog-title",
                         markup=False)
            yield Static(t("evidence.doc"))
            yield OptionList(*(Option(doc_label(d), id=d) for d in DOC_TYPES),
                             id="evidence-doc")
            yield Static(t("evidence.date"))
            yield Input(existing.doc_date if existing else "", placeholder="2024-03-01",
                        id="evidence-date", max_length=10)
            yield Static(t("evidence.quote"))
            yield Input(existing.quote if existing else "", id="evidence-quote",
                        max_length=QUOTE_MAX)
            if self.case_text:
                yield Static(t("evidence.search"))
                yield Input(id="evidence-search")
                yield OptionList(id="evidence-passages")
            yield Static("", id="evidence-problem", markup=False)
            yield Static(t("evidence.hint"), id="evidence-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        docs = self.query_one("#evidence-doc", OptionList)
        docs.highlighted = DOC_TYPES.index(self.existing.doc_type) if self.existing else 0
        docs.focus()
        for widget in self.query("#evidence-problem, #evidence-passages"):
            widget.display = False

    @on(OptionList.OptionSelected, "#evidence-doc")
    def _doc_picked(self) -> None:
        self.query_one("#evidence-date", Input).focus()

    @on(Input.Changed, "#evidence-search")
    def _search(self, event: Input.Changed) -> None:
        from jobs.evidence import matching, passages

        if self._passages is None:
            self._passages = passages(self.case_text or "")
        found = matching(self._passages, event.value)
        listed = self.query_one("#evidence-passages", OptionList)
        listed.clear_options()
        listed.add_options([Option(Text(p)) for p in found]
                           or [Option(t("evidence.no_match"), disabled=True)])
        listed.display = bool(event.value.strip())

    @on(Input.Submitted, "#evidence-search")
    def _to_passages(self) -> None:
        listed = self.query_one("#evidence-passages", OptionList)
        if listed.display and listed.option_count:
            listed.focus()
            listed.highlighted = 0

    @on(OptionList.OptionSelected, "#evidence-passages")
    def _passage_picked(self, event: OptionList.OptionSelected) -> None:
        quote = self.query_one("#evidence-quote", Input)
        prompt = event.option.prompt
        quote.value = (prompt.plain if isinstance(prompt, Text) else str(prompt))[:QUOTE_MAX]
        quote.focus()

    @on(Input.Submitted, "#evidence-date, #evidence-quote")
    def _submitted(self) -> None:
        self.action_keep()

    def action_keep(self) -> None:
        docs = self.query_one("#evidence-doc", OptionList)
        doc_type = DOC_TYPES[docs.highlighted or 0]
        try:
            evidence = checked(doc_type, self.query_one("#evidence-date", Input).value,
                               self.query_one("#evidence-quote", Input).value)
        except ValueError:
            problem = self.query_one("#evidence-problem", Static)
            problem.update(f"✗ {t('evidence.bad_date')}")
            problem.display = True
            self.query_one("#evidence-date", Input).focus()
            return
        self.dismiss(evidence)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_evidence(screen: Screen, review_id: int, population_id: int, question: Question,
                 evidence: dict[str, Evidence], saved: Callable[[Evidence], None],
                 failed: Callable[[StoreError], None]) -> None:
    """The dialog for one question of a review, then the save (one transaction, audited):
    ``evidence`` (the review's, by question) gets it and ``saved`` hears of it, or
    ``failed`` of why it was not saved."""
    from store.evidence import save_evidence
    from store.frames import case_text

    session = session_of(screen)

    def done(given: Evidence | None) -> None:
        if given is None:
            return
        try:
            save_evidence(session.db, review_id, question.id, given, who=session.user)
        except StoreError as error:
            failed(error)
            return
        evidence[question.id] = given
        saved(given)

    # Quotes are picked from the text as the screen shows it: a name or personnummer is
    # never quoted into a report, revealed or not.
    from jobs.identities import subject

    text = case_text(session.db, population_id)
    shown = subject(session.db, population_id).masked(text) if text else text
    title = t("evidence.title", label=question.label_in(language()))
    screen.app.push_screen(EvidenceModal(title, evidence.get(question.id), shown), done)
