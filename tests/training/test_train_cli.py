"""granska train: the CLI contract (exit 0, or 2 with one line on stderr)."""

from __future__ import annotations

import stat

import pytest

from tui.cli import main


def granska(capsys, db_path, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--db", str(db_path), "train", *args])
    except SystemExit as done:  # argparse misuse
        code = done.code
    out, err = capsys.readouterr()
    return code, out, err


def test_generate_session_report_and_key(capsys, db_path, tmp_path) -> None:
    code, out, _ = granska(capsys, db_path, "generate", "--cases", "3", "--seed", "9",
                           "--difficulty", "easy")
    assert code == 0 and "3 cases" in out and "UTB-9-001" in out
    code, out, _ = granska(capsys, db_path, "session", "create", "--name", "kurs",
                           "--trainees", "anna,bo", "--cases", "2")
    assert code == 0 and "anna, bo" in out
    code, out, _ = granska(capsys, db_path, "session", "list")
    assert code == 0 and "kurs\t2 cases\tanna, bo" in out
    code, out, _ = granska(capsys, db_path, "report", "kurs")
    assert code == 0 and out.startswith("# Kalibreringsrapport: kurs")
    code, out, _ = granska(capsys, db_path, "report", "kurs", "--format", "json")
    assert code == 0 and '"session": "kurs"' in out
    target = tmp_path / "kurs.xlsx"
    code, out, _ = granska(capsys, db_path, "report", "kurs", "--format", "xlsx", "--out",
                           str(target))
    assert code == 0 and stat.S_IMODE(target.stat().st_mode) == 0o600
    code, out, _ = granska(capsys, db_path, "key", "UTB-9-002", "--text")
    assert code == 0 and "UTREDNING (DUR)" in out and "\nbeslut\t" in out


@pytest.mark.parametrize(("args", "message"), [
    (("report", "saknas"), "inget utbildningstillfälle 'saknas'"),
    (("key", "XX-1"), "inget utbildningsärende 'XX-1'"),
    (("session", "create", "--name", "k", "--trainees", "a"), "kör granska train generate"),
    (("generate", "--cases", "0"), "must be at least 1"),
    (("generate", "--difficulty", "medium"), "invalid choice"),
    ((), "ange vad som ska göras"),
])
def test_bad_input_ends_in_one_line_and_exit_2(capsys, db, db_path, args, message) -> None:
    code, _out, err = granska(capsys, db_path, *args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_duplicate_names_and_xlsx_to_stdout_are_refused(capsys, db_path) -> None:
    assert granska(capsys, db_path, "generate", "--cases", "2")[0] == 0
    code, _, err = granska(capsys, db_path, "generate", "--cases", "2")
    assert code == 2 and "det finns redan en ram" in err
    assert granska(capsys, db_path, "session", "create", "--name", "k", "--trainees", "a",
                   "--cases", "2")[0] == 0
    code, _, err = granska(capsys, db_path, "session", "create", "--name", "k", "--trainees",
                           "b", "--cases", "2")
    assert code == 2 and "exists already" in err
    code, _, err = granska(capsys, db_path, "session", "create", "--name", "m", "--trainees",
                           "b", "--cases", "5")
    assert code == 2 and "only 2 cases" in err
    code, _, err = granska(capsys, db_path, "report", "k", "--format", "xlsx")
    assert code == 2 and "behöver --out" in err


def test_a_session_remembers_how_its_cases_were_made(capsys, db_path) -> None:
    assert granska(capsys, db_path, "generate", "--cases", "2", "--difficulty", "hard")[0] == 0
    assert granska(capsys, db_path, "session", "create", "--name", "k", "--trainees", "a",
                   "--cases", "2")[0] == 0
    from store import open_database
    from store.training import sessions

    assert sessions(open_database(db_path))[0]["difficulty"] == "hard"
    code, _, err = granska(capsys, db_path, "session", "create", "--name", "m", "--trainees",
                           "a", "--frame", "99")
    assert code == 2 and "--frame 99 är ingen ram för utbildning" in err


def test_trainees_cannot_read_keys_or_reports(capsys, db_path, monkeypatch) -> None:
    assert granska(capsys, db_path, "generate", "--cases", "1")[0] == 0
    monkeypatch.setattr("store.identity.current_user", lambda: "elev")
    code, out, err = granska(capsys, db_path, "key", "UTB-1-001")
    assert code == 2 and out == "" and "elev är ingetdera" in err


def test_report_headers_follow_the_configured_language(capsys, db_path, tmp_path,
                                                       monkeypatch) -> None:
    from jobs import i18n

    monkeypatch.setattr(i18n, "_language", i18n.language())  # restored afterwards
    granska(capsys, db_path, "generate", "--cases", "3", "--seed", "9")
    granska(capsys, db_path, "session", "create", "--name", "kurs", "--trainees", "anna",
            "--cases", "2")
    english = tmp_path / "en.toml"
    english.write_text('language = "en"\n')
    code = main(["--config", str(english), "--db", str(db_path), "train", "report", "kurs",
                 "--format", "md"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("# Calibration report: kurs")
    assert "## Agreement with the key" in out and "| Trainee | Agreement |" in out
    assert "Kalibreringsrapport" not in out and "Deltagare" not in out
    code, out, _ = granska(capsys, db_path, "report", "kurs", "--format", "md")
    assert code == 0 and out.startswith("# Kalibreringsrapport: kurs")
    assert "## Överensstämmelse med facit" in out and "| Deltagare | Andel lika |" in out
