"""granska audit CASE_REF: who changed what in a case, when, from what to what;
granska audit verify: whether the audit log's hash chain holds."""

from __future__ import annotations

import argparse

from jobs.i18n import t
from tui.context import Context, UsageError


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "audit", parents=[parent], help="the audit log of one case; verify the whole log",
        description="Every change to a case's reviews: when, who, what (question), from "
        "what to what. Supervisors see every review of the case; others see their own. "
        "`granska audit verify` checks the log's hash chain: exit 0 with the row count and "
        "the head hash, exit 1 naming the first row where it breaks.",
    )
    parser.add_argument("case_ref", metavar="CASE_REF", nargs="?",
                        help="the case reference; or 'verify': check the log's hash chain")
    parser.add_argument("--case", metavar="CASE_REF", dest="case_option",
                        help="the case reference, for a case called 'verify'")
    parser.add_argument("--format", choices=("table", "csv"), default="table")
    parser.add_argument("--head", metavar="HASH", action="append", default=[],
                        help="with verify: a head hash written down earlier; exit 1 unless "
                        "the chain still holds it (repeatable)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    import csv
    import sys

    from jobs.access import require_role
    from jobs.audit_rows import history_lines
    from store import current_user
    from store.audit_view import case_refs

    db = ctx.open_db(create=False)
    me = current_user()
    role = require_role(db, me)
    if args.case_option is None and args.case_ref == "verify":
        return _verify(db, args.head)
    if args.case_option is not None and args.case_ref is not None:
        raise UsageError(t("cli.error.audit_once", case=args.case_ref, option=args.case_option))
    args.case_ref = args.case_option if args.case_option is not None else args.case_ref
    if args.case_ref is None:
        raise UsageError(t("cli.error.audit_what"))
    if args.head:
        raise UsageError(t("cli.error.audit_head"))
    if not case_refs(db, args.case_ref):
        raise UsageError(t("cli.error.audit_unknown", case=args.case_ref))
    described = history_lines(db, args.case_ref, reviewer=None if role == "supervisor" else me,
                              protocol_for=_protocol)
    if args.format == "csv":
        from store.cells import spreadsheet_row

        writer = csv.writer(sys.stdout, delimiter=";", lineterminator="\n")
        writer.writerow(["at", "who", "reviewer", "kind", "action", "question", "from", "to"])
        for row in described:
            writer.writerow(spreadsheet_row([row.at, row.who, row.reviewer, row.kind,
                                             row.action, row.what, row.old, row.new]))
        return 0
    if not described:
        print(f"{args.case_ref}: no changes")
    for row in described:
        print(f"{row.at}  {row.who:<10} {row.reviewer}/{row.kind:<9} {row.action:<14} "
              f"{row.what}: {row.old or '–'} → {row.new or '–'}")
    return 0


def _verify(db, heads: list[str]) -> int:
    """Exit 0 when the chain holds (and holds every --head), else 1 naming the break."""
    from jobs.audit_rows import chain_text
    from store.audit import verify_chain

    check = verify_chain(db, heads)
    print(chain_text(check))
    missing = [head for head in heads if head not in check.seen]
    for head in missing:
        print(t("audit.chain.head_missing", head=head))
    return 0 if check.intact and not missing else 1


def _protocol(protocol_id: str):
    from review_protocols import load_builtin

    try:
        return load_builtin(protocol_id)
    except Exception:  # an unknown protocol: show ids instead of labels
        return None
