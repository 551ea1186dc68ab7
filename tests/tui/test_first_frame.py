"""The first frame Granska writes to a real terminal is the whole first screen, rows
included (``tui.held_frames``): Textual renders it inside its start-up batch and would
drop it, drawing only what changed after (the key bar), and the rows a whole refresh
period later."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path


def written_until(db: Path, markers: list[bytes], home: Path) -> bytes:
    """What ``granska --db db`` writes to an 80x24 terminal until every marker is on it."""
    screen, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "HOME": str(home), "TERM": "xterm-256color"}
    # Textual draws on stderr, and Granska wants stdin and stdout to be a terminal too
    app = subprocess.Popen([sys.executable, "-m", "tui", "--db", str(db)], stdin=terminal,
                           stdout=terminal, stderr=terminal, env=env)
    written = b""
    try:
        deadline = time.monotonic() + 60
        while not all(marker in written for marker in markers):
            if time.monotonic() > deadline or app.poll() is not None:
                raise AssertionError(f"no {markers!r} on the screen: {written[-300:]!r}")
            if select.select([screen], [], [], 0.5)[0]:
                written += os.read(screen, 65536)
    finally:
        os.write(screen, b"\x11")  # ctrl+q
        try:
            app.wait(timeout=20)
        finally:
            app.kill()
            os.close(terminal)
            os.close(screen)
    return written


def test_the_first_frame_written_holds_the_rows(tmp_path, review_db) -> None:
    from store import current_user
    from tests.tui.conftest import give_demo_to

    give_demo_to(review_db, current_user())  # the one who runs the test opens the list
    review_db.conn.close()
    rows, key_bar = "rader 1–".encode(), b"Avsluta"  # the filter line; ^q in the key bar
    written = written_until(Path(review_db.path), [rows, key_bar], tmp_path)
    # one frame, top to bottom: the key bar, the last line, comes after the rows
    assert written.index(rows) < written.index(key_bar), "the key bar was drawn before the rows"
    first_frame = written[:written.index(key_bar)]
    assert "Granska · Ärenden".encode() in first_frame  # the title
    assert b"Besvarade" in first_frame and "ej påbörjad".encode() in first_frame  # the rows
