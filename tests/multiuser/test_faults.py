"""A busy, read-only or full database is reported, and nothing is shown as saved that was not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store import StoreError, open_database
from store.reviews import answers_for, list_reviews, save_answer, save_note
from tui.cli import main


def first_review(db) -> int:
    return list_reviews(db, limit=1)[0]["id"]


def audit_rows(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_locked_past_the_timeout(demo_db, db_path: Path) -> None:
    review_id = first_review(demo_db)
    before = audit_rows(demo_db)
    impatient = open_database(db_path, busy_timeout_ms=50, create=False)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another inspector's save that does not end
    try:
        with pytest.raises(StoreError) as failed:
            save_answer(impatient, review_id, "dur_aktuell", "ja")
        assert failed.value.kind == "locked"
        assert "nothing was saved" in str(failed.value)
    finally:
        other.execute("ROLLBACK")
    assert "dur_aktuell" not in answers_for(impatient, review_id)
    assert audit_rows(impatient) == before
    assert save_answer(impatient, review_id, "dur_aktuell", "ja")  # and it works again


def test_read_only(demo_db) -> None:
    review_id = first_review(demo_db)
    before = audit_rows(demo_db)
    demo_db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError) as failed:
        save_answer(demo_db, review_id, "dur_aktuell", "ja")
    assert failed.value.kind == "readonly"
    demo_db.execute("PRAGMA query_only = OFF")
    assert "dur_aktuell" not in answers_for(demo_db, review_id)
    assert audit_rows(demo_db) == before


def test_disk_full(demo_db) -> None:
    review_id = first_review(demo_db)
    before = audit_rows(demo_db)
    pages = demo_db.execute("PRAGMA page_count").fetchone()[0]
    demo_db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as failed:
        save_note(demo_db, review_id, None, "x" * 200_000)  # needs pages it cannot have
    assert failed.value.kind == "full"
    assert "nothing was saved" in str(failed.value)
    demo_db.execute("PRAGMA max_page_count = 1073741823")
    row = demo_db.execute("SELECT note FROM reviews WHERE id = ?", [review_id]).fetchone()
    assert row[0] == ""
    assert audit_rows(demo_db) == before


def test_cli_reports_a_busy_database_in_one_line(demo_db, db_path: Path, tmp_path: Path,
                                                 capsys) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[database]\nbusy_timeout_ms = 50\n", encoding="utf-8")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code = main(["users", "grant", "anna", "inspector", "--db", str(db_path),
                     "--config", str(config)])
    finally:
        other.execute("ROLLBACK")
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "busy" in err
    from store.users import role_of

    assert role_of(demo_db, "anna") is None
