"""granska round: review rounds, e.g. the follow-up review some six months after a review."""

from __future__ import annotations

import argparse

from tui.context import Context

REQUIRED_ROLES = ("supervisor",)


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "round", parents=[parent], help="review rounds: create one, list them (supervisors)",
        description="`create --name NAME` starts a new round over the same cases: every "
        "case of the newest round's sample (still in the sample) gets a new review by the "
        "same reviewers, not started; the earlier round's answers stay as they were, shown "
        "beside each question and compared by `granska export ... --rounds A,B`. Reviews "
        "made before any round are first made the round 'Omgång 1'. `--from-sample ID` "
        "names sample ID's reviews as the round instead (the next year's sample). While the "
        "round it follows has reviews neither complete nor approved, create is refused "
        "(they would leave the app's view); `--force` creates it anyway. `list` "
        "shows the rounds; the app works on each sample's newest.",
    )
    parser.add_argument("action", choices=("create", "list"))
    parser.add_argument("--name", metavar="NAME", help="create: the round's name (unique)")
    parser.add_argument("--from-sample", type=int, metavar="ID", default=None,
                        help="create: the sample the round reviews (default: the newest "
                        "round's, or the latest sample)")
    parser.add_argument("--force", action="store_true",
                        help="create: even while the current round has unfinished reviews")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.i18n import t
    from store.rounds import rounds
    from tui.context import UsageError

    db = ctx.open_db(create=False)
    if args.action == "list":
        if args.name or args.from_sample is not None or args.force:
            raise UsageError(t("cli.error.round_list"))
        for found in rounds(db):
            print(t("round.listed", id=found["id"], name=found["name"],
                    sample=found["sample_id"], done=found["done"], reviews=found["reviews"],
                    created_at=found["created_at"], created_by=found["created_by"]))
        return 0
    if args.name is None:
        raise UsageError(t("cli.error.round_name"))
    from jobs.rounds import create
    from store import current_user

    made = create(db, args.name, sample_id=args.from_sample, who=current_user(),
                  force=args.force)
    name = args.name.strip()
    if made.first:
        print(t("round.first", sample=made.sample_id, name=made.first))
    if made.taken:
        print(t("round.named", name=name, sample=made.sample_id, reviews=made.taken))
    else:
        print(t("round.created", name=name, sample=made.sample_id, reviews=made.reviews))
    return 0
