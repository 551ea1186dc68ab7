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
import pwd
import sqlite3
import stat
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.e2e.ssh.sshd_server import (
    REPO,
    VENV_BIN,
    Server,
    needs_root_sshd_tmux,
    own_tmux,
    sh,
    ssh_server,
    tmux_screen,
    wait_for,
)

pytestmark = needs_root_sshd_tmux


@pytest.fixture
def server() -> Iterator[Server]:
    with ssh_server(("anna", "bert", "carl")) as running:
        yield running


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
    sessions = []
    with own_tmux("granska-ssh") as tmux:
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
