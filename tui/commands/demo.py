"""granska demo: a Faker demo frame, drawn and ready to review."""

from __future__ import annotations

import argparse

from jobs.demo import COLLEAGUE
from tui.context import Context, bounded


def _positive(text: str) -> int:
    from tui.commands.train import _positive as at_least_one

    return at_least_one(text)


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "demo", parents=[parent], help="create a demo database with fake (Faker sv_SE) cases",
        description="Create a Faker (sv_SE) demo frame, draw a sample from it and give the "
        "sampled cases to you for review. Nothing in it is real.",
    )
    parser.add_argument("--seed", type=bounded("[sample] seed"), default=1,
                        help="random seed (default 1)")
    parser.add_argument("--districts", type=_positive, default=None, metavar="N",
                        help="use the first N districts of the config (default all)")
    parser.add_argument("--cases", type=_positive, default=None, metavar="N",
                        help="cases per district in the frame (default 60)")
    parser.add_argument("--reviewed", action="store_true",
                        help=f"every other drawn case comes already reviewed by {COLLEAGUE}, "
                        "so the tallies have figures at once")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.demo import create_demo, demo_path

    if ctx.db_override is None:
        ctx.db_override = demo_path()
    summary = create_demo(
        ctx.open_db(create=True), ctx.config, seed=args.seed, districts=args.districts,
        cases=args.cases, colleague=COLLEAGUE if args.reviewed else None,
    )
    print(f"{ctx.db_path}: {summary}")
    return 0
