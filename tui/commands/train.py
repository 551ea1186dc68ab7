"""granska train: generated case files with an answer key, and calibration reports."""

from __future__ import annotations

import argparse

from tui.cli import Context, not_built


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("train", parents=[parent], help="training and calibration",
                            description="Training: generated case files with an answer key, "
                            "calibration sessions and agreement reports.")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    return not_built("train", "issue 6 of 7, training")
