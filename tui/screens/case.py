"""One case: the protocol section by section, beside the case file text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.i18n import t


class CaseScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", t("key.back"), id="back")]

    def __init__(self, review_id: int) -> None:
        super().__init__()
        self.review_id = review_id

    def compose(self) -> ComposeResult:
        from review_protocols import applicable
        from review_protocols.values import decode, display
        from store.frames import case_text
        from store.reviews import answers_for, review

        info = review(self.app.db, self.review_id)
        protocol = self.app.protocol(info["protocol_id"])
        stored = answers_for(self.app.db, self.review_id)
        values = {q: decode(protocol.question(q), a.value)
                  for q, a in stored.items() if protocol.has_question(q)}
        applies = applicable(protocol, values)
        self.title = t("case.title", case_ref=info["case_ref"])
        yield Header()
        with Horizontal(id="case-body"):
            with VerticalScroll(id="protocol"):
                for section in protocol.sections:
                    yield Static(f"[b]{section.title}[/b]", classes="section-title")
                    for question in section.questions:
                        if not applies[question.id]:
                            shown = t("answer.not_applicable")
                        else:
                            shown = display(question, values.get(question.id)) or t(
                                "answer.unanswered")
                        yield Static(f"{question.text}\n  → {shown}", classes="question")
            with VerticalScroll(id="case-file"):
                yield Static(case_text(self.app.db, info["population_id"]) or t("case.no_file"))
        yield Footer()
