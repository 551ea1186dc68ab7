"""granska providers: import the register of providers under contract, or list it."""

from __future__ import annotations

import argparse
import sys

from tui.context import EXIT_INPUT, Context

REQUIRED_ROLES = ("supervisor",)
LIST_FIELDS = ("provider_ref", "contract_area", "regime", "purchase_value_mkr", "placements",
               "complaints", "deviations")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "providers", help="the register of providers (avtalsuppföljning)",
        description="The register of providers under contract, for contract follow-up.")
    actions = parser.add_subparsers(dest="providers_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    load = actions.add_parser(
        "import", parents=[parent], help="import a CSV or XLSX register of providers",
        description="Import the register of providers from CSV or XLSX (as frame import). "
        "Columns by Swedish or English header: leverantör/utförare/provider_ref, namn, "
        "organisationsnummer (ten digits, check digit), avtalsområde/contract_area, regim "
        "(LOV, LOU or egen regi), dnr, inköpsvärde_mkr (decimal comma accepted), placeringar, "
        "klagomål, avvikelser. A file with problems is refused whole; a changed register "
        "becomes a new version, the same file again changes nothing.")
    load.add_argument("file", metavar="FILE")
    load.set_defaults(run=run)
    listing = actions.add_parser(
        "list", parents=[parent], help="list the providers of the latest register",
        description="The providers of the latest register version: reference, contract area, "
        "regime, purchase value, placements, complaints, deviations.")
    listing.set_defaults(run=run_list)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.providers import import_register
    from samples.frames import FrameRejected

    db = ctx.open_db(create=True)
    try:
        result = import_register(db, args.file)
    except FrameRejected as rejected:
        ctx.discard_created()
        sys.stderr.write("\n".join(rejected.lines()) + "\n")
        return EXIT_INPUT
    if result.unchanged:
        print(f"{args.file}: already imported as register version {result.version} "
              f"({result.providers} providers, same sha256); nothing to do")
    else:
        print(f"{args.file}: imported {result.providers} providers as register version "
              f"{result.version}")
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from jobs.providers import register_rows

    rows = register_rows(ctx.open_db(create=False))
    if rows is None:
        print("no provider register yet; import one with: granska providers import FILE")
        return 0
    print("\t".join(LIST_FIELDS))
    for row in rows:
        print("\t".join("" if row[f] is None else str(row[f]) for f in LIST_FIELDS))
    return 0
