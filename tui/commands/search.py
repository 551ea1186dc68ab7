"""granska search TEXT: find text in case files and notes, within the user's role."""

from __future__ import annotations

import argparse
import re

from tui.context import Context

FIELDS = ("case_ref", "where", "question_id", "snippet")
HIT_MARK = "**"  # around each hit: plain in a terminal, CSV and JSON, bold in Markdown
_SPACE = re.compile(r"\s+")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "search", parents=[parent], help="search case files, notes and evidence quotes",
        description="Full-text search (SQLite FTS5) in case-file texts, case notes, "
        "question notes and evidence quotes: the case reference, where the hit is "
        "(case_file, case_note, question_note or evidence, the last two with the question "
        "id) and a snippet with each hit between **. "
        "Supervisors search every case, inspectors their own, trainers training cases. "
        "Names and personnummer are masked. Words: \"exact phrase\", prefix*, OR, NOT.")
    parser.add_argument("text", metavar="TEXT", help="what to search for (FTS5 syntax)")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    import sys

    from jobs.access import require_role
    from jobs.i18n import t
    from jobs.search import find
    from store import current_user

    db = ctx.open_db(create=False)
    me = current_user()
    results = find(db, require_role(db, me), me, args.text)
    rows = [_row(result) for result in results]
    if not rows:
        # In a table it is the output; beside CSV or JSON it must not spoil what is parsed.
        stream = sys.stdout if args.format == "table" else sys.stderr
        print(t("search.no_hits", text=_one_line(args.text)), file=stream)
    if args.format == "json":
        import json

        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        import csv

        from store.cells import spreadsheet_row

        writer = csv.writer(sys.stdout)
        writer.writerow(FIELDS)
        writer.writerows(spreadsheet_row(r[f] or "" for f in FIELDS) for r in rows)
    elif rows:
        _table(rows)
    return 0


def _row(result) -> dict:
    from store.search import HIT_END, HIT_START

    snippet = result.snippet.replace(HIT_START, HIT_MARK).replace(HIT_END, HIT_MARK)
    return {"case_ref": result.case_ref, "where": result.where,
            "question_id": result.question_id, "snippet": snippet}


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _table(rows: list[dict]) -> None:
    from jobs.i18n import t

    def where(row: dict) -> str:
        label = t(f"search.where.{row['where']}")
        return f"{label} {row['question_id']}" if row["question_id"] else label

    cells = [(row["case_ref"], where(row), row["snippet"]) for row in rows]
    headers = (t("search.col.case_ref"), t("search.col.where"), t("search.col.snippet"))
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers[:2])]
    print(f"{headers[0]:<{widths[0]}}  {headers[1]:<{widths[1]}}  {headers[2]}")
    for ref, place, snippet in cells:
        print(f"{ref:<{widths[0]}}  {place:<{widths[1]}}  {snippet}")
    from jobs.search import LIMIT

    print(t("search.hits_capped" if len(rows) >= LIMIT else "search.hits", count=len(rows)))
