"""granska measure: the measures ladder of a provider (komplettering ... hävning)."""

from __future__ import annotations

import argparse
import datetime as dt

from tui.context import Context

REQUIRED_ROLES = ("supervisor",)
LIST_FIELDS = ("provider_ref", "kind", "sent_date", "due_date", "state", "decided_by", "dnr",
               "reason")


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as 2024-03-31") from None


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    kinds = ("KIND: komplettering, rattelse, vite, havning, uteslutning, aterinsatt or "
             "uppsagning")
    parser = sub.add_parser(
        "measure", help="measures on a provider's ladder (supervisors)",
        description="The escalation ladder: komplettering, rattelse, vite, havning, temporary "
        "exclusion from call-offs (uteslutning / aterinsatt) and uppsagning. Only the "
        "transitions of the ladder are allowed; every step is audited with its "
        "decision-maker.")
    actions = parser.add_subparsers(dest="measure_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    add = actions.add_parser("add", parents=[parent], help="record a step")
    add.add_argument("provider_ref", metavar="PROVIDER_REF")
    add.add_argument("kind", metavar="KIND", help=kinds)
    add.add_argument("--due", type=_date, metavar="DATE",
                     help="due date (ISO; default: the sent date plus [measures] <kind>_days "
                     "for komplettering, rattelse and vite)")
    add.add_argument("--sent", type=_date, metavar="DATE",
                     help="the day the provider was told (default: today)")
    add.add_argument("--reason", required=True, metavar="TEXT")
    add.add_argument("--decided-by", metavar="NAME",
                     help="who decided it (default: you), e.g. socialnämnden")
    add.add_argument("--dnr", metavar="DNR", help="the decision's diary number")
    add.set_defaults(run=run_add)
    close = actions.add_parser("done", parents=[parent], help="close a step")
    close.add_argument("provider_ref", metavar="PROVIDER_REF")
    close.add_argument("kind", metavar="KIND", help=kinds)
    close.add_argument("--date", type=_date, required=True, metavar="DATE")
    close.set_defaults(run=run_done)
    listing = actions.add_parser("list", parents=[parent], help="list the steps")
    listing.add_argument("--overdue", action="store_true", help="only open steps past due")
    listing.set_defaults(run=run_list)


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.providers import add_measure
    from store import current_user
    from store.providers import measures

    db = ctx.open_db(create=False)
    measure_id = add_measure(db, args.provider_ref, args.kind, reason=args.reason,
                             due=args.due, sent=args.sent,
                             deadline_days=ctx.config.measures.deadline_days(args.kind),
                             decided_by=args.decided_by or current_user(), dnr=args.dnr)
    due = next(m["due_date"] for m in measures(db, args.provider_ref) if m["id"] == measure_id)
    print(f"{args.provider_ref}: {args.kind} recorded{f', due {due}' if due else ''}")
    return 0


def run_done(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.providers import close_measure

    close_measure(ctx.open_db(create=False), args.provider_ref, args.kind, date=args.date)
    print(f"{args.provider_ref}: {args.kind} done {args.date}")
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.providers import measure_rows

    rows = measure_rows(ctx.open_db(create=False), overdue=args.overdue)
    print("\t".join(LIST_FIELDS))
    for row in rows:
        print("\t".join(str(row[f] or "-") for f in LIST_FIELDS))
    return 0
