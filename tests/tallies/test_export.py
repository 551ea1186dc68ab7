"""`granska export`: CSV for Swedish Excel, XLSX, Markdown, JSON and the raw answers."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tui.cli import main


def export(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "export", *args])


def test_csv_opens_in_swedish_excel_columns(report_db, db_path, tmp_path) -> None:
    out = tmp_path / "tallies.csv"
    assert export(db_path, "csv", "--out", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    start = rows.index(["Genomförandeplan stämmer överens med beställning (per stadsdel)"])
    header, *body = rows[start + 1: start + 10]
    assert header[:3] == ["Svar", "Hägersten-Älvsjö", "Hägersten-Älvsjö %"]
    ja = body[0]
    assert ja[0] == "Ja"
    assert ja[1:3] == ["3", "16,7"]  # 3 of the 18 plans in HÄ, with a decimal comma
    assert ja[9:11] == ["17", "27,0"]  # Totalt: 17 of 63
    saknas = next(r for r in body if r[0] == "Genomförandeplan saknas")
    assert saknas[9:11] == ["16", "20,3"]
    totalt = next(r for r in body if r[0] == "Totalt")
    assert totalt[1:10:2] == ["20", "19", "20", "20", "79"]
    # Each table: title row, header, rows, note, then a blank row before the next title.
    assert rows[start - 1] == [] or start == 0
    note_index = start + 2 + next(i for i, r in enumerate(body) if r and r[0].startswith("79"))
    assert rows[note_index + 1] == []


def test_xlsx_has_contents_with_links_a_sheet_per_section_and_charts(report_db, db_path,
                                                                    tmp_path) -> None:
    """What a supervisor opens: a contents sheet whose links lead to each question's block,
    one sheet per protocol section, counts as numbers, shares as percentages, and a chart
    beside each question."""
    from openpyxl import load_workbook

    from review_protocols import load_builtin

    out = tmp_path / "tallies.xlsx"
    assert export(db_path, "xlsx", "--out", str(out)) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    book = load_workbook(out)
    protocol = load_builtin("boendestod_sol")
    sections = [s.title for s in protocol.sections]
    assert book.sheetnames[0] == "Innehåll"
    assert book.sheetnames[-1] == "Kvalitetsområden"
    assert len(book.sheetnames) == len(sections) + 2 < 20  # not a sheet per table
    assert all(len(name) <= 31 for name in book.sheetnames)
    for name, section in zip(book.sheetnames[1:-1], sections, strict=True):
        assert section.startswith(name.rstrip("…"))  # named after it, cut with "…" at 31
    contents = book["Innehåll"]
    links = {cell.value: cell.hyperlink.location for row in contents.iter_rows()
             for cell in row if cell.hyperlink is not None}
    target = links["Genomförandeplan stämmer överens med beställning"]
    sheet_name, cell = target.rsplit("!", 1)
    sheet = book[sheet_name.strip("'")]
    row = int(cell[1:])
    assert sheet.cell(row, 1).value == "Genomförandeplan stämmer överens med beställning"
    assert sheet.cell(row + 1, 1).value == "per stadsdel"
    assert [c.value for c in sheet[row + 2]][:3] == ["Svar", "Hägersten-Älvsjö",
                                                     "Hägersten-Älvsjö %"]
    ja = [c for c in sheet[row + 3]]
    assert [ja[0].value, ja[9].value] == ["Ja", 17]  # Totalt: 17 of 63, a number
    assert ja[10].value == pytest.approx(17 / 63) and ja[10].number_format == "0.0%"
    saknas = [c.value for c in sheet[row + 6]]
    assert [saknas[0], saknas[9]] == ["Genomförandeplan saknas", 16]
    assert sheet._charts, "a chart beside each question"
    back = book[book.sheetnames[1]]["A1"]
    assert back.hyperlink is not None and back.hyperlink.location == "'Innehåll'!A1"


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="libreoffice not installed")
def test_libreoffice_reads_the_xlsx(report_db, db_path, tmp_path) -> None:  # pragma: no cover
    out = tmp_path / "tallies.xlsx"
    export(db_path, "xlsx", "--out", str(out))
    subprocess.run(["libreoffice", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(tmp_path), str(out)], check=True, capture_output=True, timeout=120)
    text = (tmp_path / "tallies.csv").read_text(encoding="utf-8")  # 76: UTF-8
    assert "Genomförandeplan" in text and "Granskade ärenden: 80" in text  # the contents


def test_xlsx_needs_out(report_db, db_path, capsys) -> None:
    assert export(db_path, "xlsx") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--out" in err


def test_markdown_ready_to_paste(report_db, db_path, capsys) -> None:
    from store.reports import add_district_note

    add_district_note(report_db, "Skarpnäck", "strength", "Screeningmånader för våldsfrågor")
    add_district_note(report_db, "Skarpnäck", "development",
                      "Säkerställ aktuell DUR-utredning som underlag")
    assert export(db_path, "md") == 0
    text = capsys.readouterr().out
    assert "| Ja | 3 (17 %) | 7 (50 %) | 3 (21 %) | 4 (24 %) | 17 (27 %) |" in text
    assert "| Genomförandeplan saknas | 2 (10 %) | 5 (26 %) | 6 (30 %) | 3 (15 %) | 16 (20 %) |" \
        in text
    assert "| Totalt | 20 | 19 | 20 | 20 | 79 |" in text
    assert "*79 ärenden; 1 ärende är ej tillämpligt" in text
    assert "## Kvalitetsområden" in text and "### Självbestämmande och integritet" in text
    notes = text[text.index("## Styrkor och utvecklingsområden"):]
    assert "### Skarpnäck" in notes
    assert notes.index("**Styrkor**") < notes.index("- Screeningmånader för våldsfrågor") \
        < notes.index("**Utvecklingsområden**") < notes.index("- Säkerställ aktuell DUR")


def test_json_for_programs(report_db, db_path, capsys) -> None:
    assert export(db_path, "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cases"] == 80
    table = next(t for t in data["tables"] if t["id"] == "dur_aktuell.gender")
    nej = next(r for r in table["rows"] if r["code"] == "nej")
    assert table["columns"] == ["Kvinnor", "Män", "Totalt"]
    assert nej["counts"] == [13, 10, 23] and nej["percents"][-1] == 29


def test_answers_long_format_is_pseudonymised(report_db, db_path, capsys) -> None:
    assert export(db_path, "answers") == 0
    text = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert list(rows[0]) == ["case_ref", "district", "gender", "question_id", "value",
                             "reviewer", "answered_at"]
    assert {r["case_ref"] for r in rows} == {c for c in {r["case_ref"] for r in rows}}
    assert len({r["case_ref"] for r in rows}) == 80
    assert "Person " not in text
    first = next(r for r in rows if r["case_ref"] == "HÄ-01" and r["question_id"] == "beslut")
    assert first["value"] == "bifall" and first["reviewer"] == "anna"


def test_identities_only_when_asked_and_audited(report_db, db_path, tmp_path, capsys) -> None:
    from store.audit import history

    out = tmp_path / "answers.csv"
    assert export(db_path, "answers", "--out", str(out), "--with-identities") == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].endswith("personnummer;name")
    assert "Person HÄ-01" in text
    logged = history(report_db, "export")
    assert len(logged) == 1 and str(out) in logged[0]["new_value"]
    assert export(db_path, "csv", "--with-identities") == 2
    assert "--with-identities" in capsys.readouterr().err


def test_export_to_a_missing_folder_is_one_line(report_db, db_path, tmp_path, capsys) -> None:
    assert export(db_path, "csv", "--out", str(tmp_path / "nope" / "x.csv")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope" in err
