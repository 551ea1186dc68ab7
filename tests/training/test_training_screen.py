"""The Training mode (F5): sessions, a new session, and a session's report, at 80x24."""

from __future__ import annotations

import os
import re

import pytest

from jobs.config import Config
from jobs.training import store_generated
from review_protocols import load_builtin
from store.reviews import list_reviews, save_answer
from store.training import create_session, session_data, sessions
from store.users import grant_role
from tui.app import GranskaApp

PROTOCOL = load_builtin("boendestod_sol")


@pytest.fixture
def trained_db(db):
    frame_id, _ = store_generated(db, PROTOCOL, count=3, seed=2)
    session_id = create_session(db, name="kurs", frame_id=frame_id, protocol_id=PROTOCOL.id,
                                protocol_version=PROTOCOL.version, cases=3,
                                trainees=["anna", "bo"])
    keys = session_data(db, session_id).keys
    for trainee in ("anna", "bo"):
        for row in list_reviews(db, reviewer=trainee, kind="training"):
            for qid, value in keys[row["case_ref"]].items():
                if trainee == "bo" and qid == "beslut":
                    value = "bifall" if value != "bifall" else "avslag"
                save_answer(db, row["id"], qid, value, who=trainee)
    grant_role(db, "tina", "trainer")
    return db


def screen_text(app) -> str:
    """What the screen's Static widgets show (tables included), as plain text."""
    from rich.console import Console

    console = Console(width=80, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    for widget in app.screen.query("Static"):
        console.print(widget.content)
    return console.export_text()


async def test_trainer_sees_sessions_and_the_report_with_misses(trained_db) -> None:
    app = GranskaApp(Config(), trained_db, user="tina")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)] == ["kurs", "3", "anna, bo", "normal"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.title == "Granska · Kalibrering: kurs"
        report = app.screen.report
        assert [r.percent for r in report.trainees] == [1.0, report.trainees[1].percent]
        assert {m.question_id for m in report.trainees[1].misses} >= {"beslut"}
        text = screen_text(app)
        assert "Överensstämmelse med facit" in text
        assert re.search(r"anna\s+│\s+100 %\s+│\s+1.00", text)
        assert "Mellan deltagare (Fleiss kappa)" in text
        assert "Missar med belägg i akten" in text
        assert "Beslut: svar" in text
        await pilot.press("escape")
        assert app.screen.query_one("DataTable").row_count == 1


async def test_trainees_do_not_see_keys_or_reports(trained_db) -> None:
    app = GranskaApp(Config(), trained_db, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen.query_one("DataTable").row_count == 0
        assert "Endast utbildare" in screen_text(app)
        await pilot.press("n")
        assert app.screen.__class__.__name__ == "TrainingScreen"


async def test_new_session_from_the_screen(trained_db) -> None:
    app = GranskaApp(Config(), trained_db, user="tina")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5", "n")
        await pilot.pause()
        await pilot.press("enter")  # no trainees yet: refused, dialog stays
        await pilot.pause()
        assert "Ange minst en deltagare" in screen_text(app)
        await pilot.press(*"kurs2", "tab", *"cai,dan", "tab", "backspace", "backspace", "2")
        await pilot.press("enter")
        await pilot.pause()
        assert "Tillfället kurs2 skapat: 2 ärenden till cai, dan" in screen_text(app)
        assert app.screen.query_one("DataTable").row_count == 2
    assert [s["name"] for s in sessions(trained_db)] == ["kurs", "kurs2"]
    assert len(list_reviews(trained_db, reviewer="dan", kind="training")) == 2


def test_snapshot_session_list(trained_db, snap_compare) -> None:
    app = GranskaApp(Config(), trained_db, user="tina")
    assert snap_compare(app, terminal_size=(80, 24), press=["f5"])


def test_snapshot_report(trained_db, snap_compare) -> None:
    app = GranskaApp(Config(), trained_db, user="tina")
    assert snap_compare(app, terminal_size=(80, 24), press=["f5", "enter"])
