"""The Sample screen (F3): strata, a seeded draw, replacing a case — by keyboard at 80x24."""

from __future__ import annotations

from dataclasses import replace

import pytest

from store import current_user
from store.samples import latest_sample_id, members, samples


@pytest.fixture
def config():
    from jobs.config import Config

    base = Config()
    return replace(base, districts=base.districts[:2])


@pytest.fixture
def sample_db(db, config):
    from jobs.demo import create_demo

    create_demo(db, config, seed=7, districts=2, cases=30)
    return db


def make_app(config, db, user: str | None = None):
    from tui.app import GranskaApp

    return GranskaApp(config, db, user=user or current_user())


def selected(db, sample_id: int) -> list[str]:
    return sorted(m["case_ref"] for m in members(db, sample_id)
                  if m["role"] in ("selected", "replacement"))


async def type_seed(pilot, seed: str) -> None:
    await pilot.press("s")
    field = pilot.app.screen.query_one("#seed")
    for _ in field.value:
        await pilot.press("backspace")
    await pilot.press(*seed, "enter")
    await pilot.app.workers.wait_for_complete()  # the draw runs in a worker
    await pilot.pause()


async def test_strata_and_sample_are_shown(sample_db, config) -> None:
    from textual.widgets import DataTable, Static

    app = make_app(config, sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        screen = app.screen
        assert "demo-7" in str(screen.query_one("#frames", Static).render())
        strata = screen.query_one("#strata", DataTable)
        assert strata.row_count == 2
        district, women, men, quota, drawn = strata.get_row_at(0)
        assert district == "Hägersten-Älvsjö" and quota == "10/10" and drawn == "10/10"
        assert int(women) + int(men) > 0
        table = screen.query_one("#members", DataTable)
        assert table.row_count == len(members(sample_db, latest_sample_id(sample_db)))
        assert screen.query_one("#seed").value == "7"


async def test_draw_with_a_seed_is_reproducible(sample_db, config) -> None:
    app = make_app(config, sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await type_seed(pilot, "5")
        first = samples(sample_db)[-1]
        assert first["seed"] == 5 and len(samples(sample_db)) == 2
        assert "frö 5" in str(app.screen.query_one("#summary").render())
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        second = samples(sample_db)[-1]
        assert second["id"] == first["id"] + 1
        assert selected(sample_db, first["id"]) == selected(sample_db, second["id"])


async def test_a_draw_waiting_for_a_lock_shows_its_progress_and_the_screen_answers(
        sample_db, config, db_path) -> None:
    import sqlite3

    from textual.widgets import Input

    app = make_app(config, sample_db)
    before = len(samples(sample_db))
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # a colleague's write in progress
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f3", "d")
            await pilot.pause(0.3)
            line = str(app.screen.query_one("ProgressLine").render())
            assert line.startswith("Drar urval: 0 av 60")
            await pilot.press("s")  # the screen still takes keys while the draw waits
            assert isinstance(app.focused, Input) and app.focused.id == "seed"
            app.screen.action_draw()  # a second draw while the first runs is refused
            blocker.execute("COMMIT")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert len(samples(sample_db)) == before + 1  # one draw, not two
            assert str(app.screen.query_one("ProgressLine").render()) == ""
    finally:
        blocker.close()


async def test_replace_a_case_with_a_reason(sample_db, config) -> None:
    from textual.widgets import DataTable

    app = make_app(config, sample_db)
    sample_id = latest_sample_id(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        table = app.screen.query_one("#members", DataTable)
        case_ref = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        await pilot.press("r")
        await pilot.press(*"fel insats", "enter")
        await pilot.pause()
        by_ref = {m["case_ref"]: m for m in members(sample_db, sample_id)}
        assert by_ref[case_ref]["role"] == "excluded"
        assert by_ref[case_ref]["reason"] == "fel insats"
        new = next(m for m in by_ref.values() if m["replaces"] == by_ref[case_ref]["id"])
        assert new["role"] == "replacement" and new["gender"] == by_ref[case_ref]["gender"]
        assert new["reviewers"] == current_user()
        row = table.get_row(case_ref)
        assert row[3] == "utesluten" and row[6] == "fel insats"
        assert table.get_row(new["case_ref"])[3] == "ersättare"


async def test_escape_cancels_the_replacement(sample_db, config) -> None:
    app = make_app(config, sample_db)
    sample_id = latest_sample_id(sample_db)
    before = members(sample_db, sample_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "r")
        await pilot.press(*"oops", "escape")
        await pilot.pause()
        assert app.screen.id != "reason" and type(app.screen).__name__ == "SampleScreen"
    assert members(sample_db, sample_id) == before


async def test_inspectors_cannot_draw(sample_db, config) -> None:
    app = make_app(config, sample_db, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "d", "r")
        await pilot.pause()
    assert len(samples(sample_db)) == 1
    assert all(m["role"] != "excluded"
               for m in members(sample_db, latest_sample_id(sample_db)))


def test_sample_screen_snapshot(snap_compare, sample_db, config) -> None:
    assert snap_compare(make_app(config, sample_db), terminal_size=(80, 24), press=["f3"])
