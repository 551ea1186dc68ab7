"""Small cases with case files and notes for the search tests (real SQLite, no demo)."""

from __future__ import annotations

from itertools import count

from store.database import Database
from store.frames import insert_frame
from store.reviews import ensure_review

_frames = count(1)
PNR = "19590412-3287"


def add_case(db: Database, ref: str, text: str | None = None, *, name: str = "Birgitta Roos",
             kind: str = "real") -> int:
    """One case in a frame of its own, with a case file when ``text`` is given."""
    frame = insert_frame(
        db, name=f"frame{next(_frames)}", source="test", sha256="x", kind=kind,
        rows=[{"case_ref": ref, "personnummer": PNR, "name": name, "gender": "K",
               "district": "Skärholmen", "insats": "boendestöd", "decision_date": "2022-03-01"}],
        case_texts={ref: text} if text is not None else None, who="test")
    return db.execute("SELECT id FROM population WHERE frame_id = ?", [frame]).fetchone()[0]


def review_of(db: Database, population_id: int, reviewer: str, kind: str = "primary") -> int:
    return ensure_review(db, population_id, reviewer, "boendestod_sol", "1.0", kind=kind,
                         who="test")
