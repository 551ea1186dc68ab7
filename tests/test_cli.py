"""The CLI contract: every command is listed, documented, and fails in one clear line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import COMMAND_MODULES, build_parser, main

REPO = Path(__file__).resolve().parents[1]


def run_granska(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          cwd=cwd)


def run_in_terminal(*args: str) -> subprocess.CompletedProcess:
    """``granska`` with a pseudo-terminal (80x24) for its screen, as in a real session; the
    screen is read and dropped, stderr is kept (the app refuses to start without one)."""
    import fcntl
    import os
    import pty
    import struct
    import termios
    import threading

    screen, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def drain() -> None:
        try:
            while os.read(screen, 65536):
                pass
        except OSError:  # the terminal closed with the app
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        done = subprocess.run([sys.executable, "-m", "tui", *args], stdin=terminal,
                              stdout=terminal, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(terminal)
        reader.join(timeout=10)
        os.close(screen)
    return done


def test_help_lists_every_contract_command() -> None:
    result = run_granska("--help")
    assert result.returncode == 0
    for command in ("demo", "frame", "draw", "sample", "answers", "export", "train"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.M), command


@pytest.mark.parametrize("command", COMMAND_MODULES)
def test_every_command_has_help(command: str) -> None:
    result = run_granska(command, "--help")
    assert result.returncode == 0
    assert "usage: granska" in result.stdout


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in COMMAND_MODULES:
        assert f"### `granska {command}" in readme, f"README has no section for {command}"


def test_misuse_is_one_line_and_exit_2() -> None:
    result = run_granska("draw", "--seed", "many")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "must be a whole number" in result.stderr


def test_unknown_command_is_one_line_and_exit_2() -> None:
    result = run_granska("frobnicate")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_demo_creates_private_database(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--districts", "2", "--cases", "20"]) == 0
    assert db.stat().st_mode & 0o077 == 0
    from store import open_database
    from store.reviews import count_reviews

    assert count_reviews(open_database(db)) > 0


def test_parser_builds_without_textual() -> None:
    assert build_parser().prog == "granska"


def test_protocol_check_reports_a_broken_file_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "mitt.toml"
    broken.write_text('[protocol]\nid = "mitt"\nversion = "1"\ntitle = "x"\n'
                      '[[sections]]\nid = "a"\ntitle = "A"\n[[sections.questions]]\n'
                      'id = "q"\ntype = "single"\ntext = "?"\n'
                      'options = [{code = "ja", label = "Ja"}]\n',
                      encoding="utf-8")
    result = run_granska("protocol", "check", str(broken))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"granska: {broken}, section 'a', question 'q': a single question needs at least "
        "2 options"]
    good = REPO / "review_protocols" / "boendestod_sol.toml"
    result = run_granska("protocol", "check", str(good))
    assert result.returncode == 0 and "ok: boendestod_sol" in result.stdout


def test_a_protocol_folder_from_the_config_is_used_and_checked(tmp_path: Path) -> None:
    folder = tmp_path / "protokoll"
    folder.mkdir()
    shipped = (REPO / "review_protocols" / "boendestod_sol.toml").read_text(encoding="utf-8")
    (folder / "egen.toml").write_text(shipped.replace('id = "boendestod_sol"', 'id = "egen"', 1),
                                      encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[protocol]\ndefault = "egen"\npaths = ["{folder}"]\n', encoding="utf-8")
    result = run_granska("--config", str(config), "protocol", "list")
    assert result.returncode == 0
    assert "* egen" in result.stdout and "boendestod_sol" in result.stdout
    (folder / "egen.toml").write_text("[protocol\n", encoding="utf-8")
    database = tmp_path / "x.db"
    assert run_granska("demo", "--db", str(database), "--cases", "4").returncode == 0
    # The first screen's rows need the protocol: the broken file is found before the screen
    # is taken over, and is one line on the terminal.
    result = run_in_terminal("--config", str(config), "--db", str(database))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    after_screen = re.split(r"\x1b\[[0-9;?<>=$]*[A-Za-z~]", result.stderr)[-1]
    assert after_screen.strip().splitlines() == [after_screen.strip()]
    assert after_screen.strip().startswith(f"granska: {folder / 'egen.toml'}: invalid TOML")


def test_a_protocol_whose_id_is_not_its_file_name_is_refused(tmp_path: Path) -> None:
    """Once, such a protocol tallied zero cases without a word (reviews are stored under
    the id, the file is found by its name)."""
    folder = tmp_path / "protokoll"
    folder.mkdir()
    shipped = (REPO / "review_protocols" / "boendestod_sol.toml").read_text(encoding="utf-8")
    own = folder / "egen.toml"
    own.write_text(shipped.replace('id = "boendestod_sol"', 'id = "annan"', 1), encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[protocol]\ndefault = "egen"\npaths = ["{folder}"]\n', encoding="utf-8")
    database = tmp_path / "x.db"
    assert run_granska("demo", "--db", str(database), "--cases", "4").returncode == 0
    for command in (["export", "csv", "--db", str(database)], ["protocol", "check", str(own)]):
        result = run_granska("--config", str(config), *command)
        assert result.returncode == 2, result.stdout
        assert result.stderr.splitlines() == [
            f"granska: {own}: [protocol] id is 'annan' but the file is named egen.toml; a "
            "protocol file must be named after its id: rename the file to annan.toml or set "
            'id = "egen"']


def test_protocol_check_refuses_a_reversed_range(tmp_path: Path) -> None:
    shipped = (REPO / "review_protocols" / "boendestod_sol.toml").read_text(encoding="utf-8")
    assert "between = [12, 13]" in shipped
    reversed_range = tmp_path / "boendestod_sol.toml"
    reversed_range.write_text(shipped.replace("between = [12, 13]", "between = [13, 12]"),
                              encoding="utf-8")
    result = run_granska("protocol", "check", str(reversed_range))
    assert result.returncode == 2, result.stdout
    [line] = result.stderr.splitlines()
    assert line.startswith(f"granska: {reversed_range}, section ")
    assert line.endswith("when: between = [13, 12] is reversed; write the smaller number "
                         "first: between = [12, 13]")


def _subcommands(parser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every (command, subcommand, ...) path, and every positional choice (e.g. FORMAT)."""
    found = []
    for action in parser._actions:
        if action.option_strings or not action.choices:
            continue
        for name, child in (action.choices.items() if isinstance(action.choices, dict)
                            else ((c, None) for c in action.choices)):
            found.append((*prefix, name))
            if child is not None:
                found.extend(_subcommands(child, (*prefix, name)))
    return found


def test_every_subcommand_and_choice_is_in_its_commands_readme_section() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sections = {m.group(1): m.group(0) for m in re.finditer(
        r"^### `granska (\w+)[^\n]*\n.*?(?=^### |^## )", readme, re.M | re.S)}
    paths = [p for p in _subcommands(build_parser()) if len(p) > 1]
    assert ("train", "session", "create") in paths and ("users", "grant") in paths
    for path in paths:
        section = sections[path[0]]
        assert re.search(rf"\b{re.escape(path[-1])}\b", section), (
            f"README's `granska {path[0]}` section does not mention {' '.join(path)}")


def test_reviewed_demo_has_tallies_at_once(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--districts", "2", "--cases", "20",
                 "--reviewed"]) == 0
    from jobs.tallies import load_report
    from review_protocols import load_builtin
    from store import current_user, open_database
    from store.reviews import count_reviews

    database = open_database(db)
    mine = count_reviews(database, reviewer=current_user())
    done = count_reviews(database, reviewer="demo.kollega", status="complete")
    assert mine > 0 and done > 0 and abs(mine - done) <= 1
    report = load_report(database, load_builtin("boendestod_sol"),
                         ["Hägersten-Älvsjö", "Hässelby-Vällingby"])
    assert report.cases == done
    answered = report.table("dur_aktuell.district")
    assert sum(answered.row(code).counts[-1] for code in ("ja", "nej")) == done
