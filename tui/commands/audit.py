"""granska audit CASE_REF: who changed what in a case, when, from what to what."""

from __future__ import annotations

import argparse

from tui.context import Context, UsageError


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "audit", parents=[parent], help="the audit log of one case",
        description="Every change to a case's reviews: when, who, what (question), from "
        "what to what. Supervisors see every review of the case; others see their own.",
    )
    parser.add_argument("case_ref", metavar="CASE_REF", help="the case reference")
    parser.add_argument("--format", choices=("table", "csv"), default="table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    import csv
    import sys

    from jobs.access import require_role
    from jobs.audit_rows import describe
    from store import current_user
    from store.audit_view import case_history, case_refs

    db = ctx.open_db(create=False)
    me = current_user()
    role = require_role(db, ctx.config, me)
    if not case_refs(db, args.case_ref):
        raise UsageError(f"no case is called '{args.case_ref}'; see granska sample for the refs")
    rows = case_history(db, args.case_ref, reviewer=None if role == "supervisor" else me)
    described = [describe(row, lambda pid: _protocol(pid)) for row in rows]
    if args.format == "csv":
        writer = csv.writer(sys.stdout, delimiter=";", lineterminator="\n")
        writer.writerow(["at", "who", "reviewer", "kind", "action", "question", "from", "to"])
        for row in described:
            writer.writerow([row.at, row.who, row.reviewer, row.kind, row.action, row.what,
                             row.old, row.new])
        return 0
    if not described:
        print(f"{args.case_ref}: no changes")
    for row in described:
        print(f"{row.at}  {row.who:<10} {row.reviewer}/{row.kind:<9} {row.action:<14} "
              f"{row.what}: {row.old or '–'} → {row.new or '–'}")
    return 0


def _protocol(protocol_id: str):
    from review_protocols import load_builtin

    try:
        return load_builtin(protocol_id)
    except Exception:  # an unknown protocol: show ids instead of labels
        return None
