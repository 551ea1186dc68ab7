"""Exported cells never become formulas (OWASP CSV injection), and imports undo the guard.

A district named ``=1+1``, a case reference, a free-text answer, a note or a
reviewer name of ``=HYPERLINK(...)`` reaches every CSV, XLSX and Markdown export
with a leading ``'``; numbers stay numbers and the database keeps the text.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.words import agreement_words, calibration_words, words
from store.cells import TRIGGERS, original_text, spreadsheet_text
from tests.tallies.conftest import store_sample
from tests.tallies.report_cases import CODES, DISTRICTS, build_cases
from tui.cli import main

LINK = '=HYPERLINK("http://x","klick")'
SAFE_LINK = "'" + LINK
DISTRICT = "=1+1"
FREE = "utredning_iakttagelser"  # a free-text question of boendestod_sol
# Any text, often behind what a formula or the guard itself starts with.
any_text = st.builds(
    str.__add__, st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "'", "''=", "'-", "-1"]),
    st.text(st.characters(exclude_categories=("Cs",))))


# --- the rule --------------------------------------------------------------------------------

@given(any_text)
def test_import_undoes_the_guard_exactly_for_any_text(text: str) -> None:
    assert original_text(spreadsheet_text(text)) == text


@given(any_text)
def test_no_guarded_text_starts_like_a_formula(text: str) -> None:
    cell = spreadsheet_text(text)
    assert not cell.startswith(TRIGGERS) or cell.lstrip("-").replace(",", "").isdigit()


@given(any_text)
def test_the_guard_survives_a_csv_file(text: str) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerow([spreadsheet_text(text)])
    [[cell]] = list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";"))
    assert original_text(cell) == text


def test_the_rule_on_examples() -> None:
    assert spreadsheet_text(LINK) == SAFE_LINK
    assert [spreadsheet_text(t) for t in ("+46", "@sum", "\tx", "\rx", "-x")] == \
        ["'+46", "'@sum", "'\tx", "'\rx", "'-x"]
    assert [spreadsheet_text(t) for t in ("-3", "-0,25", "-1.5", "ja", "'hej", "")] == \
        ["-3", "-0,25", "-1.5", "ja", "'hej", ""]  # numbers and plain text unchanged
    assert spreadsheet_text("'=1") == "''=1" and original_text("''=1") == "'=1"
    assert original_text("'hej") == "'hej"  # a genuine apostrophe survives


# --- the exports -----------------------------------------------------------------------------

def hostile_cases():
    """The report's cases with the first district renamed ``=1+1`` and one case ref
    ``-2+3``."""
    cases = [dataclasses.replace(c, district=DISTRICT) if c.district == DISTRICTS[0] else c
             for c in build_cases()]
    cases[0] = dataclasses.replace(cases[0], case_ref="-2+3",
                                   answers={**cases[0].answers, FREE: LINK})
    return cases


def hostile_db(db):
    from store.reports import add_district_note

    store_sample(db, hostile_cases(), reviewer=LINK)
    add_district_note(db, DISTRICT, "strength", LINK)
    return db


def report(db):
    from jobs.tallies import load_report
    from review_protocols import load_builtin

    return load_report(db, load_builtin("boendestod_sol"), (DISTRICT, *DISTRICTS[1:]),
                       codes={DISTRICT: "HÄ", **CODES}, words=words())


def read_csv(text: str, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))


def cells_of(rows: list[list[str]]) -> set[str]:
    return {cell for row in rows for cell in row}


def assert_no_formula(cells: set[str]) -> None:
    assert not [c for c in cells if c.startswith(TRIGGERS)
                and not c.lstrip("-").replace(",", "").isdigit()]


def test_tallies_csv(db) -> None:
    from tallies.export import to_csv

    cells = cells_of(read_csv(to_csv(report(hostile_db(db)), words())))
    assert "'=1+1" in cells and "'=1+1 %" in cells and DISTRICT not in cells
    assert_no_formula(cells)


def test_tallies_markdown(db) -> None:
    from tallies.export import to_markdown

    text = to_markdown(report(hostile_db(db)), words())
    assert "| '=1+1 |" in text and "### '=1+1" in text and f"- {SAFE_LINK}" in text
    assert "| =1+1" not in text and f"- {LINK}" not in text


def xlsx_cells(data: bytes) -> list:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def test_tallies_xlsx_has_strings_not_formulas(db) -> None:
    from tallies.workbook import to_xlsx

    cells = xlsx_cells(to_xlsx(report(hostile_db(db)), words()))
    assert not [c for c in cells if c.data_type == "f"]
    assert {c.value for c in cells if c.data_type == "s"} >= {"'=1+1", "'=1+1 %"}
    assert [c.value for c in cells if isinstance(c.value, int)]  # counts stay numbers


def test_answers_export_and_the_round_trip_through_import(db, db_path, tmp_path) -> None:
    from store import open_database
    from store.reports import sample_cases

    hostile_db(db)
    out = tmp_path / "answers.csv"
    assert main(["--db", str(db_path), "export", "answers", "--out", str(out)]) == 0
    rows = read_csv(out.read_text(encoding="utf-8"))
    first = next(r for r in rows if r[0] == "'-2+3" and r[3] == FREE)
    assert first[1] == "'=1+1" and first[4] == SAFE_LINK and first[5] == SAFE_LINK
    assert_no_formula(cells_of(rows))

    fresh_path = tmp_path / "fresh.db"
    fresh = open_database(fresh_path)
    store_sample(fresh, hostile_cases(), with_answers=False)
    assert main(["--db", str(fresh_path), "answers", "import", str(out)]) == 0
    case = sample_cases(fresh)["-2+3"]
    assert answers_of(fresh, case["population_id"], LINK)[FREE] == LINK
    assert answers_of(db, case["population_id"], LINK)[FREE] == LINK


def answers_of(db, population_id: int, reviewer: str) -> dict[str, str]:
    """The answers in the review an import by this reviewer goes to."""
    from store.reports import import_target, stored_answers

    target = import_target(db, population_id, reviewer, "boendestod_sol")
    return stored_answers(db, target.review_id)


free_text = any_text.filter(lambda t: t == t.strip() and t and "\x00" not in t)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(free_text)
def test_any_free_text_comes_back_from_export_then_import(text: str) -> None:
    from store import open_database
    from store.reports import ImportedAnswer, import_answers, sample_cases

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.db"
        db = open_database(path)
        cases = build_cases()[:1]
        store_sample(db, [dataclasses.replace(cases[0], answers={FREE: text})])
        out = Path(folder) / "answers.csv"
        assert main(["--db", str(path), "export", "answers", "--out", str(out)]) == 0
        case = sample_cases(db)[cases[0].case_ref]
        import_answers(db, [ImportedAnswer(case["population_id"], case["sample_id"], "anna",
                                           FREE, "placeholder")],
                       protocol_id="boendestod_sol", protocol_version=1, source="test")
        assert main(["--db", str(path), "answers", "import", str(out)]) == 0
        assert answers_of(db, case["population_id"], "anna")[FREE] \
            == text
        db.conn.close()


def test_agreement_csv_and_markdown_keep_a_negative_kappa_a_number() -> None:
    from tallies.double_review import agreement, to_csv, to_markdown

    pairs = [({"q": "ja"}, {"q": "nej"}), ({"q": "nej"}, {"q": "ja"})]
    made = agreement(pairs, ["q"], {"q": LINK})
    rows = read_csv(to_csv(made, agreement_words()))
    assert rows[1][1] == SAFE_LINK and rows[1][5].startswith("-")  # kappa -1,000
    assert float(rows[1][5].replace(",", ".")) < 0
    assert f"| {SAFE_LINK} |" in to_markdown(made, agreement_words())


def calibration_report():
    from review_protocols import load_builtin
    from tallies.calibration import calibrate

    protocol = load_builtin("boendestod_sol")
    refs = ["=A1", "B"]
    keys = {ref: {"dur_aktuell": "ja"} for ref in refs}
    given = {LINK: {ref: {"dur_aktuell": "nej"} for ref in refs}}
    return calibrate(protocol, refs, keys, given, {r: {"dur_aktuell": "+text"} for r in refs},
                     session="@kurs")


def test_calibration_markdown() -> None:
    from tallies.calibration_export import markdown

    text = markdown(calibration_report(), calibration_words())
    assert f"| {SAFE_LINK} |" in text and f"### {SAFE_LINK}" in text
    assert "**'=A1 ·" in text and "  > '+text" in text and "'@kurs" in text
    assert f"| {LINK}" not in text


def test_calibration_xlsx_has_strings_not_formulas() -> None:
    from tallies.calibration_export import xlsx_bytes

    cells = xlsx_cells(xlsx_bytes(calibration_report(), calibration_words()))
    assert not [c for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert {SAFE_LINK, "'=A1", "'+text"} <= values and LINK not in values
    assert [c for c in cells if c.data_type == "n"]  # percents stay numbers


def test_audit_csv(db, db_path, capsys) -> None:
    hostile_db(db)
    capsys.readouterr()
    assert main(["--db", str(db_path), "audit", "--format", "csv", "--", "-2+3"]) == 0
    rows = read_csv(capsys.readouterr().out)
    assert any(SAFE_LINK in row for row in rows[1:])  # the reviewer, the answer
    assert_no_formula(cells_of(rows))


def test_sample_csv(db, db_path, capsys) -> None:
    hostile_db(db)
    capsys.readouterr()
    assert main(["--db", str(db_path), "sample", "--format", "csv"]) == 0
    rows = read_csv(capsys.readouterr().out, ",")
    assert rows[1][:2] == ["'-2+3", "'=1+1"]
    assert rows[1][4].isdigit()  # the rank
    assert_no_formula(cells_of(rows))


def test_frame_rejected_rows(tmp_path, db_path, capsys) -> None:
    from tests.samples.conftest import SV_HEADERS, frame_rows, write_csv

    rows = frame_rows(3)
    rows[1][4] = DISTRICT  # no such district: rejected
    rows[2][0] = LINK.replace(",", " ")  # a case reference nobody would write: kept as text
    path = tmp_path / "bad.csv"
    write_csv(path, SV_HEADERS, rows)
    assert main(["frame", "import", str(path), "--db", str(db_path), "--skip-invalid"]) == 0
    written = read_csv((tmp_path / "bad.rejected.csv").read_text(encoding="utf-8-sig"))
    assert "'=1+1" in cells_of(written) and DISTRICT not in cells_of(written)
    assert_no_formula(cells_of(written))
