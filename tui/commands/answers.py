"""granska answers import: bulk-load answers scored elsewhere."""

from __future__ import annotations

import argparse

from tui.context import Context


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("answers", help="answers scored elsewhere: import",
                            description="Answers scored elsewhere (e.g. in a spreadsheet).")
    actions = parser.add_subparsers(dest="answers_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    load = actions.add_parser(
        "import", parents=[parent], help="import answers in long format (CSV or XLSX)",
        description="Import answers in long format: columns case_ref (provider_ref or "
        "leverantör for a provider follow-up), question_id, value, "
        "optionally reviewer and note. Every row is checked against the protocol and the "
        "sample; any problem and nothing is imported. A row goes to its reviewer's own review of "
        "the case (primary, second or training); imported reviews are marked complete.")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--reviewer", metavar="USER",
                      help="reviewer for rows without one (default: you)")
    load.add_argument("--clear-blank", action="store_true",
                      help="a blank value clears the stored answer (refused without this)")
    load.add_argument("--protocol", metavar="ID",
                      help="the protocol the answers are for (default: the configured one, or "
                      "avtalsuppfoljning when the file names provider_ref or leverantör)")
    load.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.answers import import_answer_file
    from jobs.i18n import t
    from review_protocols import load_builtin
    from store import current_user
    from tui.progress import progress_bar

    db = ctx.open_db(create=False)
    protocol = load_builtin(args.protocol or ctx.config.protocol.default)
    with progress_bar(t("progress.answers_import")) as on_progress:
        done = import_answer_file(db, protocol, args.file, args.reviewer or current_user(),
                                  clear_blank=args.clear_blank, detect=not args.protocol,
                                  on_progress=on_progress)
    cleared = t("answers.cli.cleared", count=done.cleared) if args.clear_blank else ""
    print(t("answers.cli.imported", file=args.file, rows=done.rows, answers=done.answers,
            cleared=cleared, reviews=done.reviews))
    return 0
