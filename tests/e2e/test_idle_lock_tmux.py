"""End to end: the installed `granska` in tmux locks itself when left idle, shows nothing
of the case behind the lock, and Enter unlocks it; both are in the audit log."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_review_tmux import Tmux, granska_bin

pytestmark = pytest.mark.e2e

IDLE_MINUTES = 0.1  # six seconds: time enough to open a case on a busy machine


@pytest.fixture
def tmux(tmp_path: Path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (scripts/install-system-deps installs it)")
    session = Tmux(tmp_path / "tmux.sock", "lock")  # a server of our own
    yield session
    session.run("kill-server")


def test_idle_granska_locks_in_tmux_and_enter_unlocks(tmux: Tmux, tmp_path: Path) -> None:
    from store import current_user

    binary = granska_bin()
    db = tmp_path / "lock.db"
    config = tmp_path / "config.toml"
    config.write_text(f"[security]\nidle_lock_minutes = {IDLE_MINUTES}\n", encoding="utf-8")
    subprocess.run([str(binary), "demo", "--db", str(db), "--districts", "1", "--cases", "12"],
                   check=True, capture_output=True)
    case_ref = sqlite3.connect(db).execute(
        "SELECT p.case_ref FROM reviews r JOIN population p ON p.id = r.population_id"
        " ORDER BY p.case_ref LIMIT 1").fetchone()[0]
    home = os.environ["HOME"]
    command = (f"env HOME={home} XDG_CONFIG_HOME={home}/.config XDG_DATA_HOME={home}/.local/share"
               f" TERM=xterm-256color {binary} --db {db} --config {config}")
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "80", "-y", "24", command)
    tmux.wait_for("rader 1–")
    tmux.keys("Enter")
    assert case_ref in tmux.wait_for("A1")

    locked = tmux.wait_for("Granska är låst")
    assert case_ref not in locked and "A1" not in locked and "[namn]" not in locked
    tmux.keys("j")  # an answer key: swallowed by the lock
    tmux.keys("Enter")
    assert case_ref in tmux.wait_for("A1")
    tmux.keys("C-q")
    tmux.wait_gone()

    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT action, who FROM audit_log WHERE entity = 'session'"
                        " ORDER BY id").fetchall()
    assert rows[:2] == [("session.lock", current_user()), ("session.unlock", current_user())]
    assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
    conn.close()
