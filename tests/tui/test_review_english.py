"""English mode shows the protocol's own texts in English; the answers stored stay the codes."""

from __future__ import annotations

import pytest

from review_protocols import load_builtin
from tests.tui.conftest import REVIEWER
from tests.tui.shown import question_text

PROTOCOL = load_builtin("boendestod_sol")


@pytest.fixture
def english():
    yield
    from jobs.i18n import set_language

    set_language("sv")  # the catalogue is process-wide; leave it as the other tests expect


def shown(view) -> str:
    return question_text(view)


async def test_english_case_screen_shows_english_questions_options_and_sections(
        english, review_db) -> None:
    from jobs.config import Config
    from tui.app import GranskaApp
    from tui.screens.case import CaseScreen

    first = PROTOCOL.questions[0]
    app = GranskaApp(Config(language="en"), review_db, user=REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        text = shown(screen.views[first.id])
        assert "Is there a current DUR investigation as the basis for the decision?" in text
        assert "Present" in text and "Missing" in text
        assert first.text not in text and "Saknas" not in text
        heading = str(screen.section_titles[0].render())
        assert "Investigation and assessment" in heading
        await pilot.press("f1")  # the help in English too
        await pilot.pause()
        assert "Present: a DUR investigation" in shown(screen.views[first.id])
        await pilot.press("j")  # the Swedish mnemonic still answers
        await pilot.pause()
        review_id = screen.review_id
        assert screen._last_message == "✓ Current DUR investigation: Present"
    stored = review_db.execute(
        "SELECT value FROM answers WHERE review_id = ? AND question_id = ?",
        [review_id, first.id]).fetchone()
    assert stored[0] == "ja"


async def test_swedish_case_screen_is_unchanged(make_app) -> None:
    first = PROTOCOL.questions[0]
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = shown(pilot.app.screen.views[first.id])
        assert first.text in text and "Finns" in text and "Present" not in text


def test_audit_lines_name_question_and_answer_in_english(english) -> None:
    from jobs.audit_rows import describe
    from jobs.i18n import set_language

    row = {"protocol_id": "boendestod_sol", "field": "beslut", "old_value": "bifall",
           "new_value": "avslag", "action": "answer", "at": "2026-11-23T10:00:00",
           "who": "anna", "reviewer": "anna", "kind": "primary"}
    set_language("en")
    line = describe(row, lambda _id: PROTOCOL)
    assert (line.what, line.old, line.new) == ("Decision", "Granted", "Refused (entirely)")
    set_language("sv")
    line = describe(row, lambda _id: PROTOCOL)
    assert (line.what, line.old, line.new) == ("Beslut", "Bifall", "Avslag (helt avslag)")
