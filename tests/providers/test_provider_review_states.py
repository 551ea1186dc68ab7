"""Review states for provider follow-ups, as for cases: `granska review` approves and
returns them by provider reference (with `--all-complete` and `list` covering both kinds),
every transition audited with its reason; the outcome tables count them as `[tallies]
counted` says; in the app a returned follow-up comes first with its reason on its screen,
and F7's queue approves (a) and returns (R) follow-ups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import current_user, open_database
from store.audit import history
from store.review_states import state_rows
from tests.tui.test_review_states_app import focus_queue, notes, table_rows
from tui.cli import main

REASON = "rutinen för hot och våld är inte bedömd mot avtalet"


@pytest.fixture
def follow_ups(db_path: Path):
    """The provider demo: a third of the follow-ups complete by demo.kollega, the rest the
    test user's, who supervises (the database's creator)."""
    assert main(["demo", "--kind", "avtalsuppfoljning", "--cases", "2", "--seed", "5",
                 "--db", str(db_path)]) == 0
    db = open_database(db_path)
    yield db
    db.conn.close()


def granska(db_path: Path, *args: str) -> int:
    return main([*args, "--db", str(db_path)])


def provider_states(db) -> dict[str, str]:
    return {r["case_ref"]: r["status"] for r in state_rows(db) if r["unit_kind"] == "provider"}


def complete_refs(db) -> list[str]:
    return sorted(ref for ref, status in provider_states(db).items() if status == "complete")


def done_count(db_path: Path, capsys, config: Path | None = None) -> int:
    """The follow-ups carried out, as the exported outcome tables count them."""
    args = ["export", "json", "--protocol", "avtalsuppfoljning"]
    assert granska(db_path, *args, *(["--config", str(config)] if config else [])) == 0
    return sum(row["done"] for row in json.loads(capsys.readouterr().out)["planned_done"])


def test_return_list_and_approve_by_provider_reference(follow_ups, db_path, capsys) -> None:
    first, second, *rest = complete_refs(follow_ups)
    assert done_count(db_path, capsys) == 2 + len(rest)
    assert granska(db_path, "review", "return", first, "--reason", REASON) == 0
    assert f"{first}: skickad tillbaka till demo.kollega" in capsys.readouterr().out
    assert done_count(db_path, capsys) == 1 + len(rest)  # a returned follow-up does not count
    assert granska(db_path, "review", "list", "--status", "returned") == 0
    area = next(r["district"] for r in state_rows(follow_ups) if r["case_ref"] == first)
    assert capsys.readouterr().out.splitlines() == [
        f"{first}\t{area}\tdemo.kollega\treturned\t{REASON}"]
    assert granska(db_path, "review", "list") == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(f"{first}\t")  # returned first

    assert granska(db_path, "review", "approve", second) == 0
    capsys.readouterr()
    assert provider_states(follow_ups)[second] == "approved"
    assert granska(db_path, "review", "approve", "--all-complete") == 0
    assert f"{len(rest)} granskningar godkända" in capsys.readouterr().out
    assert provider_states(follow_ups)[first] == "returned"  # not complete: not approved
    assert complete_refs(follow_ups) == []
    assert {provider_states(follow_ups)[ref] for ref in rest} == {"approved"}

    review_id = next(r["review_id"] for r in state_rows(follow_ups) if r["case_ref"] == first)
    assert ("review.return", "complete", f"returned: {REASON}") in [
        (h["action"], h["old_value"], h["new_value"])
        for h in history(follow_ups, "review", review_id)]
    assert granska(db_path, "audit", first) == 0  # the log of a provider's follow-up in words
    assert f"klar → skickad tillbaka: {REASON}" in capsys.readouterr().out
    assert granska(db_path, "audit", second) == 0
    assert "klar → godkänd" in capsys.readouterr().out


def test_approved_only_counts_the_approved_follow_ups(follow_ups, db_path, capsys,
                                                      tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[tallies]\ncounted = "approved_only"\n', encoding="utf-8")
    first, *rest = complete_refs(follow_ups)
    assert done_count(db_path, capsys, config) == 0
    assert granska(db_path, "review", "approve", first) == 0
    assert "1 granskningar godkända" in capsys.readouterr().out
    assert done_count(db_path, capsys, config) == 1
    assert done_count(db_path, capsys) == 1 + len(rest)  # the default: complete or approved


def test_an_in_progress_follow_up_is_not_counted(follow_ups, db_path, capsys) -> None:
    """A follow-up being scored counts when it is marked klar, as a case does."""
    from store.reviews import save_answer

    before = done_count(db_path, capsys)
    mine = next(r for r in state_rows(follow_ups) if r["status"] == "not_started")
    save_answer(follow_ups, mine["review_id"], "utfall", "foljer")
    assert done_count(db_path, capsys) == before


@pytest.mark.parametrize("bad", ["U-9999", "not_complete"])
def test_a_bad_provider_reference_changes_nothing(follow_ups, db_path, capsys, bad) -> None:
    good = complete_refs(follow_ups)[0]
    if bad == "not_complete":
        bad = next(ref for ref, s in provider_states(follow_ups).items() if s == "not_started")
    before = provider_states(follow_ups)
    assert granska(db_path, "review", "approve", good, bad) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and bad in err and "Traceback" not in err
    assert provider_states(follow_ups) == before


async def test_a_returned_follow_up_in_the_app(follow_ups) -> None:
    """F7: R returns a follow-up with a reason; its reviewer finds it first among the
    follow-ups with the reason on its screen, marks it klar again, and a approves it."""
    from jobs.config import Config
    from store.reviews import review
    from store.users import grant_role
    from tests.providers.test_provider_screens import open_providers
    from tui.app import GranskaApp

    grant_role(follow_ups, "demo.kollega", "inspector")
    queue = state_rows(follow_ups, status="complete")
    target = queue[-1]
    ref, review_id = target["case_ref"], target["review_id"]
    supervisor = GranskaApp(Config(), follow_ups, user=current_user())
    async with supervisor.run_test(size=(100, 30)) as pilot:
        await pilot.press("f7")
        await focus_queue(supervisor, pilot)
        assert [row[0] for row in table_rows(supervisor.screen, "#queue")] == [
            r["case_ref"] for r in queue]
        await pilot.press(*["down"] * (len(queue) - 1), "R", *REASON, "enter")
        await pilot.pause()
        assert f"{ref} skickad tillbaka till demo.kollega" in notes(supervisor)
    assert (review(follow_ups, review_id)["status"],
            review(follow_ups, review_id)["status_reason"]) == ("returned", REASON)

    inspector = GranskaApp(Config(), follow_ups, user="demo.kollega")
    async with inspector.run_test(size=(100, 30)) as pilot:
        screen = await open_providers(pilot)
        first = table_rows(screen, "#providers")[0]
        assert first[0] == ref and first[3] == "skickad tillbaka"
        await pilot.press("enter")
        await pilot.pause()
        reason = inspector.screen.query_one("#return-reason")
        assert reason.display and REASON in str(reason.render())
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert not inspector.screen.query_one("#return-reason").display
    assert review(follow_ups, review_id)["status"] == "complete"

    supervisor = GranskaApp(Config(), follow_ups, user=current_user())
    async with supervisor.run_test(size=(100, 30)) as pilot:
        await pilot.press("f7")
        await focus_queue(supervisor, pilot)
        rows = [row[0] for row in table_rows(supervisor.screen, "#queue")]
        await pilot.press(*["down"] * rows.index(ref), "a")
        await pilot.pause()
        assert f"{ref} godkänd" in notes(supervisor)
    assert review(follow_ups, review_id)["status"] == "approved"
    assert [h["action"] for h in history(follow_ups, "review", review_id)
            if h["action"] in ("status", "review.approve", "review.return")][-3:] == [
        "review.return", "status", "review.approve"]
