"""Evidence in `granska answers import` and `granska export answers`: in, checked, out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tallies.conftest import store_sample
from tui.cli import main

HEAD = "case_ref;question_id;value;evidence_doc;evidence_date;evidence_quote\n"


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def evidence_rows(db) -> list[tuple]:
    return db.execute("SELECT p.case_ref, e.question_id, e.doc_type, e.doc_date, e.quote"
                      " FROM evidence e JOIN reviews r ON r.id = e.review_id JOIN population p"
                      " ON p.id = r.population_id ORDER BY 1, 2").fetchall()


def test_imported_evidence_is_stored_audited_and_exported(db, db_path, tmp_path,
                                                          report_cases, capsys) -> None:
    from review_protocols import load_builtin
    from review_protocols.evidence import good_answers
    from store.audit import history
    from store.evidence import missing_evidence

    store_sample(db, report_cases, with_answers=False)
    path = write(tmp_path / "a.csv", HEAD
                 + "HÄ-01;dur_aktuell;nej;Utredning;2021-03-04;DUR från 2019, ej aktuell\n"
                 + "HÄ-01;vald_fragat;nej;journalanteckning;2022-02-01;\n"
                 + "HÄ-02;dur_aktuell;nej;;;\n"  # stored; granska check reports it
                 + "HÄ-02;bestallning_strukturerad;nej;bestallning;2022-05-06;=SUMMA(A1)\n")
    assert run(db_path, "answers", "import", str(path)) == 0
    assert evidence_rows(db) == [
        ("HÄ-01", "dur_aktuell", "utredning", "2021-03-04", "DUR från 2019, ej aktuell"),
        ("HÄ-01", "vald_fragat", "journalanteckning", "2022-02-01", ""),
        ("HÄ-02", "bestallning_strukturerad", "beställning", "2022-05-06", "=SUMMA(A1)")]
    audited = [r["field"] for r in history(db, "review") if r["action"] == "evidence.import"]
    assert sorted(audited) == ["bestallning_strukturerad", "dur_aktuell", "vald_fragat"]
    protocol = load_builtin("boendestod_sol")
    (review_id, question_id), = missing_evidence(db, protocol.id, good_answers(protocol))
    assert question_id == "dur_aktuell" and db.execute(
        "SELECT p.case_ref FROM reviews r JOIN population p ON p.id = r.population_id"
        " WHERE r.id = ?", [review_id]).fetchone() == ("HÄ-02",)

    capsys.readouterr()
    assert run(db_path, "export", "answers") == 0
    text = capsys.readouterr().out
    rows = {(r["case_ref"], r["question_id"]): r for r in
            csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")}
    assert list(rows[("HÄ-01", "dur_aktuell")])[-3:] == [
        "evidence_doc", "evidence_date", "evidence_quote"]
    assert [rows[("HÄ-01", "dur_aktuell")][c] for c in ("evidence_doc", "evidence_date",
                                                       "evidence_quote")] == [
        "utredning", "2021-03-04", "DUR från 2019, ej aktuell"]
    assert rows[("HÄ-02", "dur_aktuell")]["evidence_doc"] == ""
    assert rows[("HÄ-02", "bestallning_strukturerad")]["evidence_quote"] == "'=SUMMA(A1)"

    # the exported file imports again as it is: the formula guard taken off, nothing changed
    again = write(tmp_path / "again.csv", text.lstrip("\ufeff"))
    assert run(db_path, "answers", "import", str(again)) == 0
    assert evidence_rows(db)[-1][-1] == "=SUMMA(A1)"


@pytest.mark.parametrize(("row", "message"), [
    ("HÄ-01;dur_aktuell;nej;protokoll;2021-03-04;x",
     "line 3: evidence_doc (column 4) is not a document type; use one of: utredning, beslut, "
     "beställning, genomförandeplan, uppföljning, journalanteckning, annat"),
    ("HÄ-01;dur_aktuell;nej;beslut;4 mars;",
     "line 3: evidence_date (column 5): the document's date must be a date written YYYY-MM-DD"),
    ("HÄ-01;dur_aktuell;nej;beslut;;citat",
     "line 3: evidence_date (column 5) is empty but the row gives other evidence"),
    ("HÄ-01;dur_aktuell;nej;beslut;2021-03-04;" + "x" * 501,
     "line 3: evidence_quote (column 6): the quote is longer than 500 characters"),
])
def test_bad_evidence_is_refused_with_exit_2_and_nothing_stored(db, db_path, tmp_path,
                                                                report_cases, capsys, row,
                                                                message) -> None:
    from store.reports import counted_reviews

    store_sample(db, report_cases, with_answers=False)
    path = write(tmp_path / "bad.csv", HEAD + "HÄ-02;dur_aktuell;nej;beslut;2021-01-01;\n"
                 + row + "\n")
    assert run(db_path, "answers", "import", str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"granska: {path}: {message}")
    assert err[1] == f"{path}: 1 problem; nothing was imported. Fix the file and import it again"
    assert evidence_rows(db) == [] and counted_reviews(db, "boendestod_sol") == []


cells = st.text(alphabet=st.sampled_from("qxz0123456789-åÄ ;\"'=\n"), max_size=14)


@settings(max_examples=150, deadline=None)
@given(st.one_of(cells, st.sampled_from(["utredning", "Beställning", "bestallning", ""])),
       st.one_of(cells, st.sampled_from(["2021-03-04", "2021-02-30", ""])), cells)
def test_any_evidence_cells_give_checked_evidence_or_one_line_problems(doc, day,
                                                                       quote) -> None:
    """Whatever a spreadsheet holds in the evidence columns: evidence that fits the
    schema, or one line per problem naming the column and never echoing the cell."""
    from review_protocols import load_builtin
    from store.evidence import DOC_TYPES
    from store.reports import ImportTarget
    from tallies.answers_import import AnswersImportError, check_answers

    headers = ["case_ref", "question_id", "value", "evidence_doc", "evidence_date",
               "evidence_quote"]
    try:
        (found,) = check_answers(
            load_builtin("boendestod_sol"), "f.csv", headers,
            [(2, ["A-1", "dur_aktuell", "nej", doc, day, quote])], {"A-1": None},
            lambda ref, who: ImportTarget(1, "primary"), lambda review_id: {}, "anna")
    except AnswersImportError as error:
        (line, problem), = error.problems
        assert line == 2 and "\n" not in problem and "evidence_" in problem
        if len(quote.strip()) > 3 and "qxz" in quote:
            assert quote.strip() not in str(error)
        return
    evidence = found.evidence
    if evidence is None:
        assert not (doc.strip() or day.strip() or quote.strip())
    else:
        assert evidence.doc_type in DOC_TYPES and len(evidence.doc_date) == 10
        assert "\n" not in evidence.quote
