"""The audit log's hash chain: `granska audit verify` finds an edited, a removed and a
slipped-in row, the migration chains the rows already there, writers never fork it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import open_database
from store.audit import GENESIS, record, verify_chain
from store.migrations import MIGRATIONS, migrate
from tui.cli import main


def logged(db_path: Path, count: int = 5) -> list[str]:
    """A database with ``count`` audit rows besides those its creation wrote; their hashes."""
    db = open_database(db_path)
    for number in range(count):
        record(db, "answer", "review", 1, field="dur_aktuell", old=None, new=f"v{number}",
               who="anna")
    hashes = [r[0] for r in db.execute("SELECT hash FROM audit_log ORDER BY id")]
    db.conn.close()
    return hashes


def tamper(db_path: Path, *statements: str) -> None:
    """What someone who can write the file does: drop the triggers, then rewrite history."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def verify(db_path: Path, capsys, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(db_path), "audit", "verify", *extra])
    return code, capsys.readouterr().out.strip()


def test_an_intact_log_verifies_with_its_row_count_and_head_hash(db_path, capsys) -> None:
    hashes = logged(db_path)
    code, out = verify(db_path, capsys)
    assert code == 0
    assert out == f"Loggens hashkedja håller: {len(hashes)} rader; senaste hash {hashes[-1]}"


def test_an_edited_row_is_named(db_path, capsys) -> None:
    logged(db_path)
    tamper(db_path, "UPDATE audit_log SET new_value = 'nej' WHERE id = 3")
    code, out = verify(db_path, capsys)
    assert code == 1
    assert out == ("Loggens hashkedja är bruten vid rad 3: raden har ändrats; "
                   "2 rader före den håller")


def test_a_removed_row_breaks_the_chain_at_the_next(db_path, capsys) -> None:
    logged(db_path)
    tamper(db_path, "DELETE FROM audit_log WHERE id = 3")
    code, out = verify(db_path, capsys)
    assert code == 1
    assert out.startswith("Loggens hashkedja är bruten vid rad 4: rader före den har tagits bort")


def test_a_removed_row_with_the_ids_closed_up_is_found_too(db_path, capsys) -> None:
    logged(db_path)
    tamper(db_path, "DROP INDEX audit_chain", "DELETE FROM audit_log WHERE id = 3",
           "UPDATE audit_log SET id = id - 1 WHERE id > 3")
    code, out = verify(db_path, capsys)
    assert (code, out.split(":")[0]) == (1, "Loggens hashkedja är bruten vid rad 3")


def test_an_inserted_row_is_named(db_path, capsys) -> None:
    hashes = logged(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="prev_hash"):  # a second first row
        tamper(db_path, "INSERT INTO audit_log (id, at, who, action, entity, prev_hash)"
               f" VALUES (0, 'then', 'mallory', 'answer', 'review', '{GENESIS}')")
    tamper(db_path, "DROP INDEX audit_chain",
           "INSERT INTO audit_log (id, at, who, action, entity, entity_id, prev_hash,"
           f" hash) VALUES (0, 'then', 'mallory', 'answer', 'review', 1, '{GENESIS}',"
           f" '{hashes[0]}')")
    code, out = verify(db_path, capsys)
    assert code == 1
    assert out.startswith("Loggens hashkedja är bruten vid rad 0: raden har ändrats")


def test_a_row_slipped_in_with_a_copied_link_is_named(db_path, capsys) -> None:
    hashes = logged(db_path)
    tamper(db_path, "DROP INDEX audit_chain",
           "INSERT INTO audit_log (id, at, who, action, entity, entity_id, prev_hash, hash)"
           f" VALUES (100, 'then', 'mallory', 'answer', 'review', 1, '{hashes[-1]}', 'x')")
    code, out = verify(db_path, capsys)
    assert code == 1 and "vid rad 100" in out


def test_a_cut_off_end_is_found_against_the_head_written_down(db_path, capsys) -> None:
    hashes = logged(db_path)
    assert verify(db_path, capsys, "--head", hashes[-1])[0] == 0
    assert verify(db_path, capsys, "--head", hashes[2])[0] == 0  # an older head is in it
    tamper(db_path, f"DELETE FROM audit_log WHERE id = {len(hashes)}")
    code, out = verify(db_path, capsys, "--head", hashes[-1])
    assert code == 1
    assert out.splitlines()[-1] == (f"hashen {hashes[-1]} finns inte i kedjan: loggens slut "
                                    "har tagits bort eller skrivits om")


def test_values_that_are_not_text_hash_as_stored(db) -> None:
    record(db, "answer", "review", 3, field="timmar", old=12, new=12.5, who="anna")
    assert verify_chain(db).intact
    assert db.execute("SELECT old_value, new_value FROM audit_log ORDER BY id DESC"
                      " LIMIT 1").fetchone() == ("12", "12.5")


def test_the_triggers_still_refuse_update_and_delete(db) -> None:
    record(db, "answer", "review", 1, new="ja", who="anna")
    for statement in ("UPDATE audit_log SET who = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(statement)


def test_the_migration_chains_the_rows_already_there(db_path) -> None:
    from store.database import Database

    conn = sqlite3.connect(db_path, isolation_level=None)
    old = Database(conn, str(db_path))
    chain_step = [name for name, _ in MIGRATIONS].index("hash chain over the audit log")
    migrate(old, target=chain_step)  # the schema just before the chain (steps append after)
    conn.executemany("INSERT INTO audit_log (at, who, action, entity, entity_id, new_value)"
                     " VALUES ('2026-01-01', 'anna', 'answer', 'review', 1, ?)",
                     [(str(n),) for n in range(50)])
    conn.close()
    db = open_database(db_path)
    check = verify_chain(db)
    assert (check.intact, check.rows) == (True, 50)
    record(db, "answer", "review", 1, new="ny", who="anna")
    assert verify_chain(db).rows == 51


def test_case_history_still_works_and_a_case_called_verify_is_reached_with_case(
        db_path, capsys) -> None:
    logged(db_path)
    assert main(["--db", str(db_path), "audit", "--case", "verify"]) == 2
    assert "inget ärende eller uppföljning av en utförare heter 'verify'" in capsys.readouterr().err
    assert main(["--db", str(db_path), "audit", "HÄ-1"]) == 2
    assert "inget ärende eller uppföljning av en utförare heter 'HÄ-1'" in capsys.readouterr().err
    assert main(["--db", str(db_path), "audit"]) == 2
    assert "granska audit verify" in capsys.readouterr().err


texts = st.one_of(st.none(), st.text(max_size=8))
rows = st.lists(st.tuples(st.sampled_from(["answer", "note"]), texts, texts), min_size=1,
                max_size=8)


@settings(max_examples=40, deadline=None)
@given(rows, st.data())
def test_changing_any_field_of_any_row_breaks_the_chain_there(made, data) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.db"
        db = open_database(path)
        first = db.execute("SELECT count(*) FROM audit_log").fetchone()[0] + 1
        for action, old, new in made:
            record(db, action, "review", 1, old=old, new=new, who="anna")
        assert verify_chain(db).rows == first - 1 + len(made)
        row_id = data.draw(st.integers(first, first + len(made) - 1))
        column = data.draw(st.sampled_from(["at", "who", "action", "entity", "entity_id",
                                            "field", "old_value", "new_value"]))
        db.conn.close()
        tamper(path, f"UPDATE audit_log SET {column} = coalesce({column}, '') || 'x'"
               f" WHERE id = {row_id}")
        db = open_database(path)
        assert (verify_chain(db).broken_at, verify_chain(db).reason) == (row_id, "content")
        db.conn.close()


WRITER = textwrap.dedent("""
    import sys
    from store import open_database
    from store.audit import record
    from store.transactions import transaction

    db = open_database(sys.argv[1], busy_timeout_ms=60000)
    for number in range(40):
        with transaction(db):
            record(db, "answer", "review", 1, new=f"{sys.argv[2]}-{number}", who=sys.argv[2])
""")


def test_inspectors_writing_at_once_never_fork_the_chain(db_path) -> None:
    open_database(db_path).conn.close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), f"w{n}"])
               for n in range(4)]
    assert [w.wait() for w in writers] == [0] * 4
    db = open_database(db_path)
    check = verify_chain(db)
    total = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert check.intact and check.rows == total
    assert db.execute("SELECT count(*) FROM audit_log WHERE who LIKE 'w%'").fetchone()[0] == 160


def test_the_report_prints_the_head_hash_that_a_later_copy_is_checked_against(
        tmp_path: Path, capsys) -> None:
    import re

    db_path = tmp_path / "demo.db"
    assert main(["--db", str(db_path), "demo", "--cases", "4", "--reviewed"]) == 0
    report = tmp_path / "rapport.md"
    assert main(["--db", str(db_path), "export", "md", "--out", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert "## Granskningslogg" in text
    head = re.search(r"verify --head ([0-9a-f]{64})`", text).group(1)
    db = open_database(db_path)
    assert verify_chain(db).head == head  # the head of the log the report was made from
    record(db, "answer", "review", 1, new="ja", who="anna")  # work goes on after the report
    db.conn.close()
    assert verify(db_path, capsys, "--head", head)[0] == 0
    tamper(db_path, f"DELETE FROM audit_log WHERE id >= (SELECT id FROM audit_log"
                    f" WHERE hash = '{head}')")
    code, out = verify(db_path, capsys, "--head", head)
    assert code == 1 and head in out.splitlines()[-1]
