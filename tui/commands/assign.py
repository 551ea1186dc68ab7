"""granska assign: give sampled cases to inspectors, by hand or balanced."""

from __future__ import annotations

import argparse

from jobs.i18n import t
from tui.context import Context, UsageError

REQUIRED_ROLES = ("supervisor",)


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "assign", parents=[parent], help="assign sampled cases to inspectors (supervisors)",
        description="Without arguments: the sampled cases and who has them. "
        "`--balanced` shares every unassigned case among the inspectors (all with the "
        "inspector role, or those given with --to), evenly by load, district and gender. "
        "`CASE_REF USER` gives one case to one user. `--second` makes it the blind second "
        "review of a double review (the case must have another primary reviewer).",
    )
    parser.add_argument("case_ref", nargs="?", metavar="CASE_REF")
    parser.add_argument("user", nargs="?", metavar="USER")
    parser.add_argument("--balanced", action="store_true", help="share all unassigned cases")
    parser.add_argument("--to", nargs="+", metavar="USER", default=None,
                        help="with --balanced: only these inspectors")
    parser.add_argument("--second", action="store_true", help="assign the second review")
    parser.add_argument("--sample", type=int, default=None, metavar="ID",
                        help="sample id (default: the latest)")
    parser.add_argument("--protocol", metavar="ID", help="avtalsuppfoljning: share the latest "
                        "follow-up plan (CASE_REF is then a provider reference)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.assigning import assign_balanced
    from jobs.providers import is_plan_kind
    from review_protocols import load_builtin
    from store import current_user
    from store.assignments import assign, case_by_ref, sampled_cases
    from store.samples import latest_sample_id, samples
    from store.users import usernames
    from tui.commands.select import assign_plan

    if args.protocol and is_plan_kind(args.protocol):
        return assign_plan(args, ctx)
    db = ctx.open_db(create=False)
    me = current_user()
    sample_id = args.sample or latest_sample_id(db)
    if sample_id is None or not any(s["id"] == sample_id for s in samples(db)):
        raise UsageError(t("cli.error.no_sample"))
    protocol_id = next(s["protocol_id"] for s in samples(db) if s["id"] == sample_id)
    version = load_builtin(protocol_id).version
    kind = "second" if args.second else "primary"
    if args.balanced:
        if args.case_ref:
            raise UsageError(t("cli.error.assign_either"))
        people = args.to or usernames(db, "inspector")
        plan = assign_balanced(db, sample_id, people, protocol_version=version, kind=kind,
                               who=me)
        print(t("assign.cli.balanced", cases=len(plan), inspectors=len(set(plan.values()))))
        return 0
    if args.case_ref:
        if not args.user:
            raise UsageError(t("cli.error.assign_user", case=args.case_ref))
        population_id = case_by_ref(db, sample_id, args.case_ref)
        assign(db, sample_id, [(population_id, args.user)], protocol_version=version,
               kind=kind, who=me)
        print(t(f"assign.cli.given_{kind}", case=args.case_ref, user=args.user))
        return 0
    for c in sampled_cases(db, sample_id):
        print(f"{c['case_ref']}\t{c['district']}\t{c['gender']}\t"
              f"{c['primary_reviewer'] or '–'}\t{c['second_reviewer'] or ''}")
    return 0

