"""The README's provider round runs as written, command by command, from an empty folder."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from tui.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def round_in_readme() -> tuple[str, list[list[str]]]:
    section = README.read_text(encoding="utf-8").split(
        "## Contract follow-up of providers")[1].split("\n### ")[0]
    answers = re.search(r"```text\n(.*?)```", section, re.S)
    commands = re.search(r"```sh\n(.*?)```", section, re.S)
    assert answers and commands
    return answers[1], [shlex.split(line)[1:] for line in commands[1].splitlines()]


def test_the_readme_round_runs(tmp_path: Path, monkeypatch, capsys) -> None:
    from openpyxl import load_workbook

    answers, commands = round_in_readme()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "svar.csv").write_text(answers, encoding="utf-8")
    for argv in commands:
        if argv == ["--db", "prov.db"]:
            continue  # the app itself: the screens have their own tests
        assert main(argv) == 0, (argv, capsys.readouterr().err)
    overdue = capsys.readouterr().out.split("provider_ref\tkind")[-1].splitlines()[1:]
    assert overdue and all("\toverdue\t" in line for line in overdue)  # the demo's own
    assert not any(line.startswith("U-0032\t") for line in overdue)  # due in 30 days
    assert (tmp_path / "brev.docx").stat().st_mode & 0o777 == 0o600
    sheets = load_workbook(tmp_path / "uppfoljning.xlsx", read_only=True).sheetnames
    assert len(sheets) >= 5
    assert os.stat(tmp_path / "prov.db").st_size > 0
