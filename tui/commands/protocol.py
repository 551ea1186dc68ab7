"""granska protocol: list the protocols in use and check a protocol file before using it."""

from __future__ import annotations

import argparse

from tui.context import Context

NEEDS_ROLE = False  # reads protocol files, never case data


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "protocol", help="protocols: list them, check a protocol file",
        description="Protocols are TOML files: the shipped ones and those in the folders named "
        "by [protocol] paths in config.toml.")
    actions = parser.add_subparsers(dest="protocol_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    listing = actions.add_parser("list", parents=[parent], help="the protocols Granska can find")
    listing.set_defaults(run=run_list)
    check = actions.add_parser("check", parents=[parent],
                               help="validate a protocol file and summarise it")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(run=run_check)


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from review_protocols import available_ids, load_builtin

    for protocol_id in available_ids():
        protocol = load_builtin(protocol_id)
        marker = "*" if protocol_id == ctx.config.protocol.default else " "
        print(f"{marker} {protocol.id}  {protocol.version}  {protocol.title}  ({protocol.source})")
    return 0


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    from review_protocols import load_file

    protocol = load_file(args.file)
    questions = protocol.questions
    conditional = sum(q.when is not None for q in questions)
    print(f"{args.file}: ok: {protocol.id} {protocol.version}, {len(protocol.sections)} sections, "
          f"{len(questions)} questions ({conditional} with skip logic)")
    return 0
