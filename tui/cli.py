"""The ``granska`` command line: the TUI by default, and one subcommand per job.

Each subcommand lives in ``tui/commands/<name>.py`` with ``register(sub)``
and ``run(args, ctx)``; heavy imports stay inside ``run`` so that ``--help``
and start-up stay fast. Errors a user can fix (bad files, bad config, a busy
database) end as one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tui.context import EXIT_INPUT, EXIT_OK, Context

# Order as in the CLI contract; each is a module in tui.commands.
COMMAND_MODULES = ("demo", "frame", "draw", "sample", "answers", "export", "train",
                   "users", "assign", "double", "review", "audit", "check", "search", "protocol",
                   "server", "providers", "select", "measure", "letter", "round")



class _Parser(argparse.ArgumentParser):
    """argparse that reports a misuse in one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        message = message.replace("\r", "\\r").replace("\n", "\\n")  # one line, always
        sys.stderr.write(f"{self.prog}: {message} (see {self.prog} --help)\n")
        raise SystemExit(EXIT_INPUT)


def common_options() -> argparse.ArgumentParser:
    """--config and --db, accepted before or after the subcommand."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                        help="settings file (default: ./config.toml, then ~/.config/granska)")
    parent.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="database file (default: [database] path in the config)")
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="granska",
        description="Granska: quality review of social-services case files (aktgranskning). "
        "Without a command, opens the review application.",
    )
    parser.add_argument("--config", metavar="PATH", default=None,
                        help="settings file (default: ./config.toml, then ~/.config/granska)")
    parser.add_argument("--db", metavar="PATH", default=None,
                        help="database file (default: [database] path in the config)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    parent = common_options()
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"tui.commands.{name}")
        module.register(sub, parent)
    return parser


class _NotPlain(Exception):
    """The command line is more than ``granska [--config PATH] [--db PATH]``."""


class _PlainParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotPlain(message)


def _plain_args(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The global options of plain ``granska`` (the TUI), or None for anything else.

    Building every subcommand's parser imports every command module; the TUI needs
    none of them, so start-up parses the two global options alone and leaves
    everything else (a command, ``--help``, a misuse) to the full parser.
    """
    parser = _PlainParser(prog="granska", add_help=False)
    parser.add_argument("--config", default=None)
    parser.add_argument("--db", default=None)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotPlain:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _plain_args(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        return _report(error)


def _dispatch(args: argparse.Namespace) -> int:
    from jobs.config import discover

    ctx = Context(discover(args.config), Path(args.db).expanduser() if args.db else None,
                  db_given=bool(args.db))
    from jobs.i18n import set_language
    from review_protocols.search_paths import configure_search_paths

    set_language(ctx.config.language)  # every message from here on in the user's language

    configure_search_paths(ctx.config.protocol.paths)
    if args.command is None:
        from tui.launch import launch

        return launch(ctx)
    from tui.guard import guard_command

    guard_command(args, ctx)  # no role, no case data: one line, exit 2
    # A first import that fails (by an error, or by refusing the file's rows) leaves no
    # database behind; nor does one whose database cannot be written (a full disk).
    try:
        code = args.run(args, ctx)
    except BaseException as error:
        ctx.discard_created()
        import sqlite3

        # The disk or the file failing outside a transaction() (a read on a full disk):
        # one line too. A constraint or misuse error stays what it is, a fault of ours.
        if isinstance(error, sqlite3.OperationalError) or type(error) is sqlite3.DatabaseError:
            from store.errors import explain

            raise explain(error, str(ctx.db_path)) from None
        raise
    if code != EXIT_OK:
        ctx.discard_created()
    return code


def _report(error: Exception) -> int:
    from store.errors import StoreError

    if isinstance(error, (ValueError, StoreError, OSError)):
        message = str(error)
        if isinstance(error, OSError) and error.filename:
            message = f"{error.filename}: {error.strerror}"
        # One line, whatever is in it (a file name may hold a newline); only a file's list
        # of problems (one "file: line N: ..." each, then the total) has several.
        if not getattr(error, "problems", None):
            message = message.replace("\r", "\\r").replace("\n", "\\n")
        from samples.personnummer import mask

        sys.stderr.write(f"granska: {mask(message)}\n")  # messages name columns, not cells
        return EXIT_INPUT
    log = _crash_log()
    sys.stderr.write(
        f"granska: internal error ({type(error).__name__}: {error}); details in {log}\n"
    )
    return 1


def _crash_log() -> Path:
    import os

    from platformdirs import user_state_dir

    folder = Path(user_state_dir("granska"))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / "crash.log"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(traceback.format_exc())
    return path
