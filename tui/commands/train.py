"""granska train: generated case files with an answer key, and calibration reports.

    granska train generate [--cases N] [--seed N] [--difficulty easy|normal|hard] [--name NAME]
    granska train list
    granska train session create --name NAME --trainees a,b [--cases K] [--frame ID]
    granska train session list
    granska train report SESSION [--format md|xlsx|json] [--out PATH]
    granska train key CASE_REF [--text]
"""

from __future__ import annotations

import argparse
import sys

from jobs.i18n import t
from tui.context import Context, UsageError, bounded


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("train", parents=[parent], help="training and calibration",
                            description="Training: generated case files with an answer key, "
                            "calibration sessions and agreement reports.")
    jobs = parser.add_subparsers(dest="train_command", metavar="JOB",
                                 parser_class=type(parser))
    gen = jobs.add_parser("generate", parents=[parent], help="generate training cases",
                          description="Generate fake (Faker sv_SE) case files with a hidden "
                          "answer key and store them as a training frame.")
    gen.add_argument("--cases", type=_positive, default=10, metavar="N",
                     help="how many cases (default 10)")
    gen.add_argument("--seed", type=bounded("[sample] seed"), default=1,
                     help="random seed (default 1)")
    gen.add_argument("--difficulty", choices=("easy", "normal", "hard"), default="normal",
                     help="how explicit the text is (default normal)")
    gen.add_argument("--name", default=None, help="frame name (default utbildning-SEED-...)")
    jobs.add_parser("list", parents=[parent], help="list training frames")
    session = jobs.add_parser("session", parents=[parent], help="calibration sessions")
    session_jobs = session.add_subparsers(dest="session_command", metavar="JOB",
                                          parser_class=type(parser))
    create = session_jobs.add_parser("create", parents=[parent], help="create a session",
                                     description="Give the first K cases of a training frame "
                                     "to each trainee as training reviews.")
    create.add_argument("--name", required=True, help="session name")
    create.add_argument("--trainees", required=True, help="user names, comma separated")
    create.add_argument("--cases", type=_positive, default=10, metavar="K",
                        help="how many cases (default 10)")
    create.add_argument("--frame", type=int, default=None, metavar="ID",
                        help="training frame id (default the latest)")
    session_jobs.add_parser("list", parents=[parent], help="list sessions")
    report = jobs.add_parser("report", parents=[parent], help="a session's calibration report",
                             description="Agreement of each trainee with the key and with "
                             "each other, and the passages behind every miss.")
    report.add_argument("session", metavar="SESSION", help="session name or id")
    report.add_argument("--format", choices=("md", "xlsx", "json"), default="md")
    report.add_argument("--out", default=None, metavar="PATH",
                        help="write to a file (created 0600); default stdout (not for xlsx)")
    key = jobs.add_parser("key", parents=[parent], help="show a training case's answer key",
                          description="The answer key of a training case (for trainers).")
    key.add_argument("case_ref", metavar="CASE_REF")
    key.add_argument("--text", action="store_true", help="print the case text too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    job = args.train_command
    if job is None:
        raise UsageError(t("cli.error.train_what"))
    if job == "session" and args.session_command is None:
        raise UsageError(t("cli.error.train_session"))
    from review_protocols import load_builtin

    protocol = load_builtin(ctx.config.protocol.default)
    db = ctx.open_db(create=job == "generate")
    _require_trainer(db)
    if job == "generate":
        from jobs.training import store_generated
        from tui.progress import progress_bar

        # a case file takes far longer than a frame row: a bar from a thousand cases
        with progress_bar(t("progress.train_generate"), at_least=1000) as on_progress:
            frame_id, cases = store_generated(db, protocol, count=args.cases, seed=args.seed,
                                              difficulty=args.difficulty, name=args.name,
                                              on_progress=on_progress)
        print(f"{ctx.db_path}: training frame {frame_id} with {len(cases)} cases "
              f"({cases[0].case_ref} … {cases[-1].case_ref}, {args.difficulty})")
        return 0
    if job == "list":
        from store.training import training_frames

        for row in training_frames(db):
            print(f"{row['id']}\t{row['name']}\t{row['row_count']} cases\t{row['source']}")
        return 0
    if job == "session":
        return _session(args, ctx, db, protocol)
    if job == "report":
        return _report(args, ctx, db, protocol)
    return _key(args, db, protocol)


def _require_trainer(db) -> None:
    """Keys and reports are for trainers and supervisors; trainees must not see the key."""
    from store.identity import current_user
    from store.users import role_of

    user = current_user()
    if role_of(db, user) not in ("trainer", "supervisor"):
        raise UsageError(t("cli.error.train_role", user=user))


def _session(args, ctx, db, protocol) -> int:
    from store.training import create_session, sessions, training_frames

    if args.session_command == "list":
        for row in sessions(db):
            print(f"{row['id']}\t{row['name']}\t{row['cases']} cases\t{row['trainees'] or ''}")
        return 0
    import re

    frames = training_frames(db)
    if not frames:
        raise UsageError(t("cli.error.train_none"))
    frame = frames[-1] if args.frame is None else next(
        (f for f in frames if f["id"] == args.frame), None)
    if frame is None:
        raise UsageError(t("cli.error.train_frame", frame=args.frame))
    made = re.search(r"seed=(-?\d+) difficulty=(\w+)", frame["source"] or "")
    trainees = [name for name in args.trainees.split(",") if name.strip()]
    session_id = create_session(db, name=args.name, frame_id=frame["id"],
                                protocol_id=protocol.id, protocol_version=protocol.version,
                                cases=args.cases, trainees=trainees,
                                seed=int(made[1]) if made else None,
                                difficulty=made[2] if made else "normal")
    print(f"{ctx.db_path}: session {session_id} '{args.name}': {args.cases} cases for "
          f"{', '.join(t.strip() for t in trainees)}")
    return 0


def _report(args, ctx, db, protocol) -> int:
    from pathlib import Path

    from jobs.training import session_report
    from jobs.words import calibration_words
    from store.files import write_private
    from store.training import find_session
    from tallies.calibration_export import render

    found = find_session(db, args.session)
    if found is None:
        raise UsageError(t("cli.error.train_no_session", session=args.session))
    if args.format == "xlsx" and args.out is None:
        raise UsageError(t("cli.error.train_xlsx"))
    data = render(session_report(db, protocol, found["id"], ctx.config.language), args.format,
                  calibration_words())
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        write_private(Path(args.out).expanduser(), data)
        print(f"{args.out}: calibration report ({args.format})")
    return 0


def _key(args, db, protocol) -> int:
    from review_protocols.values import decode, display
    from store.training import case_key

    found = case_key(db, args.case_ref)
    if found is None:
        raise UsageError(t("cli.error.train_no_case", case=args.case_ref))
    text, key = found
    if args.text:
        print(text)
    for question in protocol.questions:
        if question.id in key:
            shown = display(question, decode(question, key[question.id]))
            print(f"{question.id}\t{key[question.id]}\t{shown}")
    return 0
