"""Fixtures: the report's 80 cases stored as complete reviews in a real SQLite file."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.tallies.report_cases import DISTRICTS, build_cases


def store_sample(db, cases, *, with_answers: bool = True, reviewer: str = "anna") -> None:
    """A frame and a sample of exactly these cases; optionally their answers, complete."""
    from review_protocols import load_builtin
    from review_protocols.values import encode
    from samples import personnummer
    from store.frames import insert_frame, population
    from store.reports import ImportedAnswer, import_answers
    from store.samples import save_sample

    rng = random.Random(2022)
    rows = [{"case_ref": c.case_ref, "gender": c.gender, "district": c.district,
             "insats": "boendestöd", "name": f"Person {c.case_ref}",
             "personnummer": personnummer.fake(rng, dt.date(1980, 1, 1) + dt.timedelta(i),
                                               c.gender),
             "decision_date": "2022-05-01"} for i, c in enumerate(cases)]
    frame_id = insert_frame(db, name="rapport", source="report_cases.py", sha256="0" * 64,
                            rows=rows)
    members = [{"population_id": p["id"], "district": p["district"], "gender": p["gender"],
                "role": "selected", "rank": i} for i, p in enumerate(population(db, frame_id))]
    sample_id = save_sample(db, frame_id=frame_id, seed=1, spec={}, frame_sha256="0" * 64,
                            protocol_id="boendestod_sol", outcome={}, members=members)
    if not with_answers:
        return
    protocol = load_builtin("boendestod_sol")
    ids = {p["case_ref"]: p["id"] for p in population(db, frame_id)}
    items = [ImportedAnswer(ids[c.case_ref], sample_id, reviewer, q,
                            encode(protocol.question(q), v))
             for c in cases for q, v in c.answers.items()]
    import_answers(db, items, protocol_id=protocol.id, protocol_version=protocol.version,
                   source="fixture")


@pytest.fixture
def report_cases():
    return build_cases()


@pytest.fixture
def report_db(db, report_cases):
    store_sample(db, report_cases)
    return db


@pytest.fixture
def districts():
    return DISTRICTS
