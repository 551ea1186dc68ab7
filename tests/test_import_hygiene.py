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
