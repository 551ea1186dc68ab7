"""granska export: tallies as CSV, XLSX, Markdown, JSON, or the raw answers."""

from __future__ import annotations

import argparse

from tui.cli import Context, not_built

FORMATS = ("csv", "xlsx", "md", "json", "answers")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("export", parents=[parent], help="export tallies",
                            description="Tallies per district and gender, or the raw answers.")
    parser.add_argument("format", choices=FORMATS, metavar="FORMAT",
                        help=" | ".join(FORMATS))
    parser.add_argument("--out", metavar="PATH", help="output file (default: standard output)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    return not_built("export", "issue 4 of 7, tallies")
