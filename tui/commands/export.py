"""granska export: tallies as CSV, XLSX, Markdown, JSON, equal treatment, or the raw answers."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from jobs.i18n import t
from tallies.formats import EQUALITY_FORMATS, FORMATS
from tui.context import Context, UsageError


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("export", parents=[parent], help="export tallies",
                            description="Tallies per district and gender (csv, xlsx, md, "
                            "json), the report document (docx), the equal-treatment "
                            "figures (equality: shares, intervals, tests), or the raw answers "
                            "in long format (answers). Case references only, unless "
                            "--with-identities.")
    parser.add_argument("format", choices=FORMATS, metavar="FORMAT",
                        help=" | ".join(FORMATS))
    parser.add_argument("--out", metavar="PATH",
                        help="output file, created readable by you only (default: standard "
                        "output; xlsx and docx need --out)")
    parser.add_argument("--format", dest="equality_format", choices=EQUALITY_FORMATS,
                        default=None, help="equality only: json (default), csv or md")
    parser.add_argument("--publish", action="store_true",
                        help="a report that leaves the team: on sensitive questions, counts "
                        "below [export] min_cell show as <min_cell and the cells they could be "
                        "worked out from are hidden (x)")
    parser.add_argument("--with-identities", action="store_true",
                        help="answers only: add personnummer and name (recorded in the audit "
                        "log)")
    parser.add_argument("--protocol", metavar="ID", help="the protocol to tally (default: the "
                        "configured one); avtalsuppfoljning gives the provider follow-up tables")
    parser.add_argument("--quotes", action="store_true",
                        help="md and docx only: list the evidence behind the answers "
                        "(document, date, quote) per question and answer, with case references "
                        "only")
    parser.add_argument("--rounds", metavar="A,B", default=None,
                        help="csv, md, docx, equality: two review rounds (names or ids) side "
                        "by side per district and question, with the change and whether it "
                        "is beyond chance")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.format in ("xlsx", "docx") and not args.out:
        raise UsageError(t("cli.error.export_out", format=args.format))
    if args.publish and args.with_identities:
        raise UsageError(t("cli.error.export_publish"))
    if args.with_identities and args.format != "answers":
        raise UsageError(t("cli.error.export_identities"))
    if args.equality_format and args.format != "equality":
        raise UsageError(t("cli.error.export_format"))
    if args.quotes and args.format not in ("md", "docx"):
        raise UsageError(t("cli.error.export_quotes"))
    if args.rounds is not None and (args.format not in ("csv", "md", "docx", "equality")
                                    or args.quotes or args.protocol):
        raise UsageError(t("cli.error.export_rounds"))
    db = ctx.open_db(create=False)
    from jobs.providers import follow_up_export, is_plan_kind
    from jobs.tallies import produce
    from tui.progress import progress_bar

    if args.rounds is not None:
        from jobs.rounds import produce as rounds_side_by_side

        data = rounds_side_by_side(db, ctx.config, args.format, args.rounds,
                                   publish=args.publish,
                                   equality_format=args.equality_format or "json")
    elif args.protocol and is_plan_kind(args.protocol):
        data = follow_up_export(db, args.protocol, args.format, ctx.config.tallies.counted)
    else:
        config = ctx.config if not args.protocol else replace(
            ctx.config, protocol=replace(ctx.config.protocol, default=args.protocol))
        with progress_bar(t("progress.export")) as on_progress:
            data = produce(db, config, args.format, with_identities=args.with_identities,
                           quotes=args.quotes, publish=args.publish, on_progress=on_progress,
                           equality_format=args.equality_format or "json")
    if args.publish and args.format == "answers":
        sys.stderr.write("granska export answers: --publish leaves the raw answers as they "
                         "are (one line per answer, no totals to protect)\n")

    def record() -> None:
        """The audit row of identities leaving the database: only for an export that
        happened (a failed one records nothing)."""
        if args.with_identities:
            from store.reports import record_export

            record_export(db, f"answers with personnummer and name -> {args.out or 'stdout'}")

    if args.out:
        from store.files import write_private

        # The row is written once the file is on disk, before it takes its name: a
        # failure on either side leaves neither.
        path = write_private(args.out, data, before_replace=record)
        sys.stderr.write(f"granska export {args.format}: wrote {path}\n")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        record()
    return 0

