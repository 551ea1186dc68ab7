"""End to end: the installed `granska` in tmux at 80x24, a case typed by keys, then SQLite.

Waits by polling the screen for the text it expects (never fixed sleeps), with
a generous overall timeout, so a slow machine is slow rather than flaky.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TIMEOUT = 60.0


def granska_bin() -> Path:
    here = Path(sys.executable).parent / "granska"
    found = here if here.exists() else shutil.which("granska")
    if not found:
        pytest.skip("the granska console script is not installed (pip install -e .)")
    return Path(found)


class Tmux:
    def __init__(self, socket: Path, session: str) -> None:
        self.base = ["tmux", "-S", str(socket)]  # a server of our own, gone with tmp_path
        self.session = session

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, check=False)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session).stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"'{text}' never appeared; the screen was:\n{self.screen()}")

    def wait_gone(self) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.run("has-session", "-t", self.session).returncode != 0:
                return
            time.sleep(0.1)
        raise AssertionError(f"granska did not quit; the screen was:\n{self.screen()}")


@pytest.fixture
def tmux(tmp_path: Path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (scripts/install-system-deps installs it)")
    session = Tmux(tmp_path / "tmux.sock", "review")
    yield session
    session.run("kill-session", "-t", session.session)


def test_type_a_case_in_tmux_and_find_it_in_sqlite(tmux: Tmux, tmp_path: Path) -> None:
    from store import current_user

    binary = granska_bin()
    db = tmp_path / "e2e.db"
    subprocess.run([str(binary), "demo", "--db", str(db), "--districts", "1", "--cases", "20"],
                   check=True, capture_output=True)
    home = os.environ["HOME"]
    command = (f"env HOME={home} XDG_CONFIG_HOME={home}/.config XDG_DATA_HOME={home}/.local/share"
               f" TERM=xterm-256color {binary} --db {db}")
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "80", "-y", "24", command)
    tmux.wait_for("rader 1–")
    tmux.keys("Enter")
    tmux.wait_for("A1")
    # dur ja, intressen framgår, hembesök nej, värderande nej, the report's findings
    # (livsområden, bakgrund, egen uppfattning ja; fyllt 18 nej); past the free text; avslag
    tmux.keys("j", "f", "n", "n", "j", "j", "j", "n", "Down", "a")
    shown = tmux.wait_for("Beslut: Avslag")
    assert "ej påbörjad" not in shown
    assert "Beställning" not in shown  # the order and the plan do not apply on avslag
    tmux.keys("C-q")
    tmux.wait_gone()

    conn = sqlite3.connect(db)
    answers = dict(conn.execute(
        "SELECT question_id, value FROM answers a JOIN reviews r ON r.id = a.review_id"))
    assert answers == {
        "dur_aktuell": "ja", "intressen_resurser_onskemal": "framgar",
        "hembesok_gjort": "nej", "varderande_sprak": "nej", "livsomraden_utredda": "ja",
        "bakgrund_historia": "ja", "egen_uppfattning": "ja", "nyligen_18": "nej",
        "beslut": "avslag",
    }
    who = {row[0] for row in conn.execute("SELECT answered_by FROM answers")}
    assert who == {current_user()}
    audited = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'answer'").fetchone()
    assert audited[0] == 9
    conn.close()


# Words of the Swedish screens that must not show in English mode (the protocol's own
# questions and the case files are Swedish documents and stay so).
SWEDISH_UI = ("Ärenden", "Öppna", "Sök ", "Rensa", "Tangenter", "Avsluta", "Urval",
              "Sammanställning", "Utbildning", "Fördelning", "rader ", "påbörjad",
              "Totalt", "Tillbaka", "Granskare", "Kvinna", "Stadsdel", "Logg", "Kön")


def test_english_config_gives_english_screens_without_colour(tmux: Tmux, tmp_path: Path) -> None:
    binary = granska_bin()
    db = tmp_path / "en.db"
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    subprocess.run([str(binary), "demo", "--db", str(db), "--districts", "1", "--cases", "12"],
                   check=True, capture_output=True)
    home = os.environ["HOME"]
    command = (f"env HOME={home} XDG_CONFIG_HOME={home}/.config XDG_DATA_HOME={home}/.local/share"
               f" TERM=xterm-256color NO_COLOR=1 {binary} --db {db} --config {config}")
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "80", "-y", "24", command)
    screens = {"case list": tmux.wait_for("rows 1–")}
    tmux.keys("?")
    screens["case list keys"] = tmux.wait_for("Case list – keys")
    tmux.keys("Escape")
    for key, title in (("F3", "Sample"), ("F4", "Tallies"), ("F5", "Training"),
                       ("F6", "Audit log of a case"), ("F7", "Assignments")):
        tmux.keys(key)
        screens[title] = tmux.wait_for(f"Granska · {title}")
    tmux.keys("C-p")
    screens["palette"] = tmux.wait_for("Switch view (F7)")
    for name, shown in screens.items():
        leaked = [word for word in SWEDISH_UI if word in shown]
        assert not leaked, f"Swedish on the {name} screen in English mode: {leaked}\n{shown}"
    tmux.keys("Escape")  # alone: Escape and ctrl+q sent together read as alt+ctrl+q
    deadline = time.monotonic() + TIMEOUT
    while "Search for commands" in tmux.screen() and time.monotonic() < deadline:
        time.sleep(0.1)
    tmux.keys("C-q")
    tmux.wait_gone()
