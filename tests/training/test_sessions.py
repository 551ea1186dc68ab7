"""End to end: generate 10 cases, two trainees score them, the report shows who missed what."""

from __future__ import annotations

import stat

import pytest

from jobs.training import session_report, store_generated
from review_protocols import load_builtin
from store.reviews import list_reviews, save_answer
from store.training import case_key, create_session, session_data, sessions

PROTOCOL = load_builtin("boendestod_sol")


@pytest.fixture
def session(db):
    frame_id, cases = store_generated(db, PROTOCOL, count=10, seed=5, difficulty="normal")
    session_id = create_session(db, name="kurs", frame_id=frame_id, protocol_id=PROTOCOL.id,
                                protocol_version=PROTOCOL.version, cases=10,
                                trainees=["anna", "bo"])
    keys = session_data(db, session_id).keys
    flipped = []
    for trainee in ("anna", "bo"):
        for row in list_reviews(db, reviewer=trainee, kind="training", limit=50):
            for qid, value in keys[row["case_ref"]].items():
                if trainee == "bo" and qid == "forstagangsbeslut" and len(flipped) < 3:
                    value = "ja" if value == "nej" else "nej"
                    flipped.append(row["case_ref"])
                save_answer(db, row["id"], qid, value, who=trainee)
    return db, session_id, cases, sorted(flipped)


def test_training_cases_live_in_the_normal_tables(db, session) -> None:
    db, _session_id, cases, _ = session
    rows = list_reviews(db, reviewer="anna", kind="training", limit=50)
    assert len(rows) == 10 and all(r["has_case_file"] for r in rows)
    assert sessions(db)[0]["trainees"] == "anna, bo"
    text, key = case_key(db, cases[0].case_ref)
    assert text == cases[0].case_file.text
    assert key["beslut"] == cases[0].truth["beslut"]


def test_report_shows_agreement_misses_and_passages(session) -> None:
    db, session_id, cases, flipped = session
    report = session_report(db, PROTOCOL, session_id)
    anna, bo = report.trainees
    assert (anna.trainee, anna.percent, anna.kappa, anna.misses) == ("anna", 1.0, 1.0, [])
    assert bo.trainee == "bo" and len(bo.misses) == 3
    assert sorted(m.case_ref for m in bo.misses) == flipped
    assert {m.question_id for m in bo.misses} == {"forstagangsbeslut"}
    by_ref = {c.case_ref: c for c in cases}
    for miss in bo.misses:
        case = by_ref[miss.case_ref]
        passage = case.case_file.passages["forstagangsbeslut"]
        assert miss.passage == passage.text and passage.text in case.case_file.text
    first = next(q for q in bo.questions if q.question_id == "forstagangsbeslut")
    assert (first.agreed, first.items) == (7, 10)
    assert report.most_missed[0].question_id == "forstagangsbeslut"
    between = {b.question_id: b for b in report.between}
    assert between["forstagangsbeslut"].percent == pytest.approx(0.7)
    assert between["beslut"].percent == 1.0


def test_exports_are_private_files(session, tmp_path) -> None:
    from openpyxl import load_workbook

    from jobs.words import calibration_words
    from store.files import write_private
    from tallies.calibration_export import render

    db, session_id, _, flipped = session
    report = session_report(db, PROTOCOL, session_id)
    md, xlsx = tmp_path / "r.md", tmp_path / "r.xlsx"
    write_private(md, render(report, "md", calibration_words("sv")))
    write_private(xlsx, render(report, "xlsx", calibration_words("sv")))
    for path in (md, xlsx):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert f"{flipped[0]} · Förstagångsbeslut" in md.read_text(encoding="utf-8")
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Facit", "Per fråga", "Oftast missade", "Mellan deltagare",
                               "Missar"]
    facit = list(book["Facit"].iter_rows(values_only=True))
    assert facit[1][:3] == ("anna", 1, 1) and facit[2][0] == "bo"
    assert len(list(book["Missar"].iter_rows())) == 1 + 3
