"""What tallies read and write: the reviews that count, district notes, imported answers.

Which reviews count: those in the states the counting rule counts (complete
or approved by default, approved only if so configured: ``store.review_states``);
a case's 'consensus' review when it has one, else its 'primary' review (the most
recently completed, should there be several). 'second' reviews feed agreement
measures and 'training' reviews calibration, never the tallies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import StoreError
from store.evidence import Evidence, store_evidence
from store.identity import current_user, now
from store.review_states import COUNTED_KINDS, DEFAULT_COUNTING, counted_statuses, sql_list
from store.rounds import CURRENT, JOINED, assert_current
from store.transactions import transaction


def _counted(counting: str, round_id: int | None = None) -> str:
    """The ids of the reviews tallies count under a counting rule (one parameter: the
    protocol id), of one round, or by default of the rounds worked on (``store.rounds``)."""
    in_round = CURRENT if round_id is None else f"r.round_id = {int(round_id)}"
    return f"""
SELECT id FROM (
    SELECT r.id, row_number() OVER (
        PARTITION BY r.population_id
        ORDER BY r.kind = 'consensus' DESC, r.completed_at DESC, r.id DESC) AS choice
    FROM reviews r
    WHERE r.status IN ({sql_list(counted_statuses(counting))}) AND r.protocol_id = ?
        AND r.kind IN ({sql_list(COUNTED_KINDS)}) AND {in_round}
) WHERE choice = 1
"""


def counted_reviews(db: Database, protocol_id: str, *,
                    counting: str = DEFAULT_COUNTING) -> list[dict[str, Any]]:
    """The reviews tallies count, one per case, with the case's reference, district, gender."""
    rows = db.execute(
        f"WITH counted AS ({_counted(counting)})"
        " SELECT r.id, r.population_id, r.kind, r.reviewer, r.completed_at, p.case_ref,"
        " p.district, p.gender, p.personnummer, p.name FROM counted c"
        " JOIN reviews r ON r.id = c.id JOIN population p ON p.id = r.population_id"
        " ORDER BY p.case_ref, r.id",
        [protocol_id],
    ).fetchall()
    keys = ("review_id", "population_id", "kind", "reviewer", "completed_at", "case_ref",
            "district", "gender", "personnummer", "name")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def counted_cases(db: Database, protocol_id: str, *, counting: str = DEFAULT_COUNTING,
                  round_id: int | None = None) -> list[tuple[str, str, str, str]]:
    """The counted reviews, one per case in case reference order: case_ref, district,
    gender and the review's stored answers as one JSON object (question id -> text;
    empty answers left out).

    One row per review with its answers gathered by SQLite, rather than a row
    per answer (300,000 for 10,000 reviews): SQLite makes the text faster than
    the Python rows, and ``jobs.tallies`` parses them all with one
    ``json.loads``.
    """
    return db.execute(
        f"WITH counted AS ({_counted(counting, round_id)})"
        " SELECT p.case_ref, p.district, p.gender, (SELECT json_group_object(a.question_id,"
        " a.value) FROM answers a WHERE a.review_id = r.id AND a.value <> '')"
        " FROM counted c JOIN reviews r ON r.id = c.id JOIN population p ON p.id = r.population_id"
        " ORDER BY p.case_ref, r.id",
        [protocol_id],
    ).fetchall()


def answers_long(db: Database, protocol_id: str, *, with_identities: bool = False,
                 counting: str = DEFAULT_COUNTING) -> list[tuple[Any, ...]]:
    """The counted reviews' answers in long format: case_ref, district, gender, question_id,
    value, reviewer, answered_at, the answer's evidence (doc_type, doc_date, quote; None
    without) and personnummer, name when asked for."""
    extra = ", p.personnummer, p.name" if with_identities else ""
    counted = _counted(counting)
    # Two reads instead of one join: each review's case columns once, then its answers
    # from the covering index in (review, question) order; a third fewer values to fetch.
    heads = {row[0]: row[1:] for row in db.execute(
        f"SELECT r.id, p.case_ref, p.district, p.gender, r.reviewer{extra} FROM reviews r"
        f" JOIN population p ON p.id = r.population_id WHERE r.id IN ({counted})",
        [protocol_id])}
    answers = db.execute(
        "SELECT a.review_id, a.question_id, a.value, a.answered_at, e.doc_type, e.doc_date,"
        " e.quote FROM answers a LEFT JOIN evidence e ON e.review_id = a.review_id"
        " AND e.question_id = a.question_id"
        f" WHERE a.review_id IN ({counted}) AND a.value IS NOT NULL"
        " ORDER BY a.review_id, a.question_id",
        [protocol_id])
    if with_identities:
        return [(h[0], h[1], h[2], q, v, h[3], at, d, day, quote, h[4], h[5])
                for r, q, v, at, d, day, quote in answers for h in (heads[r],)]
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    last: int | None = None
    h: tuple[Any, ...] = ()
    for review_id, question_id, value, answered_at, doc, day, quote in answers:  # by review
        if review_id != last:
            last, h = review_id, heads[review_id]
        append((h[0], h[1], h[2], question_id, value, h[3], answered_at, doc, day, quote))
    return rows


BLOCK, ITEM = "\x1e", "\x1f"  # the separators of ``answer_blocks``' texts


def answer_blocks(db: Database, protocol_id: str, *, with_identities: bool = False,
                  counting: str = DEFAULT_COUNTING) -> list[tuple[Any, ...]]:
    """The counted reviews' answers gathered per review, for the long-format export.

    One row per review that has answers, in review order: case_ref, district,
    gender, reviewer (personnummer, name when asked for), then one text: the
    number of answers, their question ids, values and times, then the review's
    evidence: its question ids, document types, dates and quotes (empty without
    evidence); each list joined by ITEM and the eight parts by BLOCK. SQLite
    gathers the answers as it reads them from the covering index, i.e. in
    question order. Ten thousand rows instead of 300,000 rows of ten values: the
    reader splits the texts in C, and puts the evidence beside its answers. A
    text holding a separator itself makes the parts not add up, and the reader
    checks that they do, and the order (``tallies.export``).
    """
    extra = ", p.personnummer, p.name" if with_identities else ""
    rows = db.execute(
        f"SELECT p.case_ref, p.district, p.gender, r.reviewer{extra},"
        " (SELECT count(*) || char(30) || group_concat(a.question_id, char(31)) || char(30)"
        " || group_concat(a.value, char(31)) || char(30) || group_concat(a.answered_at, char(31))"
        " FROM answers a WHERE a.review_id = r.id AND a.value IS NOT NULL) || char(30)"
        " || coalesce((SELECT group_concat(e.question_id, char(31)) || char(30)"
        " || group_concat(e.doc_type, char(31)) || char(30) || group_concat(e.doc_date, char(31))"
        " || char(30) || group_concat(e.quote, char(31)) FROM evidence e"
        " WHERE e.review_id = r.id), char(30) || char(30) || char(30))"
        " FROM reviews r JOIN population p ON p.id = r.population_id"
        f" WHERE r.id IN ({_counted(counting)}) ORDER BY r.id",
        [protocol_id],
    ).fetchall()
    return [row for row in rows if row[-1] is not None]  # (filtering in SQL reads twice)


def counted_evidence(db: Database, protocol_id: str, *,
                     counting: str = DEFAULT_COUNTING) -> list[dict[str, Any]]:
    """The evidence of the reviews tallies count, by case reference and question, with
    the answer it backs and the case's name (for a report to keep names out of quotes)."""
    keys = ("case_ref", "district", "question_id", "value", "doc_type", "doc_date", "quote",
            "name")
    rows = db.execute(
        "SELECT p.case_ref, p.district, e.question_id, a.value, e.doc_type, e.doc_date,"
        " e.quote, p.name FROM evidence e JOIN reviews r ON r.id = e.review_id"
        " JOIN population p ON p.id = r.population_id LEFT JOIN answers a"
        " ON a.review_id = e.review_id AND a.question_id = e.question_id"
        f" WHERE r.id IN ({_counted(counting)}) ORDER BY p.case_ref, e.question_id",
        [protocol_id])
    return [dict(zip(keys, row, strict=True)) for row in rows]


def sample_cases(db: Database) -> dict[str, dict[str, Any]]:
    """Cases in a sample (selected or replacement), by case reference; the latest sample wins."""
    rows = db.execute(
        "SELECT p.case_ref, m.population_id, m.sample_id, p.district, p.gender"
        " FROM sample_members m JOIN population p ON p.id = m.population_id"
        " WHERE m.role IN ('selected', 'replacement') ORDER BY m.sample_id, m.id"
    ).fetchall()
    return {row[0]: {"population_id": row[1], "sample_id": row[2], "district": row[3],
                     "gender": row[4]} for row in rows}


_OWN_KINDS = ("primary", "second", "training")  # an import never writes a consensus


@dataclass(frozen=True, slots=True)
class ImportTarget:
    """Where one reviewer's imported answers to one case go.

    ``review_id`` is the reviewer's own review (primary, second or training),
    None when a new primary review is to be made; ``refusal`` says why
    neither is possible (the case's primary review is someone else's: a new
    primary would silently become the one tallies and exports count). The
    refusal names the reviewer in the database, not the one asked for: that
    text comes from a file, whose shifted rows may put a name in any column.
    """

    review_id: int | None
    kind: str
    refusal: str | None = None


def import_target(db: Database, population_id: int | None, reviewer: str,
                  protocol_id: str, *, follow_up_id: int | None = None) -> ImportTarget:
    """The reviewer's review of a case (``population_id``) or of a provider follow-up."""
    column, unit = ("follow_up_id", follow_up_id) if follow_up_id is not None \
        else ("population_id", population_id)
    rows = db.execute(
        f"SELECT id, kind, reviewer FROM reviews r WHERE {column} = ? AND protocol_id = ?"
        f" AND {CURRENT} ORDER BY id", [unit, protocol_id]).fetchall()
    own = [(rid, kind) for rid, kind, who in rows if who == reviewer and kind in _OWN_KINDS]
    if len(own) == 1:
        return ImportTarget(*own[0])
    if own:
        kinds = " and ".join(kind for _, kind in own)
        return ImportTarget(None, "primary", f"the reviewer holds both the {kinds} review of "
                            "this case; enter these answers in the app instead")
    primary = next((who for _, kind, who in rows if kind == "primary"), None)
    if primary is not None:
        return ImportTarget(None, "primary", (
            f"the case's primary review is {primary}'s and the reviewer has no review of it; "
            f"name {primary} as the reviewer, or give the reviewer the second review first "
            "(granska assign --second)"))
    return ImportTarget(None, "primary")


def stored_answers(db: Database, review_id: int | None) -> dict[str, str]:
    """A review's stored answers (none for a review yet to be made), for import checks."""
    if review_id is None:
        return {}
    return dict(db.execute(
        "SELECT question_id, value FROM answers WHERE review_id = ? AND value IS NOT NULL",
        [review_id]).fetchall())


@dataclass(frozen=True, slots=True)
class ImportedAnswer:
    population_id: int | None  # None for a provider follow-up (``follow_up_id``)
    sample_id: int | None
    reviewer: str
    question_id: str
    value: str | None  # encoded; None clears
    note: str | None = None
    _: KW_ONLY  # the unit and the evidence by name: two optional ids side by side mix up
    follow_up_id: int | None = None
    evidence: Evidence | None = None  # stored beside the answer; None keeps what is there


def import_answers(
    db: Database,
    answers: Iterable[ImportedAnswer],
    *,
    protocol_id: str,
    protocol_version: str,
    source: str,
    complete: bool = True,
    who: str | None = None,
) -> dict[str, int]:
    """Store checked answers all at once: one transaction, one audit row per changed answer.

    Each (case, reviewer) goes to the reviewer's own review of the case (see
    ``import_target``), a new primary one when the case has none; with
    ``complete`` the reviews filled are marked complete, so that they count (an
    approved review stays approved unless its answers change, as in the app).
    An item's evidence is stored (and audited as ``evidence.import``) in the same
    transaction. Returns how many answers were stored, how many cleared, in how many
    reviews.
    """
    who = who or current_user()
    stamp = now()
    changed = cleared = reviews_touched = 0
    with transaction(db):
        review_ids: dict[tuple[int | None, int | None, str], int] = {}
        altered: set[int] = set()
        for item in answers:
            key = (item.population_id, item.follow_up_id, item.reviewer)
            review_id = review_ids.get(key)
            if review_id is None:
                review_id = review_ids[key] = _review_for(
                    db, item, protocol_id, protocol_version, stamp, who)
                assert_current(db, review_id)
            old = db.execute(
                "SELECT value, note FROM answers WHERE review_id = ? AND question_id = ?",
                [review_id, item.question_id],
            ).fetchone()
            note = item.note if item.note is not None else (old[1] if old else "")
            if item.evidence is not None:
                store_evidence(db, review_id, item.question_id, item.evidence, who=who,
                               action="evidence.import")
            if old is not None and old[0] == item.value and old[1] == note:
                continue
            if item.value is None and (old is None or old[0] is None):
                continue  # clearing what is not there changes nothing
            db.execute(
                "INSERT INTO answers (review_id, question_id, value, note, protocol_id,"
                " protocol_version, answered_at, answered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (review_id, question_id) DO UPDATE SET value = excluded.value,"
                " note = excluded.note, answered_at = excluded.answered_at,"
                " answered_by = excluded.answered_by",
                [review_id, item.question_id, item.value, note, protocol_id, protocol_version,
                 stamp, item.reviewer],
            )
            record(db, "answer.import", "review", review_id, field=item.question_id,
                   old=old[0] if old else None, new=item.value, who=who)
            altered.add(review_id)
            if item.value is None and old is not None and old[0] is not None:
                cleared += 1
            else:
                changed += 1
        for review_id in review_ids.values():
            status = db.execute("SELECT status FROM reviews WHERE id = ?",
                                [review_id]).fetchone()[0]
            if status == "approved":
                new = "complete" if review_id in altered else status
            else:
                new = "complete" if complete else ("in_progress" if status == "not_started"
                                                    else status)
            if new != status:
                db.execute(
                    "UPDATE reviews SET status = ?, status_reason = NULL, updated_at = ?,"
                    " completed_at = ? WHERE id = ?",
                    [new, stamp, stamp if new == "complete" else None, review_id])
                record(db, "status", "review", review_id, old=status, new=new, who=who)
            reviews_touched += 1
        cleared_text = f", {cleared} cleared" if cleared else ""
        record(db, "answers.import", "import", None, new=f"{source}: {changed} answers"
               f"{cleared_text}, {reviews_touched} reviews", who=who)
    return {"answers": changed, "cleared": cleared, "reviews": reviews_touched}


def _review_for(db: Database, item: ImportedAnswer, protocol_id: str,
                protocol_version: str, stamp: str, who: str) -> int:
    target = import_target(db, item.population_id, item.reviewer, protocol_id,
                           follow_up_id=item.follow_up_id)
    if target.refusal is not None:
        raise StoreError(f"{target.refusal}; nothing was imported", "forbidden")
    if target.review_id is not None:
        return target.review_id
    review_id = db.insert(
        "INSERT INTO reviews (unit_kind, population_id, follow_up_id, sample_id, round_id,"
        " reviewer, protocol_id, protocol_version, kind, created_at, updated_at)"
        f" VALUES (?, ?, ?, ?, {JOINED}, ?, ?, ?, 'primary', ?, ?)",
        ["case" if item.follow_up_id is None else "provider", item.population_id,
         item.follow_up_id, item.sample_id, item.sample_id, item.reviewer, protocol_id,
         protocol_version, stamp, stamp],
    )
    record(db, "review.create", "review", review_id, new=item.reviewer, who=who)
    return review_id


# --- district notes: strengths and development areas --------------------------------------

def district_notes(db: Database, district: str | None = None
                   ) -> list[dict[str, Any]]:
    clause, params = ("WHERE district = ?", [district]) if district is not None else ("", [])
    return list(db.query(
        f"SELECT id, district, kind, text, position FROM district_notes {clause}"
        " ORDER BY district, kind, position, id", params))


def add_district_note(db: Database, district: str, kind: str, text: str, *,
                      who: str | None = None) -> int:
    if kind not in ("strength", "development"):
        raise ValueError(f"unknown note kind '{kind}'; use strength or development")
    text = text.strip()
    if not text:
        raise ValueError("a note needs some text")
    who = who or current_user()
    with transaction(db):
        position = db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM district_notes WHERE district = ?"
            " AND kind = ?", [district, kind]).fetchone()[0]
        note_id = db.insert(
            "INSERT INTO district_notes (district, kind, text, position, written_at, written_by)"
            " VALUES (?, ?, ?, ?, ?, ?)", [district, kind, text, position, now(), who],
        )
        record(db, "note.add", "district_note", note_id, field=f"{district}/{kind}", new=text,
               who=who)
    return note_id


def update_district_note(db: Database, note_id: int, text: str, *,
                         who: str | None = None) -> bool:
    text = text.strip()
    if not text:
        raise ValueError("a note needs some text; delete it instead")
    with transaction(db):
        row = db.execute("SELECT text, district, kind FROM district_notes WHERE id = ?",
                         [note_id]).fetchone()
        if row is None:
            raise KeyError(f"no district note {note_id}")
        if row[0] == text:
            return False
        db.execute("UPDATE district_notes SET text = ?, written_at = ?, written_by = ?"
                   " WHERE id = ?", [text, now(), who or current_user(), note_id])
        record(db, "note.edit", "district_note", note_id, field=f"{row[1]}/{row[2]}",
               old=row[0], new=text, who=who)
    return True


def delete_district_note(db: Database, note_id: int, *,
                         who: str | None = None) -> bool:
    with transaction(db):
        row = db.execute("SELECT text, district, kind FROM district_notes WHERE id = ?",
                         [note_id]).fetchone()
        if row is None:
            return False
        db.execute("DELETE FROM district_notes WHERE id = ?", [note_id])
        record(db, "note.delete", "district_note", note_id, field=f"{row[1]}/{row[2]}",
               old=row[0], who=who)
    return True


def record_export(db: Database, what: str, *, who: str | None = None) -> None:
    """Audit an export that carries identities (personnummer and names)."""
    with transaction(db):
        record(db, "export.identities", "export", None, new=what, who=who)


def tally_fingerprint(db: Database, protocol_id: str, *,
                      counting: str = DEFAULT_COUNTING) -> tuple[Any, ...]:
    """Changes whenever what tallies count may have changed: the reviews in counted states
    (their number and latest change), district notes, and the rounds (a new one changes
    which reviews count). Work on unfinished reviews leaves it alone."""
    return tuple(db.execute(
        "SELECT count(*), max(updated_at), total(id) FROM reviews"
        f" WHERE protocol_id = ? AND status IN ({sql_list(counted_statuses(counting))})"
        " UNION ALL SELECT count(*), max(written_at), total(id) FROM district_notes"
        " UNION ALL SELECT count(*), max(id), total(id) FROM rounds",
        [protocol_id]).fetchall())
