"""The Tallies view (F4) at 80x24: figures on screen, views, live refresh, export, notes."""

from __future__ import annotations

import stat
from pathlib import Path

from rich.console import Console

from jobs.config import Config
from tui.app import GranskaApp


def shown(app, selector: str) -> str:
    widget = app.screen.query_one(selector)
    console = Console(width=80, record=True, no_color=True)
    console.print(widget.content)
    return console.export_text()


def make_app(db) -> GranskaApp:
    """Anna, a supervisor: the tallies are for supervisors."""
    from store.users import grant_role, role_of

    if role_of(db, "anna") != "supervisor":
        grant_role(db, "anna", "supervisor")
    return GranskaApp(Config(), db, user="anna")


async def test_table_1_on_screen_and_the_views(report_db) -> None:
    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        table = shown(app, "#tallies-table")
        assert "Genomförandeplan stämmer" in shown(app, "#tallies-heading")
        assert "HÄ" in table and "Totalt" in table
        assert "17 (27%)" in table and "34 (54%)" in table and "16 (20%)" in table
        assert "79 ärenden; 1 ärende är ej tillämpligt" in shown(app, "#tallies-note")
        assert "█" in shown(app, "#tallies-chart")
        await pilot.press("v")
        assert "per kön" in shown(app, "#tallies-heading")
        assert "Kvinnor" in shown(app, "#tallies-table")
        await pilot.press("v")
        assert "HÄ K" in shown(app, "#tallies-table")
        await pilot.press("v", "right")
        assert "Intressen" not in shown(app, "#tallies-heading")
        assert "Aktuell DUR-utredning" in shown(app, "#tallies-heading")
        assert "57 (71%)" in shown(app, "#tallies-table")


async def test_new_reviews_show_up(report_db) -> None:
    from store.reports import counted_reviews
    from store.reviews import save_answer

    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "right")
        assert "57 (71%)" in shown(app, "#tallies-table")
        case = next(r for r in counted_reviews(report_db, "boendestod_sol")
                    if r["case_ref"] == "SK-01")
        save_answer(report_db, case["review_id"], "dur_aktuell", "ja", who="anna")
        app.screen.reload()  # what the 5-second timer calls
        await pilot.pause()
        assert "58 (73%)" in shown(app, "#tallies-table")


async def test_export_from_the_screen(report_db) -> None:
    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "e")
        await pilot.pause()
        await pilot.press("enter")  # csv, the first format
        await app.workers.wait_for_complete()  # the export runs in a worker
        await pilot.pause()
        path = app.screen.last_export
        assert path is not None and path.parent == Path.cwd() and path.suffix == ".csv"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "Genomförandeplan saknas;2;10,0" in path.read_text(encoding="utf-8-sig")


async def test_strengths_written_on_screen_are_stored_and_audited(report_db) -> None:
    from store.audit import history
    from store.reports import district_notes

    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "s")
        await pilot.pause()
        for key in "Aktuell DUR":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await pilot.pause()
        notes = district_notes(report_db)
        assert [(n["district"], n["kind"], n["text"]) for n in notes] == [
            ("Hägersten-Älvsjö", "strength", "Aktuell DUR")]
        assert history(report_db, "district_note")[0]["who"] == "anna"
        assert "Aktuell DUR" in str(app.screen.query_one("#notes-list").get_option_at_index(0)
                                    .prompt)
        await pilot.press("escape")


def test_snapshot_80x24(report_db, snap_compare) -> None:
    assert snap_compare(make_app(report_db), press=["f4"], terminal_size=(80, 24))


async def test_quality_areas_can_be_picked(report_db) -> None:
    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "left")  # wraps round to the last entry: a quality area
        assert "Kunskapsbaserad verksamhet" in shown(app, "#tallies-heading") or \
            "Effektivitet" in shown(app, "#tallies-heading")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert "Genomförandeplan stämmer" in shown(app, "#tallies-heading")
