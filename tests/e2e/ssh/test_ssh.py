"""Two inspectors over a real SSH session on one shared database; an unknown user refused.

Needs root (to add users and run sshd), OpenSSH server and client, and tmux;
``scripts/install-system-deps`` installs them on Debian. It starts its own
sshd on 127.0.0.1 on a free port with its own host key, adds three OS users
(two inspectors and one with no role) with generated keys, shares a database
0660 through a group, runs ``granska`` in tmux over ssh as each inspector,
answers as each by pressing keys in the case screen (at the same time), and
checks every answer and audit row is under the right name. Everything it adds
is removed afterwards. About 10 s.
"""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(os.geteuid() != 0, reason="the SSH test adds OS users: run it as root"),
    pytest.mark.skipif(not Path(SSHD).exists() or not shutil.which("ssh"),
                       reason="OpenSSH missing: run scripts/install-system-deps"),
    pytest.mark.skipif(not shutil.which("tmux"), reason="tmux missing: install-system-deps"),
    pytest.mark.skipif(not shutil.which("useradd"), reason="useradd missing"),
]


def sh(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60, **kwargs)


def open_path_for_others(*targets: Path) -> list[tuple[Path, int]]:
    """Let other users traverse (x, never r) to the venv's python and the repo; undo later.

    A venv made by root with pyenv points into /root (0700), which the test's
    users could not otherwise reach. Returns what to restore.
    """
    changed = []
    for target in targets:
        for folder in [target, *target.parents]:
            if not folder.is_dir():
                continue
            mode = stat.S_IMODE(folder.stat().st_mode)
            if not mode & stat.S_IXOTH:
                os.chmod(folder, mode | stat.S_IXOTH)
                changed.append((folder, mode))
    return changed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, root: Path, port: int, names: dict[str, str], group: str) -> None:
        self.root, self.port, self.names, self.group = root, port, names, group

    def ssh(self, who: str, command: str, *, tty: bool = False) -> list[str]:
        return ["ssh", "-p", str(self.port), "-i", str(self.root / "keys" / who),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-tt" if tty else "-T",
                f"{self.names[who]}@127.0.0.1", command]


@pytest.fixture
def server() -> Iterator[Server]:
    tag = secrets.token_hex(3)
    group = f"grsk{tag}"
    names = {who: f"grsk{tag}{who}" for who in ("anna", "bert", "carl")}
    root = Path(f"/tmp/granska-ssh-{tag}")
    sshd = None
    opened: list[tuple[Path, int]] = []
    try:
        opened = open_path_for_others(Path(os.path.realpath(sys.executable)).parent, REPO)
        sh("groupadd", group)
        for name in names.values():
            sh("useradd", "--create-home", "--shell", "/bin/sh", "--gid", group, name)
            sh("usermod", "-p", "*", name)  # no password, but not "locked" (sshd refuses those)
        (root / "keys").mkdir(parents=True)
        (root / "shared").mkdir()
        os.chmod(root, 0o755)
        os.chown(root / "shared", 0, grp.getgrnam(group).gr_gid)
        os.chmod(root / "shared", 0o2770)  # the group's folder; new files keep the group
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / "hostkey"))
        for who, name in names.items():
            sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / "keys" / who))
            shutil.copy(root / "keys" / f"{who}.pub", root / "keys" / f"{name}.authorized")
            os.chmod(root / "keys" / f"{name}.authorized", 0o644)
        port = free_port()
        (root / "sshd_config").write_text(
            f"Port {port}\nListenAddress 127.0.0.1\nHostKey {root}/hostkey\n"
            f"PidFile {root}/sshd.pid\nAuthorizedKeysFile {root}/keys/%u.authorized\n"
            "StrictModes no\nUsePAM no\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
            "PermitUserEnvironment no\nAcceptEnv LANG LC_*\n",
            encoding="utf-8",
        )
        Path("/run/sshd").mkdir(exist_ok=True)
        log = open(root / "sshd.log", "w")  # noqa: SIM115 (closed with the server)
        sshd = subprocess.Popen([SSHD, "-D", "-e", "-f", str(root / "sshd_config")],
                                stderr=log)
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield Server(root, port, names, group)
    finally:
        if sshd is not None:
            sshd.terminate()
            sshd.wait(timeout=10)
            log.close()
        for name in names.values():
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
            subprocess.run(["userdel", "--remove", name], capture_output=True)
        subprocess.run(["groupdel", group], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
        for folder, mode in opened:
            os.chmod(folder, mode)


def tmux_screen(tmux: list[str], session: str, wanted: str, seconds: float = 20) -> str:
    deadline = time.time() + seconds
    screen = ""
    while time.time() < deadline:
        screen = sh(*tmux, "capture-pane", "-p", "-t", session).stdout
        if wanted in screen:
            return screen
        time.sleep(0.2)
    return screen


def wait_for(check, seconds: float = 20) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def answered(conn: sqlite3.Connection, review_id: int) -> dict[str, str]:
    return dict(conn.execute("SELECT question_id, value FROM answers WHERE review_id = ?"
                             " AND value IS NOT NULL", [review_id]).fetchall())


def test_two_inspectors_over_ssh_answer_under_their_own_names(server: Server) -> None:
    names = server.names
    db = server.root / "shared" / "granska.db"
    config = server.root / "config.toml"
    config.write_text(f'[database]\ngroup = "{server.group}"\n', encoding="utf-8")
    granska = str(VENV_BIN / "granska")
    common = ["--db", str(db), "--config", str(config)]
    # The supervisor (root, who creates the database) shares the cases out.
    sh(granska, "demo", "--districts", "1", "--cases", "12", *common)
    assert stat.S_IMODE(db.stat().st_mode) == 0o660
    assert db.stat().st_gid == grp.getgrnam(server.group).gr_gid
    for who in ("anna", "bert"):
        sh(granska, "users", "grant", names[who], "inspector", *common)
    sh(granska, "assign", "--balanced", "--second", "--to", names["anna"], names["bert"],
       *common)

    # Each inspector opens granska over ssh in an 80x24 tmux, and sees their own cases.
    conn = sqlite3.connect(db)
    mine = {who: [r for (r,) in conn.execute(
        "SELECT p.case_ref FROM reviews r JOIN population p ON p.id = r.population_id"
        " WHERE r.reviewer = ? ORDER BY p.case_ref", [names[who]])] for who in ("anna", "bert")}
    assert mine["anna"] and mine["bert"]
    review_ids = {who: [i for (i,) in conn.execute(
        "SELECT r.id FROM reviews r JOIN population p ON p.id = r.population_id"
        " WHERE r.reviewer = ? ORDER BY p.district, p.case_ref, r.id", [names[who]])]
        for who in ("anna", "bert")}
    # A tmux server of our own: the default one may be a user's, or another test's.
    tmux = ["tmux", "-L", f"granska-ssh-{os.getpid()}"]
    sessions = []
    try:
        for who in ("anna", "bert"):
            session = f"{names[who]}-tui"
            sessions.append(session)
            command = " ".join(server.ssh(who, f"{granska} --db {db}", tty=True))
            sh(*tmux, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
        for who, session in zip(("anna", "bert"), sessions, strict=True):
            screen = tmux_screen(tmux, session, mine[who][0])
            assert mine[who][0] in screen, f"{who}'s screen over ssh:\n{screen}"
            other = "bert" if who == "anna" else "anna"
            assert not set(mine[other]) - set(mine[who]) & set(screen.split())
        # Both answer at the same time by pressing keys in their own granska over ssh:
        # Enter opens the first case, "1" answers the question with its first option and
        # moves on (A1 ja, then A2 framgår); Esc, Down, Enter opens the next case, "2"
        # answers its A1 nej.
        for session in sessions:
            sh(*tmux, "send-keys", "-t", session, "Enter")
        for who, session in zip(("anna", "bert"), sessions, strict=True):
            assert "A1" in tmux_screen(tmux, session, "A1"), f"{who}'s case did not open"
        for keys in (["1"], ["1"]):
            for session in sessions:
                sh(*tmux, "send-keys", "-t", session, *keys)
            time.sleep(0.3)
        for who, session in zip(("anna", "bert"), sessions, strict=True):
            first = review_ids[who][0]
            assert wait_for(lambda first=first: answered(conn, first) == {
                "dur_aktuell": "ja", "intressen_resurser_onskemal": "framgar"}), (
                f"{who}'s keys did not save:\n{tmux_screen(tmux, session, '')}")
        for session in sessions:
            sh(*tmux, "send-keys", "-t", session, "Escape")
        for who, session in zip(("anna", "bert"), sessions, strict=True):
            tmux_screen(tmux, session, mine[who][1])
            sh(*tmux, "send-keys", "-t", session, "Down")
            time.sleep(0.3)
            sh(*tmux, "send-keys", "-t", session, "Enter")
            assert "A1" in tmux_screen(tmux, session, "A1")
            sh(*tmux, "send-keys", "-t", session, "2")
        for who, session in zip(("anna", "bert"), sessions, strict=True):
            second = review_ids[who][1]
            assert wait_for(lambda second=second: answered(conn, second) == {
                "dur_aktuell": "nej"}), f"{who}'s second case:\n{tmux_screen(tmux, session, '')}"
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)

    # Every answer is under the name of the inspector who pressed the key, in the answers
    # and in the audit log, and nobody touched anyone else's review.
    for who in ("anna", "bert"):
        rows = conn.execute(
            "SELECT a.answered_by, r.reviewer FROM answers a JOIN reviews r"
            " ON r.id = a.review_id WHERE r.reviewer = ?", [names[who]]).fetchall()
        assert len(rows) == 3 and set(rows) == {(names[who], names[who])}
        whos = {w for (w,) in conn.execute(
            "SELECT a.who FROM audit_log a JOIN reviews r ON r.id = a.entity_id"
            " WHERE a.entity = 'review' AND a.action = 'answer' AND r.reviewer = ?",
            [names[who]])}
        assert whos == {names[who]}

    script = str(REPO / "tests" / "e2e" / "ssh" / "answer_as_me.py")
    python = str(VENV_BIN / "python")
    # Anna may not change Bert's review; Carl, who has no role, sees nothing.
    refused = subprocess.run(
        server.ssh("anna", f"{python} {script} {db} --other {names['bert']}"),
        capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "refused" in refused.stdout
    carl = subprocess.run(server.ssh("carl", f"{granska} --db {db} sample"),
                          capture_output=True, text=True, timeout=60)
    assert carl.returncode == 2
    assert carl.stdout == "" and f"{names['carl']} har ingen roll" in carl.stderr
    conn.close()
    assert pwd.getpwnam(names["anna"])
