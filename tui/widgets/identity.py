"""Whom a case is about, on the case screen: masked in every text shown until the user
says why they need to see it; the reason is audited (``identity.reveal``) and the name
and personnummer show until the case is closed (or ctrl+r hides them again)."""

from __future__ import annotations

from textual.widgets import Static

from jobs.i18n import t
from jobs.identities import Subject
from tui.session import session_of


class MaskedText(Static):
    """Text that may name the subject (the case file, notes): masked unless revealed."""

    def __init__(self, text: str, subject: Subject, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(subject.masked(text), markup=False, id=id, classes=classes)
        self.raw_text, self.subject, self.revealed = text, subject, False

    def set_text(self, text: str) -> None:
        self.raw_text = text
        self.update(text if self.revealed else self.subject.masked(text))

    def reveal(self, shown: bool) -> None:
        self.revealed = shown
        self.set_text(self.raw_text)


class IdentityLine(Static):
    """The name and personnummer of the open case, hidden until a reason is given."""

    DEFAULT_CSS = "IdentityLine { height: auto; padding: 0 1; background: $boost; }"

    def __init__(self, review_id: int, case_ref: str, *, about_person: bool = True) -> None:
        super().__init__("", markup=False)
        self.review_id, self.case_ref, self.about_person = review_id, case_ref, about_person
        self.display = False

    @property
    def shown(self) -> bool:
        return bool(self.display)

    def toggle(self) -> None:
        """Ask for a reason and show; when shown already, hide."""
        from tui.widgets.review_queue import ReasonScreen

        if self.shown:
            self._show(None)
            self.notify(t("identity.hidden"))
            return
        if not self.about_person:  # a provider follow-up: no one to reveal, nothing to log
            self.notify(t("identity.no_person"))
            return
        self.app.push_screen(ReasonScreen(t("identity.reason_prompt", case=self.case_ref),
                                          missing=t("identity.reason_blank")), self._given)

    def _given(self, reason: str | None) -> None:
        from jobs.identities import RevealRefused, reveal
        from store.errors import StoreError

        if reason is None:
            return
        session = session_of(self)
        try:
            subject = reveal(session.db, self.review_id, reason, who=session.user)
        except RevealRefused as refused:
            self.notify(str(refused), severity="warning")
        except StoreError as error:
            self.notify(t("identity.not_shown", error=error), severity="error", timeout=10)
        else:
            self._show(subject)

    def _show(self, subject: Subject | None) -> None:
        self.update("" if subject is None else t(
            "identity.shown", name=subject.name or "–", personnummer=subject.personnummer or "–"))
        self.display = subject is not None
        from tui.widgets.question import QuestionView

        for text in self.screen.query(MaskedText):
            text.reveal(subject is not None)
        for question in self.screen.query(QuestionView):  # its note, free text, evidence
            question.reveal(subject is not None)
