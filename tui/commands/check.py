"""granska check: the data-quality rules' findings; granska check close: close one with a
comment."""

from __future__ import annotations

import argparse

from tui.context import Context

FIELDS = ("case_ref", "reviewer", "rule", "question", "message", "detail")
CLOSED_FIELDS = ("closed_by", "closed_at", "comment")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "check", parents=[parent], help="data-quality rules: list findings, close one",
        description="Runs the protocol's data-quality rules (<protocol>.rules.toml beside the "
        "protocol file) over the reviews you may see (a supervisor: all) and lists each "
        "finding: case, reviewer, rule id, question, message. Cases are named by reference "
        "only. Exit 0, or 1 with --strict when there are open findings. "
        "`granska check close CASE_REF RULE_ID --comment TEXT` closes a finding (audited); a "
        "closed finding stays closed in later checks.")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when there are open findings")
    parser.add_argument("--closed", action="store_true",
                        help="list closed findings too, with who closed them and why")
    parser.add_argument("--protocol", metavar="ID", default=None,
                        help="the protocol whose reviews to check (default: the configured)")
    parser.set_defaults(run=run)
    actions = parser.add_subparsers(dest="check_command", metavar="ACTION",
                                    parser_class=type(parser))
    close = actions.add_parser(
        "close", parents=[parent], help="close a finding with a comment",
        description="Close the open finding of RULE_ID in CASE_REF with a comment, e.g. "
        "\"verified against the file\". Audited; the reviewer of the case or a supervisor.")
    close.add_argument("case_ref", metavar="CASE_REF")
    close.add_argument("rule_id", metavar="RULE_ID")
    close.add_argument("--comment", required=True, help="why the finding is closed")
    close.add_argument("--question", metavar="QUESTION", default=None,
                       help="the question, when the rule found several in the case")
    close.add_argument("--reviewer", metavar="USER", default=None,
                       help="the reviewer, when the case has several reviews with the finding")
    close.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.access import require_role
    from review_protocols import load_builtin
    from store import current_user

    db = ctx.open_db(create=False)
    me = current_user()
    role = require_role(db, me)
    protocol = load_builtin(args.protocol or ctx.config.protocol.default)
    if args.check_command == "close":
        return _close(db, protocol, args, role, me)
    return _list(db, protocol, args, role, me, ctx.config.language)


def _close(db, protocol, args: argparse.Namespace, role: str, me: str) -> int:
    from jobs.checks import close
    from jobs.i18n import t

    finding = close(db, protocol, args.case_ref, args.rule_id, args.comment, role=role,
                    user=me, question=args.question, reviewer=args.reviewer)
    print(t("check.closed", case=finding.case_ref, rule=finding.rule_id,
            question=finding.question_id or "–"))
    return 0


def _list(db, protocol, args: argparse.Namespace, role: str, me: str, lang: str) -> int:
    import csv
    import json
    import sys

    from jobs.checks import run_checks
    from jobs.i18n import t

    listed = run_checks(db, protocol, role=role, user=me, lang=lang,
                        include_closed=args.closed)
    fields = FIELDS + (CLOSED_FIELDS if args.closed else ())
    rows = [_row(item) for item in listed]
    if args.format == "json":
        json.dump({"protocol": protocol.id, "findings": [{f: r[f] for f in fields}
                                                         for r in rows]},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        from store.cells import spreadsheet_row

        writer = csv.writer(sys.stdout)
        writer.writerow(fields)
        writer.writerows(spreadsheet_row(r[f] for f in fields) for r in rows)
    elif not rows:
        print(t("check.none"))
    else:
        widths = {f: max([len(f), *(len(r[f]) for r in rows)]) for f in fields}
        print("  ".join(f.ljust(widths[f]) for f in fields).rstrip())
        for r in rows:
            print("  ".join(r[f].ljust(widths[f]) for f in fields).rstrip())
    open_findings = sum(1 for item in listed if item.closure is None)
    return 1 if args.strict and open_findings else 0


def _row(item) -> dict[str, str]:
    finding, closure = item.finding, item.closure
    return {"case_ref": finding.case_ref, "reviewer": finding.reviewer,
            "rule": finding.rule_id, "question": finding.question_id,
            "message": finding.message, "detail": finding.detail,
            "closed_by": closure.closed_by if closure else "",
            "closed_at": closure.closed_at if closure else "",
            "comment": closure.comment if closure else ""}
