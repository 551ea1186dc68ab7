"""Review rounds: the same sample's cases reviewed again (the follow-up some six months
after a review), or the next year's sample, each round's reviews kept beside the others'.

A round belongs to one sample and holds its reviews (``reviews.round_id``, part of the
review's key). The app works on each sample's newest round (``CURRENT``): the older
rounds' answers are there to compare with, never copied into a new round. A sample
whose reviews are in no round (drawn after the migration, before any round was made)
is worked on as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from store.audit import record
from store.database import Database
from store.errors import Refusal
from store.identity import current_user, now
from store.transactions import transaction

# The reviews the app works on (alias ``r``): outside any round, or in their sample's newest.
CURRENT = "(r.round_id IS NULL OR r.round_id IN (SELECT max(id) FROM rounds GROUP BY sample_id))"
# The round a new review of a sample joins (one parameter: the sample id): its newest.
JOINED = "(SELECT max(id) FROM rounds WHERE sample_id = ?)"
FIRST_ROUND = "Omgång 1"  # the name of a sample's reviews made into a round of their own
_KINDS_CARRIED = ("primary", "second")  # a consensus is agreed again, a training is no round's


def working_clause(db: Database) -> str:
    """``CURRENT`` when some sample has an older round, else nothing: without one every
    review is a current one, and lists and counts keep their plain, indexed queries."""
    older = db.execute("SELECT count(*) > count(DISTINCT sample_id) FROM rounds").fetchone()[0]
    return CURRENT if older else ""


def rounds(db: Database) -> list[dict[str, Any]]:
    """Every round, oldest first, with its number of reviews and of done ones."""
    return list(db.query(
        "SELECT ro.id, ro.name, ro.sample_id, ro.created_at, ro.created_by,"
        " (SELECT count(*) FROM reviews r WHERE r.round_id = ro.id) AS reviews,"
        " (SELECT count(*) FROM reviews r WHERE r.round_id = ro.id"
        "  AND r.status IN ('complete', 'approved')) AS done"
        " FROM rounds ro ORDER BY ro.id"))


def find_round(db: Database, ref: str) -> dict[str, Any]:
    """A round by its name, or by its id; a StoreError naming the known ones otherwise."""
    found = db.first("SELECT * FROM rounds WHERE name = ?", [ref])
    if found is None and ref.strip().isdigit():
        found = db.first("SELECT * FROM rounds WHERE id = ?", [int(ref)])
    if found is None:
        known = ", ".join(r["name"] for r in rounds(db))
        if not known:
            raise Refusal("round_none", "missing", ref=ref)
        raise Refusal("round_unknown", "missing", ref=ref, known=known)
    return found


def earlier_round(db: Database, review_id: int) -> str | None:
    """The name of the review's round when that is not its sample's newest, else None: an
    earlier round's answers are what it found, kept to compare with, never changed."""
    row = db.execute(f"SELECT ro.name, {CURRENT} FROM reviews r LEFT JOIN rounds ro"
                     " ON ro.id = r.round_id WHERE r.id = ?", [review_id]).fetchone()
    return None if row is None or row[1] else str(row[0])


def assert_current(db: Database, review_id: int) -> None:
    """Refuse a change to a review of an earlier round (``earlier_round``); inside the write
    transaction, before changing anything."""
    name = earlier_round(db, review_id)
    if name is not None:
        raise Refusal("round_earlier", "forbidden", review=review_id, round=name)


@dataclass(frozen=True, slots=True)
class Created:
    round_id: int
    sample_id: int
    reviews: int  # new reviews, not started
    taken: int  # the sample's reviews outside rounds that the new round holds now
    first: str | None  # the first round those reviews were made into, when one was


def create_round(db: Database, name: str, *, version_of: Callable[[str], str],
                 sample_id: int | None = None, who: str | None = None,
                 force: bool = False) -> Created:
    """A new round named ``name``, all in one transaction, audited (``round.create``).

    Of ``sample_id``, or else of the newest round's sample (the latest sample when there is
    no round). A sample whose reviews are in no round: given by ``sample_id``, the round is
    those reviews, named (the next year's sample); otherwise they become its first round
    (``FIRST_ROUND``) and the new round follows it. A new round over a round's cases gives
    each still-sampled case's primary and second reviewer a review of it, not started and
    empty, on the protocol version in force (``version_of(protocol_id)``). The reviews it
    follows leave the app's view, so while some are unfinished it is refused unless
    ``force``.
    """
    name = name.strip()
    if not name:
        raise Refusal("round_blank")
    if "," in name:
        raise Refusal("round_comma")
    who = who or current_user()
    with transaction(db):
        if db.first("SELECT 1 AS taken FROM rounds WHERE name = ?", [name]) is not None:
            raise Refusal("round_exists", name=name)
        named = sample_id is not None
        if sample_id is None:
            sample_id = db.execute("SELECT coalesce((SELECT sample_id FROM rounds ORDER BY id"
                                   " DESC LIMIT 1), (SELECT max(id) FROM samples))").fetchone()[0]
            if sample_id is None:
                raise Refusal("round_no_sample", "missing")
        elif db.first("SELECT 1 AS found FROM samples WHERE id = ?", [sample_id]) is None:
            raise Refusal("round_sample_unknown", "missing", sample=sample_id)
        previous = db.execute("SELECT max(id) FROM rounds WHERE sample_id = ?",
                              [sample_id]).fetchone()[0]
        outside = db.execute(
            "SELECT count(*) FROM reviews WHERE sample_id = ? AND round_id IS NULL"
            " AND kind != 'training'", [sample_id]).fetchone()[0]
        if not force and (previous is not None or (outside and not named)):
            _assert_finished(db, sample_id, previous)
        first = None
        if previous is None and outside and not named:
            first = FIRST_ROUND if db.first("SELECT 1 AS taken FROM rounds WHERE name = ?",
                                            [FIRST_ROUND]) is None else f"Urval {sample_id}"
            previous = _new_round(db, first, sample_id, who)
            _take_outside(db, previous, sample_id)
        round_id = _new_round(db, name, sample_id, who)
        taken = _take_outside(db, round_id, sample_id) if previous is None else 0
        made = 0 if previous is None else _reviews_again(db, previous, round_id,
                                                         version_of, who)
    return Created(round_id, sample_id, made, taken, first)


def _assert_finished(db: Database, sample_id: int, previous: int | None) -> None:
    """Refuse to follow reviews of which some are neither complete nor approved."""
    unfinished = db.execute(
        "SELECT count(*) FROM reviews WHERE sample_id = ? AND round_id IS ?"
        " AND kind != 'training' AND status NOT IN ('complete', 'approved')",
        [sample_id, previous]).fetchone()[0]
    if unfinished:
        raise Refusal("round_unfinished", count=unfinished, sample=sample_id)


def _new_round(db: Database, name: str, sample_id: int, who: str) -> int:
    round_id = db.insert("INSERT INTO rounds (name, sample_id, created_at, created_by)"
                         " VALUES (?, ?, ?, ?)", [name, sample_id, now(), who])
    record(db, "round.create", "round", round_id, field=f"sample {sample_id}", new=name,
           who=who)
    return round_id


def _take_outside(db: Database, round_id: int, sample_id: int) -> int:
    return db.execute("UPDATE reviews SET round_id = ? WHERE sample_id = ? AND round_id IS NULL"
                      " AND kind != 'training'", [round_id, sample_id]).rowcount


def _reviews_again(db: Database, previous: int, round_id: int,
                   version_of: Callable[[str], str], who: str) -> int:
    """The previous round's reviewers get the same cases again, if still in the sample."""
    marks = ", ".join("?" for _ in _KINDS_CARRIED)
    again = db.execute(
        "SELECT r.population_id, r.sample_id, r.reviewer, r.protocol_id, r.kind FROM reviews r"
        " JOIN sample_members m ON m.sample_id = r.sample_id AND m.population_id = r.population_id"
        f" WHERE r.round_id = ? AND r.kind IN ({marks}) AND m.role IN ('selected', 'replacement')"
        " ORDER BY r.id", [previous, *_KINDS_CARRIED]).fetchall()
    stamp = now()
    for population_id, sample_id, reviewer, protocol_id, kind in again:
        review_id = db.insert(
            "INSERT INTO reviews (population_id, sample_id, round_id, reviewer, protocol_id,"
            " protocol_version, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [population_id, sample_id, round_id, reviewer, protocol_id, version_of(protocol_id),
             kind, stamp, stamp])
        record(db, "review.create", "review", review_id, field=kind, new=reviewer, who=who)
    return len(again)


@dataclass(frozen=True, slots=True)
class PreviousAnswers:
    """The answers of a case in the round before a review's: for display and comparison."""

    round_name: str
    values: dict[str, str]  # question id -> stored text
    notes: dict[str, str]


def previous_answers(db: Database, review_id: int) -> PreviousAnswers | None:
    """The case's review in the latest earlier round (its consensus when agreed, else one of
    the same kind, else the primary one), with its answers; None without an earlier round.
    One query: the case screen asks once, when the case opens."""
    rows = db.execute(
        "SELECT ro.name, a.question_id, a.value, a.note FROM reviews r"
        " JOIN rounds ro ON ro.id = r.round_id LEFT JOIN answers a ON a.review_id = r.id"
        " WHERE r.id = (SELECT p.id FROM reviews me JOIN reviews p"
        "  ON p.population_id = me.population_id AND p.protocol_id = me.protocol_id"
        "  AND p.round_id < me.round_id WHERE me.id = ? AND p.kind != 'training'"
        "  ORDER BY p.round_id DESC, p.kind = 'consensus' DESC, p.kind = me.kind DESC,"
        "  p.kind = 'primary' DESC, p.id DESC LIMIT 1)", [review_id]).fetchall()
    if not rows:
        return None
    values = {q: v for _, q, v, _ in rows if q is not None and v is not None}
    notes = {q: n for _, q, _, n in rows if q is not None and n}
    return PreviousAnswers(rows[0][0], values, notes)
