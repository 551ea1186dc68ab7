"""Long CLI work shows a progress bar on a terminal, and nothing extra in a pipe."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.samples.conftest import SV_HEADERS, frame_rows, write_csv

ROWS = 12_000  # above the 10,000 rows from which a bar is shown


def granska(*args: str, terminal: bool) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the installed entry point, stderr a pseudo-terminal
    when ``terminal``, a pipe otherwise (as in a script or CI)."""
    if not terminal:
        done = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True,
                              text=True, timeout=300)
        return done.returncode, done.stdout, done.stderr
    screen, stderr = pty.openpty()
    seen: list[bytes] = []

    def drain() -> None:
        try:
            while chunk := os.read(screen, 65536):
                seen.append(chunk)
        except OSError:  # the terminal closed with the command
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "tui", *args], stdout=subprocess.PIPE,
                              stderr=stderr, text=True, timeout=300)
    finally:
        os.close(stderr)
        reader.join(timeout=10)
        os.close(screen)
    return done.returncode, done.stdout, b"".join(seen).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def big_frame(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("frame") / "stor.csv"
    write_csv(path, SV_HEADERS, frame_rows(ROWS))
    return path


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_frame_import_and_draw_show_progress_only_on_a_terminal(big_frame: Path,
                                                                 tmp_path: Path,
                                                                 terminal: bool) -> None:
    db = str(tmp_path / "g.db")
    code, out, err = granska("frame", "import", str(big_frame), "--db", db, terminal=terminal)
    assert code == 0 and f"{ROWS} rader importerade" in out
    assert ("Läser in ram" in err and "rader/s" in err) is terminal
    if not terminal:
        assert err == ""
    code, out, err = granska("draw", "--db", db, terminal=terminal)
    assert code == 0 and out.startswith("sample 1")
    assert ("Drar urval" in err) is terminal
    assert f"{ROWS:,}".replace(",", "") in err.replace(" ", "").replace(",", "") \
        if terminal else err == ""


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_train_generate_shows_progress_only_on_a_terminal(tmp_path: Path,
                                                          terminal: bool) -> None:
    db = str(tmp_path / "g.db")
    code, out, err = granska("train", "generate", "--cases", "1000", "--db", db,
                             terminal=terminal)
    assert code == 0 and "1000 cases" in out
    assert ("Skapar utbildningsärenden" in err) is terminal
    if not terminal:
        assert err == ""


def test_small_work_shows_no_bar_even_on_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "liten.csv"
    write_csv(path, SV_HEADERS, frame_rows(50))
    code, out, err = granska("frame", "import", str(path), "--db", str(tmp_path / "g.db"),
                             terminal=True)
    assert code == 0 and "50 rader importerade" in out
    assert "Läser in ram" not in err
