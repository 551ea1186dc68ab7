"""granska demo: a Faker demo frame, drawn and ready to review."""

from __future__ import annotations

import argparse
from dataclasses import replace

from jobs.demo import COLLEAGUE
from jobs.i18n import t
from tui.context import Context, UsageError, bounded


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
    parser.add_argument("--kind", metavar="PROTOCOL",
                        help="the kind of review (default: the configured protocol); "
                        "avtalsuppfoljning: a Faker register of providers and a follow-up plan "
                        "with a third already scored (--cases: providers per contract area)")
    parser.add_argument("--reviewed", action="store_true",
                        help=f"every other drawn case comes already reviewed by {COLLEAGUE}, "
                        "so the tallies have figures at once")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.demo import create_demo, create_provider_demo, demo_path
    from jobs.providers import is_plan_kind

    if ctx.db_override is None:
        ctx.db_override = demo_path()
    if args.kind and is_plan_kind(args.kind):
        if args.districts or args.reviewed:
            raise UsageError(t("cli.error.demo_kind", kind=args.kind))
        summary = create_provider_demo(ctx.open_db(create=True), args.kind, seed=args.seed,
                                       per_area=args.cases)
        print(f"{ctx.db_path}: {summary}")
        return 0
    config = ctx.config if not args.kind else replace(
        ctx.config, protocol=replace(ctx.config.protocol, default=args.kind))
    summary = create_demo(
        ctx.open_db(create=True), config, seed=args.seed, districts=args.districts,
        cases=args.cases, colleague=COLLEAGUE if args.reviewed else None,
    )
    print(f"{ctx.db_path}: {summary}")
    return 0
