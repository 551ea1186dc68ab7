"""The store: durable answers, one audit row per change, migrations, private files."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store import StoreError, open_database
from store.audit import history, verify_chain
from store.frames import insert_frame
from store.migrations import LATEST, migrate, schema_version
from store.reviews import (
    answers_for,
    ensure_review,
    save_answer,
    save_note,
    set_review_status,
)
from store.users import grant_role


def one_review(db) -> int:
    insert_frame(db, name="f", source="f.csv", sha256="0" * 64,
                 rows=[{"case_ref": "HÄ-1", "gender": "K", "district": "Skarpnäck"}])
    return ensure_review(db, 1, "anna", "boendestod_sol", "1.0")


def test_new_database_is_private_wal_and_current(db_path: Path) -> None:
    db = open_database(db_path)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(db) == LATEST
    creator = db.execute("SELECT username, role FROM users").fetchall()
    assert creator == [(db.execute("SELECT value FROM db_info WHERE key='created_by'")
                        .fetchone()[0], "supervisor")]


def test_answer_records_protocol_who_and_audit(db) -> None:
    review_id = one_review(db)
    assert save_answer(db, review_id, "dur_aktuell", "ja", who="anna")
    assert not save_answer(db, review_id, "dur_aktuell", "ja", who="anna")  # no change, no row
    assert save_answer(db, review_id, "dur_aktuell", "nej", who="anna")
    row = db.execute("SELECT value, protocol_id, protocol_version, answered_by FROM answers"
                     ).fetchone()
    assert row == ("nej", "boendestod_sol", "1.0", "anna")
    changes = [(h["field"], h["old_value"], h["new_value"], h["who"])
               for h in history(db, "review", review_id) if h["action"] == "answer"]
    assert changes == [("dur_aktuell", None, "ja", "anna"), ("dur_aktuell", "ja", "nej", "anna")]
    status = [(h["old_value"], h["new_value"]) for h in history(db, "review", review_id)
              if h["action"] == "status"]
    assert status == [("not_started", "in_progress")]


def test_notes_and_status_are_audited(db) -> None:
    review_id = one_review(db)
    save_note(db, review_id, "dur_aktuell", "sidan 3", who="anna")
    save_note(db, review_id, None, "hela ärendet", who="anna")
    set_review_status(db, review_id, "complete", who="anna")
    grant_role(db, "bo", "supervisor")  # only the reviewer or a supervisor may reopen it
    set_review_status(db, review_id, "in_progress", who="bo")
    assert answers_for(db, review_id)["dur_aktuell"].note == "sidan 3"
    actions = [(h["action"], h["who"]) for h in history(db, "review", review_id)]
    assert ("note", "anna") in actions and ("case_note", "anna") in actions
    assert [h["new_value"] for h in history(db, "review", review_id)
            if h["action"] == "status"] == ["complete", "in_progress"]


def test_audit_log_is_append_only(db) -> None:
    review_id = one_review(db)
    save_answer(db, review_id, "beslut", "bifall")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_log SET who = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit_log")


def test_answer_survives_sigkill(db_path: Path) -> None:
    """A process that reported the answer saved and was then killed keeps it."""
    db = open_database(db_path)
    review_id = one_review(db)
    db.conn.close()
    script = textwrap.dedent(f"""
        import sys, time
        from store import open_database
        from store.reviews import save_answer
        db = open_database({str(db_path)!r})
        save_answer(db, {review_id}, "dur_aktuell", "ja")
        print("saved", flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "saved"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    reopened = open_database(db_path)
    assert answers_for(reopened, review_id)["dur_aktuell"].value == "ja"
    assert reopened.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_busy_database_fails_cleanly_and_saves_nothing(db_path: Path) -> None:
    db = open_database(db_path)
    review_id = one_review(db)
    quick = open_database(db_path, busy_timeout_ms=50)
    db.execute("BEGIN IMMEDIATE")  # another inspector holds the write lock
    try:
        with pytest.raises(StoreError) as caught:
            save_answer(quick, review_id, "dur_aktuell", "ja")
        assert caught.value.kind == "locked"
        assert "nothing was saved" in str(caught.value)
    finally:
        db.execute("ROLLBACK")
    assert answers_for(db, review_id) == {}


def test_read_only_database_is_reported(db_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    db = open_database(db_path)
    review_id = one_review(db)
    db.conn.close()
    db_path.chmod(0o400)
    ro = open_database(db_path)
    with pytest.raises(StoreError) as caught:
        save_answer(ro, review_id, "dur_aktuell", "ja")
    assert caught.value.kind == "readonly"


def test_read_only_connection_is_reported(db_path: Path) -> None:
    db = open_database(db_path)
    review_id = one_review(db)
    db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError) as caught:
        save_answer(db, review_id, "dur_aktuell", "ja")
    assert caught.value.kind == "readonly"
    db.execute("PRAGMA query_only = OFF")
    assert answers_for(db, review_id) == {}


def test_migration_from_empty_file(db_path: Path) -> None:
    sqlite3.connect(db_path).close()  # an empty SQLite file, schema version 0
    db = open_database(db_path)
    assert schema_version(db) == LATEST
    versions = [r[0] for r in db.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    assert versions == list(range(1, LATEST + 1))


def test_migration_from_older_schema_keeps_data(db_path: Path) -> None:
    from store.database import Database

    conn = sqlite3.connect(db_path, isolation_level=None)
    old = Database(conn, str(db_path))
    migrate(old, target=1)
    assert schema_version(old) == 1
    review_id = write_as_schema_1(old)
    conn.close()
    db = open_database(db_path)
    assert schema_version(db) == LATEST
    assert answers_for(db, review_id)["dur_aktuell"].value == "ja"
    assert verify_chain(db).rows == 2  # migration 5 chained the rows already there
    from store.state import recall, remember  # added by migration 2
    remember(db, "anna", "last_review", str(review_id))
    assert recall(db, "anna", "last_review") == str(review_id)


def write_as_schema_1(db) -> int:
    """A review with one answer and its audit rows, as Granska wrote them at schema 1
    (today's store functions write columns that came later)."""
    db.execute("INSERT INTO frames VALUES (1, 'f', 'real', 'f.csv', ?, 1, 'now', 'anna')",
               ["0" * 64])
    db.execute("INSERT INTO population (id, frame_id, case_ref, gender, district)"
               " VALUES (1, 1, 'HÄ-1', 'K', 'Skarpnäck')")
    db.execute("INSERT INTO reviews (id, population_id, reviewer, protocol_id,"
               " protocol_version, created_at, updated_at)"
               " VALUES (1, 1, 'anna', 'boendestod_sol', '1.0', 'now', 'now')")
    db.execute("INSERT INTO answers (review_id, question_id, value, protocol_id,"
               " protocol_version, answered_at, answered_by)"
               " VALUES (1, 'dur_aktuell', 'ja', 'boendestod_sol', '1.0', 'now', 'anna')")
    db.conn.executemany(
        "INSERT INTO audit_log (at, who, action, entity, entity_id, field, new_value)"
        " VALUES ('now', 'anna', ?, 'review', 1, ?, ?)",
        [("review.create", "primary", None), ("answer", "dur_aktuell", "ja")])
    return 1


def test_newer_schema_is_refused(db_path: Path) -> None:
    db = open_database(db_path)
    db.execute(f"PRAGMA user_version = {LATEST + 1}")
    db.conn.close()
    with pytest.raises(StoreError, match="newer than this Granska"):
        open_database(db_path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a Granska database"):
        open_database(path)


def test_frame_import_is_all_or_nothing(db) -> None:
    rows = [{"case_ref": "A", "gender": "K", "district": "X"},
            {"case_ref": "A", "gender": "M", "district": "X"}]  # duplicate reference
    with pytest.raises(sqlite3.IntegrityError):
        insert_frame(db, name="dup", source="dup.csv", sha256="1" * 64, rows=rows)
    assert db.execute("SELECT count(*) FROM frames").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM population").fetchone()[0] == 0
