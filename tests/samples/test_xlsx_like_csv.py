"""An XLSX frame is held to every check a CSV frame is: the same rows in, the same rows
stored and the same rows refused, whatever types Excel gave the cells."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.sampling import import_frame
from samples.frames import FrameRejected
from store import open_database
from store.frames import population
from tests.samples.conftest import SV_HEADERS, pnr, write_csv

KEPT = ("case_ref", "personnummer", "name", "gender", "district", "insats", "decision_date",
        "birth_date", "line")


@st.composite
def frame_cell_pairs(draw: st.DrawFn, number: int) -> tuple[list[str], list[object]]:
    """One frame row as the CSV has it (text) and as Excel holds it (typed cells)."""
    gender = draw(st.sampled_from(["K", "M", "X"]))  # X: not a gender, refused by both
    born = draw(st.dates(dt.date(1920, 1, 1), dt.date(2010, 12, 31)))
    number_text = pnr("K" if gender == "X" else gender, born, seed=number)
    decided = draw(st.dates(dt.date(2021, 1, 1), dt.date(2023, 12, 31)))
    csv_row = [f"{draw(st.sampled_from(['A-', '00', '']))}{number}", number_text,
               f"Namn {number}", gender, "Södermalm",
               draw(st.sampled_from(["boendestöd", "ledsagning", " boendestöd "])),
               decided.isoformat()]
    xlsx_row: list[object] = list(csv_row)
    # What Excel makes of what people type: a date cell, a bare number for an id, a case
    # reference that is all digits; the text a CSV shows for it must check the same way
    if draw(st.booleans()):
        xlsx_row[6] = dt.datetime.combine(decided, dt.time(0))
    if draw(st.booleans()):
        xlsx_row[1] = int(number_text.replace("-", ""))
        csv_row[1] = number_text.replace("-", "")
    if csv_row[0].isdigit() and not csv_row[0].startswith("0") and draw(st.booleans()):
        xlsx_row[0] = float(csv_row[0])  # Excel's number cell; "0012" stays text in both
    if draw(st.integers(0, 9)) == 0:
        csv_row[6] = xlsx_row[6] = "2022-02-30"  # no such day: refused by both
    return csv_row, xlsx_row


def imported(path: Path) -> tuple[str, list[tuple]]:
    """("stored", the rows) from ``path`` on a fresh database, or ("refused", each problem
    with its line)."""
    from jobs.config import Config

    db = open_database(path.with_suffix(path.suffix + ".db"))
    try:
        result = import_frame(db, path, Config())
        assert result.frame_id is not None
        return "stored", [tuple(r[k] for k in KEPT) for r in population(db, result.frame_id)]
    except FrameRejected as rejected:
        return "refused", rejected.errors
    finally:
        db.conn.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 12).flatmap(
    lambda n: st.tuples(*(frame_cell_pairs(number) for number in range(1, n + 1)))))
def test_the_same_frame_from_xlsx_and_csv_stores_and_refuses_the_same_rows(pairs) -> None:
    import openpyxl

    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = Path(folder) / "frame.csv", Path(folder) / "frame.xlsx"
        write_csv(csv_path, SV_HEADERS, [c for c, _ in pairs])
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(SV_HEADERS)
        for _, cells in pairs:
            sheet.append(cells)
        book.save(xlsx_path)
        from_csv, from_xlsx = imported(csv_path), imported(xlsx_path)
    assert from_xlsx == from_csv
    outcome, rows = from_csv
    if outcome == "stored":
        assert len(rows) == len(pairs)
