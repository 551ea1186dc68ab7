"""Bad input to the provider commands: one line on stderr naming the file, field or option
and what to do, exit 2, no traceback, and nothing written (no database, no row, no file)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from tests.providers.test_providers_cli import HEADERS, ROWS, org, write
from tests.refusals import refused_in_one_line
from tests.test_bad_input import files
from tui.cli import main


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "good.db"
    assert main(["providers", "import", str(write(folder / "reg.csv", ROWS)),
                 "--db", str(path)]) == 0
    assert main(["providers", "import", str(write(folder / "reg.csv", ROWS)),
                 "--db", str(folder / "noplan.db")]) == 0
    assert main(["select", "--protocol", "avtalsuppfoljning", "--all", "--db", str(path)]) == 0
    assert main(["demo", "--db", str(folder / "cases.db"), "--districts", "1",
                 "--cases", "12"]) == 0
    return folder


@pytest.fixture
def place(tmp_path: Path, template: Path) -> Path:
    for name in ("good.db", "noplan.db", "cases.db"):
        with contextlib.closing(sqlite3.connect(template / name)) as source, \
                contextlib.closing(sqlite3.connect(tmp_path / name)) as copy:
            source.backup(copy)
        (tmp_path / name).chmod(0o600)
    (tmp_path / "adir").mkdir()
    (tmp_path / "bin.xlsx").write_bytes(b"\x00\xff\xfe not a zip")
    (tmp_path / "wrong.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (tmp_path / "noname.csv").write_text(
        "leverantör;organisationsnummer;avtalsområde;regim\nP1;556677-8899;HVB;LOV\n",
        encoding="utf-8")
    (tmp_path / "headonly.csv").write_text(HEADERS + "\n", encoding="utf-8")
    (tmp_path / "answers.csv").write_text("provider_ref;question_id;value\n", encoding="utf-8")
    return tmp_path


CASES = {
    # The register file.
    "register missing": ("providers import {p}/missing.csv --db {p}/new.db",
                         ["missing.csv", "no such file"]),
    "register is a folder": ("providers import {p}/adir --db {p}/new.db", ["is a folder"]),
    "register not xlsx": ("providers import {p}/bin.xlsx --db {p}/new.db",
                          ["bin.xlsx", "XLSX"]),
    "register wrong columns": ("providers import {p}/wrong.csv --db {p}/new.db",
                               ["wrong.csv", "no column for leverantör / provider_ref"]),
    "register without namn": ("providers import {p}/noname.csv --db {p}/new.db",
                              ["noname.csv", "no column for namn"]),
    "register header only": ("providers import {p}/headonly.csv --db {p}/new.db",
                             ["headonly.csv", "no data rows"]),
    "register into a missing folder": ("providers import {p}/wrong.csv --db {p}/no/x.db",
                                       ["no such folder"]),
    "register into a non-database": ("providers import {p}/wrong.csv --db {p}/adir",
                                     ["is a folder"]),
    "list, no database": ("providers list --db {p}/none.db", ["no such database"]),
    # The plan.
    "select unknown protocol": ("select --protocol nope --all --db {p}/good.db",
                                ["no protocol named 'nope'", "avtalsuppfoljning"]),
    "select a path as protocol": ("select --protocol ../x --all --db {p}/good.db",
                                  ["no protocol named"]),
    "select a case protocol": ("select --protocol boendestod_sol --all --db {p}/good.db",
                               ["reviews case files", "avtalsuppfoljning"]),
    "select nothing chosen": ("select --protocol avtalsuppfoljning --db {p}/good.db",
                              ["--all, --top-value N, --flagged"]),
    "select random without seed": ("select --protocol avtalsuppfoljning --random 2 "
                                   "--db {p}/good.db", ["--random needs --seed"]),
    "select top value 0": ("select --protocol avtalsuppfoljning --top-value 0 "
                           "--db {p}/good.db", ["--top-value must be 1 or more"]),
    "select top value not a number": ("select --protocol avtalsuppfoljning --top-value x "
                                      "--db {p}/good.db", ["--top-value"]),
    "select unknown area": ("select --protocol avtalsuppfoljning --area Okänt --all "
                            "--db {p}/good.db", ["--area Okänt", "HVB, Korttidstillsyn"]),
    "select without a register": ("select --protocol avtalsuppfoljning --all "
                                  "--db {p}/cases.db", ["no provider register yet"]),
    "select, no database": ("select --protocol avtalsuppfoljning --all --db {p}/none.db",
                            ["no such database"]),
    "sample without a plan": ("sample --protocol avtalsuppfoljning --db {p}/noplan.db",
                              ["no follow-up plan yet", "granska select"]),
    "assign unknown provider": ("assign NOPE anna --protocol avtalsuppfoljning "
                                "--db {p}/good.db", ["'NOPE' is not in plan 1"]),
    "assign without user": ("assign P1 --protocol avtalsuppfoljning --db {p}/good.db",
                            ["ange användaren"]),
    "assign second": ("assign --second --protocol avtalsuppfoljning --db {p}/good.db",
                      ["--second"]),
    # Answers and exports.
    "answers unknown protocol": ("answers import {p}/answers.csv --protocol nope "
                                 "--db {p}/good.db", ["no protocol named 'nope'"]),
    "export unknown protocol": ("export csv --protocol nope --db {p}/good.db",
                                ["no protocol named 'nope'"]),
    "export answers of providers": ("export answers --protocol avtalsuppfoljning "
                                    "--db {p}/good.db", ["use csv, xlsx, md, json or docx"]),
    "export without a plan": ("export md --protocol avtalsuppfoljning --db {p}/noplan.db",
                              ["no follow-up plan yet"]),
    "export xlsx without --out": ("export xlsx --protocol avtalsuppfoljning --db {p}/good.db",
                                  ["--out"]),
    "export onto a folder": ("export csv --protocol avtalsuppfoljning --out {p}/adir "
                             "--db {p}/good.db", ["adir", "folder"]),
    "measure list, no database": ("measure list --db {p}/none.db", ["no such database"]),
    "measure without action": ("measure", ["ACTION"]),
}


@pytest.mark.parametrize("line, words", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_one_clear_line_and_exit_2(place: Path, capsys, line: str,
                                                words: list[str]) -> None:
    before = files(place)
    with sqlite3.connect(place / "good.db") as conn:
        rows = conn.execute("SELECT (SELECT count(*) FROM audit_log),"
                            " (SELECT count(*) FROM reviews)").fetchone()
    out = refused_in_one_line(line.format(p=place).split(), capsys, words)
    assert out == ""  # no half a listing before the error
    assert files(place) == before
    with sqlite3.connect(place / "good.db") as conn:
        assert conn.execute("SELECT (SELECT count(*) FROM audit_log),"
                            " (SELECT count(*) FROM reviews)").fetchone() == rows


def test_an_xlsx_register_imports_like_a_csv(tmp_path: Path, capsys) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Utförare", "Namn", "Organisationsnummer", "Avtalsområde", "Regim",
                  "Inköpsvärde_mkr", "Placeringar"])
    sheet.append(["P1", "Vibor AB", org("556677889").replace("-", ""), "Stödboende", "lou",
                  "5,1", 30])
    sheet.append(["P2", "Utslussen AB", org("556100200"), "Stödboende", "Egen regi", 4.9, 10])
    book.save(tmp_path / "reg.xlsx")
    db = tmp_path / "g.db"
    assert main(["providers", "import", str(tmp_path / "reg.xlsx"), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["providers", "list", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == ["P1\tStödboende\tLOU\t5.1\t30\t\t",
                         "P2\tStödboende\tegen regi\t4.9\t10\t\t"]
    assert db.stat().st_mode & 0o777 == 0o600
