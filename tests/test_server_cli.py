"""granska server setup and check on real files, with the real sshd -t and sshd -T.

Tests that change ownership, add a group or run sshd need root and OpenSSH
(``scripts/install-system-deps``); they skip otherwise. The drop-in and the
settings go to tmp_path through --sshd-dropin and --sshd-config.
"""

from __future__ import annotations

import grp
import os
import secrets
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import deploy
from tests.e2e.ssh.sshd_server import accounts_locked, sh
from tests.refusals import one_line
from tui.cli import main

GRANSKA = str(Path(sys.executable).parent / "granska")
SSHD = deploy.sshd_binary()
as_root_with_sshd = pytest.mark.skipif(
    os.geteuid() != 0 or SSHD is None or not shutil.which("groupadd"),
    reason="needs root and OpenSSH's sshd (scripts/install-system-deps)")


@pytest.mark.parametrize("action", ["setup", "check"])
def test_server_as_a_normal_user_is_one_line_and_exit_2(action, monkeypatch, capsys,
                                                        tmp_path) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    code = main(["server", action, "--group", "granska", "--dir", str(tmp_path / "srv")])
    assert code == 2
    assert f"granska server {action}: run it as root" in one_line(capsys.readouterr().err)
    assert not (tmp_path / "srv").exists()


@pytest.mark.parametrize(("options", "says"), [
    (["--group", "no-such-group-x9", "--dir", "/srv/granska"], "groupadd no-such-group-x9"),
    (["--group", "root", "--dir", "srv/granska"], "absolute path"),
    (["--group", "root", "--dir", "/srv/granska", "--sshd-dropin", "granska.conf"],
     "absolute path"),
    (["--group", "a b", "--dir", "/srv/granska"], "plain Unix group name"),
])
def test_check_with_bad_input_is_one_line_and_exit_2(options, says, monkeypatch,
                                                      capsys) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 0)  # the input is refused before any change
    assert main(["server", "check", *options]) == 2
    assert says in one_line(capsys.readouterr().err)


def test_the_app_without_a_terminal_says_so_in_one_line(tmp_path: Path) -> None:
    """What `ssh host cat granska.db` shows when the server forces Granska on the session."""
    db = tmp_path / "granska.db"
    assert main(["demo", "--db", str(db), "--districts", "1", "--cases", "4"]) == 0
    done = subprocess.run([GRANSKA, "--db", str(db)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert "behöver en terminal" in one_line(done.stderr)


class Site:
    def __init__(self, root: Path, group: str) -> None:
        self.root, self.group = root, group
        self.folder = root / "srv" / "granska"
        self.dropin = root / "sshd_config.d" / "granska.conf"
        self.sshd_config = root / "sshd_config"

    def options(self) -> list[str]:
        return ["--group", self.group, "--dir", str(self.folder),
                "--sshd-dropin", str(self.dropin), "--sshd-config", str(self.sshd_config)]

    def granska(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([GRANSKA, *args], capture_output=True, text=True, timeout=60,
                              cwd=self.root)

    def setup(self) -> subprocess.CompletedProcess:
        return self.granska("server", "setup", *self.options())

    def check(self) -> subprocess.CompletedProcess:
        return self.granska("server", "check", *self.options())


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    group = f"grsk{secrets.token_hex(3)}"
    sh("groupadd", group)
    try:
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                        str(tmp_path / "hostkey")], check=True)
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd -t wants it; the ssh service makes it
        here = Site(tmp_path, group)
        here.sshd_config.write_text(
            f"Include {tmp_path}/sshd_config.d/*.conf\nHostKey {tmp_path}/hostkey\n"
            "UsePAM no\nSubsystem sftp internal-sftp\n", encoding="utf-8")
        yield here
    finally:
        with accounts_locked():
            subprocess.run(["groupdel", group], capture_output=True)


def owner_mode(path: Path) -> tuple[int, str, str]:
    info = path.stat()
    return info.st_uid, grp.getgrgid(info.st_gid).gr_name, f"{stat.S_IMODE(info.st_mode):04o}"


@as_root_with_sshd
def test_setup_makes_the_folder_settings_and_drop_in_and_twice_changes_nothing(
        site: Site) -> None:
    done = site.setup()
    assert done.returncode == 0, done.stderr
    assert owner_mode(site.folder) == (0, site.group, "2770")
    assert owner_mode(site.folder / "config.toml") == (0, "root", "0644")
    dropin = site.dropin.read_text(encoding="utf-8")
    db = site.folder / "granska.db"
    assert (f"Match Group {site.group}\n    ForceCommand {GRANSKA} --config "
            f"{site.folder}/config.toml --db {db}\n") in dropin
    for line in ("DisableForwarding yes", "PermitTTY yes", "PermitUserRC no"):
        assert f"    {line}\n" in dropin
    assert "subsystem" not in dropin.lower().replace("subsystem cannot go", "")
    assert dropin.endswith("Match all\n")
    assert f"usermod -aG {site.group} -s /bin/sh USER" in done.stdout
    assert f"users grant USER inspector --config {site.folder}/config.toml" in done.stdout
    # The inspectors' settings give new database files the group.
    from jobs.config import load

    settings = load(site.folder / "config.toml").database
    assert (settings.group, settings.resolved_path) == (site.group, db)

    files = [site.folder, site.folder / "config.toml", site.dropin]
    before = [(p.stat().st_mtime_ns, p.stat().st_mode, p.read_bytes() if p.is_file() else b"")
              for p in files]
    again = site.setup()
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert [(p.stat().st_mtime_ns, p.stat().st_mode, p.read_bytes() if p.is_file() else b"")
            for p in files] == before


@as_root_with_sshd
def test_setup_puts_wrong_modes_right(site: Site) -> None:
    assert site.setup().returncode == 0
    os.chmod(site.folder, 0o775)
    os.chmod(site.folder / "config.toml", 0o666)
    done = site.setup()
    assert done.returncode == 0
    assert "was 0775" in done.stdout and "nothing changed" not in done.stdout
    assert owner_mode(site.folder)[2] == "2770"
    assert owner_mode(site.folder / "config.toml")[2] == "0644"


@as_root_with_sshd
@pytest.mark.parametrize("breakage", ["broken main config", "drop-in not included",
                                      "foreign drop-in", "no sshd", "other settings"])
def test_setup_that_cannot_finish_changes_nothing(site: Site, breakage: str, monkeypatch,
                                                   capsys) -> None:
    foreign = "# mine\nPermitRootLogin no\n"
    if breakage == "broken main config":
        site.sshd_config.write_text(site.sshd_config.read_text() + "NoSuchKeyword yes\n")
    elif breakage == "drop-in not included":
        site.sshd_config.write_text("\n".join(site.sshd_config.read_text().splitlines()[1:]))
    elif breakage == "foreign drop-in":
        site.dropin.parent.mkdir()
        site.dropin.write_text(foreign)
    elif breakage == "no sshd":
        monkeypatch.setattr(deploy, "sshd_binary", lambda: None)
    else:
        site.folder.mkdir(parents=True)
        (site.folder / "config.toml").write_text('[database]\ngroup = "someone"\n')
    assert main(["server", "setup", *site.options()]) == 2
    message = one_line(capsys.readouterr().err)
    if breakage == "foreign drop-in":
        assert site.dropin.read_text() == foreign and "not written by granska" in message
    elif breakage == "other settings":
        assert "group 'someone'" in message and not site.dropin.exists()
    else:
        assert not site.folder.exists() and not site.dropin.exists(), message
    assert ("nothing was changed" in message) == (breakage not in ("foreign drop-in",
                                                                   "other settings"))


@as_root_with_sshd
def test_check_names_what_is_wrong_and_exits_1_then_0_when_fixed(site: Site) -> None:
    assert site.setup().returncode == 0
    db = site.folder / "granska.db"
    found = site.check()
    assert found.returncode == 1 and f"{db}: no database yet" in found.stdout
    config = site.folder / "config.toml"
    made = site.granska("demo", "--districts", "1", "--cases", "4", "--config", str(config),
                        "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert owner_mode(db) == (0, site.group, "0660")
    well = site.check()
    assert well.returncode == 0 and well.stdout.startswith("all well"), well.stdout

    shm = Path(f"{db}-shm")
    shm.write_bytes(b"")
    os.chown(shm, 0, 0)  # what a root sqlite3 session without the setgid folder leaves
    os.chmod(db, 0o664)
    os.chmod(site.folder, 0o750)
    site.dropin.write_text(site.dropin.read_text().replace("DisableForwarding yes", ""))
    found = site.check()
    assert found.returncode == 1
    lines = found.stdout.splitlines()
    assert lines[-1] == "4 problems found"
    assert any(line.startswith(f"{site.folder}: is 0750") for line in lines)
    assert any(line.startswith(f"{db}: is 0664") for line in lines)
    assert any(line.startswith(f"{shm}: is 0644 root:root") for line in lines)
    assert any(line.startswith(f"{site.dropin}: differs") for line in lines)


@as_root_with_sshd
def test_setup_keeps_what_the_supervisor_added_to_the_settings(site: Site) -> None:
    assert site.setup().returncode == 0
    settings = site.folder / "config.toml"
    added = settings.read_text() + '\n[[districts]]\nname = "Skarpnäck"\ncode = "SK"\n'
    settings.write_text(added, encoding="utf-8")
    again = site.setup()
    assert again.returncode == 0 and "nothing changed" in again.stdout, again.stdout
    assert settings.read_text(encoding="utf-8") == added
