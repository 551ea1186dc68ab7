"""granska select: the follow-up plan of a provider review (which providers, and why)."""

from __future__ import annotations

import argparse

from jobs.i18n import t
from tui.context import Context, UsageError

REQUIRED_ROLES = ("supervisor",)


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "select", parents=[parent], help="select the providers to follow up (a plan)",
        description="Build a follow-up plan from the latest provider register. The options "
        "combine (union) and each provider records every reason: --all (hela_omradet), "
        "--top-value N per contract area (inkopsvarde), --flagged: complaints (klagomal) or "
        "deviations (notiser_avvikelser), --random N per contract area drawn with --seed S "
        "(slumpvis; the same register and seed always give the same providers).")
    parser.add_argument("--protocol", required=True, metavar="ID",
                        help="the kind of review the plan is for (avtalsuppfoljning)")
    parser.add_argument("--area", action="extend", nargs="+", default=[], metavar="AREA",
                        help="only these contract areas (repeatable; default: every area)")
    parser.add_argument("--all", action="store_true", dest="all_providers",
                        help="every provider of the areas")
    parser.add_argument("--top-value", type=int, metavar="N",
                        help="the N with the highest purchase value, per area")
    parser.add_argument("--flagged", action="store_true",
                        help="those with complaints or deviations")
    parser.add_argument("--random", type=int, metavar="N", help="N drawn per area (seeded)")
    parser.add_argument("--seed", type=int, metavar="S", help="seed of --random")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.providers import select_plan
    from samples.provider_selection import Rule

    try:
        rule = Rule(areas=tuple(dict.fromkeys(args.area)), all_providers=args.all_providers,
                    top_value=args.top_value, flagged=args.flagged, random=args.random,
                    seed=args.seed)
    except ValueError as error:
        raise UsageError(str(error)) from None
    planned = select_plan(ctx.open_db(create=False), args.protocol, rule)
    print(f"plan {planned.plan_id} ({args.protocol}): {len(planned.chosen)} providers"
          f"{f', seed {rule.seed}' if rule.seed is not None else ''}")
    for area, (taken, of) in planned.per_area.items():
        print(f"  {area}: {taken} of {of}")
    print(f"see: granska sample --protocol {args.protocol}")
    return 0


def list_plan(args: argparse.Namespace, ctx: Context) -> int:
    """``granska sample --protocol avtalsuppfoljning``: the latest plan's providers."""
    import csv
    import json
    import sys

    from jobs.providers import PLAN_FIELDS, plan_rows

    found, rows = plan_rows(ctx.open_db(create=False), args.protocol)
    if args.format == "json":
        json.dump({"plan": found["id"], "seed": found["seed"],
                   "register_sha256": found["register_sha256"],
                   "spec": json.loads(found["spec"]), "follow_ups": rows},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(PLAN_FIELDS)
        writer.writerows([r[f] for f in PLAN_FIELDS] for r in rows)
        return 0
    widths = {f: max([len(f), *(len(str(r[f])) for r in rows)]) for f in PLAN_FIELDS}
    print("  ".join(f.ljust(widths[f]) for f in PLAN_FIELDS).rstrip())
    for r in rows:
        print("  ".join(str(r[f]).ljust(widths[f]) for f in PLAN_FIELDS).rstrip())
    return 0


def assign_plan(args: argparse.Namespace, ctx: Context) -> int:
    """``granska assign --protocol avtalsuppfoljning``: share the plan as cases are shared,
    evenly by load and contract area."""
    from jobs.providers import assign_balanced, assign_one, assignments
    from store import current_user
    from store.users import usernames

    db = ctx.open_db(create=False)
    if args.second:
        raise UsageError(t("cli.error.select_second"))
    if args.balanced:
        if args.case_ref:
            raise UsageError(t("cli.error.assign_either_provider"))
        shared = assign_balanced(db, args.protocol, args.to or usernames(db, "inspector"),
                                 who=current_user())
        print(f"{len(shared)} follow-ups assigned to {len(set(shared.values()))} inspectors")
        return 0
    if args.case_ref:
        if not args.user:
            raise UsageError(t("cli.error.assign_user_provider", provider=args.case_ref,
                               protocol=args.protocol))
        assign_one(db, args.protocol, args.case_ref, args.user, who=current_user())
        print(f"{args.case_ref}: follow-up given to {args.user}")
        return 0
    for f in assignments(db, args.protocol):
        print(f"{f['provider_ref']}\t{f['contract_area']}\t{f['reviewer'] or '–'}")
    return 0
