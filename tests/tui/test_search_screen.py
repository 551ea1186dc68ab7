"""ctrl+f: type, see the hits of your own cases, Enter opens the case at the passage."""

from __future__ import annotations

import pytest

from jobs.config import Config
from store.reviews import save_answer, save_note
from store.users import grant_role
from tests.search_cases import add_case, review_of
from tui.app import GranskaApp

FILLER = "\n".join(f"Journalanteckning {n}: samtal om vardagen." for n in range(120))
NOTED = "bestallning_strukturerad"  # applies with nothing answered yet


@pytest.fixture
def search_db(db):
    for user, role in (("anna", "inspector"), ("bo", "inspector"), ("sara", "supervisor")):
        grant_role(db, user, role, who="test")
    annas = review_of(db, add_case(db, "A-1", f"{FILLER}\nXylofonen stod i hallen."), "anna")
    save_note(db, annas, NOTED, "Planen nämner kaffekokaren", who="anna")
    save_note(db, annas, None, "Trumpeten saknas i akten", who="anna")
    for question in ("dur_aktuell", "hembesok_gjort"):  # the case opens further down
        save_answer(db, annas, question, "ja", who="anna")
    review_of(db, add_case(db, "B-1", "Xylofonen hos Bo."), "bo")
    return db, annas


async def typed(pilot, text: str):
    """ctrl+f from the case list, then the words; the search screen once it shows hits."""
    from tui.screens.search import SearchScreen

    await pilot.press("ctrl+f")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*text)
    await pilot.pause()
    return screen


def hit_refs(screen) -> list[str]:
    table = screen.query_one("#search-hits")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def on_screen(app) -> str:
    return app.export_screenshot().replace("&#160;", " ")


async def test_enter_opens_the_case_file_scrolled_to_the_hit(search_db) -> None:
    from tui.screens.case import CaseFilePane, CaseScreen

    db, annas = search_db
    app = GranskaApp(Config(), db, user="anna")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(CaseScreen(annas))  # opened the usual way: the file from its top
        await pilot.pause()
        assert "Xylofonen" not in on_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        screen = await typed(pilot, "xylofonen")
        assert hit_refs(screen) == ["A-1"]  # not bo's B-1
        assert "**" not in on_screen(app) and "1 träffar" in on_screen(app)
        await pilot.press("enter", "enter")
        await pilot.pause()
        case = app.screen
        assert isinstance(case, CaseScreen) and case.review_id == annas
        for _ in range(50):
            if case.query_one(CaseFilePane).scroll_y > 0:
                break
            await pilot.pause()
        assert "Xylofonen stod i hallen" in on_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and hit_refs(screen) == ["A-1"]  # back at the hits


async def test_enter_on_a_note_hit_opens_its_question(search_db) -> None:
    from tui.screens.case import CaseScreen

    db, annas = search_db
    app = GranskaApp(Config(), db, user="anna")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await typed(pilot, "kaffekokaren")
        assert hit_refs(screen) == ["A-1"]
        assert "frågeanteckning" in on_screen(app)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen) and app.screen.review_id == annas
        assert app.screen.current == NOTED


async def test_enter_on_a_case_note_hit_shows_the_note_above_the_first_question(
        search_db) -> None:
    from tui.screens.case import CaseScreen, ProtocolScroll

    db, annas = search_db
    app = GranskaApp(Config(), db, user="anna")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await typed(pilot, "trumpeten")
        assert hit_refs(screen) == ["A-1"] and "ärendeanteckning" in on_screen(app)
        await pilot.press("enter", "enter")
        await pilot.pause()
        case = app.screen
        assert isinstance(case, CaseScreen) and case.review_id == annas
        for _ in range(50):  # until the screen has settled where the search put it
            if case.current == "dur_aktuell" and case.query_one(ProtocolScroll).scroll_y == 0:
                break
            await pilot.pause()
        assert case.current == "dur_aktuell"  # not the first unanswered question
        assert "Trumpeten saknas i akten" in on_screen(app)


async def test_an_inspector_never_sees_another_inspectors_case(search_db) -> None:
    db, _ = search_db
    for user, seen in (("bo", ["B-1"]), ("sara", ["A-1", "B-1"])):
        app = GranskaApp(Config(), db, user=user)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = await typed(pilot, "xylofonen")
            assert sorted(hit_refs(screen)) == seen


async def test_bad_query_text_is_a_line_on_screen_not_a_crash(search_db) -> None:
    db, _ = search_db
    app = GranskaApp(Config(), db, user="anna")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await typed(pilot, '"xylo')
        assert hit_refs(screen) == []
        assert "går inte att tolka" in str(screen.query_one("#search-status").render())
        await pilot.press("enter")  # nothing to go to: stays in the field
        await pilot.pause()
        assert app.screen is screen
