"""granska sample: list the drawn sample, or replace a case found ineligible."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from jobs.i18n import t
from tui.context import Context

FIELDS = ("case_ref", "district", "gender", "role", "rank", "status", "reason")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "sample", parents=[parent], help="show the drawn sample, replace a case",
        description="The drawn sample: case_ref, district, gender, role (selected, reserve, "
        "excluded, replacement), status. `granska sample replace CASE_REF --reason TEXT` "
        "excludes a case and brings in the next reserve of its stratum.")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("--protocol", metavar="ID", help="avtalsuppfoljning: list the latest "
                        "follow-up plan instead (granska select)")
    parser.add_argument("--sample", type=int, metavar="ID",
                        help="which sample (default: the latest)")
    actions = parser.add_subparsers(dest="sample_command", metavar="ACTION",
                                    parser_class=type(parser))
    replace = actions.add_parser(
        "replace", parents=[parent], help="exclude a sampled case and bring in a reserve",
        description="Mark a sampled case ineligible with a reason (e.g. wrong insats, decision "
        "outside the period); the next reserve of the same stratum takes its place and is "
        "given to the same reviewer. Audited.")
    replace.add_argument("case_ref", metavar="CASE_REF")
    replace.add_argument("--reason", required=True, help="why the case is not eligible")
    replace.add_argument("--sample", type=int, metavar="ID", dest="replace_sample",
                         help="which sample (default: the latest)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.providers import is_plan_kind
    from tui.commands.select import list_plan

    if args.protocol and is_plan_kind(args.protocol) and args.sample_command is None:
        return list_plan(args, ctx)
    from store.samples import latest_sample_id, members

    db = ctx.open_db(create=False)
    sample_id = getattr(args, "replace_sample", None) or args.sample or latest_sample_id(db)
    if sample_id is None:
        raise ValueError(t("cli.error.sample_none", db=ctx.db_path))
    from store.samples import sample

    if sample(db, sample_id) is None:
        raise ValueError(t("cli.error.sample_unknown", sample=sample_id, db=ctx.db_path))
    if args.sample_command == "replace":
        return _replace(db, sample_id, args.case_ref, args.reason)
    rows = [_row(m) for m in members(db, sample_id)]
    if args.format == "json":
        json.dump({"sample": sample_id, "members": rows}, sys.stdout, ensure_ascii=False,
                  indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        from store.cells import spreadsheet_row

        writer = csv.writer(sys.stdout)
        writer.writerow(FIELDS)
        writer.writerows(spreadsheet_row(r[f] for f in FIELDS) for r in rows)
    else:
        widths = {f: max([len(f), *(len(str(r[f] or "")) for r in rows)]) for f in FIELDS}
        print("  ".join(f.ljust(widths[f]) for f in FIELDS).rstrip())
        for r in rows:
            print("  ".join(str(r[f] or "").ljust(widths[f]) for f in FIELDS).rstrip())
    return 0


def _row(member: dict) -> dict:
    status = member["review_status"] or ("unassigned" if member["role"] in
                                         ("selected", "replacement") else "")
    return {"case_ref": member["case_ref"], "district": member["district"],
            "gender": member["gender"], "role": member["role"], "rank": member["rank"],
            "status": status, "reason": member["reason"] or ""}


def _replace(db, sample_id: int, case_ref: str, reason: str) -> int:
    from jobs.sampling import replace_case

    done = replace_case(db, sample_id, case_ref, reason)
    if done.replacement is None:
        print(f"{case_ref} excluded ({reason}); no reserve left in "
              f"{done.excluded['district']} / {done.excluded['gender']}: the stratum is one short")
        return 0
    given = f", given to {', '.join(done.reviewers)}" if done.reviewers else ""
    print(f"{case_ref} excluded ({reason}); replaced by {done.replacement['case_ref']} "
          f"({done.replacement['district']}, {done.replacement['gender']}, reserve rank "
          f"{done.replacement['rank']}){given}")
    return 0
