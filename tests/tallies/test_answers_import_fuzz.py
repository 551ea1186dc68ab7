"""Any file given to `granska answers import`: imported, or refused whole in clear lines."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import spreadsheet_files
from tui.cli import main

CELLS = ["case_ref", "question_id", "value", "reviewer", "note", "HÄ-2022-0001",
         "HÄ-2022-0002", "dur_aktuell", "beslut", "ja", "nej", "avslag", "12,5", "x", "",
         '"', "a|b", "2022-13-40", "\ufeff", "é"]
files = spreadsheet_files(CELLS)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=files, suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_any_file_is_imported_or_refused_in_clear_lines(demo_db, db_path: Path, data: bytes,
                                                         suffix: str) -> None:
    def stored() -> list[tuple]:
        with contextlib.closing(sqlite3.connect(db_path)) as conn:
            return conn.execute("SELECT review_id, question_id, value FROM answers"
                                " ORDER BY 1, 2").fetchall()

    before = stored()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"answers{suffix}"
        path.write_bytes(data)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["answers", "import", str(path), "--db", str(db_path)])
    lines = err.getvalue().splitlines()
    assert code in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == 2:
        assert lines and all(line.startswith((str(path), "granska")) for line in lines), lines
        assert stored() == before  # refused whole: nothing imported
