"""`granska answers import`: answers scored elsewhere, checked, all or nothing, audited."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.tallies import load_report
from tallies.export import to_json
from tests.tallies.conftest import store_sample
from tests.tallies.report_cases import CODES, DISTRICTS
from tui.cli import main


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_gives_identical_tallies(report_db, db_path, tmp_path, protocol,
                                            report_cases) -> None:
    from store import open_database

    answers = tmp_path / "answers.csv"
    assert run(db_path, "export", "answers", "--out", str(answers)) == 0
    fresh_path = tmp_path / "fresh.db"
    fresh = open_database(fresh_path)
    store_sample(fresh, report_cases, with_answers=False)
    assert run(fresh_path, "answers", "import", str(answers)) == 0
    before = load_report(report_db, protocol, DISTRICTS, codes=CODES)
    after = load_report(fresh, protocol, DISTRICTS, codes=CODES)
    assert to_json(after) == to_json(before)
    assert after.table("plan_stammer.district").row("ja").counts == (3, 7, 3, 4, 17)


def test_xlsx_answers_and_audit(db, db_path, tmp_path, report_cases) -> None:
    from openpyxl import Workbook

    from store.audit import history
    from store.reports import counted_reviews

    store_sample(db, report_cases, with_answers=False)
    book = Workbook()
    sheet = book.active
    sheet.append(["case_ref", "question_id", "value", "reviewer", "note"])
    sheet.append(["HÄ-01", "dur_aktuell", "Finns", "", "sid 3"])
    sheet.append(["HÄ-01", "intressen_resurser_onskemal", "delvis", "", ""])
    sheet.append(["HÄ-01", "beslut", "bifall", "", ""])
    sheet.append(["HÄ-01", "beviljad_tid_timmar_manad", "12,5", "", ""])
    book.save(tmp_path / "a.xlsx")
    assert run(db_path, "answers", "import", str(tmp_path / "a.xlsx"), "--reviewer",
               "lena") == 0
    reviews = counted_reviews(db, "boendestod_sol")
    assert [(r["case_ref"], r["reviewer"]) for r in reviews] == [("HÄ-01", "lena")]
    changes = [h for h in history(db, "review") if h["action"] == "answer.import"]
    assert {(h["field"], h["new_value"]) for h in changes} == {
        ("dur_aktuell", "ja"), ("intressen_resurser_onskemal", "delvis"),
        ("beslut", "bifall"), ("beviljad_tid_timmar_manad", "12.5")}


BAD = """case_ref;question_id;value
HÄ-01;dur_aktuell;ja
XX-99;dur_aktuell;ja
HÄ-02;no_such_question;ja
HÄ-03;dur_aktuell;kanske
HÄ-04;beviljad_tid_timmar_manad;tolv
HÄ-05;dur_aktuell;nej
HÄ-05;intressen_resurser_onskemal;framgar
HÄ-06;dur_aktuell;ja
HÄ-06;dur_aktuell;nej
"""


def test_each_kind_of_problem_with_its_line(db, db_path, tmp_path, report_cases,
                                            capsys) -> None:
    from store.reports import counted_reviews

    store_sample(db, report_cases, with_answers=False)
    path = write(tmp_path / "bad.csv", BAD)
    assert run(db_path, "answers", "import", str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"granska: {path}: line 3: case_ref (column 1) is not a case in the " \
        "sample; check the case reference (granska sample lists them)"
    assert err[1].startswith(f"{path}: line 4: question_id (column 2) is not a question of "
                             "protocol boendestod_sol")
    assert err[2].startswith(f"{path}: line 5: value (column 3) is not an option of dur_aktuell")
    assert err[3].startswith(f"{path}: line 6: value (column 3) is not a number")
    assert err[4].startswith(f"{path}: line 8: intressen_resurser_onskemal does not apply to "
                             "this case")
    assert err[5].startswith(f"{path}: line 10: dur_aktuell is given twice for this case and "
                             "reviewer (also line 9)")
    assert err[6] == f"{path}: 6 problems; nothing was imported. Fix the file and import it again"
    assert counted_reviews(db, "boendestod_sol") == []  # line 2 was fine, and not stored


def test_skip_logic_sees_answers_already_stored(report_db, db_path, tmp_path, capsys) -> None:
    # HV-01 has no current DUR in the database: interests do not apply to it.
    path = write(tmp_path / "x.csv", "case_ref,question_id,value,reviewer\n"
                 "HV-01,intressen_resurser_onskemal,framgar,anna\n")
    assert run(db_path, "answers", "import", str(path)) == 2
    assert "line 2: intressen_resurser_onskemal does not apply to this case" in \
        capsys.readouterr().err


def test_first_20_problems_and_the_total(db, db_path, tmp_path, report_cases, capsys) -> None:
    store_sample(db, report_cases, with_answers=False)
    lines = "".join(f"ZZ-{i};dur_aktuell;ja\n" for i in range(25))
    path = write(tmp_path / "many.csv", "case_ref;question_id;value\n" + lines)
    assert run(db_path, "answers", "import", str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 21
    assert err[-1].startswith(f"{path}: 25 problems (first 20 shown); nothing was imported")


def test_missing_column_is_one_line(db, db_path, tmp_path, capsys) -> None:
    path = write(tmp_path / "cols.csv", "case_ref;value\nHÄ-01;ja\n")
    assert run(db_path, "answers", "import", str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert "line 1: missing column question_id" in err[0]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["HÄ-01", "HV-02", "nope", ""]),
                          st.sampled_from(["dur_aktuell", "beslut", "uppfoljning_hur",
                                           "beviljad_tid_timmar_manad", "x"]),
                          st.text(max_size=8)), max_size=6), st.booleans())
def test_checker_never_crashes_and_points_at_lines(protocol, rows, clear_blank) -> None:
    from store.reports import ImportTarget
    from tallies.answers_import import AnswersImportError, check_answers

    numbered = [(i + 2, [ref, q, v]) for i, (ref, q, v) in enumerate(rows)]
    try:
        checked = check_answers(protocol, "f.csv", ["case_ref", "question_id", "value"],
                                numbered, {"HÄ-01": 1, "HV-02": 2},
                                lambda ref, who: ImportTarget(None, "primary"),
                                lambda review_id: {}, "me", clear_blank=clear_blank)
    except AnswersImportError as error:
        assert error.problems
        assert all(2 <= line <= len(rows) + 1 for line, _ in error.problems)
    else:
        assert len(checked) == len(rows)
