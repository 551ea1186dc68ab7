"""`granska answers import` never loses an answer and never moves the counted review.

A blank cell used to clear a stored answer; a row naming the second reviewer used
to make a new primary review that tallies and exports then counted instead.
"""

from __future__ import annotations

from pathlib import Path

from jobs.tallies import load_report
from tallies.export import to_json
from tests.tallies.report_cases import CODES, DISTRICTS
from tui.cli import main


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def stored(db, case_ref: str, question_id: str, kind: str = "primary") -> list:
    return db.execute(
        "SELECT r.reviewer, a.value FROM answers a JOIN reviews r ON r.id = a.review_id"
        " JOIN population p ON p.id = r.population_id WHERE p.case_ref = ?"
        " AND a.question_id = ? AND r.kind = ?", [case_ref, question_id, kind]).fetchall()


def snapshot(db) -> bytes:
    return b"".join(str(row).encode() for table in ("reviews", "answers", "audit_log")
                    for row in db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall())


def test_a_blank_value_is_refused_and_nothing_is_imported(report_db, db_path, tmp_path,
                                                            capsys) -> None:
    before = snapshot(report_db)
    path = tmp_path / "blank.csv"
    path.write_text("case_ref;question_id;value;reviewer\nHÄ-01;beslut;bifall;anna\n"
                    "HÄ-01;dur_aktuell;;anna\n", encoding="utf-8")
    assert run(db_path, "answers", "import", str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"granska: {path}: line 3: value (column 3) is empty, which would clear "
                      "the stored answer; fill it in, leave the row out, or give --clear-blank "
                      "to clear such answers")
    assert err[1].startswith(f"{path}: 1 problem; nothing was imported")
    assert len(err) == 2
    assert stored(report_db, "HÄ-01", "dur_aktuell") == [("anna", "ja")]
    assert snapshot(report_db) == before


def test_clear_blank_clears_and_counts_the_clears(report_db, db_path, tmp_path,
                                                  capsys) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("case_ref;question_id;value;reviewer\nHÄ-08;samverkan_psykiatri;ja;anna\n"
                    "HÄ-08;sip_mote_inplanerat;;anna\nHÄ-09;sip_mote_inplanerat;;anna\n",
                    encoding="utf-8")
    assert run(db_path, "answers", "import", str(path), "--clear-blank") == 0
    out = capsys.readouterr().out
    assert out == (f"{path}: 3 rader kontrollerade; 1 svar sparade, 2 tömda i 2 granskningar "
                   "(markerade klara)\n")
    assert stored(report_db, "HÄ-08", "sip_mote_inplanerat") == [("anna", None)]
    assert stored(report_db, "HÄ-08", "samverkan_psykiatri") == [("anna", "ja")]


def _second_review(db, case_ref: str, reviewer: str) -> int:
    from store.reviews import ensure_review

    pid = db.execute("SELECT id FROM population WHERE case_ref = ?", [case_ref]).fetchone()[0]
    return ensure_review(db, pid, reviewer, "boendestod_sol", "1", kind="second")


def test_rows_for_the_second_reviewer_go_to_the_second_review(
        report_db, db_path, tmp_path, protocol, capsys) -> None:
    from store.reports import counted_reviews

    second = _second_review(report_db, "HÄ-01", "bertil")
    exported = tmp_path / "before.csv"
    assert run(db_path, "export", "answers", "--out", str(exported)) == 0
    tallies = to_json(load_report(report_db, protocol, DISTRICTS, codes=CODES))
    counted = counted_reviews(report_db, "boendestod_sol")
    path = tmp_path / "second.csv"
    path.write_text("case_ref;question_id;value;reviewer\nHÄ-01;dur_aktuell;nej;bertil\n"
                    "HÄ-01;beslut;avslag;bertil\n", encoding="utf-8")
    assert run(db_path, "answers", "import", str(path)) == 0
    assert stored(report_db, "HÄ-01", "dur_aktuell", "second") == [("bertil", "nej")]
    assert stored(report_db, "HÄ-01", "dur_aktuell") == [("anna", "ja")]
    assert report_db.execute("SELECT count(*) FROM reviews WHERE kind = 'primary' AND"
                             " reviewer = 'bertil'").fetchone()[0] == 0
    assert report_db.execute("SELECT status FROM reviews WHERE id = ?",
                             [second]).fetchone()[0] == "complete"
    assert counted_reviews(report_db, "boendestod_sol") == counted
    assert to_json(load_report(report_db, protocol, DISTRICTS, codes=CODES)) == tallies
    after = tmp_path / "after.csv"
    assert run(db_path, "export", "answers", "--out", str(after)) == 0
    assert after.read_bytes() == exported.read_bytes()


def test_a_reviewer_without_a_review_of_a_reviewed_case_is_refused(
        report_db, db_path, tmp_path, protocol, capsys) -> None:
    before = snapshot(report_db)
    path = tmp_path / "carl.csv"
    path.write_text("case_ref;question_id;value;reviewer\nHÄ-01;dur_aktuell;nej;carl\n",
                    encoding="utf-8")
    assert run(db_path, "answers", "import", str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"granska: {path}: line 2: the case's primary review is anna's and the "
                      "reviewer has no review of it; name anna as the reviewer, or give the "
                      "reviewer the second review first (granska assign --second); nothing of "
                      "it was imported")
    assert snapshot(report_db) == before


def test_one_file_gives_a_new_case_one_primary_reviewer(db, db_path, tmp_path, report_cases,
                                                        capsys) -> None:
    from tests.tallies.conftest import store_sample

    store_sample(db, report_cases, with_answers=False)
    path = tmp_path / "two.csv"
    path.write_text("case_ref;question_id;value;reviewer\nHÄ-01;dur_aktuell;ja;anna\n"
                    "HÄ-01;dur_aktuell;nej;bertil\n", encoding="utf-8")
    assert run(db_path, "answers", "import", str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"granska: {path}: line 3: the reviewer on line 2 gives this "
                             "case its primary review")
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_training_reviews_take_their_trainees_rows(db, db_path, tmp_path, report_cases,
                                                   capsys) -> None:
    from store.reviews import ensure_review
    from tests.tallies.conftest import store_sample

    store_sample(db, report_cases, with_answers=False)
    pid = db.execute("SELECT id FROM population WHERE case_ref = 'HÄ-01'").fetchone()[0]
    ensure_review(db, pid, "tina", "boendestod_sol", "1", kind="training")
    path = tmp_path / "t.csv"
    path.write_text("case_ref;question_id;value;reviewer\nHÄ-01;dur_aktuell;ja;tina\n",
                    encoding="utf-8")
    assert run(db_path, "answers", "import", str(path)) == 0
    assert stored(db, "HÄ-01", "dur_aktuell", "training") == [("tina", "ja")]
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
