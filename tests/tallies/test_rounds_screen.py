"""The Tallies view compares two review rounds (o): per district, the change, ◆ beyond
chance; a and b step through the rounds."""

from __future__ import annotations

from tests.tallies.test_rounds import answer_again, dur_made
from tests.tallies.test_screen import make_app as tallies_app
from tests.tallies.test_screen import shown


async def test_the_tallies_view_compares_two_rounds(report_db, report_cases, db_path) -> None:
    from jobs.rounds import create

    create(report_db, "Uppföljning")
    answer_again(report_db, dur_made(report_cases, "Skarpnäck"))
    app = tallies_app(report_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4", "right", "o")  # Aktuell DUR-utredning
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Omgång A: Omgång 1 · omgång B: Uppföljning" in " ".join(
            shown(app, "#tallies-heading").split())
        table = shown(app, "#tallies-table")
        skarpnack = next(line for line in table.splitlines() if " SK " in line)
        assert "8 / 20 (40 %)" in skarpnack and "20 / 20 (100 %)" in skarpnack
        assert "+60" in skarpnack and skarpnack.rstrip().endswith("◆")
        sodermalm = next(line for line in table.splitlines() if " SÖ " in line)
        assert "10 / 20 (50 %)" in sodermalm and "◆" not in sodermalm
        assert "Skarpnäck: 8 / 20 (40 %) blev 20 / 20 (100 %)" in " ".join(
            shown(app, "#tallies-chart").split())
        await pilot.press("b")  # round B steps on, past A: back to Uppföljning
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("a")  # A: Uppföljning is B, so A wraps to Omgång 1 again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Omgång A: Omgång 1 · omgång B: Uppföljning" in " ".join(
            shown(app, "#tallies-heading").split())
        await pilot.press("o")  # back to the tables: the round worked on, the follow-up
        assert "Omgång A" not in shown(app, "#tallies-heading")
        assert "69 (86%)" in shown(app, "#tallies-table")


async def test_the_comparison_says_when_there_is_one_round_only(report_db) -> None:
    app = tallies_app(report_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4", "right", "o")
        await pilot.pause()
        assert "inte två omgångar" in shown(app, "#tallies-table")


async def test_a_new_round_reloads_the_tallies_when_f4_comes_back(report_db) -> None:
    """A new round changes what counts (its reviews, none done yet) while no counted
    review changes: F4 again shows the new round's tables, not the old round's."""
    from jobs.rounds import create

    app = tallies_app(report_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4", "right")  # Aktuell DUR-utredning
        await pilot.pause()
        assert "57 (71%)" in shown(app, "#tallies-table")  # round 1: 57 of 80 have one
        create(report_db, "Uppföljning")
        await pilot.press("f3", "f4")
        await pilot.pause()
        assert "57 (71%)" not in shown(app, "#tallies-table")  # nothing counted yet


async def test_f4_after_a_new_round_shows_its_table_and_how_far_it_is(report_db) -> None:
    """A supervisor who just opened round B sees B's table (nothing counted yet), a line
    saying how many of B's reviews are complete, and round A one key away."""
    from jobs.rounds import create

    create(report_db, "Uppföljning")
    app = tallies_app(report_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4", "right")  # Aktuell DUR-utredning
        await pilot.pause()
        heading = " ".join(shown(app, "#tallies-heading").split())
        assert "Aktuell DUR-utredning" in heading
        assert "Aktuell omgång: Uppföljning, 0 av 80 granskningar klara" in heading
        assert "o jämför med Omgång 1" in heading
        table = shown(app, "#tallies-table")
        assert "Totalt" in table and "57 (71%)" not in table  # B's column, still empty
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "57 / 80" in shown(app, "#tallies-table")  # round A is still reachable


async def test_rounds_compared_before_round_b_has_a_complete_review(report_db) -> None:
    """o with round B just opened: round A's figures against an empty B column, saying so."""
    from jobs.rounds import create

    create(report_db, "Uppföljning")
    app = tallies_app(report_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4", "right", "o")  # Aktuell DUR-utredning
        await app.workers.wait_for_complete()
        await pilot.pause()
        heading = " ".join(shown(app, "#tallies-heading").split())
        assert "Omgång A: Omgång 1 · omgång B: Uppföljning" in heading
        assert "Uppföljning har inga klara granskningar än" in " ".join(
            shown(app, "#tallies-note").split())
        table = shown(app, "#tallies-table")
        whole = next(line for line in table.splitlines() if "Hela urvalet" in line)
        assert "57 / 80" in whole and "–" in whole
        assert "◆" not in table
