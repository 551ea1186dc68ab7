"""No screen shows a name or a personnummer by default: each view of a demo database,
the case screen and its dialogs, scanned as drawn and as held (out of view too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobs.config import Config
from store import current_user, open_database
from tests.tui.conftest import rows_in
from tests.tui.shown import everything_shown
from tui.app import GranskaApp

# Bounded by anything but a letter or digit: the audit chain's hex head hash holds runs of
# ten digits that are no personnummer.
PERSONNUMMER = re.compile(r"(?<![0-9a-zA-Z])(\d{2})?\d{6}\s?[-+]?\s?\d{4}(?![0-9a-zA-Z])")


@pytest.fixture
def demo_db(db_path: Path):
    """A demo of the supervisor's (the database's creator), half reviewed by anna."""
    from jobs.demo import create_demo

    db = open_database(db_path)
    create_demo(db, Config(), seed=5, districts=2, cases=16, colleague="anna")
    yield db
    db.conn.close()


def names_in(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM population WHERE name <> ''")]


def assert_no_identity(app, db, where: str) -> None:
    shown = everything_shown(app)
    found = PERSONNUMMER.search(shown)
    assert found is None, f"{where} shows a personnummer: {found and found.group()}"
    for name in names_in(db):
        surname = name.split()[-1]
        assert name not in shown and not re.search(rf"\b{re.escape(surname)}\b", shown), \
            f"{where} shows {name}"


async def settle(pilot) -> None:
    for _ in range(10):
        await pilot.pause()


async def test_no_view_shows_a_name_or_personnummer(demo_db) -> None:
    app = GranskaApp(Config(), demo_db, user=current_user())
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_in(pilot)
        for mode in app.MODES:
            await app.switch_mode(mode)
            await settle(pilot)
            assert_no_identity(app, demo_db, f"the {mode} view")
        await pilot.press("ctrl+f", *"hembesök")  # the global search: hits in case files
        await settle(pilot)
        assert app.screen.query_one("#search-hits").row_count > 0
        assert_no_identity(app, demo_db, "the search's hits")


async def test_the_case_screen_its_dialogs_and_its_audit_show_no_identity(demo_db) -> None:
    from textual.widgets import Input

    from tui.screens.case import CaseScreen

    app = GranskaApp(Config(), demo_db, user=current_user())
    async with app.run_test(size=(120, 40)) as pilot:
        await rows_in(pilot)
        await pilot.press("enter")
        await settle(pilot)
        case = app.screen
        assert isinstance(case, CaseScreen)
        assert case.query(".case-file-part")  # the demo has case files: they are scanned
        assert_no_identity(app, demo_db, "the case screen")
        for key, where in (("question_mark", "the keys"), ("ctrl+n", "the note editor"),
                           ("ctrl+r", "the reason question")):
            await pilot.press(key)
            await settle(pilot)
            assert_no_identity(app, demo_db, where)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("ctrl+d")  # evidence: its quote picked from the case file
        await settle(pilot)
        app.screen.query_one("#evidence-search", Input).value = "Namn"
        await settle(pilot)
        assert app.screen.query_one("#evidence-passages").option_count
        assert_no_identity(app, demo_db, "the evidence dialog's passages")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is case
        await pilot.press("ctrl+r", *"kontroll", "enter", "ctrl+r")  # shown, then hidden
        await settle(pilot)
        assert_no_identity(app, demo_db, "the case screen after a reveal was hidden")
        case_ref = case.info["case_ref"]
        await pilot.press("escape")
        await settle(pilot)
        await app.switch_mode("audit")
        await settle(pilot)
        app.screen.query_one(Input).value = case_ref
        await pilot.press("enter")
        await settle(pilot)
        assert "identitet visad" in everything_shown(app)
        assert_no_identity(app, demo_db, "the audit view of a revealed case")
