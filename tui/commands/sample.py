"""granska sample: list the drawn sample."""

from __future__ import annotations

import argparse

from tui.cli import Context, not_built


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("sample", parents=[parent], help="show the drawn sample",
                            description="The drawn sample: case_ref, district, gender, role, "
                            "status.")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    return not_built("sample", "issue 2 of 7, sampling")
