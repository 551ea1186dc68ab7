"""granska answers import: bulk-load answers scored elsewhere."""

from __future__ import annotations

import argparse

from tui.cli import Context, not_built


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("answers", help="answers scored elsewhere: import",
                            description="Answers scored elsewhere (e.g. in a spreadsheet).")
    actions = parser.add_subparsers(dest="answers_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    load = actions.add_parser("import", parents=[parent],
                              help="import answers in long format (CSV or XLSX)")
    load.add_argument("file", metavar="FILE")
    load.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    return not_built("answers import", "issue 4 of 7, tallies")
