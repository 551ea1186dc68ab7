"""Private files: the database 0600 (or 0660 with a group), exports 0600, a loud warning."""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

import pytest

from store import open_database
from store.files import private_open
from tui.cli import main


def test_database_shared_with_a_group_is_0660_and_that_group(tmp_path: Path) -> None:
    group = grp.getgrgid(os.getgid()).gr_name  # a group that exists: the user's own
    path = tmp_path / "shared" / "granska.db"
    open_database(path, group=group)
    assert stat.S_IMODE(path.stat().st_mode) == 0o660
    assert path.stat().st_gid == grp.getgrnam(group).gr_gid


def test_cli_creates_the_database_with_the_configured_group(tmp_path: Path) -> None:
    group = grp.getgrgid(os.getgid()).gr_name
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\ngroup = "{group}"\n', encoding="utf-8")
    path = tmp_path / "g.db"
    assert main(["demo", "--db", str(path), "--config", str(config), "--districts", "1",
                 "--cases", "6"]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o660


def test_private_open_is_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        target = tmp_path / "export.csv"
        with private_open(target) as handle:
            handle.write("case_ref;value\r\n")
        with private_open(tmp_path / "export.xlsx", "wb") as handle:
            handle.write(b"PK")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "export.xlsx").stat().st_mode) == 0o600
    assert target.read_bytes() == b"case_ref;value\r\n"


def test_private_open_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), private_open(target) as handle:
        handle.write("half")
        raise RuntimeError("disk went away")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]  # no temp left


def test_loud_warning_once_when_others_can_read_the_database(demo_db, db_path: Path,
                                                              capsys) -> None:
    os.chmod(db_path, 0o644)
    assert main(["users", "--db", str(db_path)]) == 0
    err = capsys.readouterr().err
    assert err.count("WARNING") == 1 and "chmod o-rwx" in err
