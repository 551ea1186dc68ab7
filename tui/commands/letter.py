"""granska letter: the letter to a provider asking for komplettering or rättelse."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobs.i18n import t
from tui.context import Context, UsageError

REQUIRED_ROLES = ("supervisor",)
SUFFIXES = (".docx", ".md")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "letter", parents=[parent], help="the letter to a provider (komplettering, rättelse)",
        description="Write the letter asking a provider for komplettering or rättelse: the "
        "checks its follow-up found deficient, what is asked, and the due date of the open "
        "step (granska measure add). DOCX or Markdown by the file's suffix, created "
        "readable by you only.")
    parser.add_argument("provider_ref", metavar="PROVIDER_REF")
    parser.add_argument("--kind", required=True, choices=("komplettering", "rattelse"))
    parser.add_argument("--out", required=True, metavar="FILE.docx|FILE.md")
    parser.add_argument("--protocol", default="avtalsuppfoljning", metavar="ID",
                        help="the provider protocol (default avtalsuppfoljning)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    suffix = Path(args.out).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(t("cli.error.letter_out", out=args.out))
    from jobs.providers import letter_bytes, provider_letter
    from store.files import write_private
    from store.providers import record_letter

    db = ctx.open_db(create=False)
    data = letter_bytes(provider_letter(db, args.protocol, args.provider_ref, args.kind), suffix)
    path = write_private(args.out, data, before_replace=lambda: record_letter(
        db, args.provider_ref, args.kind, args.out))
    sys.stderr.write(f"granska letter: wrote {path}\n")
    return 0
