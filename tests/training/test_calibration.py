"""Calibration against hand-worked examples: percent, Cohen's kappa, Fleiss' kappa, misses."""

from __future__ import annotations

import pytest

from jobs.words import calibration_words
from review_protocols import load_builtin
from tallies.calibration import calibrate, format_kappa, format_percent
from tallies.calibration_export import markdown

PROTOCOL = load_builtin("boendestod_sol")
REFS = ["A", "B", "C", "D"]
# dur_aktuell varies; hembesok_gjort is "ja" in every case (one category only).
KEYS = {ref: {"dur_aktuell": dur, "hembesok_gjort": "ja"}
        for ref, dur in zip(REFS, ["ja", "ja", "nej", "nej"], strict=True)}
PASSAGES = {ref: {"dur_aktuell": f"passage {ref}", "hembesok_gjort": f"besök {ref}"}
            for ref in REFS}


def answers(dur: list[str], visit: list[str | None]) -> dict:
    return {ref: {"dur_aktuell": d, "hembesok_gjort": v}
            for ref, d, v in zip(REFS, dur, visit, strict=True)}


def report():
    return calibrate(PROTOCOL, REFS, KEYS, {
        "perfekt": answers(["ja", "ja", "nej", "nej"], ["ja"] * 4),
        "miss": answers(["ja", "nej", "nej", "nej"], ["ja", "ja", "ja", None]),
    }, PASSAGES, session="kurs")


def test_perfect_trainee_agrees_fully_and_kappa_is_undefined_for_one_category() -> None:
    perfect = next(r for r in report().trainees if r.trainee == "perfekt")
    assert (perfect.percent, perfect.misses) == (1.0, [])
    by_question = {q.question_id: q for q in perfect.questions}
    assert by_question["dur_aktuell"].kappa == pytest.approx(1.0)
    # Every key answer and every given answer "ja": chance agreement is total, kappa 0/0.
    assert by_question["hembesok_gjort"].percent == 1.0
    assert by_question["hembesok_gjort"].kappa is None
    assert format_kappa(by_question["hembesok_gjort"].kappa) == "–"


def test_trainee_with_misses_hand_worked() -> None:
    miss = next(r for r in report().trainees if r.trainee == "miss")
    dur = next(q for q in miss.questions if q.question_id == "dur_aktuell")
    # p_o = 3/4; key 2 ja 2 nej, trainee 1 ja 3 nej: p_e = (2*1 + 2*3)/16 = 1/2; kappa = 1/2.
    assert dur.percent == pytest.approx(0.75)
    assert dur.kappa == pytest.approx(0.5)
    # Unanswered counts as a miss: 3 of 4 on hembesok_gjort.
    visit = next(q for q in miss.questions if q.question_id == "hembesok_gjort")
    assert (visit.agreed, visit.items) == (3, 4)
    assert miss.agreed == 6 and miss.items == 8 and miss.answered == 7
    assert [(m.case_ref, m.question_id, m.given, m.expected, m.passage) for m in miss.misses] == [
        ("B", "dur_aktuell", "Saknas", "Finns", "passage B"),
        ("D", "hembesok_gjort", "(obesvarad)", "Ja", "besök D"),
    ]


def test_fleiss_between_trainees_hand_worked() -> None:
    between = {b.question_id: b for b in report().between}
    dur = between["dur_aktuell"]
    # Subjects ja/ja, ja/nej, nej/nej, nej/nej: P-bar = 3/4; p_ja = 3/8, p_nej = 5/8,
    # P_e = 9/64 + 25/64 = 34/64; kappa = (48/64 - 34/64) / (30/64) = 14/30.
    assert dur.cases == 4
    assert dur.kappa == pytest.approx(14 / 30)
    assert dur.percent == pytest.approx(0.75)
    # Case D is left out (one trainee did not answer); the rest are all "ja": undefined.
    assert between["hembesok_gjort"].cases == 3
    assert between["hembesok_gjort"].kappa is None


def test_most_missed_ranks_questions_by_misses() -> None:
    ranked = [(m.question_id, m.misses, m.items) for m in report().most_missed]
    assert ranked == [("dur_aktuell", 1, 8), ("hembesok_gjort", 1, 8)]


def test_a_single_trainee_has_no_between_trainee_kappa() -> None:
    alone = calibrate(PROTOCOL, REFS, KEYS, {"solo": answers(["ja"] * 4, ["ja"] * 4)}, PASSAGES)
    assert alone.between == []


def test_numbers_compare_by_value_not_by_spelling() -> None:
    keys = {"A": {"beviljad_tid_timmar_manad": "12"}}
    given = {"t": {"A": {"beviljad_tid_timmar_manad": "12.0"}}}
    result = calibrate(PROTOCOL, ["A"], keys, given, {}).trainees[0]
    assert result.percent == 1.0


def test_markdown_shows_tables_misses_and_passages() -> None:
    text = markdown(report(), calibration_words("sv"))
    assert "| miss | 75 % |" in text
    assert "| perfekt | 100 % | 1.00 |" in text
    assert "Fleiss" in text and "| Aktuell DUR-utredning | 4 | 75 % | 0.47 |" in text
    assert "- **B · Aktuell DUR-utredning**: svar Saknas, facit Finns" in text
    assert "  > passage B" in text
    assert format_percent(None) == "–"
