"""Population frames: the districts' lists of decisions, stored whole or not at all."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, cast

from store.audit import record
from store.database import Database
from store.errors import Refusal
from store.identity import current_user, now
from store.transactions import transaction

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
            raise Refusal("frame_name_hash", name=name)
        taken = db.execute(
            f"SELECT count(*) FROM frames WHERE {BASE_NAME} = ?", [name]
        ).fetchone()[0]
        stored_name = name
        if taken and not version:
            raise Refusal("frame_name_taken", name=name)
        if taken:
            number = taken + 1
            while db.execute("SELECT 1 FROM frames WHERE name = ?",
                             [f"{name}#{number}"]).fetchone():
                number += 1
            stored_name = f"{name}#{number}"
        frame_id = db.insert(
            "INSERT INTO frames (name, kind, source, sha256, row_count, imported_at,"
            " imported_by) VALUES (?, ?, ?, ?, 0, ?, ?)",
            [stored_name, kind, source, sha256, now(), who],
        )
        # frame_id is our own integer, so it can be part of the statement: the rows then
        # go to sqlite exactly as given, with no per-row Python work for a million rows.
        # (sqlite-utils' insert_all was measured here and is slower: it builds a dict and
        # a batch per row; the smaller bulk inserts elsewhere keep executemany likewise.)
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
    latest = db.first(
        f"SELECT * FROM frames WHERE {BASE_NAME} = ? ORDER BY id DESC LIMIT 1", [base_name])
    return latest if latest is not None and latest["sha256"] == sha256 else None


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
            known = ", ".join(f["name"] for f in latest_frames(db, None))
            if not known:
                raise Refusal("frame_none", "missing", name=name)
            raise Refusal("frame_unknown", "missing", name=name, known=known)
        found.append(rows[0])
    return found


GENDERS = ("K", "M")  # the schema's CHECK on population.gender
# A period longer than this many years computes the age limit with printf() per row.
_MAX_CASE_YEARS = 200


def adult_before(decided: str, min_age: int) -> str:
    """The latest birth date, as ISO text, of someone ``min_age`` years old on ``decided``.

    Age counts whole years: one is N on the day whose month and day are one's
    birthday's, so the limit is the decision's month and day N years earlier,
    compared as text ('2004-02-29' admits those born up to 28 February in a
    common year, as someone born 29 February turns N on 1 March).
    """
    return f"{int(decided[:4]) - min_age:04d}{decided[4:10]}"


@dataclass(frozen=True)
class Eligible:
    """Who may be drawn: the one statement of the rule (``samples.draw.eligibility`` makes it
    from a draw's spec), as SQL for the frames in the database (``where``) and in Python for
    rows in memory (``holds``). A test keeps the two renderings equal.

    The insats is compared without case and surrounding spaces, which SQL cannot do
    exactly: ``wants_insats`` decides each distinct stored value, and ``insats`` (the
    spec's own spellings) are accepted for sure, so a draw can filter on them without
    first listing every distinct value of the frame. Dates are ISO text (YYYY-MM-DD).
    """

    districts: tuple[str, ...]
    insats: tuple[str, ...]
    decided_from: str
    decided_to: str
    min_age: int
    _wanted: frozenset[str] = field(init=False, repr=False, compare=False)
    _limits: dict[str, str] = field(default_factory=dict, init=False, repr=False,
                                    compare=False)  # decision date -> birth limit, or ""
    _insats_ok: dict[str, bool] = field(default_factory=dict, init=False, repr=False,
                                        compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_wanted", frozenset(i.strip().casefold() for i in self.insats))

    def wants_insats(self, value: str | None) -> bool:
        return (value or "").strip().casefold() in self._wanted

    def holds(self, row: Mapping[str, Any]) -> bool:
        """The rule for one row in memory (cached per decision date and insats value)."""
        decided = row["decision_date"]
        if not decided:
            return False
        limit = self._limits.get(decided)
        if limit is None:
            limit = self._limits[decided] = self._birth_limit(decided)
        born = row["birth_date"]
        if not limit or not born or born[:10] > limit:
            return False
        insats = row["insats"]
        ok = self._insats_ok.get(insats)
        if ok is None:
            ok = self._insats_ok[insats] = self.wants_insats(insats)
        return ok and row["district"] in self.districts and row["gender"] in GENDERS

    def _birth_limit(self, decided: str) -> str:
        if not (self.decided_from <= decided[:10] <= self.decided_to):
            return ""
        if not decided[:4].isdigit():
            return ""
        return adult_before(decided[:10], self.min_age)

    def where(self, frame_ids: Sequence[int]) -> tuple[str, list[Any]]:
        """Every condition but the insats, cheap and selective ones first.

        Exactly the Python rule, in cheaper terms than substr() on every row:
        ``d[:10] >= from`` is ``d >= from`` (``from`` has ten characters), and
        ``d[:10] <= to`` is ``d <= to`` or ``d[:10] = to``; see ``_of_age``.
        """
        where = [f"frame_id IN ({_marks(frame_ids)})", "decision_date >= ?",
                 "(decision_date <= ? OR substr(decision_date, 1, 10) = ?)",
                 f"district IN ({_marks(self.districts)})", self._of_age()]
        params = [*frame_ids, self.decided_from, self.decided_to, self.decided_to,
                  *self.districts]
        return " AND ".join(where), params

    def _of_age(self) -> str:
        """SQL: born on or before the decision's month and day ``min_age`` years earlier.

        The limit is the text of ``adult_before``, compared as
        text. Within one calendar year every decision date of the period starts
        with that year, so the limit's year is a constant, and a birth date
        below it passes without building the limit. Over a few years the
        limit's year is looked up per decision year (a decision date whose
        first four characters are not a year gives NULL: not eligible, as in
        Python); over many, computed with printf() per row.
        """
        first, last, age = int(self.decided_from[:4]), int(self.decided_to[:4]), self.min_age
        month_day = "substr(decision_date, 5, 6)"
        known = "birth_date <> ''"  # no birth date, no age (NULL fails any comparison)
        if first == last:
            year = f"{first - age:04d}"
            return (f"{known} AND (birth_date < '{year}'"
                    f" OR substr(birth_date, 1, 10) <= '{year}' || {month_day})")
        if last < first:
            return "0"
        if last - first > _MAX_CASE_YEARS:
            limit = f"printf('%04d', substr(decision_date, 1, 4) - {int(age)})"
        else:
            years = " ".join(f"WHEN '{year:04d}' THEN '{year - age:04d}'"
                             for year in range(first, last + 1))
            limit = f"CASE substr(decision_date, 1, 4) {years} END"
        return f"{known} AND substr(birth_date, 1, 10) <= ({limit} || {month_day})"


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def candidates(
    db: Database,
    frame_ids: Sequence[int],
    eligible: Eligible,
    *,
    columns: Sequence[str] = CANDIDATE_COLUMNS,
) -> list[sqlite3.Row]:
    """The rows of some frames a draw may take, as ``sqlite3.Row`` (never names or pnr)."""
    if not frame_ids:
        return []
    unknown = set(columns) - set(CANDIDATE_COLUMNS)
    if unknown:
        raise ValueError(f"not a candidate column: {sorted(unknown)}")
    where, params = eligible.where(frame_ids)
    wanted = _wanted_insats(db, frame_ids, eligible)
    cursor = db.conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(
        f"SELECT {', '.join(columns)} FROM population"
        f" WHERE {where} AND insats IN ({_marks(wanted)}) ORDER BY id",
        [*params, *wanted]).fetchall()


def stratum_counts(
    db: Database, frame_ids: Sequence[int], eligible: Eligible
) -> dict[tuple[str, str], int]:
    """(district, gender) -> number of eligible rows, for every district of ``eligible``."""
    counts, _ = _per_stratum(db, frame_ids, eligible, "count(*)")
    return {key: count or 0 for key, count in counts.items()}


def stratum_refs(
    db: Database, frame_ids: Sequence[int], eligible: Eligible
) -> dict[tuple[str, str], list[str]]:
    """(district, gender) -> the case references of the eligible rows, for every district.

    Each stratum's references come back as one joined string, which is much
    faster for Python than a row per case (a million-row frame).
    """
    joined, total = _per_stratum(db, frame_ids, eligible, "group_concat(case_ref, char(31))")
    strata = {key: [] if value is None else value.split("\x1f")
              for key, value in joined.items()}
    if sum(map(len, strata.values())) != total:
        # A reference holding the separator: fetch the references one by one.
        strata = {key: [] for key in joined}
        for case_ref, district, gender in candidates(
                db, frame_ids, eligible, columns=("case_ref", "district", "gender")):
            strata[district, gender].append(case_ref)
    return strata


_STRATA_PER_SCAN = 400


def _per_stratum(db: Database, frame_ids: Sequence[int], eligible: Eligible,
                 aggregate: str) -> tuple[dict[tuple[str, str], Any], int]:
    """``aggregate`` over each stratum's eligible rows (None where there are none) and
    the number of eligible rows, in one scan of the frames (per 200 districts).

    One aggregate per stratum with a FILTER clause costs less than GROUP BY,
    which sorts. The insats test uses the values known to be wanted; the same
    scan lists the other insats values of otherwise eligible rows, and only if
    one of those is wanted too (another spelling) does a second scan follow.
    """
    strata = [(d, g) for d in dict.fromkeys(eligible.districts) for g in GENDERS]
    if not frame_ids:
        return dict.fromkeys(strata), 0
    where, params = eligible.where(frame_ids)
    wanted = [v for v in dict.fromkeys(eligible.insats) if eligible.wants_insats(v)]
    while True:
        insats_in = f"insats IN ({_marks(wanted)})"
        values: list[Any] = []
        # SQLite allows 2000 result columns: many districts take a scan per chunk.
        for start in range(0, max(len(strata), 1), _STRATA_PER_SCAN):
            chunk = strata[start:start + _STRATA_PER_SCAN]
            columns = [f"{aggregate} FILTER (WHERE district = ? AND gender = ? AND {insats_in})"
                       for _ in chunk]
            columns.append(f"count(*) FILTER (WHERE {insats_in})")
            columns.append(f"json_group_array(DISTINCT insats) FILTER (WHERE NOT {insats_in})")
            column_params = [p for d, g in chunk for p in (d, g, *wanted)] + wanted + wanted
            row = db.execute(f"SELECT {', '.join(columns)} FROM population NOT INDEXED"
                             f" WHERE {where}", [*column_params, *params]).fetchone()
            values += row[:len(chunk)]
        others = [v for v in json.loads(row[-1]) if isinstance(v, str) and eligible.wants_insats(v)]
        if not others:
            return dict(zip(strata, values, strict=True)), row[-2]
        wanted += others


def _wanted_insats(db: Database, frame_ids: Sequence[int],
                   eligible: Eligible) -> list[str]:
    """The frames' distinct insats values that ``eligible.wants_insats`` accepts."""
    values = db.execute(f"SELECT DISTINCT insats FROM population WHERE frame_id IN"
                        f" ({_marks(frame_ids)})", list(frame_ids)).fetchall()
    return [value for value, in values if eligible.wants_insats(value)]


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
    return db.first("SELECT * FROM frames WHERE id = ?", [frame_id])


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
    # The rows are all of one shape, so the first one tells which.
    if isinstance(first, Mapping):
        mappings = cast(Iterator[Mapping[str, Any]], iterator)
        return ([_cell(row, c) for c in POPULATION_COLUMNS] for row in chain([first], mappings))
    return chain([first], cast(Iterator[Sequence[Any]], iterator))


def _cell(row: Mapping[str, Any], column: str) -> Any:
    value = row.get(column)
    return "" if value is None and column == "insats" else value
