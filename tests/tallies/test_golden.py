"""The report's own figures, reproduced from 80 cases built to match them (report_cases.py)."""

from __future__ import annotations

import dataclasses

from jobs.tallies import load_report
from jobs.words import words
from tallies.report import build_report
from tests.tallies.report_cases import CODES, DISTRICTS

HA, HV, SK, SO = DISTRICTS


def report_of(protocol, cases):
    return build_report(protocol, cases, DISTRICTS, codes=CODES, words=words("sv"))


def assert_table_1(report) -> None:
    table = report.table("plan_stammer.district")
    assert table.columns == (*DISTRICTS, "Totalt")
    expected = {"ja": (3, 7, 3, 4, 17), "delvis": (10, 6, 7, 11, 34), "nej": (5, 1, 4, 2, 12),
                "saknas": (2, 5, 6, 3, 16), "_total": (20, 19, 20, 20, 79)}
    for code, counts in expected.items():
        assert table.row(code).counts == counts, code
    assert [table.row(c).percent(4) for c in ("ja", "delvis", "nej", "saknas")] == [27, 54, 19,
                                                                                     20]
    assert table.row("_na").counts == (0, 1, 0, 0, 1)
    assert table.note.startswith("79 ärenden; 1 ärende är ej tillämpligt (Beslut: Avslag")


def test_table_1_is_the_reports_exactly(protocol, report_cases) -> None:
    assert_table_1(report_of(protocol, report_cases))


def test_headline_figures(protocol, report_cases) -> None:
    report = report_of(protocol, report_cases)
    dur = report.table("dur_aktuell.district")
    assert dur.row("ja").counts == (20, 19, 8, 10, 57)
    assert dur.row("ja").percent(4) == 71
    assert dur.row("nej").percent(4) == 29
    by_gender = report.table("dur_aktuell.gender")
    assert by_gender.columns == ("Kvinnor", "Män", "Totalt")
    assert by_gender.row("nej").counts == (13, 10, 23)
    interests = report.table("intressen_resurser_onskemal.district")
    assert [interests.row(c).percent(4) for c in ("framgar", "delvis", "saknas")] == [67, 21, 12]
    assert interests.row("_total").counts[-1] == 57
    assert interests.note == ("57 ärenden; 23 ärenden är ej tillämpliga "
                              "(Aktuell DUR-utredning: Saknas)")
    plan = report.table("genomforandeplan_finns.district")
    assert plan.row("nej").counts[-1] == 16 and plan.row("nej").percent(4) == 20
    assert plan.row("_total").counts[-1] == 79
    follow = report.table("uppfoljning_dokumenterad.district")
    assert follow.row("ja").counts == (14, 11, 8, 12, 45)
    assert follow.row("_total").counts == (17, 14, 20, 19, 70)
    assert follow.row("ja").percent(4) == 64
    assert "Förstagångsbeslut: Ja: 9" in follow.note and "Avslag (helt avslag): 1" in follow.note


def test_district_by_gender_and_the_other_printed_figures(protocol, report_cases) -> None:
    report = report_of(protocol, report_cases)
    cross = report.table("dur_aktuell.district_gender")
    assert cross.columns[:2] == ("HÄ kvinnor", "HÄ män")
    assert cross.row("nej").counts == (0, 0, 1, 0, 7, 5, 5, 5, 23)
    structured = report.table("bestallning_strukturerad.district")
    assert structured.row("ja").counts == (10, 13, 17, 19, 59)
    assert report.table("samverkan_psykiatri.district").row("ja").counts[-1] == 19
    assert report.table("samverkan_psykiatri.district").row("ja").percent(4) == 24
    assert report.table("sip_aktuell.district").row("ja").percent(4) == 16
    # The report prints 31 but its districts add to 29 (DETAIL.md 3.7): the districts hold.
    assert report.table("fullmakt_sekretessmedgivande.district").row("ja").counts == (
        10, 5, 7, 7, 29)
    assert report.table("vald_fragat.gender").row("ja").counts == (7, 3, 10)
    assert report.table("vald_fragat.district").row("ja").counts[1] == 5
    assert report.table("forelder_minderariga_barn.gender").row("ja").counts == (2, 2, 4)
    hours = report.table("beviljad_tid_timmar_manad.district")
    assert hours.row("band2").label == "12–13 tim"
    assert hours.row("band2").counts == (5, 3, 11, 3, 22)
    assert hours.row("_total").counts[-1] == 79
    days = report.table("genomforandeplan_dagar.district")
    assert days.row("band0").label == "inom 15 dagar"
    assert days.row("_total").counts[-1] == 63
    assert "Beslut: Avslag (helt avslag): 1" in days.note  # the cause, not the plan question


def test_quality_areas_group_the_findings(protocol, report_cases) -> None:
    report = report_of(protocol, report_cases)
    assert [t.title for t in report.areas] == [a.label for a in protocol.areas]
    safety = report.table("area.trygghet_sakerhet")
    assert safety.row("dur_aktuell").counts[-1] == 57
    assert safety.row("dur_aktuell").percent(4) == 71
    assert report.table("area.sjalvbestammande_integritet").row("vald_fragat").counts[-1] == 10


def test_from_a_real_database_the_same_figures(report_db, protocol) -> None:
    report = load_report(report_db, protocol, DISTRICTS, codes=CODES)
    assert report.cases == 80
    assert_table_1(report)


def test_only_complete_primary_or_consensus_reviews_count(report_db, protocol) -> None:
    from store.reports import counted_reviews
    from store.reviews import ensure_review, save_answer, set_review_status
    from store.users import grant_role

    grant_role(report_db, "bo", "supervisor")  # records the consensus, reopens others' reviews
    first = next(r for r in counted_reviews(report_db, protocol.id) if r["case_ref"] == "HÄ-01")
    # A second review and a training review disagree; they are not counted.
    for kind in ("second", "training"):
        rid = ensure_review(report_db, first["population_id"], "bo", protocol.id,
                            protocol.version, kind=kind)
        save_answer(report_db, rid, "dur_aktuell", "nej", who="bo")
        set_review_status(report_db, rid, "complete", who="bo")
    assert load_report(report_db, protocol, DISTRICTS).table(
        "dur_aktuell.district").row("ja").counts[-1] == 57
    # A consensus review replaces the primary one.
    rid = ensure_review(report_db, first["population_id"], "bo", protocol.id, protocol.version,
                        kind="consensus")
    save_answer(report_db, rid, "dur_aktuell", "nej", who="bo")
    set_review_status(report_db, rid, "complete", who="bo")
    report = load_report(report_db, protocol, DISTRICTS)
    assert report.table("dur_aktuell.district").row("ja").counts[-1] == 56
    # An unfinished review does not count at all.
    set_review_status(report_db, first["review_id"], "in_progress", who="bo")
    set_review_status(report_db, rid, "in_progress", who="bo")
    assert load_report(report_db, protocol, DISTRICTS).cases == 79


def test_english_report_has_english_question_option_and_area_labels(protocol,
                                                                    report_cases) -> None:
    """Same figures; the protocol's texts in English (as the English TUI and its exports use)."""
    english = dataclasses.replace(words("sv"), language="en")
    report = build_report(protocol, report_cases, DISTRICTS, codes=CODES, words=english)
    table = report.table("dur_aktuell.district")
    assert table.title == "Current DUR investigation"
    assert [row.label for row in table.rows[:2]] == ["Present", "Missing"]
    assert report.protocol_title == "Case-file review of housing support (boendestöd) under SoL"
    assert report.table("area.trygghet_sakerhet").title == "Security and safety"
    assert "Decision: Refused (entirely)" in report.table("plan_stammer.district").note
    swedish = report_of(protocol, report_cases)
    assert [r.counts for r in swedish.table("dur_aktuell.district").rows] == [
        r.counts for r in table.rows]
