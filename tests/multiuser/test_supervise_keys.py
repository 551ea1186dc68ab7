"""The supervisor's desk starts double reviews by key; the palette reaches every view."""

from __future__ import annotations

from jobs.config import Config
from store.assignments import sampled_cases
from store.samples import latest_sample_id
from tui.app import GranskaApp


async def test_key_2_gives_every_assigned_case_a_blind_second_review(team_db, me) -> None:
    app = GranskaApp(Config(), team_db, user=me)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.press("b")  # every demo case already has its reviewer (me)
        await pilot.pause()
        first = " ".join(str(n.message) for n in app._notifications)
        app.clear_notifications()
        await pilot.press("2")
        await pilot.pause()
        second = " ".join(str(n.message) for n in app._notifications)
    assert "2 ger dem en andra" in first
    cases = sampled_cases(team_db, latest_sample_id(team_db))
    assert all(c["second_reviewer"] in {"anna", "bert"} for c in cases)
    assert all(c["second_reviewer"] != c["primary_reviewer"] for c in cases)
    assert f"{len(cases)} ärenden fördelade på 2 granskare" in second


async def test_command_palette_lists_the_views_in_the_users_language(team_db, me) -> None:
    app = GranskaApp(Config(), team_db, user=me)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p", *"Sammanst", "enter")
        await pilot.pause()
        titles.append(app.current_mode)
    assert titles[:6] == ["Ärenden", "Urval", "Sammanställning", "Utbildning", "Logg",
                          "Fördelning"]
    assert "Avsluta" in titles and "Quit" not in titles
    assert titles[-1] == "tallies"
