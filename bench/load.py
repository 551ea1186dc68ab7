"""Load: N inspectors answering at once, as separate processes on one database.

    python bench/load.py [--workers 8] [--seconds 60] [--db PATH]

Each worker is its own process and its own OS-level connection, answering
its own assigned cases as fast as it can (every save a real committed
transaction, as the case screen does). A worker logs each answer right after
``save_answer`` returned, i.e. after the screen would have shown it saved.
At the end the parent checks that every logged answer is in the database,
that the audit log has exactly one row per change, and that no worker saw
an error; it prints answers per second and the slowest save. Exit 0 only
when nothing was lost. ``--json`` prints the figures as one JSON line (the
test uses it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = ("dur_aktuell", "forstagangsbeslut", "bestallning_strukturerad",
             "genomforandeplan_finns", "uppfoljning_dokumenterad", "samverkan_psykiatri",
             "sip_aktuell", "fullmakt_sekretessmedgivande", "vald_fragat")


def inspector(index: int) -> str:
    return f"insp{index}"


def setup(db_path: Path, workers: int) -> None:
    """A demo database whose sampled cases are shared among the worker inspectors."""
    from jobs.config import Config
    from jobs.demo import create_demo
    from review_protocols import load_builtin
    from samples.assign import Case, balance
    from store import open_database
    from store.assignments import assign, sampled_cases
    from store.samples import latest_sample_id
    from store.users import grant_role

    db = open_database(db_path)
    create_demo(db, Config(), seed=3, districts=2, cases=40)
    people = [inspector(i) for i in range(workers)]
    for name in people:
        grant_role(db, name, "inspector")
    sample_id = latest_sample_id(db)
    assert sample_id is not None, "the demo draws a sample"
    cases = [Case(c["population_id"], c["district"], c["gender"])
             for c in sampled_cases(db, sample_id)]
    plan = cast("dict[int, str]", balance(cases, people))  # keyed by population id
    # Second reviews: the demo gave the primary ones to the current user.
    assign(db, sample_id, sorted(plan.items()), kind="second",
           protocol_version=load_builtin("boendestod_sol").version)
    db.conn.close()


def worker(db_path: Path, index: int, start_at: float, seconds: float, log: Path,
           pause: float = 0.0) -> int:
    """Answer own reviews until the time is up; one log line per answer saved."""
    from store import StoreError, open_database
    from store.reviews import list_reviews, save_answer

    me = inspector(index)
    db = open_database(db_path, create=False)
    reviews = [r["id"] for r in list_reviews(db, reviewer=me, limit=10_000)]
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    while time.time() < start_at:
        time.sleep(0.001)
    deadline = start_at + seconds
    n = 0
    while time.time() < deadline:
        review_id = reviews[n % len(reviews)]
        question = QUESTIONS[(n // len(reviews)) % len(QUESTIONS)]
        value = "ja" if (n // (len(reviews) * len(QUESTIONS))) % 2 == 0 else "nej"
        began = time.perf_counter()
        try:
            changed = save_answer(db, review_id, question, value, who=me)
        except StoreError as error:
            os.write(fd, (json.dumps({"error": str(error)}) + "\n").encode())
            return 1
        took = time.perf_counter() - began
        if changed:
            os.write(fd, (json.dumps({"r": review_id, "q": question, "v": value,
                                      "s": took}) + "\n").encode())
        n += 1
        if pause:
            time.sleep(pause)  # an inspector's thinking time between answers
    os.close(fd)
    return 0


def check(db_path: Path, logs: list[Path]) -> dict[str, Any]:
    """Compare what the workers were told was saved with what the database holds."""
    import sqlite3

    saved, errors, slowest = {}, [], 0.0
    count = 0
    for log in logs:
        for line in log.read_text().splitlines():
            entry = json.loads(line)
            if "error" in entry:
                errors.append(entry["error"])
                continue
            saved[(entry["r"], entry["q"])] = entry["v"]
            slowest = max(slowest, entry["s"])
            count += 1
    conn = sqlite3.connect(db_path)
    stored = {(r, q): v for r, q, v in conn.execute(
        "SELECT review_id, question_id, value FROM answers")}
    lost = [key for key, value in saved.items() if stored.get(key) != value]
    ids = sorted({r for r, _ in saved}) or [0]
    audit_rows = conn.execute(
        f"SELECT count(*) FROM audit_log WHERE action = 'answer' AND entity = 'review'"
        f" AND entity_id IN ({','.join(map(str, ids))})").fetchone()[0]
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return {"answers": count, "lost": len(lost), "errors": errors, "audit_rows": audit_rows,
            "slowest_save_s": slowest, "integrity": integrity}


def run(workers: int, seconds: float, db_path: Path, pause_ms: float = 0.0) -> dict[str, Any]:
    setup(db_path, workers)
    logs = [db_path.with_name(f"{db_path.name}.worker{i}.log") for i in range(workers)]
    start_at = time.time() + 1.5  # every process connected before the first save
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", str(i), "--db",
                               str(db_path), "--start-at", str(start_at), "--seconds",
                               str(seconds), "--log", str(logs[i]), "--pause-ms",
                               str(pause_ms)])
             for i in range(workers)]
    codes = [p.wait() for p in procs]
    result = check(db_path, logs)
    result.update(workers=workers, seconds=seconds, exit_codes=codes, pause_ms=pause_ms,
                  answers_per_second=result["answers"] / seconds)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--pause-ms", type=float, default=0.0,
                        help="thinking time between one inspector's answers (default 0: flat out)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="2 inspectors for 3 s")
    parser.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        return worker(args.db, args.worker, args.start_at, args.seconds, args.log,
                      args.pause_ms / 1000)
    if args.quick:
        args.workers, args.seconds = min(args.workers, 2), min(args.seconds, 3.0)
    folder = None
    if args.db is None:
        folder = tempfile.mkdtemp(prefix="granska-load-")
        args.db = Path(folder) / "load.db"
    result = run(args.workers, args.seconds, args.db, args.pause_ms)
    ok = (not result["lost"] and not result["errors"] and result["integrity"] == "ok"
          and result["audit_rows"] == result["answers"] and not any(result["exit_codes"]))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['workers']} inspectors, {result['seconds']:.0f} s, "
              f"pause {result['pause_ms']:.0f} ms: "
              f"{result['answers']} answers saved, {result['answers_per_second']:.1f} answers/s, "
              f"slowest save {1000 * result['slowest_save_s']:.1f} ms; lost {result['lost']}, "
              f"errors {len(result['errors'])}, audit rows {result['audit_rows']}, "
              f"integrity {result['integrity']}")
        print(f"RESULT | load: {result['workers']} inspectors, slowest save | "
              f"{1000 * result['slowest_save_s']:.1f} ms | – | info")
        print(f"RESULT | load: answers lost or errors | {result['lost'] + len(result['errors'])}"
              f" | 0 | {'ok' if ok else 'OVER'}")
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
