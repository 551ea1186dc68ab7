"""Any file given to `granska frame import`: imported, or refused whole in clear lines."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.samples.conftest import SV_HEADERS, frame_rows
from tests.strategies import spreadsheet_files
from tui.cli import main

GOOD = [SV_HEADERS, *frame_rows(3)]
CELLS = [cell for row in GOOD for cell in row] + ["", '"', "x\ny", "Atlantis", "1899-13-01",
                                                  "44624", "K", "M", "\ufeff"]
files = spreadsheet_files(CELLS, header=SV_HEADERS)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=files, suffix=st.sampled_from([".csv", ".xlsx", ".tsv"]))
def test_any_file_is_imported_or_refused_in_clear_lines(db, db_path: Path, data: bytes,
                                                         suffix: str) -> None:
    def population() -> int:
        with contextlib.closing(sqlite3.connect(db_path)) as conn:
            return conn.execute("SELECT count(*) FROM population").fetchone()[0]

    before = population()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"frame{suffix}"
        path.write_bytes(data)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["frame", "import", str(path), "--db", str(db_path)])
        assert not list(Path(folder).glob("*.rejected.csv"))  # only with --skip-invalid
    text = err.getvalue()
    assert code in (0, 2), text
    assert "Traceback" not in text
    if code == 2:
        lines = text.splitlines()
        assert lines and all(line.startswith((str(path), "granska")) for line in lines), lines
        assert population() == before  # refused whole: nothing imported
