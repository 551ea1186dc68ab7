"""granska double: double-reviewed cases, their disagreements, the agreed answers, agreement."""

from __future__ import annotations

import argparse

from jobs.i18n import t
from tui.context import Context, UsageError

REQUIRED_ROLES = ("supervisor",)


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "double", parents=[parent], help="double review: compare, resolve, agreement",
        description="Supervisors only. `list`: every double-reviewed case. `show CASE_REF`: "
        "the questions the two reviewers answered differently, side by side. "
        "`resolve CASE_REF --take primary|second [--set QUESTION=CODE ...]`: record the "
        "agreed answers (audited). `agreement [--format md|csv] [--out PATH]`: percent "
        "agreement and Cohen's kappa per question and overall.",
    )
    parser.add_argument("action", choices=("list", "show", "resolve", "agreement"))
    parser.add_argument("case_ref", nargs="?", metavar="CASE_REF")
    parser.add_argument("--take", choices=("primary", "second"), default=None)
    parser.add_argument("--set", action="append", default=[], metavar="QUESTION=CODE")
    parser.add_argument("--format", choices=("md", "csv"), default="md")
    parser.add_argument("--out", metavar="PATH", default=None, help="write to a file (0600)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from store import current_user
    from store.double_review import pairs

    db = ctx.open_db(create=False)
    if args.action == "list":
        for p in pairs(db):
            print(f"{p['case_ref']}\t{p['primary_reviewer']} ({p['primary_status']})\t"
                  f"{p['second_reviewer']} ({p['second_status']})\t"
                  f"{t('double.cli.agreed') if p['consensus_id'] else ''}")
        return 0
    if args.action == "agreement":
        return _agreement(db, args, ctx.config.protocol.default, ctx.config.language)
    if not args.case_ref:
        raise UsageError(t("cli.error.double_case", action=args.action))
    population_id = _population(db, args.case_ref)
    if args.action == "show":
        return _show(db, population_id, ctx.config.language)
    return _resolve(db, population_id, args, current_user())


def _population(db, case_ref: str) -> int:
    from store.double_review import pairs

    for p in pairs(db):
        if p["case_ref"] == case_ref:
            return p["population_id"]
    raise UsageError(t("cli.error.double_not", case=case_ref))


def _protocol_for(db, population_id: int):
    from review_protocols import load_builtin
    from store.double_review import pair
    from store.reviews import protocol_of

    return load_builtin(protocol_of(db, pair(db, population_id)["primary_id"]))


def _show(db, population_id: int, lang: str) -> int:
    from review_protocols.values import decode, display
    from store.double_review import side_by_side
    from tallies.double_review import disagreements

    both = side_by_side(db, population_id)
    protocol = _protocol_for(db, population_id)
    ids = [q.id for q in protocol.questions]
    differ = disagreements(both["primary"], both["second"], ids)
    print(f"{both['case_ref']}: {both['primary_reviewer']} | {both['second_reviewer']}")
    if not differ:
        print(t("double.cli.all_agree"))
    for qid in differ:
        q = protocol.question(qid)
        first = display(q, decode(q, both["primary"].get(qid)), lang) or "–"
        second = display(q, decode(q, both["second"].get(qid)), lang) or "–"
        print(f"{qid}\t{first}\t{second}")
    return 0


def _resolve(db, population_id: int, args: argparse.Namespace, me: str) -> int:
    from review_protocols.values import ValueProblem, encode, parse
    from store.double_review import record_consensus, side_by_side

    both = side_by_side(db, population_id)
    protocol = _protocol_for(db, population_id)
    if args.take is None and not args.set:
        raise UsageError(t("cli.error.double_resolve"))
    agreed = dict(both[args.take]) if args.take else {}
    for item in args.set:
        qid, sep, raw = item.partition("=")
        if not sep or not protocol.has_question(qid):
            raise UsageError(t("cli.error.double_set", item=item, protocol=protocol.id))
        question = protocol.question(qid)
        try:
            agreed[qid] = encode(question, parse(question, raw)) if raw else None
        except ValueProblem as problem:
            raise UsageError(t("cli.error.double_value", item=item, problem=problem)) from None
    record_consensus(db, population_id, agreed, who=me)
    print(t("double.cli.saved", case=both["case_ref"], n=len(agreed)))
    return 0


def _agreement(db, args: argparse.Namespace, default_protocol: str, lang: str) -> int:
    from jobs.words import agreement_words
    from review_protocols import load_builtin
    from store.double_review import completed_pairs, pairs
    from store.files import private_open
    from tallies.double_review import agreement, to_csv, to_markdown

    rows = pairs(db)
    protocol = load_builtin(_first_protocol(db, rows, default_protocol))
    report = agreement(completed_pairs(db), [q.id for q in protocol.questions],
                       {q.id: q.label_in(lang) for q in protocol.questions})
    words = agreement_words()
    text = to_csv(report, words) if args.format == "csv" else to_markdown(report, words)
    if args.out:
        with private_open(args.out) as handle:
            handle.write(text)
        print(t("double.cli.written", path=args.out, n=report.pairs))
    else:
        print(text, end="")
    return 0


def _first_protocol(db, rows, default: str) -> str:
    from store.reviews import protocol_of

    if rows:
        return protocol_of(db, rows[0]["primary_id"])
    return default
