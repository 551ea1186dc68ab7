"""granska frame import: load a district's list of decisions (population frame)."""

from __future__ import annotations

import argparse
import sys

from tui.context import EXIT_INPUT, Context


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
    listing = actions.add_parser(
        "list", parents=[parent], help="list the imported frames",
        description="The imported frames: name (name#2 ... for later versions), kind, rows, "
        "when and by whom, source file and the start of its sha256. The latest version of "
        "each real frame is what `granska draw` uses by default (marked *).")
    listing.set_defaults(run=run_list)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.i18n import t
    from jobs.sampling import import_frame
    from samples.frames import FrameRejected
    from tui.progress import progress_bar

    db = ctx.open_db(create=True)
    try:
        with progress_bar(t("progress.frame_import")) as on_progress:
            result = import_frame(db, args.file, ctx.config, name=args.name,
                                  skip_invalid=args.skip_invalid, on_progress=on_progress)
    except FrameRejected as rejected:
        sys.stderr.write("\n".join(rejected.lines()) + "\n")
        return EXIT_INPUT
    if result.unchanged:
        print(t("frame.cli.unchanged", file=args.file, name=result.name, rows=result.rows))
        return 0
    print(t("frame.cli.imported", file=args.file, name=result.name, rows=result.rows))
    if result.rejected:
        print(t("frame.cli.rejected", rows=result.rejected, file=result.rejected_file))
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from store.frames import frames, latest_frames

    db = ctx.open_db(create=False)
    stored = frames(db)
    if not stored:
        print("no frames yet; import one with: granska frame import FILE")
        return 0
    latest = {f["id"] for f in latest_frames(db, "real")}
    print("  name                  kind      rows  imported          by        source  sha256")
    for f in stored:
        mark = "*" if f["id"] in latest else " "
        print(f"{mark} {f['name']:<20}  {f['kind']:<8}  {f['row_count']:>6}  "
              f"{f['imported_at'][:16].replace('T', ' ')}  {f['imported_by']:<8}  "
              f"{f['source']}  {f['sha256'][:12]}")
    return 0
