"""The tallies follow the configured states: the report's Table 1 counted with each
setting of ``[tallies] counted``, in the report and in the exports."""

from __future__ import annotations

import json

from jobs.config import Config, TallySettings
from jobs.tallies import load_report, produce
from store.review_states import approve, return_review, state_rows
from tests.tallies.report_cases import CODES, DISTRICTS

HA, HV, SK, SO = DISTRICTS
ROWS = ("ja", "delvis", "nej", "saknas", "_total")


def table_1(db, protocol, counting: str) -> dict[str, tuple[int, ...]]:
    report = load_report(db, protocol, DISTRICTS, codes=CODES, counting=counting)
    table = report.table("plan_stammer.district")
    return {code: table.row(code).counts for code in ROWS}


def test_table_1_with_each_setting(report_db, protocol) -> None:
    everyone = table_1(report_db, protocol, "complete_or_approved")
    assert everyone["_total"] == (20, 19, 20, 20, 79)  # the report's figures, as before
    assert table_1(report_db, protocol, "approved_only")["_total"] == (0, 0, 0, 0, 0)
    rows = state_rows(report_db)
    approve(report_db, [r["review_id"] for r in rows if r["district"] == SK])
    returned = next(r for r in rows if r["district"] == HA and r["case_ref"] == "HÄ-01")
    return_review(report_db, returned["review_id"], "planen saknar datum")
    # Skarpnäck approved, one Hägersten-Älvsjö case sent back: it counts under neither rule
    assert table_1(report_db, protocol, "approved_only") == {
        "ja": (0, 0, 3, 0, 3), "delvis": (0, 0, 7, 0, 7), "nej": (0, 0, 4, 0, 4),
        "saknas": (0, 0, 6, 0, 6), "_total": (0, 0, 20, 0, 20)}
    without_one = table_1(report_db, protocol, "complete_or_approved")
    assert without_one["_total"] == (19, 19, 20, 20, 78)
    assert sum(without_one[c][0] for c in ROWS[:4]) == 19


def test_exports_follow_the_setting(report_db) -> None:
    rows = state_rows(report_db)
    approve(report_db, [r["review_id"] for r in rows if r["district"] == SK])
    for counting, cases in (("complete_or_approved", 80), ("approved_only", 20)):
        config = Config(tallies=TallySettings(counted=counting))
        answers = produce(report_db, config, "answers").decode("utf-8-sig").splitlines()
        assert len({line.split(";")[0] for line in answers[1:]}) == cases
        assert json.loads(produce(report_db, config, "json"))["cases"] == cases


async def test_the_tallies_view_counts_what_the_setting_says(report_db) -> None:
    """approved_only: F4 shows the approved cases; one more approved by key in F7 is in F4."""
    from store.users import grant_role
    from tests.tallies.test_screen import shown
    from tui.app import GranskaApp

    grant_role(report_db, "anna", "supervisor")
    approve(report_db, [r["review_id"] for r in state_rows(report_db) if r["district"] == SK])
    config = Config(tallies=TallySettings(counted="approved_only"))
    app = GranskaApp(config, report_db, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert "20 ärenden" in shown(app, "#tallies-note")
        assert "3 (21%)" in shown(app, "#tallies-table")  # Skarpnäck: 3 Ja of 14 with a plan
        await pilot.press("f7")
        for _ in range(4):  # Tab to the queue
            if app.focused is not None and app.focused.id == "queue":
                break
            await pilot.press("tab")
        await pilot.press("a")
        await pilot.press("f4")
        await pilot.pause()
        assert "21 ärenden" in shown(app, "#tallies-note")
    assert len([r for r in state_rows(report_db) if r["status"] == "approved"]) == 21
