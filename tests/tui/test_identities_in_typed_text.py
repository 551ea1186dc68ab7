"""Text inspectors type (question notes, free-text answers, evidence quotes, finding
comments) may name the person a case is about. Every screen and command that shows it
masks the name and personnummer as the case file is masked, `[namn]`, unless revealed
(ctrl+r on the case screen); an editor opens on such text only once revealed."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from jobs.config import Config
from store import current_user
from store.evidence import checked, save_evidence
from store.reviews import list_reviews, save_answer, save_note
from tests.providers.test_provider_screens import provider_db  # noqa: F401 (a fixture)
from tests.search_cases import PNR, add_case, review_of
from tui.app import GranskaApp
from tui.cli import main

FREE_TEXT = "utredning_iakttagelser"


def rendered(view) -> str:
    """A question as the case screen draws it, shown on screen or not."""
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(view.render())
    return console.export_text()


@pytest.fixture
def typed_names(review_db):
    """anna's first case, whose note, free-text answer and evidence name its person."""
    review_id = list_reviews(review_db, reviewer="anna", limit=1)[0]["id"]
    name, pnr = review_db.execute(
        "SELECT p.name, p.personnummer FROM reviews r JOIN population p"
        " ON p.id = r.population_id WHERE r.id = ?", [review_id]).fetchone()
    first, *_, last = name.split()
    save_note(review_db, review_id, "dur_aktuell", f"ringde {first} {last}, {pnr}", who="anna")
    save_answer(review_db, review_id, FREE_TEXT, f"{last}s bror hjälper till", who="anna")
    save_evidence(review_db, review_id, "dur_aktuell",
                  checked("utredning", "2021-03-01", f"{first} vill inte ha stöd"), who="anna")
    return review_id, (first, last, pnr)


async def open_case(app, pilot, review_id: int):
    from tui.screens.case import CaseScreen

    await pilot.pause()
    app.push_screen(CaseScreen(review_id))
    await pilot.pause()
    return app.screen


async def test_the_case_screen_masks_typed_text_until_revealed(make_app, typed_names) -> None:
    review_id, identity = typed_names
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_case(app, pilot, review_id)
        note_and_evidence = rendered(screen.views["dur_aktuell"])
        free_text = rendered(screen.views[FREE_TEXT])
        assert "ringde [namn] [namn], YYYYMMDD-NNNN" in note_and_evidence
        assert '"[namn] vill inte ha stöd"' in note_and_evidence
        assert "[namn] bror hjälper till" in free_text  # the genitive too
        assert not any(part in note_and_evidence + free_text for part in identity)

        await pilot.press("ctrl+r", *"kontroll", "enter")
        await pilot.pause()
        first, last, pnr = identity
        assert f"ringde {first} {last}, {pnr}" in rendered(screen.views["dur_aktuell"])
        assert f"{last}s bror" in rendered(screen.views[FREE_TEXT])
        await pilot.press("ctrl+r")  # hidden again
        await pilot.pause()
        assert first not in rendered(screen.views["dur_aktuell"])


async def test_an_editor_opens_on_text_naming_the_person_only_once_revealed(
        make_app, typed_names) -> None:
    from tui.widgets.modals import TextEditModal

    review_id, (first, last, pnr) = typed_names
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_case(app, pilot, review_id)
        screen.set_current("dur_aktuell")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is screen  # no editor showing the name
        assert any("visa namn och personnummer (ctrl+r)" in str(n.message)
                   for n in app._notifications)
        await pilot.press("ctrl+d")  # the evidence dialog would show the typed quote
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+r", *"rättar anteckningen", "enter", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, TextEditModal)
        assert f"{first} {last}, {pnr}" in app.screen.query_one("TextArea").text


@pytest.fixture
def noted(db, db_path):
    """A case whose note and evidence quote name its person; I am the supervisor."""
    review_id = review_of(db, add_case(db, "MIN-1", "Hembesök gjordes."), current_user())
    save_note(db, review_id, "dur_aktuell", f"Birgitta Roos ({PNR}) hade glömt mötet")
    save_evidence(db, review_id, "dur_aktuell",
                  checked("journalanteckning", "2022-01-02", "Roos har glömt mötet igen"))
    return db_path


def test_granska_search_masks_the_name_in_notes_and_quotes(noted, capsys) -> None:
    assert main(["--db", str(noted), "search", "glömt", "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert sorted(hit["where"] for hit in hits) == ["evidence", "question_note"]
    snippets = " ".join(hit["snippet"] for hit in hits)
    assert "[namn] [namn] (YYYYMMDD-NNNN) hade **glömt**" in snippets
    assert "[namn] har **glömt**" in snippets
    assert "Birgitta" not in snippets and "Roos" not in snippets and PNR not in snippets


async def test_ctrl_f_masks_the_name_in_a_note_hit(db) -> None:
    review_id = review_of(db, add_case(db, "MIN-1", "Hembesök gjordes."), current_user())
    save_note(db, review_id, "dur_aktuell", "Birgitta Roos hade glömt mötet")
    app = GranskaApp(Config(), db, user=current_user())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"glömt")
        await pilot.pause()
        table = app.screen.query_one("#search-hits")
        shown = " ".join(str(cell) for i in range(table.row_count)
                         for cell in table.get_row_at(i))
    assert "[namn] [namn] hade" in shown and "Roos" not in shown


def test_granska_audit_masks_the_typed_values(noted, capsys) -> None:
    assert main(["--db", str(noted), "audit", "MIN-1"]) == 0
    out = capsys.readouterr().out
    assert "[namn] [namn] (YYYYMMDD-NNNN) hade glömt mötet" in out
    assert "[namn] har glömt mötet igen" in out
    assert "Birgitta" not in out and "Roos" not in out and PNR not in out


async def test_the_audit_screen_masks_the_typed_values(noted) -> None:
    from store import open_database

    db = open_database(noted)
    app = GranskaApp(Config(), db, user=current_user())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f6", *"MIN-1", "enter")
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        shown = " ".join(str(cell) for i in range(table.row_count)
                         for cell in table.get_row_at(i))
    db.conn.close()
    assert "→ [namn]" in shown and "Birgitta" not in shown and "Roos" not in shown


def test_granska_check_masks_a_closing_comment(noted, capsys) -> None:
    from store import open_database

    db = open_database(noted)
    review_id = db.execute("SELECT min(id) FROM reviews").fetchone()[0]
    save_answer(db, review_id, "genomforandeplan_finns", "nej")  # and yet, a plan that matches:
    save_answer(db, review_id, "genomforandeplan_overensstammer", "ja")
    db.conn.close()
    assert main(["--db", str(noted), "check", "close", "MIN-1", "overensstammelse_utan_plan",
                 "--comment", f"Birgitta Roos ({PNR}) visade planen"]) == 0
    capsys.readouterr()
    assert main(["--db", str(noted), "check", "--closed", "--format", "json"]) == 0
    (closed,) = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["comment"]]
    assert closed["comment"] == "[namn] [namn] (YYYYMMDD-NNNN) visade planen"



async def test_a_follow_up_note_opens_though_it_holds_an_organisation_number(
        provider_db) -> None:  # noqa: F811 (the fixture imported above)
    """A sole trader's organisation number is a personnummer: masked on screen, but a
    follow-up has no one to reveal, so its editor opens (it would stay shut for good)."""
    from tests.providers.test_provider_screens import INSPECTOR, app_for, open_providers
    from tui.widgets.modals import TextEditModal

    async with app_for(provider_db, INSPECTOR).run_test(size=(100, 30)) as pilot:
        await open_providers(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        save_note(provider_db, screen.review_id, screen.current, f"enskild firma {PNR}",
                  who=INSPECTOR)
        screen.current_view.set_note(f"enskild firma {PNR}")
        assert "YYYYMMDD-NNNN" in rendered(screen.current_view)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextEditModal)
