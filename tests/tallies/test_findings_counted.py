"""The report's stated findings asked as questions (issue 16 point 6) are counted per
district under their quality area: in the report object, the Tallies view and the md,
docx and xlsx exports. And a database answered before the questions existed tallies
exactly as it did: the new questions start unanswered and move no other figure."""

from __future__ import annotations

from pathlib import Path

import pytest

import review_protocols
from review_protocols.conditions import applicable
from tests.tallies.conftest import store_sample
from tests.tallies.report_cases import build_cases
from tests.tallies.test_golden import report_of
from tests.tallies.test_screen import make_app, shown
from tui.cli import main

FINDINGS = ("livsomraden_utredda", "bakgrund_historia", "egen_uppfattning", "nyligen_18",
            "ny_akt_vid_18", "utredning_uppdaterad_18", "bestallning_kopierad")
# The cases the report tells of: in Hässelby-Vällingby one order copied from an earlier
# grant of bostad med särskild service; in Skarpnäck two cases where a parent holds the
# power of attorney and "Personernas egen uppfattning och röst saknas", one of them not
# updated since the person turned 18.
COPIED_ORDER = "HV-15"
OWN_VIEW_MISSING = ("SK-16", "SK-17")
TURNED_18 = "SK-16"
# Not in the report's figures: an area of life left out somewhere in three districts
# ("förekommer det att ... inte samtliga livsområden utredda"), background described in
# HÄ and Sö (their strengths) and in none of the others.
LIFE_AREAS_MISSING = ("HÄ-01", "HV-02", "SK-08")


def with_findings(protocol):
    cases = build_cases()
    for case in cases:
        a, ref = case.answers, case.case_ref
        found = {
            "livsomraden_utredda": "nej" if ref in LIFE_AREAS_MISSING else "ja",
            "bakgrund_historia": "ja" if ref[:2] in ("HÄ", "SÖ") else "nej",
            "egen_uppfattning": "nej" if ref in OWN_VIEW_MISSING else "ja",
            "nyligen_18": "ja" if ref == TURNED_18 else "nej",
            "ny_akt_vid_18": "ja",
            "utredning_uppdaterad_18": "nej",
            "bestallning_kopierad": "ja" if ref == COPIED_ORDER else "nej",
        }
        for question_id, value in found.items():
            if applicable(protocol, {**a, **found})[question_id]:
                a[question_id] = value
    return cases


@pytest.fixture
def findings_db(db, protocol):
    store_sample(db, with_findings(protocol))
    return db


def test_the_findings_per_district_and_area(protocol) -> None:
    report = report_of(protocol, with_findings(protocol))
    copied = report.table("bestallning_kopierad.district")
    assert copied.row("ja").counts == (0, 1, 0, 0, 1)
    assert copied.row("_total").counts == (20, 19, 20, 20, 79)  # not on avslag
    own_view = report.table("egen_uppfattning.district")
    assert own_view.row("nej").counts == (0, 0, 2, 0, 2)
    assert own_view.row("_total").counts == (20, 19, 8, 10, 57)  # a current DUR only
    assert own_view.row("nej").percent(2) == 25  # two of Skarpnäck's eight
    assert report.table("utredning_uppdaterad_18.district").row("nej").counts == (0, 0, 1, 0, 1)
    assert report.table("ny_akt_vid_18.district").row("_total").counts == (0, 0, 1, 0, 1)

    safety = report.table("area.trygghet_sakerhet")
    rows = {row.code: row for row in safety.rows}
    assert "nyligen_18" not in rows  # describes the case, not a quality indicator
    assert rows["bestallning_kopierad"].label == "Beställning kopierad: Nej"  # the good one
    assert rows["bestallning_kopierad"].counts == (20, 18, 20, 20, 78)
    assert rows["livsomraden_utredda"].counts == (19, 18, 7, 10, 54)
    assert rows["bakgrund_historia"].counts == (20, 0, 0, 10, 30)
    assert rows["bakgrund_historia"].bases == (20, 19, 8, 10, 57)
    assert rows["ny_akt_vid_18"].counts == (0, 0, 1, 0, 1)
    integrity = report.table("area.sjalvbestammande_integritet")
    assert integrity.row("egen_uppfattning").counts == (20, 19, 6, 10, 55)


def test_an_old_database_tallies_as_it_did(protocol, tmp_path: Path) -> None:
    """The report's 80 cases, answered before the findings were asked, against the
    protocol as it was: every table of the old protocol is the same, row for row."""
    source = Path(review_protocols.__file__).with_name("boendestod_sol.toml")
    blocks = source.read_text(encoding="utf-8").split("[[sections.questions]]\n")
    old_text = "[[sections.questions]]\n".join(
        b for b in blocks if not any(b.startswith(f'id = "{q}"\n') for q in FINDINGS))
    old_path = tmp_path / "boendestod_sol.toml"
    old_path.write_text(old_text, encoding="utf-8")
    old = review_protocols.load_file(old_path)
    assert len(protocol.questions) - len(old.questions) == len(FINDINGS)

    cases = build_cases()
    before, after = report_of(old, cases), report_of(protocol, cases)
    for stem, _ in before.questions():
        for view in ("district", "gender"):
            was, now = before.table(f"{stem}.{view}"), after.table(f"{stem}.{view}")
            assert (now.rows, now.note) == (was.rows, was.note), stem
    for area in before.areas:
        was = {row.code: row for row in area.rows}
        now = {row.code: row for row in after.table(area.id).rows}
        assert {code: now[code] for code in was} == was, area.id
        for code in set(now) - set(was):  # a finding: unanswered everywhere
            assert code in FINDINGS and now[code].counts[-1] == 0


def test_md_docx_and_xlsx_list_the_findings_under_their_area(findings_db, db_path,
                                                             tmp_path, capsys) -> None:
    from docx import Document
    from openpyxl import load_workbook

    assert main(["--db", str(db_path), "export", "md"]) == 0
    text = capsys.readouterr().out
    areas = text[text.index("## Kvalitetsområden"):]
    safety = areas[areas.index("### Trygghet och säkerhet"):
                   areas.index("### Självbestämmande och integritet")]
    assert "| Beställning kopierad: Nej | 20 (100 %) | 18 (95 %) | 20 (100 %) | 20 (100 %) |" \
        " 78 (99 %) |" in safety
    assert "| Samtliga livsområden utredda: Ja | 19 (95 %) | 18 (95 %) | 7 (88 %) |" in safety
    assert "Fyllt 18 år nyligen" not in areas
    integrity = areas[areas.index("### Självbestämmande och integritet"):]
    assert "| Egen uppfattning framgår: Ja | 20 (100 %) | 19 (100 %) | 6 (75 %) |" in integrity

    docx_path = tmp_path / "tallies.docx"
    assert main(["--db", str(db_path), "export", "docx", "--out", str(docx_path)]) == 0
    document = Document(str(docx_path))
    cells = [[cell.text.replace("\xa0", " ") for cell in row.cells] for table in document.tables
             for row in table.rows]
    copied = next(row for row in cells if row[0] == "Beställning kopierad: Nej")
    assert copied[1:] == ["20 (100 %)", "18 (95 %)", "20 (100 %)", "20 (100 %)", "78 (99 %)"]

    xlsx_path = tmp_path / "tallies.xlsx"
    assert main(["--db", str(db_path), "export", "xlsx", "--out", str(xlsx_path)]) == 0
    sheet = load_workbook(xlsx_path)["Kvalitetsområden"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    headings = [i for i, row in enumerate(rows) if row[0] in {
        "Trygghet och säkerhet", "Självbestämmande och integritet"}]
    copied_at = next(i for i, row in enumerate(rows) if row[0] == "Beställning kopierad: Nej")
    assert headings[0] < copied_at < headings[1]
    assert 18 in rows[copied_at] and 78 in rows[copied_at]


async def test_the_tallies_view_shows_them_under_their_area(findings_db) -> None:
    app = make_app(findings_db)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*["left"] * 5)  # the areas close the list: Trygghet first
        assert "Trygghet och säkerhet" in shown(app, "#tallies-heading")
        table = shown(app, "#tallies-table")
        copied = next(line for line in table.splitlines() if "Beställning kopierad" in line)
        assert "78 (99%)" in copied and "18 (95%)" in copied
        assert "Samtliga livsområden" in table and "Fyllt 18 år" not in table
        await pilot.press("right")
        assert "Självbestämmande" in shown(app, "#tallies-heading")
        assert "Egen uppfattning framgå" in shown(app, "#tallies-table")
        assert "6 (75%)" in shown(app, "#tallies-table")


def test_granska_check_lists_the_new_questions_in_reviews_already_klar(report_db,
                                                                        protocol) -> None:
    """What an older database shows after the update: its klar reviews keep their state
    and figures, and the data-quality check names the findings' questions still blank."""
    from collections import Counter

    from jobs.checks import run_checks

    blank = Counter(item.finding.question_id for item in run_checks(
        report_db, protocol, role="supervisor", user="anna")
        if item.finding.rule_id == "obligatorisk_saknar_svar"
        and item.finding.question_id in FINDINGS)
    assert blank == {"livsomraden_utredda": 57, "bakgrund_historia": 57, "egen_uppfattning": 57,
                     "nyligen_18": 80, "bestallning_kopierad": 79}  # the 18-year ones: no case
