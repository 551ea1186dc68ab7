"""Helpers shared by the benchmark scripts: timing, peak memory, tmux, big databases."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def tmux_time_to_marker(command: str, marker: str, *, size: tuple[int, int] = (80, 24),
                        timeout: float = 30.0) -> float:
    """Seconds from launching ``command`` in a fresh tmux session until ``marker`` shows."""
    return tmux_times_to_markers(command, [marker], size=size, timeout=timeout)[0]


def tmux_times_to_markers(command: str, markers: list[str], *,
                          size: tuple[int, int] = (80, 24), timeout: float = 30.0,
                          keys_after: dict[str, str] | None = None) -> list[float]:
    """Seconds from launching ``command`` in a fresh tmux session until each marker shows;
    ``keys_after`` maps a marker to keys typed the moment it shows.

    The session runs on a tmux server of its own (``-L``): sharing the default
    server with a user's tmux, or with tests running side by side, makes start-ups race.
    """
    keys_after = keys_after or {}
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed (scripts/install-system-deps installs it)")
    tmux = ["tmux", "-L", f"granska-bench-{os.getpid()}-{time.monotonic_ns()}"]
    seen: dict[str, float] = {}
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-s", "bench", "-x", str(size[0]),
                    "-y", str(size[1]), command], check=True)
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "bench"],
                                    capture_output=True, text=True).stdout
            now = time.perf_counter() - start
            for marker in markers:
                if marker in screen and marker not in seen:
                    seen[marker] = now
                    if marker in keys_after:
                        subprocess.run([*tmux, "send-keys", "-t", "bench", keys_after[marker]],
                                       check=True)
            if len(seen) == len(markers):
                return [seen[marker] for marker in markers]
            time.sleep(0.005)
        missing = [marker for marker in markers if marker not in seen]
        raise SystemExit(f"{missing} did not appear within {timeout} s running {command}")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def big_review_db(path: Path, cases: int, reviewer: str) -> Path:
    """A database with ``cases`` sampled cases assigned to ``reviewer`` (built with raw SQL:
    the store's one-transaction-per-review path is right for people, too slow for setup)."""
    from jobs.demo import demo_rows
    from store import open_database
    from store.frames import insert_frame

    if path.exists():
        return path
    db = open_database(path)
    per_district = cases // 4 + 1
    rows = demo_rows(["Hägersten-Älvsjö", "Hässelby-Vällingby", "Skarpnäck", "Södermalm"],
                     per_district, seed=1)[:cases]
    frame_id = insert_frame(db, name="bench", source="bench", sha256="0" * 64, rows=rows)
    db.execute("BEGIN")
    db.execute(
        "INSERT INTO reviews (population_id, reviewer, protocol_id, protocol_version,"
        " created_at, updated_at) SELECT id, ?, 'boendestod_sol', '1.0', 'x', 'x'"
        " FROM population WHERE frame_id = ?", [reviewer, frame_id])
    db.execute("COMMIT")
    db.conn.close()
    return path


def verdict(what: str, measured: float, budget: float, unit: str = "s") -> str:
    """One summary line: bench/run collects the lines that start with RESULT."""
    mark = "ok" if measured <= budget else "OVER"
    return f"RESULT | {what} | {measured:.3f} {unit} | ≤ {budget:g} {unit} | {mark}"
