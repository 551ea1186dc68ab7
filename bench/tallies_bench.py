"""Time tallies and every export over 10,000 reviewed cases (budget: 0.5 s each).

Run: .venv/bin/python bench/tallies_bench.py [--cases N] [--db PATH] [--quick]
Builds a database of N complete reviews with random but skip-logic-consistent
answers (seeded), then times: reading the counted reviews, building the
tallies, and each export format. Prints one line per figure with the budget.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from review_protocols.conditions import Value
    from review_protocols.model import Protocol
    from tallies.crosstab import CaseAnswers

T = TypeVar("T")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import peak_rss_mb, verdict  # noqa: E402  (after the path above)

BUDGET = 0.5


def random_cases(protocol: Protocol, n: int, districts: list[str],
                 seed: int = 1) -> list[CaseAnswers]:
    from review_protocols.conditions import applicable
    from review_protocols.model import QuestionType
    from tallies.crosstab import CaseAnswers

    rng = random.Random(seed)
    cases = []
    for i in range(n):
        answers: dict[str, Value] = {}
        for q in protocol.questions:
            if q.type is QuestionType.SINGLE:
                answers[q.id] = rng.choice(q.options).code
            elif q.type is QuestionType.MULTI:
                answers[q.id] = [o.code for o in q.options if rng.random() < 0.4] or [
                    q.options[0].code]
            elif q.type is QuestionType.NUMBER:
                answers[q.id] = rng.choice((3, 8, 12, 13, 16, 25, 40)) if "tid" in q.id \
                    else rng.randrange(0, 120)
        applies = applicable(protocol, answers)
        answers = {k: v for k, v in answers.items() if applies[k]}
        district = districts[i % len(districts)]
        cases.append(CaseAnswers(f"B-{i:06d}", district, "K" if rng.random() < 0.51 else "M",
                                 answers))
    return cases


def timed(label: str, fn: Callable[[], T], results: list[tuple[str, float, float]]) -> T:
    """Best of three runs, wall clock and CPU time (CPU is steadier on a shared machine)."""
    best_wall = best_cpu = float("inf")
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        value = fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    verdict = "ok" if best_wall <= BUDGET else (
        "ok on CPU (wall over: machine busy)" if best_cpu <= BUDGET else "OVER BUDGET")
    results.append((label, best_wall, best_cpu))
    print(f"{label:<34} wall {best_wall:6.3f} s  cpu {best_cpu:6.3f} s  (budget {BUDGET} s)  "
          f"{verdict}", flush=True)
    return value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--quick", action="store_true", help="1,000 cases (bench/run --quick)")
    args = parser.parse_args()
    if args.quick:
        args.cases = min(args.cases, 1_000)

    from jobs.config import Config
    from jobs.tallies import load_cases, load_notes, produce
    from jobs.words import words
    from review_protocols import load_builtin
    from review_protocols.values import encode
    from store import open_database
    from store.frames import insert_frame, population
    from store.reports import ImportedAnswer, import_answers
    from store.samples import save_sample
    from tallies import export
    from tallies.report import build_report
    from tallies.workbook import to_xlsx

    config = Config()
    protocol = load_builtin("boendestod_sol")
    districts = config.district_names
    codes = {d.name: d.code for d in config.districts}
    cases = random_cases(protocol, args.cases, districts)
    folder = Path(tempfile.mkdtemp(prefix="granska-bench-"))
    db = open_database(args.db or folder / "bench.db")
    setup = time.perf_counter()
    rows = [{"case_ref": c.case_ref, "gender": c.gender, "district": c.district,
             "insats": "boendestöd"} for c in cases]
    frame_id = insert_frame(db, name="bench", source="bench", sha256="0" * 64, rows=rows)
    pop = population(db, frame_id)
    sample_id = save_sample(db, frame_id=frame_id, seed=1, spec={}, frame_sha256="0" * 64,
                            protocol_id=protocol.id, outcome={},
                            members=[{"population_id": p["id"], "district": p["district"],
                                      "gender": p["gender"], "role": "selected", "rank": i}
                                     for i, p in enumerate(pop)])
    ids = {p["case_ref"]: p["id"] for p in pop}
    import_answers(db, (ImportedAnswer(ids[c.case_ref], sample_id, "bench", q,
                                       encode(protocol.question(q), v))
                        for c in cases for q, v in c.answers.items()),
                   protocol_id=protocol.id, protocol_version=protocol.version, source="bench")
    answers = sum(len(c.answers) for c in cases)
    print(f"setup: {len(cases)} complete reviews, {answers} answers "
          f"({time.perf_counter() - setup:.1f} s, not timed)")

    # Each step is what `granska export FORMAT` does (tui/commands/export.py, produce):
    # read the counted reviews, build the report in the configured words, write it;
    # the answers export is produce() itself. The end-to-end line adds the three up.
    results: list[tuple[str, float, float]] = []
    loaded = timed("read counted reviews (DB)", lambda: load_cases(db, protocol), results)
    report = timed("tallies (build_report)", lambda: build_report(
        protocol, loaded, districts, codes=codes, notes=load_notes(db), words=words()),
        results)
    print(f"  {len(report.tables)} tables + {len(report.areas)} quality-area tables")
    timed("export csv", lambda: export.to_csv(report, words()).encode("utf-8"), results)
    timed("export xlsx", lambda: to_xlsx(report, words()), results)
    timed("export md", lambda: export.to_markdown(report, words()).encode("utf-8"), results)
    timed("export json", lambda: export.to_json(report).encode("utf-8"), results)
    timed("export answers (DB, long format)", lambda: produce(db, config, "answers"), results)
    whole_wall = whole_cpu = float("inf")
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        produce(db, config, "xlsx")
        whole_wall = min(whole_wall, time.perf_counter() - wall)
        whole_cpu = min(whole_cpu, time.process_time() - cpu)
    print(f"{'granska export xlsx (all three)':<34} wall {whole_wall:6.3f} s  cpu "
          f"{whole_cpu:6.3f} s  (read + tallies + write; no budget of its own)", flush=True)
    for label, wall, cpu in results:
        print(verdict(f"{label} ({args.cases:,} reviews; CPU {cpu:.3f} s)", wall, BUDGET))
    print(f"RESULT | granska export xlsx end to end: read + tallies + write ({args.cases:,} "
          f"reviews; CPU {whole_cpu:.3f} s) | {whole_wall:.3f} s | – | info")
    print(f"RESULT | peak RSS, tallies + exports ({args.cases:,} reviews) | "
          f"{peak_rss_mb():.0f} MB | – | info")
    db.conn.close()
    if args.db is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if all(min(wall, cpu) <= BUDGET for _, wall, cpu in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
