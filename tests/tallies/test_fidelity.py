"""The report's denominators and headings (issue 16): "Ej relevant" out of the base, the
decisions counted as the report counts them, shares meeting the standard per area."""

from __future__ import annotations

from tests.tallies.test_golden import report_of


def test_changing_provider_reads_100_percent_of_the_dissatisfied(protocol,
                                                                  report_cases) -> None:
    table = report_of(protocol, report_cases).table("info_byta_utforare.district")
    assert table.row("nej").counts[-1] == 3
    assert table.row("nej").percent(4) == 100  # not 4 % of the 79 granted cases
    assert table.row("ja").counts[-1] == 0
    assert table.row("_total").counts[-1] == 3
    assert table.row("_na").counts[-1] == 77
    assert [r.code for r in table.rows].count("ej_relevant") == 0  # counted as not applicable
    assert "Info om byte av utförare: Ej relevant: 76" in table.note
    assert "Beslut: Avslag (helt avslag): 1" in table.note


def test_not_relevant_is_out_of_every_base_it_is_declared_on(protocol) -> None:
    for question_id in ("info_byta_utforare", "anhorigstod_hanvisning",
                        "anhoriga_foretrader_tydligt", "samverkan_barn_ungdom"):
        assert protocol.question(question_id).not_applicable_codes == {"ej_relevant"}


def test_79_cases_with_a_granting_decision(protocol, report_cases) -> None:
    report = report_of(protocol, report_cases)
    decisions = report.table("beslut.district")
    granted = decisions.row("bifallsbeslut")
    assert granted.label == "Bifallsbeslut (bifall och delavslag)"
    assert granted.counts == (20, 19, 20, 20, 79)
    assert decisions.row("bifall").counts[-1] == 74
    assert decisions.row("delavslag").counts[-1] == 5
    assert decisions.row("_total").counts[-1] == 80  # a subtotal is not an answer of its own
    assert report.table("beslut.gender").row("bifallsbeslut").counts[-1] == 79


def test_five_quality_headings_with_shares_meeting_the_standard(protocol,
                                                                 report_cases) -> None:
    report = report_of(protocol, report_cases)
    assert [t.title for t in report.areas] == [
        "Trygghet och säkerhet", "Självbestämmande och integritet", "Tillgänglighet",
        "Helhetssyn och samordning", "Kunskapsbaserad verksamhet och effektivitet"]
    safety = report.table("area.trygghet_sakerhet")
    rows = {row.code for row in safety.rows}
    assert "beslut" not in rows and "forstagangsbeslut" not in rows  # describe the case
    assert {"dur_aktuell", "genomforandeplan_finns", "uppfoljning_dokumenterad"} <= rows
    assert safety.row("dur_aktuell").label == "Aktuell DUR-utredning: Finns"
    assert safety.row("dur_aktuell").counts[-1] == 57
    helhet = report.table("area.helhetssyn_samordning")
    assert "forelder_minderariga_barn" not in {row.code for row in helhet.rows}
    access = report.table("area.tillganglighet")
    assert access.row("info_byta_utforare").counts[-1] == 0
    assert access.row("info_byta_utforare").bases[-1] == 3  # the dissatisfied only
    knowledge = report.table("area.kunskapsbaserad")
    # the former area "effektivitet" counts under the shared heading
    assert protocol.question("overtagande_atgarder").area == "kunskapsbaserad"
    assert protocol.area("effektivitet") is protocol.area("kunskapsbaserad")
    assert knowledge.title == "Kunskapsbaserad verksamhet och effektivitet"


def test_a_deficiency_question_counts_its_good_answer(protocol) -> None:
    from tallies.crosstab import CaseAnswers
    from tests.tallies.report_cases import DISTRICTS

    cases = [CaseAnswers(f"c{i}", DISTRICTS[0], "K",
                         {"dur_aktuell": "ja", "varderande_sprak": "ja" if i < 1 else "nej"})
             for i in range(4)]
    row = report_of(protocol, cases).table("area.sjalvbestammande_integritet").row(
        "varderande_sprak")
    assert row.label == "Värderande språk: Nej"
    assert row.counts[-1] == 3 and row.percent(len(row.counts) - 1) == 75


def test_the_findings_are_counted_per_district_and_area(protocol) -> None:
    from tallies.crosstab import CaseAnswers
    from tests.tallies.report_cases import DISTRICTS

    cases = [CaseAnswers(f"c{i}", DISTRICTS[i % 2], "K",
                         {"dur_aktuell": "ja", "livsomraden_utredda": "nej" if i < 3 else "ja",
                          "egen_uppfattning": "ja"}) for i in range(6)]
    report = report_of(protocol, cases)
    life = report.table("livsomraden_utredda.district")
    assert life.row("nej").counts == (2, 1, 0, 0, 3)
    safety = report.table("area.trygghet_sakerhet")
    assert safety.row("livsomraden_utredda").counts[-1] == 3
    assert report.table("area.sjalvbestammande_integritet").row(
        "egen_uppfattning").counts[-1] == 6
