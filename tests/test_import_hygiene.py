"""What start-up and --help import at run time. (That the core imports no face, textual
included and TYPE_CHECKING too, is import-linter's contract: tests/test_architecture.py.)"""

import subprocess
import sys


def test_cli_help_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from tui.cli import build_parser\n"
        "build_parser()\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_plain_granska_builds_no_command_parsers(tmp_path) -> None:
    """Start-up: the TUI reads its two options without importing every command module."""
    code = (
        "import sys\n"
        "import tui.launch\n"
        "seen = {}\n"
        "tui.launch.launch = lambda ctx: seen.setdefault('db', ctx.db_path) and 0\n"
        "from tui.cli import main\n"
        f"code = main(['--db', {str(tmp_path / 'x.db')!r}])\n"
        "print(code, seen['db'], sorted(m for m in sys.modules if m.startswith('tui.commands.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == f"0 {tmp_path / 'x.db'} []"


def test_plain_granska_misuse_still_gets_the_full_parser_message() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "--bogus"], capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("granska: unrecognized arguments: --bogus")


def test_the_first_screen_imports_only_what_it_shows(tmp_path) -> None:
    """Start-up does less work by importing less: with the first page of cases on screen
    (and no config file to read), nothing for tallies, exports, sampling or TOML is loaded."""
    db_path = tmp_path / "cases.db"
    code = (
        "import asyncio, sys\n"
        "from jobs.config import Config\n"
        "from jobs.demo import create_demo\n"
        "from store import open_database\n"
        f"create_demo(open_database({str(db_path)!r}), Config(), seed=1, districts=1, cases=8)\n"
        "for name in [m for m in sys.modules if m.split('.')[0] in"
        " ('jobs', 'samples', 'tallies', 'faker', 'tomllib', 'sqlite_utils', 'openpyxl')]:\n"
        "    del sys.modules[name]\n"  # what making the demo loaded; the app starts afresh
        "from jobs.config import Config\n"
        "from store import open_database\n"
        "from tui.app import GranskaApp\n"
        "from tui.screens.case_list import CaseTable\n"
        "async def first_screen():\n"
        f"    app = GranskaApp(Config(), open_database({str(db_path)!r}, create=False))\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        while not (app.screen.query(CaseTable)"
        " and app.screen.query_one(CaseTable).row_count):\n"
        "            await pilot.pause()\n"
        "asyncio.run(first_screen())\n"
        "heavy = ('tallies', 'samples', 'jobs.sampling', 'jobs.tallies', 'faker', 'tomllib',\n"
        "         'openpyxl', 'docx', 'matplotlib', 'scipy', 'python_calamine', 'sqlite_utils')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=tmp_path)
    assert result.stdout.strip().splitlines()[-1] == "[]"
