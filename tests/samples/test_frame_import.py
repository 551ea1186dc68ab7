"""Importing frames as districts really send them, and refusing bad ones whole."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.sampling import import_frame
from samples.frames import Checked, FrameError, FrameRejected, parse_date, read_frame
from samples.personnummer import luhn_digit
from samples.tabular import TableError, read_table
from store.frames import latest_frames, population
from tests.samples.conftest import EN_HEADERS, SV_HEADERS, frame_rows, pnr, write_csv
from tui.cli import main


def test_swedish_headers_semicolon_bom(tmp_path: Path, db, config) -> None:
    path = tmp_path / "södermalm.csv"
    write_csv(path, SV_HEADERS, frame_rows(6), encoding="utf-8-sig")
    result = import_frame(db, path, config)
    assert (result.rows, result.rejected, result.name) == (6, 0, "södermalm")
    rows = population(db, result.frame_id)
    assert [r["case_ref"] for r in rows] == [f"A-{n}" for n in range(1, 7)]
    assert rows[0]["gender"] == "K" and rows[1]["gender"] == "M"
    assert rows[0]["birth_date"] and rows[0]["decision_date"] == "2022-02-15"
    frame = latest_frames(db)[0]
    assert frame["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (frame["row_count"], frame["source"]) == (6, "södermalm.csv")


def test_english_headers_comma(tmp_path: Path, db, config) -> None:
    path = tmp_path / "frame.csv"
    write_csv(path, EN_HEADERS, frame_rows(4), sep=",")
    assert import_frame(db, path, config).rows == 4


def test_cp1252_tab_blank_lines_stray_spaces(tmp_path: Path, db, config) -> None:
    rows = frame_rows(3, district="Hägersten-Älvsjö")
    text = "\t".join(SV_HEADERS) + "\n\n" + "\n  \n".join(
        "\t".join(f"  {c} " for c in r) for r in rows) + "\n\n"
    path = tmp_path / "old-excel.csv"
    path.write_bytes(text.encode("cp1252"))
    result = import_frame(db, path, config)
    assert result.rows == 3
    assert {r["district"] for r in population(db, result.frame_id)} == {"Hägersten-Älvsjö"}


@pytest.mark.parametrize(("women", "men"), [("K", "M"), ("kvinna", "man"), ("F", "M"),
                                            ("Kvinna", "Man"), ("female", "male"),
                                            ("woman", "man")])
def test_every_gender_spelling(tmp_path: Path, db, config, women: str, men: str) -> None:
    rows = frame_rows(4)
    for row in rows:
        row[3] = women if row[3] == "K" else men
    path = tmp_path / "frame.csv"
    write_csv(path, SV_HEADERS, rows)
    result = import_frame(db, path, config)
    assert [r["gender"] for r in population(db, result.frame_id)] == ["K", "M", "K", "M"]


def test_gender_column_optional_taken_from_personnummer(tmp_path: Path, db, config) -> None:
    rows = [[r[0], r[1], r[4], r[5], r[6]] for r in frame_rows(4)]
    path = tmp_path / "frame.csv"
    write_csv(path, ["ärendenr", "pnr", "stadsdel", "insats", "beslutsdatum"], rows)
    result = import_frame(db, path, config)
    assert [r["gender"] for r in population(db, result.frame_id)] == ["K", "M", "K", "M"]


def test_district_spelling_is_matched_to_config(tmp_path: Path, db, config) -> None:
    rows = frame_rows(2, district="  SÖDERMALM ")
    path = tmp_path / "frame.csv"
    write_csv(path, SV_HEADERS, rows)
    result = import_frame(db, path, config)
    assert {r["district"] for r in population(db, result.frame_id)} == {"Södermalm"}


def test_xlsx_with_date_cells_and_serial_numbers(tmp_path: Path, db, config) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(SV_HEADERS)
    rows = frame_rows(3)
    sheet.append([*rows[0][:6], dt.datetime(2022, 3, 4)])
    sheet.append([None] * 7)
    sheet.append([*rows[1][:6], 44624])  # Excel's serial for 2022-03-04
    sheet.append([*rows[2][:6], 44624.0])
    book.save(tmp_path / "frame.xlsx")
    result = import_frame(db, tmp_path / "frame.xlsx", config)
    stored = population(db, result.frame_id)
    assert [r["decision_date"] for r in stored] == ["2022-03-04"] * 3
    assert [r["line"] for r in stored] == [2, 4, 5]


@pytest.mark.parametrize(("text", "expected"), [
    ("2022-03-04", dt.date(2022, 3, 4)), ("2022-03-04 00:00:00", dt.date(2022, 3, 4)),
    ("20220304", dt.date(2022, 3, 4)), ("2022/03/04", dt.date(2022, 3, 4)),
    ("44624", dt.date(2022, 3, 4)), ("2022-02-30", None), ("igår", None), ("", None),
])
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def bad_file(tmp_path: Path) -> Path:
    rows = frame_rows(6)
    rows[0][1] = rows[0][1][:-1] + str((int(rows[0][1][-1]) + 1) % 10)  # check digit
    rows[1][6] = "2022-13-01"  # no such month
    rows[2][4] = "Södermlam"  # misspelt district
    rows[3][0] = "A-1"  # duplicate reference
    rows[4][3] = "K" if rows[4][3] == "M" else "M"  # disagrees with the personnummer
    path = tmp_path / "bad.csv"
    write_csv(path, SV_HEADERS, rows)
    return path


def test_bad_file_is_refused_whole_with_line_numbers(tmp_path: Path, db_path: Path,
                                                     capsys) -> None:
    path = bad_file(tmp_path)
    assert main(["frame", "import", str(path), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{path}:2: personnummer (column 2) has a wrong check digit; correct it"
    assert err[1].startswith(f"{path}:3: beslutsdatum (column 7) is not a date")
    assert err[2].startswith(f"{path}:4: stadsdel (column 5) is not a district in "
                             "config.toml; did you mean 'Södermalm'?")
    assert err[3] == f"{path}:5: ärende (column 1) repeats the case on line 2; each case once"
    assert "kön says" in err[4] and err[4].startswith(f"{path}:6:")
    assert "5 rows with problems in all; nothing was imported" in err[5]
    assert len(err) == 6
    from store import open_database

    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM frames").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM population").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


@pytest.mark.parametrize(("column", "value", "message"), [
    (3, "X", "kön (column 4) is not a gender; write K or M"),
    (1, "19800517-12345", "personnummer (column 2) is not in the form YYYYMMDD-NNNN"),
    (1, f"19801317-123{luhn_digit('801317123')}",
     "personnummer (column 2) holds no real date of birth"),
    (1, "", "personnummer (column 2) is empty"),
    (5, "", "the insats is empty"),
    (0, "", "the case reference (ärende) is empty"),
    (6, "", "beslutsdatum is empty"),
])
def test_each_problem_is_named(tmp_path: Path, db, config, column: int, value: str,
                               message: str) -> None:
    rows = frame_rows(3)
    rows[1][column] = value
    path = tmp_path / "frame.csv"
    write_csv(path, SV_HEADERS, rows)
    with pytest.raises(FrameRejected) as caught:
        import_frame(db, path, config)
    assert caught.value.errors[0][0] == 3
    assert message in caught.value.errors[0][1]
    assert latest_frames(db) == []


def test_samordningsnummer_and_short_form_take_the_full_check(tmp_path: Path, db,
                                                               config) -> None:
    rows = frame_rows(2)
    body = "800577" + "123"  # day 17 + 60: samordningsnummer, man
    rows[0][1] = f"1980057712{3}{luhn_digit(body)}"
    rows[0][3] = "M"
    path = tmp_path / "frame.csv"
    write_csv(path, SV_HEADERS, rows)
    result = import_frame(db, path, config)
    stored = population(db, result.frame_id)
    assert stored[0]["personnummer"] == f"19800577-123{luhn_digit(body)}"
    assert stored[0]["birth_date"] == "1980-05-17"


def test_many_errors_show_the_first_20_and_the_total(tmp_path: Path, db_path: Path,
                                                     capsys) -> None:
    rows = frame_rows(30)
    for row in rows[:25]:
        row[6] = "snart"
    path = tmp_path / "bad.csv"
    write_csv(path, SV_HEADERS, rows)
    assert main(["frame", "import", str(path), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 21
    assert err[19].startswith(f"{path}:21: beslutsdatum (column 7) is not a date")
    assert "25 rows with problems in all (the first 20 shown)" in err[20]


def test_missing_column_is_one_line(tmp_path: Path, db_path: Path, capsys) -> None:
    path = tmp_path / "frame.csv"
    write_csv(path, ["Ärende", "Personnummer", "Kön", "Insats", "Beslutsdatum"],
              [r[:4] + r[5:] for r in frame_rows(2)])
    assert main(["frame", "import", str(path), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "no column for stadsdel / district" in err[0] and "stadsdelsforvaltning" in err[0]


def test_skip_invalid_imports_good_rows_and_writes_rejected(tmp_path: Path, db_path: Path,
                                                            capsys) -> None:
    path = bad_file(tmp_path)
    assert main(["frame", "import", str(path), "--db", str(db_path), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    rejected = tmp_path / "bad.rejected.csv"
    assert "1 rader importerade" in out and "5 rader" in out and str(rejected) in out
    assert os.stat(rejected).st_mode & 0o777 == 0o600
    table = read_table(rejected)
    assert table.headers[0] == "rad" and table.headers[-1] == "orsak"
    lines = list(table.rows)
    assert [row[0] for _, row in lines] == ["2", "3", "4", "5", "6"]
    assert "wrong check digit" in lines[0][1][-1]


def test_same_file_again_is_a_no_op_and_a_changed_file_a_new_version(
        tmp_path: Path, db, config) -> None:
    path = tmp_path / "sdf.csv"
    write_csv(path, SV_HEADERS, frame_rows(4))
    first = import_frame(db, path, config)
    assert import_frame(db, path, config).unchanged
    write_csv(path, SV_HEADERS, frame_rows(5))
    second = import_frame(db, path, config)
    assert (second.name, second.rows) == ("sdf#2", 5)
    assert [f["id"] for f in latest_frames(db)] == [second.frame_id]
    assert first.frame_id != second.frame_id


def test_personnummer_is_normalised_and_never_echoed(tmp_path: Path, db, config) -> None:
    rows = frame_rows(2)
    number = pnr("K", dt.date(1980, 5, 17))
    rows[0][1] = number.replace("-", "")[2:]  # YYMMDDNNNN
    path = tmp_path / "frame.csv"
    write_csv(path, SV_HEADERS, rows)
    result = import_frame(db, path, config)
    assert population(db, result.frame_id)[0]["personnummer"] == number


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(st.sampled_from(["ärende", "personnummer", "kön", "stadsdel", "insats",
                                       "beslutsdatum", "K", "M", "Södermalm", "44624", "",
                                       '"', "x\ny", "19800517-1234", "2022-01-01", ";;"]),
                      max_size=8), max_size=6).map(
        lambda rows: "\n".join(";".join(r) for r in rows).encode()),
), st.sampled_from([".csv", ".xlsx"]))
def test_parser_only_raises_its_own_errors(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"frame{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path)
            list(read_frame(table.rows, table.headers, str(path), ["Södermalm"], Checked()))
        except (TableError, FrameError):
            pass
