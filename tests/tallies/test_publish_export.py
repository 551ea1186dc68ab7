"""`granska export csv|xlsx|md|json --publish`: small counts of sensitive questions hidden.

The report's 80 cases have four parents (two women, two men, in two districts) and ten
cases asked about violence, most of them one to a district and gender: the figures the
published report must not show.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from review_protocols import load_builtin
from tui.cli import main

pytest.importorskip("scipy")

PROTOCOL = load_builtin("boendestod_sol")
SENSITIVE = [q for q in PROTOCOL.questions if q.sensitive and q.is_choice]
SENSITIVE_TITLES = tuple(f"{q.label} (" for q in SENSITIVE)


def export(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "export", *args])


def csv_tables(text: str) -> dict[str, list[list[str]]]:
    """Title -> the rows under it (header first), as Swedish Excel reads the file."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    tables: dict[str, list[list[str]]] = {}
    title = None
    for row in rows:
        if not row:
            title = None
        elif title is None and len(row) == 1:
            title = row[0]
            tables[title] = []
        elif title is not None:
            tables[title].append(row)
    return tables


def small_counts(rows: list[list[str]]) -> list[str]:
    """The counts from 1 to 2 in a table's body (every other column from the second)."""
    return [cell for row in rows[1:] if len(row) > 2 for cell in row[1::2] if cell in ("1", "2")]


def csv_of(db_path: Path, tmp_path: Path, *args: str) -> str:
    out = tmp_path / f"tallies{len(args)}.csv"
    assert export(db_path, "csv", "--out", str(out), *args) == 0
    return out.read_text(encoding="utf-8")


def test_csv_hides_small_sensitive_counts_and_leaves_the_rest(report_db, db_path,
                                                              tmp_path) -> None:
    full = csv_tables(csv_of(db_path, tmp_path))
    text = csv_of(db_path, tmp_path, "--publish")
    published = csv_tables(text)
    assert text.lstrip("\ufeff").startswith("Publicerad version")
    parents = published["Förälder till minderåriga (per kön)"]
    ja = next(r for r in parents if r[0] == "Ja")
    assert ja[1:] == ["<3", "", "<3", "", "4", "5,0"]  # two women, two men: hidden
    nej = next(r for r in parents if r[0] == "Nej")
    assert nej[1:5] == ["x", "", "x", ""]  # else 40 - 38 gives the two women away
    assert full["Förälder till minderåriga (per kön)"] != parents
    sensitive = [title for title in published if title.startswith(SENSITIVE_TITLES)]
    assert len(sensitive) == 3 * len(SENSITIVE)
    for title in sensitive:
        assert small_counts(published[title]) == [], title
    assert any(small_counts(full[title]) for title in sensitive)  # the test can fail
    for title, rows in full.items():  # the quality areas hold rows of sensitive questions
        if not title.startswith(SENSITIVE_TITLES) and "kvalitetsområde" not in title:
            assert published[title] == rows, title
    areas = published["Helhetssyn och samordning (kvalitetsområde)"]
    # "Förälder till minderåriga" describes the case (no quality indicator): not an area row
    assert not any(r and r[0].startswith("Förälder till minderåriga") for r in areas)
    sensitive_rows = [r for r in areas if r and r[0].startswith(tuple(f"{q.label}: "
                                                                       for q in SENSITIVE))]
    assert sensitive_rows and small_counts([[], *sensitive_rows]) == []
    violence = published["Frågat om våld (stadsdel och kön)"]
    assert "Skyddad för publicering" in violence[-1][0]


def test_without_publish_nothing_is_hidden(report_db, db_path, tmp_path) -> None:
    text = csv_of(db_path, tmp_path)
    assert "<3" not in text and "Publicerad version" not in text
    tables = csv_tables(text)
    assert small_counts(tables["Förälder till minderåriga (per kön)"]) == ["2", "2"]


def xlsx_blocks(path: Path) -> dict[str, list[tuple]]:
    """Question title -> the rows of its block (its three views), across every sheet."""
    from openpyxl import load_workbook

    titles = {q.label for q in PROTOCOL.questions}
    blocks: dict[str, list[tuple]] = {}
    current = None
    for sheet in load_workbook(path).worksheets[1:]:
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] in titles and not any(row[1:]):
                current = blocks.setdefault(row[0], [])
            elif current is not None:
                current.append(row)
    return blocks


def test_xlsx_says_what_it_hides_first_and_shows_text_for_hidden_cells(
        report_db, db_path, tmp_path) -> None:
    from openpyxl import load_workbook

    out, full_out = tmp_path / "published.xlsx", tmp_path / "full.xlsx"
    assert export(db_path, "xlsx", "--out", str(out), "--publish") == 0
    assert export(db_path, "xlsx", "--out", str(full_out)) == 0
    contents = [r[0] for r in load_workbook(out).worksheets[0].iter_rows(values_only=True)]
    notice = contents.index("Sekretesskydd")
    assert "<3" in contents[notice + 1] and "Frågat om våld" in contents[notice + 1]
    published, full = xlsx_blocks(out), xlsx_blocks(full_out)
    parents = published["Förälder till minderåriga"]
    gender = parents[next(i for i, r in enumerate(parents) if r[0] == "per kön") + 2]
    assert gender[:7] == ("Ja", "<3", None, "<3", None, 4, 0.05)
    assert len([t for t in published if t in {q.label for q in SENSITIVE}]) == len(SENSITIVE)
    for question in SENSITIVE:
        for row in published[question.label]:
            assert not any(isinstance(v, int) and 1 <= v <= 2 for v in row[1::2]), question.id
        assert published[question.label] != full[question.label] or not any(
            isinstance(v, int) and 1 <= v <= 2 for r in full[question.label] for v in r[1::2])
    assert published["Aktuell DUR-utredning"] == full["Aktuell DUR-utredning"]  # untouched


def test_docx_shows_hidden_cells_and_says_what_it_hides(report_db, db_path, tmp_path) -> None:
    import docx

    out = tmp_path / "rapport.docx"
    assert export(db_path, "docx", "--out", str(out), "--publish") == 0
    doc = docx.Document(str(out))
    head = [p.text for p in doc.paragraphs[:5]]
    assert any(text.startswith("Sekretesskydd: Publicerad version") for text in head)
    caption = next(p for p in doc.paragraphs if p.text.startswith("Tabell")
                   and "Förälder till minderåriga" in p.text)
    table = next(t for t in doc.tables if t._tbl is caption._p.getnext())
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[1][0] == "Ja" and "<3" in rows[1]
    assert rows[1][-1] == "4 (5\u00a0%)"
    for row in rows[1:]:
        assert not any(cell in ("1", "2") or cell.startswith(("1 (", "2 (")) for cell in row)


def test_markdown_says_where_it_hid_cells(report_db, db_path, capsys) -> None:
    assert export(db_path, "md") == 0
    full = capsys.readouterr().out
    assert export(db_path, "md", "--publish") == 0
    text = capsys.readouterr().out
    head = text[:text.index("\n## ")]
    assert "**Sekretesskydd.** Publicerad version" in head
    assert "Dolda celler finns i: Förälder till minderåriga" in head
    assert "| Ja | <3 | <3 | 4 (5 %) |" in text
    for section in text.split("\n## ")[1:]:
        title = section.splitlines()[0]
        if title.startswith(SENSITIVE_TITLES):
            body = section.split("\n\n")[1]
            assert not any(f"| {n} " in body or f"| {n} (" in body for n in (1, 2)), title
    dur = full[full.index("## Aktuell DUR-utredning (per kön)"):].split("\n## ")[0]
    assert dur in text


def test_json_counts_of_hidden_cells_are_null(report_db, db_path, capsys) -> None:
    assert export(db_path, "json", "--publish") == 0
    data = json.loads(capsys.readouterr().out)
    table = next(t for t in data["tables"] if t["id"] == "forelder_minderariga_barn.gender")
    ja = next(r for r in table["rows"] if r["code"] == "ja")
    assert ja["counts"] == [None, None, 4] and ja["hidden"] == ["<3", "<3", ""]
    assert ja["percents"] == [None, None, 5]
    assert data["publication"].startswith("Publicerad version")


def test_min_cell_comes_from_the_config(report_db, db_path, tmp_path, capsys) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[export]\nmin_cell = 5\n", encoding="utf-8")
    assert main(["--db", str(db_path), "--config", str(config), "export", "md",
                 "--publish"]) == 0
    text = capsys.readouterr().out
    assert "| Ja | <5 | <5 | <5 |" in text  # four parents: below 5 in the total too
    assert "från 1 till 4 som <5" in text and "<3" not in text


def test_publish_refuses_identities_and_leaves_the_answers_as_they_are(
        report_db, db_path, tmp_path, capsys) -> None:
    for fmt in ("answers", "csv", "md"):
        assert export(db_path, fmt, "--publish", "--with-identities") == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--publish" in err and "identities" in err
    plain, published = tmp_path / "a.csv", tmp_path / "b.csv"
    assert export(db_path, "answers", "--out", str(plain)) == 0
    assert export(db_path, "answers", "--out", str(published), "--publish") == 0
    assert plain.read_bytes() == published.read_bytes()
    assert "--publish" in capsys.readouterr().err


def test_published_likstallighet_leaves_the_sensitive_questions_out(report_db) -> None:
    """The equality section states counts in words ("2 av 4"): on a published report it
    must not bring back what the tables hide."""
    from jobs.config import Config
    from jobs.tallies import load_equality

    sensitive = {q.id for q in SENSITIVE}
    full = {s.question_id for s in load_equality(report_db, Config(), PROTOCOL)}
    published = {s.question_id for s in load_equality(report_db, Config(), PROTOCOL,
                                                      publish=True)}
    assert full & sensitive  # the test can fail
    assert published and not published & sensitive
    assert published == full - sensitive
