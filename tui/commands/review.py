"""granska review: a supervisor approves complete reviews or returns them with a reason."""

from __future__ import annotations

import argparse

from jobs.i18n import t
from tui.context import Context, UsageError

REQUIRED_ROLES = ("supervisor",)


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    from store.review_states import STATUSES

    parser = sub.add_parser(
        "review", parents=[parent], help="approve or return complete reviews (supervisors)",
        description="Supervisors only. `approve CASE_REF ...` (or `--all-complete`) approves "
        "complete reviews; `return CASE_REF --reason TEXT` sends one back to its reviewer "
        "with the reason; `list [--status S]` shows the reviews that count and their state. "
        "A provider follow-up is named by its provider reference in place of CASE_REF. "
        "Every change is audited; a bad reference changes nothing.")
    actions = parser.add_subparsers(dest="review_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    approve = actions.add_parser("approve", parents=[parent], help="approve complete reviews",
                                 description="Approve the complete reviews of these cases "
                                 "or provider follow-ups, all or (on any bad reference) none.")
    approve.add_argument("case_refs", nargs="*", metavar="CASE_REF")
    approve.add_argument("--all-complete", action="store_true",
                         help="approve every complete review, cases and follow-ups")
    back = actions.add_parser("return", parents=[parent], help="send a review back",
                              description="Send a case's or provider follow-up's complete "
                              "(or approved) review back "
                              "to its reviewer; it stops counting until it is complete again "
                              "and approved.")
    back.add_argument("case_ref", metavar="CASE_REF")
    back.add_argument("--reason", required=True, help="what the reviewer is to fix")
    listing = actions.add_parser("list", parents=[parent], help="reviews and their states",
                                 description="The reviews that count towards the tallies: "
                                 "case (or provider), district (or contract area), reviewer, "
                                 "state and any return reason, returned first.")
    listing.add_argument("--status", choices=STATUSES, default=None, metavar="S",
                         help=f"only this state: {', '.join(STATUSES)}")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from store import current_user

    db = ctx.open_db(create=False)
    me = current_user()
    if args.review_command == "list":
        from store.review_states import state_rows

        for row in state_rows(db, status=args.status):
            print("\t".join([row["case_ref"] or "–", row["district"] or "", row["reviewer"],
                             row["status"], row["status_reason"] or ""]).rstrip("\t"))
        return 0
    if args.review_command == "return":
        from jobs.reviewing import return_case

        row = return_case(db, args.case_ref, args.reason, who=me)
        print(t("review_state.cli.returned", case=args.case_ref, reviewer=row["reviewer"]))
        return 0
    from jobs.reviewing import approve_cases

    if args.all_complete == bool(args.case_refs):
        raise UsageError(t("cli.error.review_approve"))
    approved, already = approve_cases(db, args.case_refs, all_complete=args.all_complete,
                                      who=me)
    for row in already:
        print(t("review_state.cli.already", case=row["case_ref"]))
    print(t("review_state.cli.approved", count=len(approved)))
    return 0
