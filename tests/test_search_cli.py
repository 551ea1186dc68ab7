"""granska search TEXT: what a user sees, the exit codes, and cells no spreadsheet runs."""

from __future__ import annotations

import csv
import io
import json

import pytest

from store import current_user
from store.reviews import save_note
from store.users import grant_role
from tests.search_cases import PNR, add_case, review_of
from tui.cli import main


@pytest.fixture
def cases(db, db_path):
    """My case (a case file and notes) and a colleague's case; I am the supervisor."""
    me = current_user()
    mine = review_of(db, add_case(db, "MIN-1", f"Hembesök gjordes. Birgitta Roos, {PNR}."), me)
    save_note(db, mine, None, "=HYPERLINK(\"x\") hembesök utan samtycke", who=me)
    save_note(db, mine, "dur_aktuell", "hembesök nämns i DUR", who=me)
    review_of(db, add_case(db, "ANNAN-1", "Hembesök hos grannen."), "bo")
    return db_path


def search(capsys, db_path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db_path), "search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_names_the_case_where_and_the_marked_hit(cases, capsys) -> None:
    code, out, _ = search(capsys, cases, "hembesök")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Ärende", "Var", "Utdrag"]
    assert any(line.startswith("MIN-1") and "frågeanteckning dur_aktuell" in line
               and "**hembesök**" in line for line in lines)
    assert any(line.startswith("MIN-1") and "ärendeanteckning" in line for line in lines)
    assert any(line.startswith("ANNAN-1") and " akt " in line for line in lines)
    assert lines[-1] == "4 träffar"
    assert "Birgitta" not in out and "Roos" not in out and PNR not in out


def test_json_and_csv_carry_the_same_fields_and_csv_cells_are_no_formulas(cases,
                                                                          capsys) -> None:
    _, out, _ = search(capsys, cases, "samtycke", "--format", "json")
    (row,) = json.loads(out)
    assert row == {"case_ref": "MIN-1", "where": "case_note", "question_id": None,
                   "snippet": '=HYPERLINK("x") hembesök utan **samtycke**'}
    code, out, _ = search(capsys, cases, "samtycke", "--format", "csv")
    assert code == 0
    header, cells = list(csv.reader(io.StringIO(out)))
    assert header == ["case_ref", "where", "question_id", "snippet"]
    assert cells[3].startswith("'=HYPERLINK")


def test_no_hits_is_said_in_one_line_and_exit_0(cases, capsys) -> None:
    assert search(capsys, cases, "zebra") == (0, "Inga träffar för 'zebra'.\n", "")
    code, out, err = search(capsys, cases, "zebra", "--format", "json")
    assert (code, json.loads(out), err) == (0, [], "Inga träffar för 'zebra'.\n")


@pytest.mark.parametrize("text", ['"hembesök', "hembesök AND", "(", "x:y"])
def test_bad_query_syntax_is_one_line_and_exit_2(cases, capsys, text: str) -> None:
    code, out, err = search(capsys, cases, text)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("granska: sökningen")
    assert "Traceback" not in err and "internal error" not in err


def test_an_inspector_finds_only_their_own_cases(cases, db, capsys) -> None:
    grant_role(db, "sara", "supervisor", who="test")
    grant_role(db, current_user(), "inspector", who="sara")
    _, out, _ = search(capsys, cases, "hembesök", "--format", "json")
    assert {row["case_ref"] for row in json.loads(out)} == {"MIN-1"}
