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
                               help="validate a protocol file (and its rules file beside it), "
                               "or a rules file against its protocol")
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
    from pathlib import Path

    from review_protocols import load_file
    from review_protocols.loader import PHRASES_SUFFIX, RULES_SUFFIX
    from review_protocols.phrases import load_phrases, phrases_path
    from review_protocols.rules import load_rules_file, rules_path

    given = Path(args.file)
    suffix = next((s for s in (RULES_SUFFIX, PHRASES_SUFFIX) if given.name.endswith(s)), "")
    path = given.with_name(given.name[:-len(suffix)] + ".toml") if suffix else given
    protocol = load_file(path)
    if not suffix:
        questions = protocol.questions
        conditional = sum(q.when is not None for q in questions)
        print(f"{args.file}: ok: {protocol.id} {protocol.version}, {len(protocol.sections)} "
              f"sections, {len(questions)} questions ({conditional} with skip logic)")
    beside = given if suffix == RULES_SUFFIX else rules_path(protocol)
    if beside is not None and suffix != PHRASES_SUFFIX and (suffix or beside.is_file()):
        rules = load_rules_file(beside, protocol)
        print(f"{beside}: ok: {len(rules)} data-quality rules for {protocol.id}")
    bank = phrases_path(protocol)
    if bank is not None and suffix != RULES_SUFFIX and bank.is_file():
        print(f"{bank}: ok: {len(load_phrases(protocol))} phrases for {protocol.id}")
    return 0
