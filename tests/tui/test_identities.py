"""Names and personnummer on the case screen: masked by default, shown for the open case
only after a reason is typed (audited once per reveal), hidden again when it closes."""

from __future__ import annotations

import pytest

from tests.providers.test_provider_screens import provider_db  # noqa: F401 (a fixture)
from tests.tui.conftest import rows_in
from tests.tui.shown import everything_shown


def subject_of_first(db, review_id: int) -> tuple[str, str]:
    return db.execute(
        "SELECT p.name, p.personnummer FROM reviews r JOIN population p"
        " ON p.id = r.population_id WHERE r.id = ?", [review_id]).fetchone()


def reveals(db) -> list[tuple]:
    return db.execute("SELECT entity, entity_id, new_value, who FROM audit_log"
                      " WHERE action = 'identity.reveal' ORDER BY id").fetchall()


async def open_first_case(pilot):
    from tui.screens.case import CaseScreen

    await rows_in(pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CaseScreen)
    return pilot.app.screen


def surname_and_first(name: str) -> tuple[str, str]:
    first, *_, last = name.split()
    return first, last


async def test_the_case_file_names_no_one_until_a_reason_is_given(make_app, review_db) -> None:
    from textual.widgets import Input

    from tui.widgets.review_queue import ReasonScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_case(pilot)
        name, personnummer = subject_of_first(review_db, screen.review_id)
        first, last = surname_and_first(name)
        shown = everything_shown(app)
        assert first not in shown and last not in shown and personnummer not in shown
        assert "[namn]" in shown  # the case file's "Namn:" line, masked

        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press("space", "enter")  # a blank reason is refused, the question stays
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        assert reveals(review_db) == []

        app.screen.query_one(Input).value = "Kontroll mot  verksamhetssystemet"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        shown = everything_shown(app)
        assert name in shown and personnummer in shown
        case_file = "\n".join(str(part.render()) for part in screen.query(".case-file-part"))
        assert f"Namn: {name}" in case_file
        assert reveals(review_db) == [
            ("review", screen.review_id, "Kontroll mot verksamhetssystemet", "anna")]

        await pilot.press("escape")  # the case closes: hidden again
        await pilot.pause()
        await rows_in(pilot)
        screen = await open_first_case(pilot)
        shown = everything_shown(app)
        assert first not in shown and last not in shown and personnummer not in shown
        assert len(reveals(review_db)) == 1


async def test_cancelling_the_reason_shows_nothing_and_logs_nothing(make_app, review_db) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        name, _ = subject_of_first(review_db, screen.review_id)
        await pilot.press("ctrl+r", *"behövs", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert name not in everything_shown(app)
        assert reveals(review_db) == []


async def test_ctrl_r_on_a_shown_identity_hides_it_and_a_second_reveal_is_logged_again(
        make_app, review_db) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_case(pilot)
        name, _ = subject_of_first(review_db, screen.review_id)
        await pilot.press("ctrl+r", *"ett", "enter")
        await pilot.pause()
        assert name in everything_shown(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert name not in everything_shown(app)
        await pilot.press("ctrl+r", *"två", "enter")
        await pilot.pause()
        assert name in everything_shown(app)
        assert [row[2] for row in reveals(review_db)] == ["ett", "två"]


def test_a_reason_naming_the_person_is_logged_masked_and_a_blank_one_is_refused(
        review_db) -> None:
    from jobs.identities import RevealRefused, reveal

    review_id = review_db.execute("SELECT min(id) FROM reviews").fetchone()[0]
    name, personnummer = subject_of_first(review_db, review_id)
    shown = reveal(review_db, review_id, f"ringde {name}, {personnummer}", who="anna")
    assert (shown.name, shown.personnummer) == (name, personnummer)
    logged = reveals(review_db)[0][2]
    assert logged.startswith("ringde [namn]") and logged.endswith(", YYYYMMDD-NNNN")
    assert not any(part in logged for part in name.split())
    with pytest.raises(RevealRefused):
        reveal(review_db, review_id, " \t\n", who="anna")
    assert len(reveals(review_db)) == 1


async def test_a_provider_follow_up_has_no_one_to_reveal_and_logs_nothing(
        provider_db) -> None:  # noqa: F811 (the fixture imported above)
    from tests.providers.test_provider_screens import INSPECTOR, app_for, open_providers
    from tui.screens.case import CaseScreen

    async with app_for(provider_db, INSPECTOR).run_test(size=(100, 30)) as pilot:
        await open_providers(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CaseScreen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert pilot.app.screen is screen  # no reason asked for
        assert "inget namn eller personnummer" in " ".join(
            str(n.message) for n in pilot.app._notifications)
    assert reveals(provider_db) == []
