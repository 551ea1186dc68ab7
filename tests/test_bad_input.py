"""Bad input to every command: one line on stderr naming what is wrong and what to do,
exit 2, no traceback, and nothing left behind (no new database, no half-written file)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.refusals import refused_in_one_line
from tui.cli import main


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "good.db"
    assert main(["demo", "--db", str(path), "--districts", "1", "--cases", "12"]) == 0
    return path


@pytest.fixture
def place(tmp_path: Path, template: Path) -> Path:
    """A folder with a good database, a folder, a non-database file and some bad inputs."""
    # A copy through SQLite's backup: the demo's last transactions may still be in its -wal.
    with contextlib.closing(sqlite3.connect(template)) as source, \
            contextlib.closing(sqlite3.connect(tmp_path / "good.db")) as copy:
        source.backup(copy)
    (tmp_path / "good.db").chmod(0o600)
    (tmp_path / "adir").mkdir()
    (tmp_path / "notadb.db").write_text("hello, not SQLite\n", encoding="utf-8")
    (tmp_path / "wrong.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "bin.xlsx").write_bytes(b"\x00\xff\xfe not a zip")
    (tmp_path / "broken.toml").write_text("this = = not toml\n", encoding="utf-8")
    (tmp_path / "lang.toml").write_text('language = "xx"\n', encoding="utf-8")
    return tmp_path


def files(folder: Path) -> list[str]:
    """What is in the folder, less SQLite's own -wal and -shm files of an opened database."""
    return sorted(p.name for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm")))


# (command line, words the one stderr line must contain). {p} is the scratch folder.
CASES = {
    # The app itself, before any screen: a named database must exist and be one.
    "app, no database": ("--db {p}/none.db", ["none.db", "no such database", "granska demo"]),
    "app, database is a folder": ("--db {p}/adir", ["is a folder"]),
    "app, not a database": ("--db {p}/notadb.db", ["not a Granska database"]),
    "app, config not TOML": ("--config {p}/broken.toml --db {p}/good.db", ["broken.toml"]),
    # Reading commands never create a database.
    "sample, no database": ("sample --db {p}/none.db", ["none.db", "no such database"]),
    "export, no database": ("export csv --db {p}/none.db", ["no such database"]),
    "draw, no database": ("draw --db {p}/none.db", ["no such database"]),
    "train list, no database": ("train list --db {p}/none.db", ["no such database"]),
    "train session list, no db": ("train session list --db {p}/none.db", ["no such database"]),
    "train report, no database": ("train report x --db {p}/none.db", ["no such database"]),
    "train key, no database": ("train key X --db {p}/none.db", ["no such database"]),
    "users, no database": ("users list --db {p}/none.db", ["no such database"]),
    "assign, no database": ("assign --db {p}/none.db", ["no such database"]),
    "double, no database": ("double list --db {p}/none.db", ["no such database"]),
    "audit, no database": ("audit HÄ-2022-0001 --db {p}/none.db", ["no such database"]),
    "frame list, no database": ("frame list --db {p}/none.db", ["no such database"]),
    "answers, no database": ("answers import {p}/wrong.csv --db {p}/none.db",
                             ["no such database"]),
    # Where the database is.
    "database in a missing folder": ("demo --db {p}/nofolder/x.db",
                                     ["nofolder", "no such folder", "mkdir"]),
    "database is a folder": ("sample --db {p}/adir", ["adir", "is a folder"]),
    "demo into a folder": ("demo --db {p}/adir", ["is a folder"]),
    "not a database": ("sample --db {p}/notadb.db", ["notadb.db", "not a Granska database"]),
    "import into a non-database": ("frame import {p}/wrong.csv --db {p}/notadb.db",
                                   ["not a Granska database"]),
    # Files to read.
    "frame file missing": ("frame import {p}/missing.csv --db {p}/good.db",
                           ["missing.csv", "no such file"]),
    "frame file is a folder": ("frame import {p}/adir --db {p}/good.db", ["is a folder"]),
    "frame file not xlsx": ("frame import {p}/bin.xlsx --db {p}/good.db",
                            ["bin.xlsx", "XLSX"]),
    "frame file wrong columns": ("frame import {p}/wrong.csv --db {p}/good.db",
                                 ["wrong.csv", "no column"]),
    "answers file missing": ("answers import {p}/missing.csv --db {p}/good.db",
                             ["no such file"]),
    "answers file is a folder": ("answers import {p}/adir --db {p}/good.db", ["is a folder"]),
    "answers file not xlsx": ("answers import {p}/bin.xlsx --db {p}/good.db", ["XLSX"]),
    # Settings.
    "config missing": ("sample --config {p}/missing.toml --db {p}/good.db",
                       ["missing.toml", "no such config file"]),
    "config is a folder": ("sample --config {p}/adir --db {p}/good.db", ["is a folder"]),
    "config not TOML": ("sample --config {p}/broken.toml --db {p}/good.db",
                        ["broken.toml", "line 1"]),
    "config bad language": ("sample --config {p}/lang.toml --db {p}/good.db",
                            ["language", '"en"']),
    # Options and references.
    "unknown command": ("frobnicate", ["invalid choice"]),
    "unknown export format": ("export foo --db {p}/good.db", ["FORMAT", "invalid choice"]),
    "seed not a number": ("draw --seed many --db {p}/good.db", ["--seed", "whole number"]),
    "negative per district": ("draw --per-district -1 --db {p}/good.db", ["--per-district"]),
    "unknown frame": ("draw --frame nope --db {p}/good.db", ["nope", "ramar: demo-1"]),
    "unknown sample format": ("sample --format xml --db {p}/good.db", ["--format"]),
    "unknown sample id": ("sample --sample 99 --db {p}/good.db", ["--sample 99", "inget sådant"]),
    "replace unknown case": ("sample replace NOPE-1 --reason x --db {p}/good.db",
                             ["NOPE-1", "granska sample"]),
    "replace without reason": ("sample replace HÄ-2022-0001 --db {p}/good.db", ["--reason"]),
    "xlsx without --out": ("export xlsx --db {p}/good.db", ["--out"]),
    "export into a missing folder": ("export csv --out {p}/nofolder/x.csv --db {p}/good.db",
                                     ["nofolder", "no such folder"]),
    "export onto a folder": ("export csv --out {p}/adir --db {p}/good.db", ["adir", "folder"]),
    "demo with no cases": ("demo --cases 0 --db {p}/new.db", ["--cases", "at least 1"]),
    "demo negative districts": ("demo --districts -2 --db {p}/new.db", ["--districts"]),
    "train generate 0 cases": ("train generate --cases 0 --db {p}/good.db", ["--cases"]),
    "train report unknown": ("train report nope --db {p}/good.db", ["nope", "session list"]),
    "train key unknown": ("train key NOPE-1 --db {p}/good.db", ["NOPE-1", "train list"]),
    "train session without cases": ("train session create --name a --trainees b "
                                    "--db {p}/good.db", ["train generate"]),
    "train, no subcommand": ("train --db {p}/good.db", ["generate, list"]),
    "grant unknown role": ("users grant anna boss --db {p}/good.db", ["boss", "inspector"]),
    "assign unknown case": ("assign NOPE-1 anna --db {p}/good.db", ["NOPE-1", "granska assign"]),
    "double show unknown": ("double show NOPE-1 --db {p}/good.db", ["NOPE-1", "double list"]),
    "double resolve bad take": ("double resolve X --take both --db {p}/good.db", ["--take"]),
    "audit unknown case": ("audit NOPE-1 --db {p}/good.db", ["NOPE-1"]),
    "audit bad format": ("audit X --format xml --db {p}/good.db", ["--format"]),
    "check, no database": ("check --db {p}/none.db", ["no such database"]),
    "check bad format": ("check --format xml --db {p}/good.db", ["--format"]),
    "check unknown protocol": ("check --protocol nope --db {p}/good.db", ["nope"]),
    "check close unknown case": ("check close NOPE-1 beslut_utanfor_perioden --comment ok "
                                 "--db {p}/good.db", ["NOPE-1", "granska check"]),
    "check close unknown rule": ("check close HÄ-2022-0001 nope --comment ok --db {p}/good.db",
                                 ["'nope'", "granska check"]),
    "check close without comment": ("check close HÄ-2022-0001 x --db {p}/good.db",
                                    ["--comment"]),
}


@pytest.mark.parametrize("line, words", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_one_clear_line_and_exit_2(place: Path, capsys, line: str,
                                                words: list[str]) -> None:
    before = files(place)
    refused_in_one_line(line.format(p=place).split(), capsys, words)
    assert files(place) == before  # nothing new, nothing half-made


def test_a_failed_first_import_leaves_no_empty_database(place: Path, capsys) -> None:
    assert main(["frame", "import", str(place / "wrong.csv"), "--db", str(place / "new.db")]) == 2
    assert "no column" in capsys.readouterr().err
    assert not list(place.glob("new.db*"))


def test_a_first_import_refused_for_its_rows_leaves_no_database(place: Path, capsys) -> None:
    bad = place / "bad.csv"
    bad.write_text("ärende,personnummer,kön,stadsdel,insats,beslutsdatum\n"
                   "X-1,19121212-1212,X,Nowhere,boendestöd,2022-01-01\n", encoding="utf-8")
    assert main(["frame", "import", str(bad), "--db", str(place / "new.db")]) == 2
    assert "nothing was imported" in capsys.readouterr().err
    assert not list(place.glob("new.db*"))


def test_a_failed_first_import_leaves_no_folder_made_for_the_database(place: Path,
                                                                      capsys) -> None:
    config = place / "deep.toml"
    config.write_text(f'[database]\npath = "{place}/data/granska/g.db"\n', encoding="utf-8")
    assert main(["frame", "import", str(place / "wrong.csv"), "--config", str(config)]) == 2
    assert "no column" in capsys.readouterr().err
    assert not (place / "data").exists()


def _make_read_only(path: Path) -> None:
    if os.geteuid() != 0:
        path.chmod(0o444)
        return
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("as root a read-only file needs chattr +i, which this filesystem refuses")


def test_a_read_only_database_is_read_but_not_written(place: Path, capsys) -> None:
    db = place / "good.db"
    _make_read_only(db)
    try:
        assert main(["sample", "--db", str(db)]) == 0  # reading works
        capsys.readouterr()
        assert main(["users", "grant", "anna", "inspector", "--db", str(db)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "read-only" in err[0] and "nothing was saved" in err[0]
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=False)
        else:
            db.chmod(0o600)


@pytest.mark.parametrize("argv", [["frame", "import", "a\nb.csv"],
                                  ["frame", "import", "x.csv", "extra\nword"]])
def test_a_newline_in_an_argument_still_gives_one_line(place: Path, capsys, argv) -> None:
    with pytest.raises(SystemExit) as raised:
        raise SystemExit(main([*argv, "--db", str(place / "good.db")]))
    err = capsys.readouterr().err
    assert raised.value.code == 2 and len(err.splitlines()) == 1 and "\\n" in err
