"""granska review approve | return | list: supervisors only; a bad reference is one line,
exit 2 and nothing changed; every change is in the audit log with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import open_database
from store.audit import history
from store.review_states import state_rows
from tests.multiuser.conftest import demote_me
from tui.cli import main


@pytest.fixture
def reviewed(db_path: Path):
    """A demo whose every other case is complete by demo.kollega; the test user supervises."""
    from jobs.config import Config
    from jobs.demo import create_demo

    db = open_database(db_path)
    create_demo(db, Config(), seed=3, districts=2, cases=16, colleague="demo.kollega")
    yield db
    db.conn.close()


def statuses(db) -> dict[str, str]:
    return {row["case_ref"]: row["status"] for row in state_rows(db)}


def refs(db, status: str) -> list[str]:
    return sorted(ref for ref, s in statuses(db).items() if s == status)


def granska(db_path: Path, *args: str) -> int:
    return main(["review", *args, "--db", str(db_path)])


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_approve_some_then_all(reviewed, db_path, capsys) -> None:
    first, second, *rest = refs(reviewed, "complete")
    assert granska(db_path, "approve", first, second) == 0
    assert refs(reviewed, "approved") == sorted([first, second])
    assert "2" in capsys.readouterr().out
    assert granska(db_path, "approve", first) == 0  # approved already: said, not an error
    assert first in capsys.readouterr().out
    assert granska(db_path, "approve", "--all-complete") == 0
    assert refs(reviewed, "complete") == []
    assert refs(reviewed, "approved") == sorted([first, second, *rest])
    review_id = next(r["review_id"] for r in state_rows(reviewed) if r["case_ref"] == first)
    assert [(h["action"], h["old_value"], h["new_value"]) for h in
            history(reviewed, "review", review_id)][-1] == ("review.approve", "complete",
                                                             "approved")


@pytest.mark.parametrize("bad", ["HÄ-NOPE", "not_complete"])
def test_a_bad_reference_changes_nothing(reviewed, db_path, capsys, bad) -> None:
    good = refs(reviewed, "complete")[0]
    if bad == "not_complete":
        bad = refs(reviewed, "not_started")[0]
    before = statuses(reviewed)
    assert granska(db_path, "approve", good, bad) == 2
    assert bad in one_line(capsys)
    assert statuses(reviewed) == before


def test_approve_needs_cases_or_all_complete_not_both(reviewed, db_path, capsys) -> None:
    for args in ((), ("--all-complete", refs(reviewed, "complete")[0])):
        assert granska(db_path, "approve", *args) == 2
        assert "--all-complete" in one_line(capsys)
    assert refs(reviewed, "approved") == []


def test_return_with_a_reason_and_list_it(reviewed, db_path, capsys) -> None:
    case = refs(reviewed, "complete")[0]
    assert granska(db_path, "return", case, "--reason", "   ") == 2
    assert "reason" in one_line(capsys)
    assert granska(db_path, "return", case, "--reason", "DUR-datum saknas") == 0
    assert "demo.kollega" in capsys.readouterr().out
    assert granska(db_path, "list", "--status", "returned") == 0
    assert capsys.readouterr().out.splitlines() == [
        next(f"{r['case_ref']}\t{r['district']}\tdemo.kollega\treturned\tDUR-datum saknas"
             for r in state_rows(reviewed) if r["case_ref"] == case)]
    assert granska(db_path, "list") == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(f"{case}\t")  # returned first
    assert granska(db_path, "return", case, "--reason", "igen") == 2  # returned already
    assert "skickad tillbaka" in one_line(capsys)
    assert main(["audit", case, "--db", str(db_path)]) == 0  # the log in words
    assert "klar → skickad tillbaka: DUR-datum saknas" in capsys.readouterr().out.replace(
        "\t", " → ")
    review_id = next(r["review_id"] for r in state_rows(reviewed) if r["case_ref"] == case)
    assert ("review.return", "complete", "returned: DUR-datum saknas") in [
        (h["action"], h["old_value"], h["new_value"]) for h in history(reviewed, "review",
                                                                       review_id)]


def test_list_refuses_an_unknown_state(reviewed, db_path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        granska(db_path, "list", "--status", "done")
    assert exit_.value.code == 2
    assert "--status" in one_line(capsys)


@pytest.mark.parametrize("args", [("list",), ("approve", "--all-complete"),
                                  ("return", "X", "--reason", "r")])
def test_inspectors_are_refused(reviewed, db_path, capsys, args) -> None:
    from store import current_user

    demote_me(reviewed, current_user(), "inspector")
    before = statuses(reviewed)
    assert granska(db_path, *args) == 2
    assert "kräver: handledare" in one_line(capsys)
    assert statuses(reviewed) == before
