"""Review rounds on the case screen: the previous round's answer under each question, a
changed answer marked (the Tallies view's comparison: tests/tallies/test_rounds_screen.py)."""

from __future__ import annotations

import pytest

from review_protocols import QuestionType, load_builtin
from tests.tui.conftest import REVIEWER, rows_in
from tests.tui.shown import question_text

PROTOCOL = load_builtin("boendestod_sol")
TEXT_QUESTION = next(q for q in PROTOCOL.questions if q.type is QuestionType.TEXT)


def view_text(screen, question_id: str) -> str:
    return question_text(screen.views[question_id])


@pytest.fixture
def follow_up(review_db):
    """Anna's first case answered and complete in the first round, then a follow-up round."""
    from jobs.rounds import create
    from store.reviews import list_reviews, save_answer, set_review_status
    from store.subjects import subject_of

    first = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]
    name, personnummer = subject_of(review_db, first["population_id"])
    save_answer(review_db, first["id"], "dur_aktuell", "nej", who=REVIEWER)
    save_answer(review_db, first["id"], TEXT_QUESTION.id,
                f"Samtal med {name} ({personnummer}) om stödet", who=REVIEWER)
    set_review_status(review_db, first["id"], "complete", who=REVIEWER)
    create(review_db, "Uppföljning", force=True)  # the demo's other reviews are not done
    return first, name, personnummer


async def test_the_case_shows_the_previous_answer_and_marks_a_change(make_app, review_db,
                                                                     follow_up) -> None:
    from tui.screens.case import CaseScreen

    first, name, personnummer = follow_up
    app = make_app()
    queries: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await rows_in(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert screen.review_id != first["id"]  # the follow-up's own review, empty
        assert screen.info["population_id"] == first["population_id"]
        dur = view_text(screen, "dur_aktuell")
        assert "Förra omgången (Omgång 1): Saknas" in dur and "ändrat" not in dur
        assert "Förra omgången (Omgång 1): inget svar" in view_text(screen, "beslut")
        previous_text = view_text(screen, TEXT_QUESTION.id)
        assert "Samtal med" in previous_text and "om stödet" in previous_text
        assert name not in previous_text and personnummer not in previous_text  # masked
        review_db.conn.set_trace_callback(queries.append)
        screen.set_current("dur_aktuell")
        await pilot.press(PROTOCOL.question("dur_aktuell").option("ja").key)
        await pilot.pause()
        assert "≠\u00a0ändrat" in view_text(screen, "dur_aktuell")
        screen.set_current("dur_aktuell")
        await pilot.press(PROTOCOL.question("dur_aktuell").option("nej").key)
        await pilot.pause()
        assert "ändrat" not in view_text(screen, "dur_aktuell")  # as it was
        review_db.conn.set_trace_callback(None)
    assert not [q for q in queries if "rounds" in q]  # read once, when the case opened
    stored = dict(review_db.execute("SELECT question_id, value FROM answers WHERE review_id = ?",
                                    [screen.review_id]).fetchall())
    assert stored == {"dur_aktuell": "nej"}  # only what was answered in this round
    assert review_db.execute("SELECT value FROM answers WHERE review_id = ? AND question_id ="
                             " 'dur_aktuell'", [first["id"]]).fetchone() == ("nej",)


async def test_a_case_without_an_earlier_round_shows_no_previous_line(make_app) -> None:
    from tui.screens.case import CaseScreen

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await rows_in(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "Förra omgången" not in view_text(app.screen, "dur_aktuell")


def test_search_leads_to_the_round_worked_on(review_db, follow_up) -> None:
    from store.rounds import rounds
    from store.search import search

    first, _, _ = follow_up
    newest = rounds(review_db)[-1]["id"]
    hits = [h for h in search(review_db, "boendestöd", reviewer=REVIEWER, limit=1000)
            if h.case_ref == first["case_ref"]]
    assert hits  # its case file, opened from the hit in the follow-up's review
    for hit in hits:
        assert review_db.execute("SELECT round_id FROM reviews WHERE id = ?",
                                 [hit.review_id]).fetchone()[0] == newest
