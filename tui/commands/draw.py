"""granska draw: the stratified sample, half women and half men per district."""

from __future__ import annotations

import argparse

from tui.cli import Context, not_built


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("draw", parents=[parent], help="draw a stratified sample",
                            description="Draw per district N cases, half women and half men.")
    parser.add_argument("--per-district", type=int, metavar="N")
    parser.add_argument("--seed", type=int, metavar="N")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    return not_built("draw", "issue 2 of 7, sampling")
