"""A full disk, a read-only folder, a failed export: one honest line, exit 2, nothing recorded
that did not happen, and the path named is the one the user gave."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from tests.refusals import one_line
from tests.tiny_disk import fill, tiny_disk
from tui.cli import main

FRAME = ("ärende,personnummer,kön,stadsdel,insats,beslutsdatum\n"
         "HÄ-2022-0001,19121212-1212,K,Hägersten-Älvsjö,boendestöd,2022-03-01\n")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "good.db"
    assert main(["demo", "--db", str(path), "--districts", "1", "--cases", "12"]) == 0
    return path


def copy_database(template: Path, target: Path) -> Path:
    with contextlib.closing(sqlite3.connect(template)) as source, \
            contextlib.closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    target.chmod(0o600)
    return target


def audit_rows(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    return code, err


def test_a_first_import_on_a_full_disk_says_so_and_leaves_nothing(tmp_path: Path,
                                                                  capsys) -> None:
    frame = tmp_path / "frame.csv"
    frame.write_text(FRAME, encoding="utf-8")
    with tiny_disk(tmp_path / "disk") as disk:
        fill(disk)
        code, err = run(capsys, "frame", "import", str(frame), "--db", str(disk / "new.db"))
        assert code == 2
        line = one_line(err)
        assert "disk full" in line and "free space" in line and "try again" in line, line
        assert "not a Granska database" not in line
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_a_database_on_a_full_disk_is_full_not_foreign(template: Path, tmp_path: Path,
                                                       capsys) -> None:
    with tiny_disk(tmp_path / "disk", size="1m") as disk:
        db = copy_database(template, disk / "good.db")
        before = db.read_bytes()
        fill(disk)
        for command in (["users", "grant", "anna", "inspector"], ["sample"]):
            code, err = run(capsys, *command, "--db", str(db))
            assert code == 2
            line = one_line(err)
            assert line.startswith(f"granska: {db}: disk full: free space"), line
            assert "not a Granska database" not in line
        assert db.read_bytes() == before


def test_a_database_that_cannot_grow_says_disk_full(template: Path, tmp_path: Path) -> None:
    """The same through SQLite's own limit, where no tmpfs can be mounted."""
    db = copy_database(template, tmp_path / "good.db")
    from store import StoreError, open_database
    from store.reviews import list_reviews, save_note

    opened = open_database(db, create=False)
    pages = opened.execute("PRAGMA page_count").fetchone()[0]
    opened.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as failed:
        save_note(opened, list_reviews(opened, limit=1)[0]["id"], None, "x" * 200_000)
    assert str(failed.value).startswith(f"{db}: disk full: free space")
    opened.conn.close()


@pytest.mark.parametrize("out", ["nofolder/answers.csv", "adir"])
def test_a_failed_export_with_identities_records_nothing(template: Path, tmp_path: Path,
                                                         capsys, out: str) -> None:
    db = copy_database(template, tmp_path / "good.db")
    (tmp_path / "adir").mkdir()
    before = audit_rows(db)
    code, err = run(capsys, "export", "answers", "--with-identities", "--out",
                    str(tmp_path / out), "--db", str(db))
    assert code == 2
    assert str(tmp_path / out.split("/")[0]) in one_line(err)
    assert audit_rows(db) == before


def test_an_export_with_identities_is_recorded_once_it_is_written(template: Path,
                                                                 tmp_path: Path, capsys) -> None:
    db = copy_database(template, tmp_path / "good.db")
    before = audit_rows(db)
    out = tmp_path / "answers.csv"
    code, _ = run(capsys, "export", "answers", "--with-identities", "--out", str(out),
                  "--db", str(db))
    assert code == 0 and "personnummer" in out.read_text(encoding="utf-8-sig")
    assert audit_rows(db) == before + 1


def test_an_export_onto_a_full_disk_names_the_target_and_records_nothing(
        template: Path, tmp_path: Path, capsys) -> None:
    db = copy_database(template, tmp_path / "good.db")
    before = audit_rows(db)
    with tiny_disk(tmp_path / "disk", size="64k") as disk:
        fill(disk)
        out = disk / "answers.csv"
        code, err = run(capsys, "export", "answers", "--with-identities", "--out", str(out),
                        "--db", str(db))
        assert code == 2
        line = one_line(err)
        assert line.startswith(f"granska: {out}: "), line
        assert "disk full" in line and ".tmp" not in line and ".answers.csv." not in line
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]
    assert audit_rows(db) == before


def test_an_export_into_a_read_only_folder_names_the_target(template: Path, tmp_path: Path,
                                                             capsys) -> None:
    db = copy_database(template, tmp_path / "good.db")
    with tiny_disk(tmp_path / "ro", options=",ro") as folder:
        out = folder / "tallies.csv"
        code, err = run(capsys, "export", "csv", "--out", str(out), "--db", str(db))
        assert code == 2
        line = one_line(err)
        assert line.startswith(f"granska: {out}: "), line
        assert ".tmp" not in line and ".tallies.csv." not in line
