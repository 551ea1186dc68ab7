"""The side-by-side view of a double review masks a free-text answer that names the
person, as the case screen does (``tests/tui/test_identities_in_typed_text.py``)."""

from __future__ import annotations

from jobs.config import Config
from tests.tui.test_identities_in_typed_text import FREE_TEXT
from tui.app import GranskaApp


async def test_the_side_by_side_view_masks_free_text_answers(team_db, me) -> None:
    from store.assignments import sampled_cases
    from store.samples import latest_sample_id
    from tests.multiuser.test_double_review import double_reviewed

    case = sampled_cases(team_db, latest_sample_id(team_db))[0]
    name = team_db.execute("SELECT name FROM population WHERE id = ?",
                           [case["population_id"]]).fetchone()[0]
    last = name.split()[-1]
    double_reviewed(team_db, [{FREE_TEXT: f"{last} ringde"}], [{FREE_TEXT: "inget"}])
    app = GranskaApp(Config(), team_db, user=me)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        app.screen.query_one("#pairs").focus()
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one("#diffs")
        shown = [str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)]
    assert "[namn] ringde" in shown and not any(last in cell for cell in shown)
