"""No message echoes a personnummer or a name, whatever column a shifted row puts it in.

A frame row shifted by one cell used to print ``kön '20000321-1547' is not a
gender``; messages now name the line and the column instead.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samples.personnummer import fake
from tests.samples.conftest import SV_HEADERS, frame_rows, write_csv
from tui.cli import main

DISTRICTS = ("Hägersten-Älvsjö", "Hässelby-Vällingby", "Skarpnäck", "Södermalm")


@st.composite
def identities(draw) -> tuple[str, str]:
    """A personnummer (in one of its written forms) and a name no message would hold."""
    born = dt.date(1930, 1, 1) + dt.timedelta(days=draw(st.integers(0, 30_000)))
    number = fake(random.Random(draw(st.integers(0, 10**6))), born,
                  draw(st.sampled_from("KM")))
    written = draw(st.sampled_from([number, number.replace("-", ""), number[2:],
                                    number[2:].replace("-", "")]))
    name = "Xq" + draw(st.text(alphabet="qxzwvj", min_size=4, max_size=10)) + " Wzq"
    return written, name


def leaked(text: str, secrets: tuple[str, str]) -> bool:
    number, name = secrets
    digits = number.replace("-", "")
    return any(s in text for s in (number, digits, digits[-10:], digits[-4:] and
                                   digits[:-4][-6:] + "-" + digits[-4:], name))


@settings(max_examples=150, deadline=None)
@given(identities(), st.lists(st.tuples(st.integers(0, 6), st.booleans()), min_size=1,
                              max_size=7), st.integers(0, 6))
def test_a_frame_never_echoes_an_identity(secrets, placements, shift) -> None:
    from samples.frames import Checked, FrameRejected, read_frame

    rows = frame_rows(4)
    for column, as_name in placements:
        rows[1][column] = secrets[1] if as_name else secrets[0]
    rows[2] = rows[2][shift:] + rows[2][:shift]  # a row shifted along
    checked = Checked()
    list(read_frame(list(enumerate(rows, start=2)), SV_HEADERS, "f.csv", DISTRICTS, checked))
    lines = FrameRejected("f.csv", checked.errors).lines()
    assert not any(leaked(line, secrets) for line in lines), lines


@settings(max_examples=150, deadline=None)
@given(identities(), st.lists(st.tuples(st.integers(0, 4), st.booleans()), min_size=1,
                              max_size=5), st.booleans())
def test_answers_never_echo_an_identity(secrets, placements, clear_blank) -> None:
    from review_protocols import load_builtin
    from store.reports import ImportTarget
    from tallies.answers_import import AnswersImportError, check_answers

    protocol = load_builtin("boendestod_sol")
    rows = [["HÄ-01", "dur_aktuell", "ja", "anna", ""], ["HÄ-01", "beslut", "bifall", "anna", ""],
            ["HÄ-02", "beviljad_tid_timmar_manad", "12", "anna", ""]]
    for row, (column, as_name) in zip(rows * 2, placements, strict=False):
        row[column] = secrets[1] if as_name else secrets[0]
    try:
        check_answers(protocol, "a.csv", ["case_ref", "question_id", "value", "reviewer", "note"],
                      list(enumerate(rows, start=2)), {"HÄ-01": 1, "HÄ-02": 2},
                      lambda ref, who: ImportTarget(None, "primary"), lambda review_id: {},
                      "me", clear_blank=clear_blank)
    except AnswersImportError as error:
        assert not leaked(str(error), secrets), str(error)


def test_the_shifted_row_of_the_issue(tmp_path: Path, capsys) -> None:
    rows = frame_rows(3)
    rows[1] = ["A-2", "Anna Andersson", rows[1][1], "Södermalm", "boendestöd", "2022-03-15", ""]
    path = tmp_path / "frame.csv"
    write_csv(path, SV_HEADERS, rows)
    assert main(["frame", "import", str(path), "--db", str(tmp_path / "g.db")]) == 2
    err = capsys.readouterr().err
    assert rows[1][2] not in err and rows[1][2].replace("-", "") not in err
    assert "Anna Andersson" not in err
    assert f"{path}:3: " in err and "kön (column 4) is not a gender" in err


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(identities())
def test_the_last_guard_masks_what_slips_through(tmp_path: Path, capsys, secrets) -> None:
    """A message quoting a personnummer (here: in a file name) has it masked on stderr."""
    path = tmp_path / f"{secrets[0]}.csv"
    assert main(["answers", "import", str(path), "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert not leaked(err.replace(secrets[1], ""), secrets), err
