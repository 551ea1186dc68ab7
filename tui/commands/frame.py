"""granska frame import: load a district's list of decisions (population frame)."""

from __future__ import annotations

import argparse

from tui.cli import Context, not_built


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("frame", help="population frames: import a list of decisions",
                            description="Population frames (the districts' lists of decisions).")
    actions = parser.add_subparsers(dest="frame_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    load = actions.add_parser("import", parents=[parent], help="import a CSV or XLSX frame")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--name", help="a name for the frame (default: the file name)")
    load.add_argument("--skip-invalid", action="store_true",
                      help="import the good rows; write the rejected ones beside the file")
    load.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    return not_built("frame import", "issue 2 of 7, sampling")
