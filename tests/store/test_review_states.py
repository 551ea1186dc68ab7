"""Review states: approve and return (with a reason) on complete reviews, audited, by
supervisors only; what the tallies count follows the counting rule; old databases upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import StoreError, current_user, open_database
from store.audit import history, verify_chain
from store.database import Database
from store.migrations import MIGRATIONS, migrate
from store.reports import counted_reviews, tally_fingerprint
from store.review_states import (
    approve,
    clean_reason,
    return_review,
    state_rows,
    unit_reviews,
)
from store.reviews import review, save_answer, set_review_status
from store.users import grant_role
from tests.store.test_store import one_review

STATES_STEP = next(i for i, (name, _) in enumerate(MIGRATIONS, 1)
                   if name.startswith("review states"))


@pytest.fixture
def complete(db) -> int:
    """Anna's complete review of HÄ-1; the test user (the database's creator) supervises."""
    review_id = one_review(db)
    grant_role(db, "anna", "inspector")
    save_answer(db, review_id, "dur_aktuell", "ja", who="anna")
    set_review_status(db, review_id, "complete", who="anna")
    return review_id


def status_changes(db, review_id: int) -> list[tuple[str, str | None, str | None]]:
    return [(h["action"], h["old_value"], h["new_value"]) for h in history(db, "review", review_id)
            if h["action"] in ("status", "review.approve", "review.return")]


def test_return_fix_complete_approve_is_audited_with_the_reason(db, complete) -> None:
    return_review(db, complete, "  DUR-datum\nsaknas  ")
    assert review(db, complete)["status"] == "returned"
    assert review(db, complete)["status_reason"] == "DUR-datum saknas"
    assert counted_reviews(db, "boendestod_sol") == []  # a returned review never counts
    save_answer(db, complete, "dur_aktuell", "nej", who="anna")  # the fix: still returned
    assert review(db, complete)["status"] == "returned"
    set_review_status(db, complete, "complete", who="anna")  # klar again: the queue
    assert [r["review_id"] for r in state_rows(db, status="complete")] == [complete]
    assert review(db, complete)["status_reason"] is None
    assert approve(db, [complete]) == [complete]
    assert approve(db, [complete]) == []  # approved already: nothing changes
    assert review(db, complete)["status"] == "approved"
    assert status_changes(db, complete) == [
        ("status", "not_started", "in_progress"), ("status", "in_progress", "complete"),
        ("review.return", "complete", "returned: DUR-datum saknas"),
        ("status", "returned", "complete"), ("review.approve", "complete", "approved")]
    assert verify_chain(db).intact


def test_counting_rules(db, complete) -> None:
    assert [r["review_id"] for r in counted_reviews(db, "boendestod_sol")] == [complete]
    assert counted_reviews(db, "boendestod_sol", counting="approved_only") == []
    before = tally_fingerprint(db, "boendestod_sol", counting="approved_only")
    approve(db, [complete])
    assert tally_fingerprint(db, "boendestod_sol", counting="approved_only") != before
    for counting in ("complete_or_approved", "approved_only"):
        assert [r["review_id"] for r in counted_reviews(db, "boendestod_sol",
                                                        counting=counting)] == [complete]
    with pytest.raises(ValueError, match="approved_only"):
        counted_reviews(db, "boendestod_sol", counting="approved")


def test_a_changed_answer_takes_an_approval_back(db, complete) -> None:
    approve(db, [complete])
    save_answer(db, complete, "dur_aktuell", "nej", who="anna")
    assert review(db, complete)["status"] == "complete"
    assert counted_reviews(db, "boendestod_sol", counting="approved_only") == []
    assert status_changes(db, complete)[-1] == ("status", "approved", "complete")


def test_only_complete_reviews_are_approved_and_all_or_none(db, complete) -> None:
    from store.frames import insert_frame
    from store.reviews import ensure_review

    insert_frame(db, name="g", source="g.csv", sha256="1" * 64,
                 rows=[{"case_ref": "HÄ-2", "gender": "M", "district": "Skarpnäck"}])
    (case,) = db.execute("SELECT id FROM population WHERE case_ref = 'HÄ-2'").fetchone()
    other = ensure_review(db, case, "anna", "boendestod_sol", "1.0")
    with pytest.raises(StoreError, match="är ej påbörjad, inte klar"):
        approve(db, [complete, other])
    assert review(db, complete)["status"] == "complete"  # nothing was approved
    with pytest.raises(StoreError, match="bara en klar eller godkänd granskning"):
        return_review(db, other, "saknas")


def test_a_reason_is_required_and_kept_short(db, complete) -> None:
    for blank in ("", "  \n\t"):
        with pytest.raises(ValueError, match="needs a reason"):
            return_review(db, complete, blank)
    with pytest.raises(ValueError, match="keep it to 500"):
        clean_reason("x" * 501)
    assert review(db, complete)["status"] == "complete"


def test_only_a_supervisor_sets_these_states(db, complete) -> None:
    for change in (lambda: approve(db, [complete], who="anna"),
                   lambda: return_review(db, complete, "saknas", who="anna")):
        with pytest.raises(StoreError, match="bara en handledare") as caught:
            change()
        assert caught.value.kind == "forbidden"
    assert review(db, complete)["status"] == "complete"


def test_unit_reviews_and_rows(db, complete) -> None:
    assert [r["review_id"] for r in unit_reviews(db, "HÄ-1")] == [complete]
    assert unit_reviews(db, "HÄ-9") == []
    return_review(db, complete, "saknas")
    rows = state_rows(db, status="returned")
    assert [(r["case_ref"], r["status"], r["status_reason"]) for r in rows] == [
        ("HÄ-1", "returned", "saknas")]
    assert state_rows(db, status="approved") == []


def test_an_old_database_upgrades_and_keeps_its_constraint(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    old = Database(conn, str(db_path))
    migrate(old, target=STATES_STEP - 1)
    review_id = one_review(old)
    conn.execute("UPDATE reviews SET status = 'complete', completed_at = 'x'")  # today's code
    with pytest.raises(sqlite3.IntegrityError):  # the old schema knows three states only
        old.execute("UPDATE reviews SET status = 'approved'")
    conn.close()
    db = open_database(db_path)
    assert review(db, review_id)["status"] == "complete"
    grant_role(db, current_user(), "supervisor")  # made by hand: nobody supervises it yet
    approve(db, [review_id])
    assert review(db, review_id)["status"] == "approved"
    with pytest.raises(sqlite3.IntegrityError):  # still checked: only the five states
        db.execute("UPDATE reviews SET status = 'bogus'")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_import_keeps_an_approval_unless_it_changes_answers(db, complete) -> None:
    from store.reports import ImportedAnswer, import_answers

    approve(db, [complete])

    def load(value: str) -> None:
        import_answers(db, [ImportedAnswer(1, None, "anna", "dur_aktuell", value)],
                       protocol_id="boendestod_sol", protocol_version="1.0", source="f.csv")

    load("ja")  # the same answer: still what was approved
    assert review(db, complete)["status"] == "approved"
    load("nej")
    assert review(db, complete)["status"] == "complete"
    return_review(db, complete, "saknas")
    load("ja")  # a returned review filled by import is complete again: in the queue
    assert review(db, complete)["status"] == "complete"
    assert review(db, complete)["status_reason"] is None


OPERATIONS = ("answer", "klar", "approve", "return")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(OPERATIONS), max_size=12))
def test_any_sequence_keeps_states_counts_and_audit_in_step(tmp_path_factory, steps) -> None:
    """Whatever inspector and supervisor do in whatever order: a refused step changes
    nothing, a returned review never counts and carries its reason, approved_only counts
    exactly the approved one, and every change of state has its audit row."""
    db = open_database(tmp_path_factory.mktemp("states") / "s.db")
    review_id = one_review(db)
    changes = 0
    for step in steps:
        before = review(db, review_id)["status"]
        try:
            if step == "answer":
                old = db.execute("SELECT value FROM answers WHERE question_id = 'dur_aktuell'"
                                 ).fetchone()
                save_answer(db, review_id, "dur_aktuell",
                            "nej" if old and old[0] == "ja" else "ja", who="anna")
            elif step == "klar":  # ctrl+k: reopens a done review, else marks it complete
                done = before in ("complete", "approved")
                set_review_status(db, review_id, "in_progress" if done else "complete",
                                  who="anna")
            elif step == "approve":
                approve(db, [review_id])
            else:
                return_review(db, review_id, "rätta DUR")
        except StoreError:
            assert review(db, review_id)["status"] == before
        after = review(db, review_id)
        changes += after["status"] != before
        assert (after["status_reason"] is not None) == (after["status"] == "returned")
        counted = {r["review_id"] for r in counted_reviews(db, "boendestod_sol")}
        approved = {r["review_id"] for r in counted_reviews(db, "boendestod_sol",
                                                           counting="approved_only")}
        assert counted == ({review_id} if after["status"] in ("complete", "approved") else set())
        assert approved == ({review_id} if after["status"] == "approved" else set())
    assert len(status_changes(db, review_id)) == changes
    db.conn.close()
