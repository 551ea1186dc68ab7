"""Population frames: the districts' lists of decisions, stored whole or not at all."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any

from store.audit import record
from store.connection import transaction
from store.database import Database
from store.errors import StoreError
from store.identity import current_user, now

POPULATION_COLUMNS = (
    "case_ref", "personnummer", "name", "gender", "district", "insats",
    "decision_date", "birth_date", "line",
)


CANDIDATE_COLUMNS = ("id", "frame_id", "case_ref", "gender", "district", "insats",
                     "decision_date", "birth_date")

# A frame imported again under the same name is stored as a new version, "name#2", ...;
# its base name is the part before "#". Draws use the latest version of every base name.
BASE_NAME = "CASE WHEN instr(name, '#') THEN substr(name, 1, instr(name, '#') - 1) ELSE name END"


def insert_frame(
    db: Database,
    *,
    name: str,
    source: str,
    sha256: str,
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    kind: str = "real",
    case_texts: Mapping[str, str] | None = None,
    who: str | None = None,
    version: bool = False,
    before_commit: Callable[[int], None] | None = None,
    rejected_count: int | Callable[[], int] = 0,
) -> int:
    """Store a frame and its rows in one transaction; returns the frame id.

    Rows are mappings, or tuples in ``POPULATION_COLUMNS`` order (the fast path
    for big files; they are streamed into one ``executemany``). With
    ``version=True`` a name taken already gets a new version (``name#2`` ...)
    that shares the base name; otherwise a taken name is refused.
    ``before_commit(frame_id)`` may raise to roll everything back.
    """
    who = who or current_user()
    # Every population row points at the frame row made just before it in the same
    # transaction, so the per-row foreign-key lookup can be skipped: about a tenth
    # of the time of a million-row import. (The pragma is per connection and cannot
    # change inside a transaction, hence around it.)
    checks_on = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        return _insert_frame(db, name=name, source=source, sha256=sha256, rows=rows,
                             kind=kind, case_texts=case_texts, who=who, version=version,
                             before_commit=before_commit, rejected_count=rejected_count)
    finally:
        if checks_on:
            db.execute("PRAGMA foreign_keys = ON")


def _insert_frame(
    db: Database,
    *,
    name: str,
    source: str,
    sha256: str,
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    kind: str,
    case_texts: Mapping[str, str] | None,
    who: str,
    version: bool,
    before_commit: Callable[[int], None] | None,
    rejected_count: int | Callable[[], int],
) -> int:
    placeholders = ", ".join("?" for _ in POPULATION_COLUMNS)
    with transaction(db):
        if "#" in name:
            raise StoreError(f"frame name '{name}': '#' marks versions; choose a name without it")
        taken = db.execute(
            f"SELECT count(*) FROM frames WHERE {BASE_NAME} = ?", [name]
        ).fetchone()[0]
        stored_name = name
        if taken and not version:
            raise StoreError(f"a frame named '{name}' exists already; choose another --name")
        if taken:
            number = taken + 1
            while db.execute("SELECT 1 FROM frames WHERE name = ?",
                             [f"{name}#{number}"]).fetchone():
                number += 1
            stored_name = f"{name}#{number}"
        frame_id = db.execute(
            "INSERT INTO frames (name, kind, source, sha256, row_count, imported_at,"
            " imported_by) VALUES (?, ?, ?, ?, 0, ?, ?)",
            [stored_name, kind, source, sha256, now(), who],
        ).lastrowid
        # frame_id is our own integer, so it can be part of the statement: the rows then
        # go to sqlite exactly as given, with no per-row Python work for a million rows.
        db.conn.executemany(
            f"INSERT INTO population (frame_id, {', '.join(POPULATION_COLUMNS)})"
            f" VALUES ({int(frame_id)}, {placeholders})",
            _as_tuples(rows),
        )
        count = db.execute(
            "SELECT count(*) FROM population WHERE frame_id = ?", [frame_id]
        ).fetchone()[0]
        rejected = rejected_count() if callable(rejected_count) else rejected_count
        db.execute("UPDATE frames SET row_count = ? WHERE id = ?", [count, frame_id])
        if case_texts:
            db.conn.executemany(
                "INSERT INTO case_files (population_id, text, kind)"
                " SELECT id, ?, ? FROM population WHERE frame_id = ? AND case_ref = ?",
                ((text, kind, frame_id, ref) for ref, text in case_texts.items()),
            )
        record(db, "frame.import", "frame", frame_id,
               new=f"{stored_name} ({count} rows, {rejected} rejected, {sha256})", who=who)
        if before_commit is not None:
            before_commit(frame_id)
    return frame_id


def frame_by_fingerprint(
    db: Database, base_name: str, sha256: str
) -> dict[str, Any] | None:
    """The latest version of a frame if it is the very same file (same sha256)."""
    rows = list(db.query(
        f"SELECT * FROM frames WHERE {BASE_NAME} = ? ORDER BY id DESC LIMIT 1", [base_name]))
    return rows[0] if rows and rows[0]["sha256"] == sha256 else None


def latest_frames(db: Database, kind: str | None = "real") -> list[dict[str, Any]]:
    """The latest import of every frame name (of one kind), oldest name first."""
    where = "WHERE kind = ?" if kind else ""
    params = [kind] if kind else []
    return list(db.query(
        f"SELECT * FROM frames WHERE id IN (SELECT max(id) FROM frames {where}"
        f" GROUP BY {BASE_NAME}) ORDER BY id", params))


def frames_named(db: Database, names: Sequence[str]) -> list[dict[str, Any]]:
    """Frames by name: an exact (versioned) name, or the latest version of a base name."""
    found = []
    for name in names:
        rows = list(db.query(
            f"SELECT * FROM frames WHERE name = ? OR {BASE_NAME} = ?"
            " ORDER BY (name = ?) DESC, id DESC LIMIT 1", [name, name, name]))
        if not rows:
            known = ", ".join(f["name"] for f in latest_frames(db, None)) or "none yet"
            raise StoreError(f"no frame named '{name}'; frames: {known}", "missing")
        found.append(rows[0])
    return found


def candidates(
    db: Database,
    frame_ids: Sequence[int],
    *,
    districts: Sequence[str] | None = None,
    insats: Callable[[str], bool] | None = None,
    decided_from: str | None = None,
    decided_to: str | None = None,
    min_age: int | None = None,
    columns: Sequence[str] = CANDIDATE_COLUMNS,
) -> list[sqlite3.Row]:
    """The rows of some frames a draw may take, as ``sqlite3.Row`` (never names or pnr).

    The filters are the draw's eligibility rule in SQL (``samples.draw.Eligibility``
    in Python; a test keeps the two equal): districts, the insats values that
    ``insats(value)`` accepts, the decision period, and the age at the decision
    (born on or before the same month and day ``min_age`` years before the decision).
    """
    if not frame_ids:
        return []
    unknown = set(columns) - set(CANDIDATE_COLUMNS)
    if unknown:
        raise ValueError(f"not a candidate column: {sorted(unknown)}")
    where, params = _eligible_where(db, frame_ids, districts, insats, decided_from, decided_to,
                                    min_age)
    cursor = db.conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(
        f"SELECT {', '.join(columns)} FROM population WHERE {where} ORDER BY id",
        params).fetchall()


def stratum_counts(
    db: Database,
    frame_ids: Sequence[int],
    *,
    districts: Sequence[str] | None = None,
    insats: Callable[[str], bool] | None = None,
    decided_from: str | None = None,
    decided_to: str | None = None,
    min_age: int | None = None,
) -> dict[tuple[str, str], int]:
    """(district, gender) -> number of rows passing the same filters as ``candidates``."""
    if not frame_ids:
        return {}
    where, params = _eligible_where(db, frame_ids, districts, insats, decided_from, decided_to,
                                    min_age)
    rows = db.execute(
        f"SELECT district, gender, count(*) FROM population WHERE {where}"
        " GROUP BY district, gender", params).fetchall()
    return {(district, gender): count for district, gender, count in rows}


def stratum_refs(
    db: Database,
    frame_ids: Sequence[int],
    **filters: Any,
) -> dict[tuple[str, str], list[str]]:
    """(district, gender) -> the case references passing ``candidates``' filters.

    One scan; each stratum's references come back as one joined string, which
    is much faster for Python than a row per case (a million-row frame).
    """
    if not frame_ids:
        return {}
    where, params = _eligible_where(db, frame_ids, **filters)
    rows = db.execute(
        "SELECT district, gender, count(*), group_concat(case_ref, char(31))"
        f" FROM population NOT INDEXED WHERE {where} GROUP BY district, gender",
        params).fetchall()
    strata = {}
    for district, gender, count, joined in rows:
        refs = joined.split("\x1f")
        if len(refs) != count:  # a reference holding the separator: fetch them one by one
            refs = [r[0] for r in db.execute(
                f"SELECT case_ref FROM population WHERE {where} AND district = ?"
                " AND gender = ?", [*params, district, gender])]
        strata[district, gender] = refs
    return strata


def population_ids(
    db: Database, frame_ids: Sequence[int], cases: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """(district, case_ref) -> population id in the given frames (lowest id if several)."""
    marks = ", ".join("?" for _ in frame_ids)
    found: dict[tuple[str, str], int] = {}
    for district, case_ref in cases:
        row = db.execute(
            f"SELECT min(id) FROM population WHERE frame_id IN ({marks}) AND case_ref = ?"
            " AND district = ?", [*frame_ids, case_ref, district]).fetchone()
        if row and row[0] is not None:
            found[district, case_ref] = row[0]
    return found


def _eligible_where(
    db: Database,
    frame_ids: Sequence[int],
    districts: Sequence[str] | None = None,
    insats: Callable[[str], bool] | None = None,
    decided_from: str | None = None,
    decided_to: str | None = None,
    min_age: int | None = None,
) -> tuple[str, list[Any]]:
    marks = ", ".join("?" for _ in frame_ids)
    where, params = [f"frame_id IN ({marks})"], [*frame_ids]
    if districts is not None:
        where.append(f"district IN ({', '.join('?' for _ in districts) or 'NULL'})")
        params.extend(districts)
    if insats is not None:
        values = [row[0] for row in db.execute(
            f"SELECT DISTINCT insats FROM population WHERE frame_id IN ({marks})",
            list(frame_ids))]
        wanted = [value for value in values if insats(value)]
        where.append(f"insats IN ({', '.join('?' for _ in wanted) or 'NULL'})")
        params.extend(wanted)
    if decided_from is not None:
        where.append("substr(decision_date, 1, 10) >= ?")
        params.append(decided_from)
    if decided_to is not None:
        where.append("substr(decision_date, 1, 10) <= ?")
        params.append(decided_to)
    if min_age is not None:
        # Of age on the decision day: born on or before the same month and day min_age
        # years earlier, compared as ISO text (exact, also for 29 February).
        where.append("substr(birth_date, 1, 10) <= printf('%04d', substr(decision_date, 1, 4) - ?)"
                     " || substr(decision_date, 5, 6)")
        params.append(int(min_age))
    return " AND ".join(where), params


def shared_cases(db: Database, frame_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Cases (district, case_ref) that are in more than one of the frames."""
    marks = ", ".join("?" for _ in frame_ids)
    return list(db.query(
        "SELECT district, case_ref, group_concat(DISTINCT frame_id) AS frame_ids"
        f" FROM population WHERE frame_id IN ({marks}) GROUP BY district, case_ref"
        " HAVING count(DISTINCT frame_id) > 1 ORDER BY district, case_ref LIMIT 5",
        list(frame_ids)))


def frames(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM frames ORDER BY id"))


def frame(db: Database, frame_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM frames WHERE id = ?", [frame_id]))
    return rows[0] if rows else None


def population(db: Database, frame_id: int) -> list[dict[str, Any]]:
    """Every row of a frame, in a stable order (by id, i.e. file order)."""
    return list(db.query("SELECT * FROM population WHERE frame_id = ? ORDER BY id", [frame_id]))


def case_text(db: Database, population_id: int) -> str | None:
    row = db.execute(
        "SELECT text FROM case_files WHERE population_id = ?", [population_id]
    ).fetchone()
    return row[0] if row else None


def set_case_text(
    db: Database, population_id: int, text: str, *, kind: str = "attached",
    who: str | None = None,
) -> None:
    with transaction(db):
        db.execute(
            "INSERT INTO case_files (population_id, text, kind) VALUES (?, ?, ?)"
            " ON CONFLICT (population_id) DO UPDATE SET text = excluded.text, kind = excluded.kind",
            [population_id, text, kind],
        )
        record(db, "case_file", "population", population_id, new=f"{len(text)} characters",
               who=who)


def _as_tuples(rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> Iterator[Sequence[Any]]:
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return iter(())
    if isinstance(first, Mapping):
        return ([_cell(row, c) for c in POPULATION_COLUMNS] for row in chain([first], iterator))
    return chain([first], iterator)


def _cell(row: Mapping[str, Any], column: str) -> Any:
    value = row.get(column)
    return "" if value is None and column == "insats" else value
