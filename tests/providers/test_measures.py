"""The measures ladder through the CLI: komplettering -> rättelse -> vite -> hävning with the
day sent, the due date (given, or the configured deadline) and the day answered, the
ledger in the export, and every refusal one line with exit 2 and nothing written."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from tests.providers.test_providers_cli import ROWS, write
from tui.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    assert main(["providers", "import", str(write(tmp_path / "reg.csv", ROWS)),
                 "--db", str(path)]) == 0
    assert main(["select", "--protocol", "avtalsuppfoljning", "--all", "--db", str(path)]) == 0
    return path


def granska(db: Path, *args: str) -> int:
    """The exit code, whether the command returns it or argparse exits with it."""
    try:
        return main([*args, "--db", str(db)])
    except SystemExit as exit_:
        return int(exit_.code or 0)


def steps(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT kind, sent_date, due_date, done_date, closed_as, decided_by,"
                            " dnr FROM measures ORDER BY id").fetchall()


def test_up_the_ladder_with_dates(db: Path, capsys) -> None:
    assert granska(db, "measure", "add", "P2", "komplettering", "--sent", "2023-03-01",
                   "--due", "2023-03-31", "--reason", "rutin för hot och våld saknas") == 0
    assert granska(db, "measure", "add", "P2", "rattelse", "--sent", "2023-04-10",
                   "--due", "2023-05-10", "--reason", "kompletteringen otillräcklig",
                   "--decided-by", "socialnämnden", "--dnr", "SCN-2023-0100") == 0
    assert granska(db, "measure", "add", "P2", "vite", "--sent", "2023-06-01",
                   "--due", "2023-06-30", "--reason", "ej åtgärdat") == 0
    assert granska(db, "measure", "add", "P2", "havning", "--sent", "2023-08-01",
                   "--reason", "avtalet hävs", "--decided-by", "socialnämnden",
                   "--dnr", "SCN-2023-0200") == 0
    kinds = [(k, sent, due, closed) for k, sent, due, _, closed, _, _ in steps(db)]
    assert kinds == [("komplettering", "2023-03-01", "2023-03-31", "superseded"),
                     ("rattelse", "2023-04-10", "2023-05-10", "superseded"),
                     ("vite", "2023-06-01", "2023-06-30", "superseded"),
                     ("havning", "2023-08-01", None, None)]
    assert steps(db)[3][5:] == ("socialnämnden", "SCN-2023-0200")
    with sqlite3.connect(db) as conn:
        audit = [r[0] for r in conn.execute(
            "SELECT new_value FROM audit_log WHERE action = 'measure.add' ORDER BY id")]
    assert audit[1] == "P2: rattelse sent 2023-04-10, due 2023-05-10, decided by socialnämnden, " \
           "dnr SCN-2023-0100: kompletteringen otillräcklig"
    capsys.readouterr()
    assert granska(db, "export", "json", "--protocol", "avtalsuppfoljning") == 0
    tables = {t["id"]: t for t in json.loads(capsys.readouterr().out)["tables"]}
    per_area = tables["measures_per_area"]
    assert per_area["header"][1:] == ["komplettering", "rattelse", "vite", "uteslutning",
                                      "uppsagning", "havning"]
    assert per_area["rows"] == [["Stödboende", 1, 1, 1, 0, 0, 1]]
    ledger = tables["measures"]
    assert ledger["header"] == ["Utförare", "Avtalsområde", "Åtgärd", "Skickad", "Senast",
                                "Besvarad", "Läge", "Beslutsfattare", "Dnr"]
    assert ledger["rows"][1] == ["P2", "Stödboende", "rattelse", "2023-04-10", "2023-05-10",
                                 "", "superseded", "socialnämnden", "SCN-2023-0100"]


def test_a_step_answered_closes_and_the_track_rests(db: Path, capsys) -> None:
    assert granska(db, "measure", "add", "P1", "komplettering", "--sent", "2024-01-02",
                   "--due", "2024-01-31", "--reason", "rutin saknas") == 0
    assert granska(db, "measure", "done", "P1", "komplettering", "--date", "2024-01-20") == 0
    assert steps(db)[0][3:5] == ("2024-01-20", "done")
    # At rest again: a new komplettering may open, vite may not.
    assert granska(db, "measure", "add", "P1", "vite", "--reason", "x") == 2
    assert "allowed: komplettering, rattelse" in capsys.readouterr().err
    assert granska(db, "measure", "add", "P1", "komplettering", "--reason", "ny brist") == 0


def test_the_configured_deadline_when_no_due_date(db: Path, tmp_path: Path, capsys) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[measures]\nkomplettering_days = 14\nrattelse_days = 21\n",
                      encoding="utf-8")
    assert main(["measure", "add", "P1", "komplettering", "--sent", "2024-05-02",
                 "--reason", "x", "--db", str(db), "--config", str(config)]) == 0
    assert "due 2024-05-16" in capsys.readouterr().out
    assert main(["measure", "add", "P1", "rattelse", "--reason", "y", "--db", str(db),
                 "--config", str(config)]) == 0
    today = dt.date.today()
    assert steps(db)[1][1:3] == (today.isoformat(),
                                 (today + dt.timedelta(days=21)).isoformat())
    assert granska(db, "measure", "add", "P1", "uteslutning", "--reason", "IVO") == 0
    assert steps(db)[2][2] is None  # an exclusion has no deadline


def test_overdue_lists_only_open_steps_past_due(db: Path, capsys) -> None:
    past = (dt.date.today() - dt.timedelta(days=40)).isoformat()
    due = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    assert granska(db, "measure", "add", "P1", "komplettering", "--sent", past,
                   "--due", due, "--reason", "x") == 0
    assert granska(db, "measure", "add", "P2", "komplettering", "--reason", "y") == 0
    assert granska(db, "measure", "add", "P3", "komplettering", "--sent", past,
                   "--due", due, "--reason", "z") == 0
    assert granska(db, "measure", "done", "P3", "komplettering", "--date", due) == 0
    capsys.readouterr()
    assert granska(db, "measure", "list", "--overdue") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:5] == ["provider_ref", "kind", "sent_date", "due_date",
                                        "state"]
    assert [line.split("\t")[0] for line in lines[1:]] == ["P1"]
    assert lines[1].split("\t")[4] == "overdue"
    assert granska(db, "measure", "list") == 0
    states = {line.split("\t")[0]: line.split("\t")[4]
              for line in capsys.readouterr().out.splitlines()[1:]}
    assert states == {"P1": "overdue", "P2": "open", "P3": f"done {due}"}


REFUSED = {
    "vite first": (["add", "P1", "vite", "--reason", "x"], "vite is not allowed now"),
    "havning before vite": (["add", "P1", "havning", "--reason", "x"],
                            "havning is not allowed now"),
    "unknown kind": (["add", "P1", "varning", "--reason", "x"], "unknown measure 'varning'"),
    "unknown provider": (["add", "NOPE", "komplettering", "--reason", "x"],
                         "provider 'NOPE' is not in the latest register"),
    "egen regi": (["add", "P5", "komplettering", "--reason", "x"], "egen regi has no contract"),
    "due before sent": (["add", "P1", "komplettering", "--sent", "2024-02-01", "--due",
                         "2024-01-01", "--reason", "x"], "--due 2024-01-01 is before"),
    "not a date": (["add", "P1", "komplettering", "--due", "31/1", "--reason", "x"],
                   "'31/1' is not a date"),
    "empty reason": (["add", "P1", "komplettering", "--reason", " "], "--reason is empty"),
    "nothing to close": (["done", "P1", "rattelse", "--date", "2024-01-01"],
                         "no open step of that kind"),
    "exclusion ends by aterinsatt": (["done", "P1", "uteslutning", "--date", "2024-01-01"],
                                     "aterinsatt"),
    "aterinsatt without exclusion": (["add", "P1", "aterinsatt", "--reason", "x"],
                                     "aterinsatt is not allowed now"),
}


@pytest.mark.parametrize("args, words", list(REFUSED.values()), ids=list(REFUSED))
def test_a_step_the_ladder_refuses_is_one_line_and_nothing(db: Path, capsys, args, words
                                                            ) -> None:
    if "uteslutning" in args:
        assert granska(db, "measure", "add", "P1", "uteslutning", "--reason", "IVO") == 0
    before = steps(db)
    with sqlite3.connect(db) as conn:
        audited = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    capsys.readouterr()
    assert granska(db, "measure", *args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0] and err[0].startswith("granska")
    assert steps(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audited


def test_done_before_it_was_sent_is_refused(db: Path, capsys) -> None:
    assert granska(db, "measure", "add", "P1", "komplettering", "--sent", "2024-03-01",
                   "--reason", "x") == 0
    capsys.readouterr()
    assert granska(db, "measure", "done", "P1", "komplettering", "--date", "2024-02-01") == 2
    assert "before the komplettering was sent (2024-03-01)" in capsys.readouterr().err
    assert steps(db)[0][4] is None
