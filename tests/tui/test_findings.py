"""Data-quality findings in the app: a mark on the question in the case screen that goes away
when the answer is fixed, and the supervisor's list (F7, f) where a finding is closed."""

from __future__ import annotations

from store.reviews import answers_for, list_reviews, save_answer
from store.users import grant_role
from tests.tui.conftest import REVIEWER
from tests.tui.shown import question_text

PLAN = "genomforandeplan_inom_15_dagar"


def _shown(view) -> str:
    return question_text(view, width=80)


def _contradict(db) -> dict:
    """A plan said to be within 15 days that took 20."""
    info = list_reviews(db, reviewer=REVIEWER, limit=1)[0]
    for question_id, value in (("beslut", "bifall"), ("genomforandeplan_finns", "ja"),
                               (PLAN, "ja"), ("genomforandeplan_dagar", "20")):
        save_answer(db, info["id"], question_id, value, who=REVIEWER)
    return info


async def test_the_question_shows_its_finding_until_the_answer_is_fixed(review_db) -> None:
    from jobs.config import Config
    from tui.app import GranskaApp
    from tui.screens.case import CaseScreen

    info = _contradict(review_db)
    app = GranskaApp(Config(), review_db, user=REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(CaseScreen(info["id"], PLAN))
        await pilot.pause()
        screen = app.screen
        assert screen.current == PLAN
        shown = _shown(screen.views[PLAN])
        assert "⚑ Kontroll: Planen sägs ha inkommit inom 15 dagar" in shown
        assert "⚑" not in _shown(screen.views["genomforandeplan_finns"])
        await pilot.press("n")  # not within 15 days: agrees with the 20 days
        await pilot.pause()
        assert "⚑" not in _shown(screen.views[PLAN])
    assert answers_for(review_db, info["id"])[PLAN].value == "nej"


async def test_a_supervisor_lists_and_closes_findings_from_f7(review_db) -> None:
    from jobs.config import Config
    from tui.app import GranskaApp
    from tui.screens.case import CaseScreen
    from tui.screens.findings import FindingsScreen

    info = _contradict(review_db)
    grant_role(review_db, "sara", "supervisor", who="test")
    app = GranskaApp(Config(), review_db, user="sara")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindingsScreen)
        table = screen.query_one("#findings")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [r[:3] for r in rows] == [
            [info["case_ref"], REVIEWER, "inom_15_dagar_men_fler_dagar"]]
        await pilot.press("enter")  # the case, at the question the finding is on
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen) and app.screen.current == PLAN
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"kontrollerat mot akten")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert table.row_count == 0
        await pilot.press("f7")  # the view again: still closed
    closed = review_db.execute("SELECT rule_id, question_id, comment, closed_by FROM"
                               " finding_closures").fetchall()
    assert closed == [("inom_15_dagar_men_fler_dagar", PLAN, "kontrollerat mot akten", "sara")]
