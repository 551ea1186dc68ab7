"""The provider follow-ups in the app, by keyboard: the list (area, status, outcome, open
measure), a follow-up scored with the same keys as a case beside its documents, the
derived outcome and the reason an override needs, and the supervisors' measures view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jobs.config import Config
from store.users import grant_role
from tests.providers.test_providers_cli import ROWS, write

INSPECTOR, SUPERVISOR = "anna", "sara"


@pytest.fixture
def provider_db(db, tmp_path: Path):
    from jobs.providers import add_measure, assign_one, import_register, select_plan
    from samples.provider_selection import Rule

    import_register(db, write(tmp_path / "reg.csv", ROWS))
    select_plan(db, "avtalsuppfoljning", Rule(all_providers=True))
    grant_role(db, INSPECTOR, "inspector", who="test")
    grant_role(db, SUPERVISOR, "supervisor", who="test")
    for ref in ("P1", "P2", "P4", "P5"):
        assign_one(db, "avtalsuppfoljning", ref, INSPECTOR, who=SUPERVISOR)
    soon = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    add_measure(db, "P2", "komplettering", reason="rutin saknas", sent="2024-01-02",
                due="2024-02-01", decided_by=SUPERVISOR, dnr=None)
    add_measure(db, "P1", "rattelse", reason="omfattande brister", due=soon,
                decided_by=SUPERVISOR, dnr="SCN-2024-1")
    return db


def app_for(db, user: str):
    from tui.app import GranskaApp

    return GranskaApp(Config(), db, user=user)


def cells(table) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def status_line(screen) -> str:
    return str(screen.query_one("#status").render())


def beside(screen) -> str:
    return str(screen.query_one("#follow-up-sheet").render())


async def by_palette(pilot, view: str) -> None:
    """Switch view as a user does: ctrl+p, the view's name, Enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*view, "enter")
    for _ in range(50):
        await pilot.pause()
        if type(pilot.app.screen).__name__ != "CommandPalette":
            return


async def open_providers(pilot):
    from tui.screens.providers import ProvidersScreen

    await by_palette(pilot, "Utförare")
    assert isinstance(pilot.app.screen, ProvidersScreen)
    return pilot.app.screen


async def test_the_list_shows_area_status_outcome_and_open_measure(provider_db) -> None:
    from textual.widgets import DataTable

    async with app_for(provider_db, INSPECTOR).run_test(size=(100, 30)) as pilot:
        screen = await open_providers(pilot)
        rows = cells(screen.query_one(DataTable))
        note = str(screen.query_one("#providers-note").render())
    by_ref = {row[0]: row for row in rows}
    assert [row[0] for row in rows] == ["P4", "P5", "P1", "P2", "P3"]  # by area, then ref
    assert by_ref["P4"][1:4] == ["HVB", INSPECTOR, "ej påbörjad"]
    assert by_ref["P3"][2:4] == ["–", "ej tilldelad"]
    assert by_ref["P2"][5] == "komplettering · FÖRSENAD"
    assert by_ref["P1"][5] == "rattelse" and by_ref["P4"][5] == "–"
    assert "5 uppföljningar" in note and "1 med försenad åtgärd" in note


async def test_a_follow_up_scored_by_keys_beside_its_documents(provider_db) -> None:
    from store.reviews import answers_for
    from tui.screens.case import CaseScreen

    async with app_for(provider_db, INSPECTOR).run_test(size=(100, 30)) as pilot:
        await open_providers(pilot)
        await pilot.press("enter")  # P4, the first row: Ramnäs HVB, LOV
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CaseScreen)
        review_id = screen.review_id
        assert "Ramnäs HVB (P4)" in beside(screen) and "Inkomna handlingar" in beside(screen)
        assert "Rutin hot och våld: inte bedömd än" in beside(screen)
        assert screen.views["f_skatt"].display  # a LOV contract has the economic check
        assert screen.current == "utfall"
        await pilot.press("down", "s")  # rutin_hot_vald: saknas
        await pilot.pause()
        assert "Härlett utfall: ännu inte avgjort" in status_line(screen)
        assert "Rutin hot och våld: Saknas" in beside(screen)
        assert screen.views["rutin_hot_vald_slutstatus"].display
        screen.set_current("rutin_hot_vald_slutstatus")
        await pilot.press("g")
        await pilot.pause()
        assert "Härlett utfall: Följer avtal efter komplettering av brister" \
            in status_line(screen)
        # The reviewer's own outcome, other than the derived one: klar needs its reason.
        screen.set_current("utfall")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert "skriv motiveringen" in str(screen.query_one("#banner").render())
        assert screen.status != "complete" and screen.current == "utfall_motivering"
    stored = answers_for(provider_db, review_id)
    assert (stored["rutin_hot_vald"].value, stored["rutin_hot_vald_slutstatus"].value,
            stored["utfall"].value) == ("saknas", "godkand", "foljer")
    assert provider_db.execute("SELECT status FROM reviews WHERE id = ?",
                               [review_id]).fetchone()[0] == "in_progress"


async def test_egen_regi_has_no_economic_check_and_the_list_opens_only_ones_own(
        provider_db) -> None:
    from tui.screens.case import CaseScreen
    from tui.screens.providers import ProvidersScreen

    async with app_for(provider_db, INSPECTOR).run_test(size=(100, 30)) as pilot:
        await open_providers(pilot)
        await pilot.press("down", "enter")  # P5, Korttidstillsyn in egen regi
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CaseScreen)
        assert not screen.views["f_skatt"].display
        assert "Regim: egen regi" in beside(screen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # back on P5; P3: nobody's yet
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProvidersScreen)
        assert any("ingen granskare" in n.message for n in pilot.app._notifications)


async def test_the_measures_view_is_the_supervisors_with_the_overdue_first(provider_db
                                                                           ) -> None:
    from textual.widgets import DataTable

    async with app_for(provider_db, SUPERVISOR).run_test(size=(100, 30)) as pilot:
        await by_palette(pilot, "Åtgärder")
        rows = cells(pilot.app.screen.query_one(DataTable))
        note = str(pilot.app.screen.query_one("#measures-note").render())
    assert rows[0][:6] == ["P2", "Stödboende", "komplettering", "2024-01-02", "2024-02-01",
                           "FÖRSENAD"]
    assert rows[1][:3] == ["P1", "Stödboende", "rattelse"] and rows[1][5] == "open"
    assert note == "2 åtgärder, 1 försenade"
    async with app_for(provider_db, INSPECTOR).run_test(size=(100, 30)) as pilot:
        await by_palette(pilot, "Åtgärder")
        assert pilot.app.screen.query_one(DataTable).row_count == 0
        assert "handledare" in str(pilot.app.screen.query_one("#measures-note").render())


async def test_the_palette_switches_between_cases_and_follow_ups(provider_db) -> None:
    from tui.screens.case_list import CaseListScreen

    async with app_for(provider_db, INSPECTOR).run_test(size=(100, 30)) as pilot:
        commands = {c.title: c.help for c in pilot.app.get_system_commands(pilot.app.screen)}
        await open_providers(pilot)
        await by_palette(pilot, "Ärenden")
        assert isinstance(pilot.app.screen, CaseListScreen)
    assert commands["Ärenden"] == "Byt vy (F2)" and commands["Utförare"] == "Byt vy"
    assert commands["Åtgärder"] == "Byt vy"
