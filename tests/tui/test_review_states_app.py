"""The issue's scenario by keys: a supervisor returns a case with a reason (F7, R), the
inspector finds it first in their list with the reason on the case screen, fixes it and
marks it klar again, and the supervisor approves it (a). Screen and database both."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs.config import Config
from store import current_user, open_database
from store.audit import history
from store.review_states import state_rows
from store.reviews import answers_for, review
from tests.tui.evidence_keys import give_lacking_evidence
from tui.app import GranskaApp

REASON = "DUR-datumet saknas, kontrollera utredningen"


@pytest.fixture
def anna_db(db_path: Path):
    """A demo whose every other case anna (an inspector) has reviewed and marked klar."""
    from jobs.demo import create_demo
    from store.users import grant_role

    db = open_database(db_path)
    create_demo(db, Config(), seed=4, districts=2, cases=16, colleague="anna")
    grant_role(db, "anna", "inspector")
    yield db
    db.conn.close()


def table_rows(screen, selector: str) -> list[list[str]]:
    table = screen.query_one(selector)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def notes(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def focus_queue(app, pilot) -> None:
    for _ in range(4):
        if app.focused is not None and app.focused.id == "queue":
            return
        await pilot.press("tab")
    raise AssertionError(f"the queue never had focus ({app.focused})")


def queue_row(db, case_ref: str) -> int:
    return [r["case_ref"] for r in state_rows(db, status="complete")].index(case_ref)


async def test_return_fix_and_approve(anna_db) -> None:
    queue = state_rows(anna_db, status="complete")
    # a case whose DUR is "Finns", so that the inspector's fix (Saknas) leaves nothing missing
    target = next(r for r in queue
                  if answers_for(anna_db, r["review_id"])["dur_aktuell"].value == "ja")
    case_ref, review_id = target["case_ref"], target["review_id"]

    supervisor = GranskaApp(Config(), anna_db, user=current_user())
    async with supervisor.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await focus_queue(supervisor, pilot)
        shown = table_rows(supervisor.screen, "#queue")
        assert [row[0] for row in shown] == [r["case_ref"] for r in queue]
        await pilot.press(*["down"] * queue_row(anna_db, case_ref), "R")
        await pilot.press("enter")  # no reason yet: refused, the dialog stays
        assert review(anna_db, review_id)["status"] == "complete"
        await pilot.press(*REASON, "enter")
        await pilot.pause()
        assert f"{case_ref} skickad tillbaka till anna" in notes(supervisor)
        assert case_ref not in [row[0] for row in table_rows(supervisor.screen, "#queue")]
    assert review(anna_db, review_id)["status"] == "returned"
    assert review(anna_db, review_id)["status_reason"] == REASON

    inspector = GranskaApp(Config(), anna_db, user="anna")
    async with inspector.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = table_rows(inspector.screen, "#cases")[0]
        assert first[0] == case_ref and first[3] == "↩ skickad tillbaka"
        await pilot.press("enter")
        await pilot.pause()
        banner = str(inspector.screen.query_one("#return-reason").render())
        assert REASON in banner and inspector.screen.query_one("#return-reason").display
        await pilot.press("home", "n")  # the fix: the first question, DUR, "Saknas"
        assert "dur_aktuell" in await give_lacking_evidence(pilot, inspector.screen)  # klar asks
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert not inspector.screen.query_one("#return-reason").display
        status_line = str(inspector.screen.query_one("#status").render())
        assert "klar" in status_line
    assert answers_for(anna_db, review_id)["dur_aktuell"].value == "nej"
    assert review(anna_db, review_id)["status"] == "complete"  # back in the queue

    supervisor = GranskaApp(Config(), anna_db, user=current_user())
    async with supervisor.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await focus_queue(supervisor, pilot)
        await pilot.press(*["down"] * queue_row(anna_db, case_ref), "a")
        await pilot.pause()
        assert f"{case_ref} godkänd" in notes(supervisor)
    assert review(anna_db, review_id)["status"] == "approved"
    steps = [(h["action"], h["who"], h["old_value"], h["new_value"])
             for h in history(anna_db, "review", review_id)
             if h["action"] in ("status", "review.approve", "review.return")][-3:]
    me = current_user()
    assert steps == [("review.return", me, "complete", f"returned: {REASON}"),
                     ("status", "anna", "returned", "complete"),
                     ("review.approve", me, "complete", "approved")]


async def test_escape_leaves_the_review_as_it_was(anna_db) -> None:
    app = GranskaApp(Config(), anna_db, user=current_user())
    before = {r["review_id"]: r["status"] for r in state_rows(anna_db)}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await focus_queue(app, pilot)
        await pilot.press("R", *"halvskrivet", "escape")
        await pilot.pause()
    assert {r["review_id"]: r["status"] for r in state_rows(anna_db)} == before


async def test_an_inspector_has_no_queue(anna_db) -> None:
    app = GranskaApp(Config(), anna_db, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert app.screen.query_one("#queue").row_count == 0
        await pilot.press("a", "R")
        await pilot.pause()
    assert not [r for r in state_rows(anna_db) if r["status"] in ("approved", "returned")]


async def test_the_queue_and_the_reason_in_english(anna_db) -> None:
    from jobs.i18n import set_language
    from store.review_states import return_review

    rows = state_rows(anna_db, status="complete")
    return_review(anna_db, rows[0]["review_id"], "plan date missing")
    app = GranskaApp(Config(language="en"), anna_db, user=current_user())
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f7")
            await pilot.pause()
            summary = str(app.screen.query_one("#queue-summary").render())
            assert f"To approve: {len(rows) - 1} complete reviews" in summary
        inspector = GranskaApp(Config(language="en"), anna_db, user="anna")
        async with inspector.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert table_rows(inspector.screen, "#cases")[0][3] == "↩ returned"
            await pilot.press("enter")
            await pilot.pause()
            banner = str(inspector.screen.query_one("#return-reason").render())
            assert "Returned: plan date missing" in banner
    finally:
        set_language("sv")
