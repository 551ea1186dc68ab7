"""Every benchmark script runs end to end at a tiny size and prints its figures.

No timing is asserted (budgets are for bench/run on a real machine); this only
proves the scripts still work against the current code, so bench/run cannot
rot silently. Exit code 1 means "over budget" and is accepted here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

SCRIPTS = {
    "keystroke": ["--quick", "--answers", "6", "--cases", "40"],
    "caselist": ["--quick", "--cases", "120"],
    "frame_bench": ["--quick", "3000"],
    "tallies_bench": ["--quick", "--cases", "40"],
    "load": ["--quick", "--workers", "2", "--seconds", "1"],
    "startup": ["--quick", "--cases", "40", "--runs", "1"],
}


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_bench_script_runs_and_prints_its_figures(script: str, tmp_path: Path) -> None:
    if script == "startup" and shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, str(BENCH / f"{script}.py"), *SCRIPTS[script]],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode in (0, 1), done.stderr  # 1 = a figure over its budget
    assert "Traceback" not in done.stderr
    results = [line for line in done.stdout.splitlines() if line.startswith("RESULT |")]
    assert results, done.stdout
    for line in results:  # what | measured | budget | verdict: the summary table's row
        assert len(line.split(" | ")) == 5, line
