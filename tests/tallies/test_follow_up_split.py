"""uppfoljning_hur split into form and participants (issue 16): old answers migrate forward
without loss, and the tallies give the report's "I fem ärenden ... per telefon"."""

from __future__ import annotations

import pytest

from jobs.tallies import load_report
from store.migrations import MIGRATIONS, follow_up_split, migrate, schema_version
from tests.tallies.report_cases import CODES, DISTRICTS

SPLIT_STEP = next(i for i, (name, _) in enumerate(MIGRATIONS, 1)
                  if name.startswith("uppfoljning_hur split"))


@pytest.mark.parametrize(("old", "forms", "participants"), [
    (["personligt_mote"], ["personligt_mote"], "enskilde"),
    (["telefon"], ["telefon"], "enskilde"),
    (["personligt_mote", "telefon"], ["personligt_mote", "telefon"], "enskilde"),
    (["personligt_mote", "med_utforare"], ["personligt_mote"], "bada"),
    (["med_utforare"], [], "bada"),
    (["telefon", "separat_utforare"], ["telefon"], "bada_var_for_sig"),
    (["separat_utforare"], [], "utforaren"),
    (["med_utforare", "separat_utforare"], [], "bada_var_for_sig"),
    ([], [], None),
])
def test_the_documented_mapping(old, forms, participants) -> None:
    assert follow_up_split(old) == (forms, participants)


OLD_VALUES = {  # case_ref -> what the old multiple choice held
    "HÄ-01": "telefon", "HÄ-02": "telefon", "HÄ-03": "telefon",
    "HÄ-04": "telefon|separat_utforare", "HÄ-05": "telefon|separat_utforare",
    "HÄ-06": "personligt_mote|med_utforare", "HÄ-07": "separat_utforare",
    "HÄ-08": "med_utforare|separat_utforare", "HÄ-09": "personligt_mote",
}


def old_codes(forms: list[str], who: str | None) -> set[str]:
    """The old answer read back from the two new ones: the migration loses nothing.

    (Only "med_utforare" beside both "separat_utforare" and a form cannot be told from
    "separat_utforare" and that form: both are the individual and the worker apart.)"""
    codes = set(forms)
    if who == "bada" or (who == "bada_var_for_sig" and not forms):
        codes.add("med_utforare")
    if who in ("utforaren", "bada_var_for_sig"):
        codes.add("separat_utforare")
    return codes


def answers_of(db, question_id: str) -> dict[str, tuple]:
    return {row[0]: tuple(row[1:]) for row in db.execute(
        "SELECT p.case_ref, a.value, a.answered_by, a.answered_at FROM answers a"
        " JOIN reviews r ON r.id = a.review_id JOIN population p ON p.id = r.population_id"
        " WHERE a.question_id = ?", [question_id]).fetchall()}


def make_old(db) -> None:
    """The database as the old protocol left it: the old codes, no participants question."""
    for case_ref, value in OLD_VALUES.items():
        db.execute("UPDATE answers SET value = ? WHERE question_id = 'uppfoljning_hur' AND"
                   " review_id = (SELECT r.id FROM reviews r JOIN population p"
                   " ON p.id = r.population_id WHERE p.case_ref = ?)", [value, case_ref])
    db.execute("DELETE FROM answers WHERE question_id = 'uppfoljning_deltagare'")
    db.execute("DELETE FROM schema_migrations WHERE version >= ?", [SPLIT_STEP])
    db.execute(f"PRAGMA user_version = {SPLIT_STEP - 1}")


def test_an_old_database_migrates_without_loss(report_db, protocol) -> None:
    make_old(report_db)
    before = answers_of(report_db, "uppfoljning_hur")
    assert len(before) == 45  # every documented follow-up has its answer
    migrate(report_db, target=SPLIT_STEP)
    assert schema_version(report_db) == SPLIT_STEP
    forms = answers_of(report_db, "uppfoljning_hur")
    participants = answers_of(report_db, "uppfoljning_deltagare")
    assert set(participants) == set(before)  # every old answer says who took part now
    for case_ref, (value, who, when) in before.items():
        old = value.split("|")
        expected_forms, expected_who = follow_up_split(old)
        assert forms[case_ref] == ("|".join(expected_forms) or None, who, when)
        assert participants[case_ref] == (expected_who, who, when)  # same reviewer and time
        assert old_codes(expected_forms, expected_who) == set(old)  # nothing lost
    report = load_report(report_db, protocol, DISTRICTS, codes=CODES)
    form = report.table("uppfoljning_hur.district")
    assert form.row("telefon").counts == (5, 0, 0, 0, 5)  # "I fem ärenden ... per telefon"
    took_part = report.table("uppfoljning_deltagare.district")
    assert took_part.row("bada_var_for_sig").counts[0] == 3
    assert took_part.row("_total").counts[-1] == 45
    # Again: nothing more happens (to the step's own version: make_old rewound a database
    # that later steps, such as the review rounds' rebuild, have already changed).
    migrate(report_db, target=SPLIT_STEP)
    assert answers_of(report_db, "uppfoljning_deltagare") == participants


def test_the_new_questions_give_the_reports_phone_figure(protocol, report_cases) -> None:
    from tests.tallies.test_golden import report_of

    report = report_of(protocol, report_cases)
    assert report.table("uppfoljning_hur.district").row("telefon").counts == (5, 0, 0, 0, 5)
    took_part = report.table("uppfoljning_deltagare.district")
    assert took_part.row("utforaren").counts == (2, 0, 0, 0, 2)  # calls with the worker only
    assert took_part.row("enskilde").counts[0] == 3
    assert took_part.row("_total").counts == (14, 11, 8, 12, 45)
    reason = report.table("uppfoljning_separat_skal.district")
    assert reason.row("_na").counts[-1] == 78  # asked only where done separately
