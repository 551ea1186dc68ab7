"""Questions shown and hidden by skip logic are drawn right, without arranging the protocol.

A skip-logic answer hides and shows questions without repainting them (QuestionView
.set_applies): a question shown again draws what it drew before, unless it changed while
it was hidden. These tests hold both halves of that: what is drawn, and that the answer
does not arrange every question of the protocol to find the ones off the screen.
"""

from __future__ import annotations

from textual._compositor import Compositor

from tests.tui.conftest import screen_lines
from tests.tui.test_review import open_first_case

PLAN = "genomforandeplan_finns"
SHOWN_BY_PLAN = ("genomforandeplan_dagar", "genomforandeplan_overensstammer")


def drawn(app) -> str:
    return "\n".join(screen_lines(app))


async def _at(pilot, screen, question_id: str) -> None:
    screen.set_current(question_id)
    await pilot.pause()
    await pilot.pause(0.15)  # the second scroll of _scroll_to_current has settled


async def test_a_question_hidden_when_the_case_opened_is_drawn_when_an_answer_shows_it(
        make_app, review_db):
    async with make_app().run_test(size=(200, 50)) as pilot:
        screen = await open_first_case(pilot)
        assert not any(screen.views[q].display for q in SHOWN_BY_PLAN)
        await _at(pilot, screen, PLAN)
        await pilot.press("j")  # the plan exists: the questions about it apply
        await pilot.pause()
        await _at(pilot, screen, "genomforandeplan_overensstammer")
        text = drawn(pilot.app)
        assert "Stämmer genomförandeplanen överens med beställningen?" in text
        assert "(d)\u00a0Delvis" in text


async def test_a_question_shown_again_draws_what_changed_while_it_was_hidden(
        make_app, review_db):
    async with make_app().run_test(size=(200, 50)) as pilot:
        screen = await open_first_case(pilot)
        await _at(pilot, screen, PLAN)
        await pilot.press("j")
        await _at(pilot, screen, "genomforandeplan_overensstammer")
        await pilot.press("d")  # delvis
        await pilot.pause()
        await _at(pilot, screen, PLAN)
        await pilot.press("n")  # no plan: its questions are hidden, their answers kept
        await pilot.pause()
        hidden = screen.views["genomforandeplan_overensstammer"]
        assert not hidden.display
        hidden.set_value("ja")  # a change while hidden, of the same height
        await pilot.pause()
        await _at(pilot, screen, PLAN)
        await pilot.press("j")  # shown again
        await pilot.pause()
        await _at(pilot, screen, "genomforandeplan_overensstammer")
        text = drawn(pilot.app)
        assert "●\u00a0(j)\u00a0Ja" in text  # as changed while hidden
        assert "●\u00a0(d)\u00a0Delvis" not in text


async def test_showing_and_hiding_questions_does_not_arrange_the_questions_off_the_screen(
        make_app, review_db, monkeypatch):
    """Textual arranges the whole screen to repaint a widget that is off it; showing or
    hiding questions by an answer must not cost that (bench/keystroke.py)."""
    from tui.screens.case import CaseScreen

    whole_arrangements: list[str] = []
    arrange = Compositor._arrange_root
    refresh_applicability = CaseScreen._refresh_applicability

    def counting(self, root, size, visible_only=True):
        if not visible_only:
            whole_arrangements.append("arranged")
        return arrange(self, root, size, visible_only)

    def showing_and_hiding(screen) -> None:
        monkeypatch.setattr(Compositor, "_arrange_root", counting)
        try:
            refresh_applicability(screen)
        finally:
            monkeypatch.setattr(Compositor, "_arrange_root", arrange)

    monkeypatch.setattr(CaseScreen, "_refresh_applicability", showing_and_hiding)
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        for question, answer in ((PLAN, "j"), (PLAN, "n"), (PLAN, "j"),
                                 ("beslut", "a"), ("beslut", "b")):  # a whole section too
            await _at(pilot, screen, question)
            before = dict(screen.applies)
            await pilot.press(answer)
            await pilot.pause()
            assert before != screen.applies  # the answer did show or hide questions
            assert whole_arrangements == [], (question, answer)


async def test_a_widget_changed_while_hidden_draws_the_change_when_shown_again() -> None:
    """The case screen's findings and kept answers usually repaint a question shown again
    anyway; this holds the rule itself, with nothing else to repaint it."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll

    from tui.widgets.shown_by_answers import ShownByAnswers

    class Line(ShownByAnswers):
        DEFAULT_CSS = "Line { height: 1; }"

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def render(self) -> str:
            return self.text

    class Lines(App[None]):
        def compose(self) -> ComposeResult:
            with VerticalScroll():
                for index in range(5):
                    yield Line(f"rad {index}")

    app = Lines()
    async with app.run_test(size=(40, 10)) as pilot:
        line = list(app.query(Line))[2]
        line.set_applies(False)
        await pilot.pause()
        assert "rad 2" not in drawn(app)
        line.text = "ändrad medan dold"
        line.refresh()
        await pilot.pause()
        line.set_applies(True)
        await pilot.pause()
        assert "ändrad medan dold" in drawn(app)
        line.set_applies(False)  # hidden and shown again unchanged: drawn as it was
        await pilot.pause()
        line.set_applies(True)
        await pilot.pause()
        assert "ändrad medan dold" in drawn(app)


async def test_the_current_question_keeps_standing_out_when_the_theme_changes(
        make_app, review_db):
    from textual.color import Color

    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        view = screen.current_view
        before = view.styles.background
        pilot.app.theme = "textual-light" if pilot.app.theme != "textual-light" \
            else "textual-dark"
        await pilot.pause()
        await pilot.pause()
        boost = Color.parse(pilot.app.theme_variables["boost"])
        assert boost != before  # the new theme's boost is another colour
        assert view.styles.background == boost
