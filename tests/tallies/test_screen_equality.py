"""The Tallies view's equal-treatment mode (l): shares with intervals, flagged differences."""

from __future__ import annotations

from tests.tallies.test_screen import make_app, shown


def line_of(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label))


async def worked_out(pilot) -> None:
    """The figures are worked out in a worker; wait for it and the redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_each_share_with_its_interval_and_what_is_beyond_chance(report_db) -> None:
    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "right", "l")  # Aktuell DUR-utredning
        await worked_out(pilot)
        assert "likställighet" in shown(app, "#tallies-heading")
        table = shown(app, "#tallies-table")
        skarpnack = line_of(table, "SK ")  # Finns: 8 of 20, against 49 of 60 elsewhere
        assert "━" in skarpnack and "●" in skarpnack
        assert "40 % 22–61" in skarpnack and "8/20" in skarpnack and skarpnack.endswith("◆")
        sodermalm = line_of(table, "SÖ ")  # 10 of 20: within chance
        assert "50 % 30–70" in sodermalm and "◆" not in sodermalm
        # The interval is drawn where it lies on the 0-100 % scale: 22-61 % of 32 cells.
        bar = skarpnack[11:43]
        assert bar.index("●") == 12 and bar.index("━") == 7 and bar.rindex("━") == 19
        found = shown(app, "#tallies-chart")
        assert "Skarpnäck: 8 av 20 (40 %) mot 49 av 60 (82 %) i övriga" in " ".join(
            found.split())
        await pilot.press("v")  # per gender: 27 of 40 women, 30 of 40 men, no flag
        assert "per kön" in shown(app, "#tallies-heading")
        table = shown(app, "#tallies-table")
        assert "27/40" in line_of(table, "Kvinnor") and "◆" not in table
        await pilot.press("v")  # district x gender
        assert "3/10" in line_of(shown(app, "#tallies-table"), "SK K")
        await pilot.press("l", "v")  # back to the tables, per district
        assert "57 (71%)" in shown(app, "#tallies-table")


async def test_tables_without_options_say_so(report_db) -> None:
    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "left", "l")  # the last entry: a quality area
        assert "Ingen likställighetsjämförelse" in shown(app, "#tallies-table")
        await pilot.press("right")  # wraps round to Table 1: how well the plans match
        await worked_out(pilot)
        assert "Genomförandeplan stämmer" in shown(app, "#tallies-heading")
        table = shown(app, "#tallies-table")
        assert "Delvis" in table and "3/18" in line_of(table, "HÄ ")  # Ja: 3 of 18 plans


async def test_new_reviews_change_the_figures_in_the_mode(report_db) -> None:
    from store.reports import counted_reviews
    from store.reviews import save_answer

    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "right", "l")
        await worked_out(pilot)
        assert "8/20" in line_of(shown(app, "#tallies-table"), "SK ")
        case = next(r for r in counted_reviews(report_db, "boendestod_sol")
                    if r["case_ref"] == "SK-01")
        save_answer(report_db, case["review_id"], "dur_aktuell", "ja", who="anna")
        app.screen.reload()  # what the 5-second timer calls
        await worked_out(pilot)
        assert "9/20" in line_of(shown(app, "#tallies-table"), "SK ")


async def show_equality(pilot) -> None:
    await pilot.press("f4", "right", "l")
    await worked_out(pilot)


def test_snapshot_equality_80x24(report_db, snap_compare) -> None:
    assert snap_compare(make_app(report_db), run_before=show_equality, terminal_size=(80, 24))


def test_snapshot_equality_120x40(report_db, snap_compare) -> None:
    assert snap_compare(make_app(report_db), run_before=show_equality,
                        terminal_size=(120, 40))


async def test_equality_exported_from_the_screen(report_db) -> None:
    import json
    import stat

    from tallies.equality import FIELDS
    from tallies.formats import FORMATS

    app = make_app(report_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "e")
        await pilot.pause()
        for _ in range(FORMATS.index("equality")):
            await pilot.press("down")
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the export runs in a worker
        await pilot.pause()
        path = app.screen.last_export
        assert path is not None and path.name.startswith("granska-equality-")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        data = json.loads(path.read_text(encoding="utf-8"))
        assert all(tuple(item) == FIELDS for item in data) and len(data) > 1000


async def test_in_english(report_db) -> None:
    from jobs.config import Config
    from jobs.i18n import set_language
    from store.users import grant_role
    from tui.app import GranskaApp

    grant_role(report_db, "anna", "supervisor")
    app = GranskaApp(Config(language="en"), report_db, user="anna")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f4", "right", "l")
            await worked_out(pilot)
            assert "equal treatment" in shown(app, "#tallies-heading")
            table = shown(app, "#tallies-table")
            assert table.splitlines()[1] == "Present" and "0.007 ◆" in line_of(table, "SK ")
            assert "8 of 20 (40%) against 49 of 60 (82%) in the other districts" in " ".join(
                shown(app, "#tallies-chart").split())
    finally:
        set_language("sv")  # the catalogue is process-wide
