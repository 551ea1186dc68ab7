"""granska frame import: load a district's list of decisions (population frame)."""

from __future__ import annotations

import argparse
import sys

from tui.cli import EXIT_INPUT, Context


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("frame", help="population frames: import a list of decisions",
                            description="Population frames (the districts' lists of decisions).")
    actions = parser.add_subparsers(dest="frame_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    load = actions.add_parser(
        "import", parents=[parent], help="import a CSV or XLSX frame",
        description="Import a population frame from CSV (comma, semicolon or tab; UTF-8 or "
        "Windows-1252) or XLSX. Columns by Swedish or English header: ärende/case_ref, "
        "personnummer, namn/name, kön/gender, stadsdel/district, insats, "
        "beslutsdatum/decision_date. A file with problems is refused whole.")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--name", help="a name for the frame (default: the file name); "
                      "importing again under the same name makes a new version")
    load.add_argument("--skip-invalid", action="store_true",
                      help="import the good rows; write the rejected ones beside the file")
    load.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from samples.frames import FrameRejected
    from samples.workflow import import_frame

    db = ctx.open_db()
    try:
        result = import_frame(db, args.file, ctx.config, name=args.name,
                              skip_invalid=args.skip_invalid)
    except FrameRejected as rejected:
        sys.stderr.write("\n".join(rejected.lines()) + "\n")
        return EXIT_INPUT
    if result.unchanged:
        print(f"{args.file}: already imported as frame '{result.name}' ({result.rows} rows, "
              "same sha256); nothing to do")
        return 0
    print(f"{args.file}: imported {result.rows} rows as frame '{result.name}'")
    if result.rejected:
        print(f"{result.rejected} rows were rejected and left out; they are in "
              f"{result.rejected_file} with the reason for each")
    return 0
