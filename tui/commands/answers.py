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
        description="Import answers in long format: columns case_ref, question_id, value, "
        "optionally reviewer and note. Every row is checked against the protocol and the "
        "sample; any problem and nothing is imported. Imported reviews are marked complete.")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--reviewer", metavar="USER",
                      help="reviewer for rows without one (default: you)")
    load.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from review_protocols import load_builtin
    from samples.tabular import read_table
    from store import current_user
    from store.reports import ImportedAnswer, import_answers, sample_cases, stored_answers
    from tallies.answers_import import check_answers

    table = read_table(args.file)
    db = ctx.open_db(create=False)
    protocol = load_builtin(ctx.config.protocol.default)
    cases = sample_cases(db)
    checked = check_answers(
        protocol, str(args.file), table.headers, table.rows, cases,
        lambda ref, reviewer: stored_answers(db, cases[ref]["population_id"], reviewer,
                                             protocol.id),
        args.reviewer or current_user(),
    )
    result = import_answers(
        db,
        (ImportedAnswer(cases[c.case_ref]["population_id"], cases[c.case_ref]["sample_id"],
                        c.reviewer, c.question_id, c.value, c.note) for c in checked),
        protocol_id=protocol.id, protocol_version=protocol.version, source=str(args.file),
    )
    print(f"{args.file}: {len(checked)} rows checked; {result['answers']} answers stored in "
          f"{result['reviews']} reviews (marked complete)")
    return 0
