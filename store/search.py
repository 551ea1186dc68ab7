"""Full-text search over what case files say and what reviewers wrote (SQLite FTS5).

sqlite-utils builds one external-content FTS5 table per source table, with the
triggers that keep it current through every insert, update and delete, so the
code that writes cases and notes never has to know the index exists. A hit
leads to a review the user may open: each source says how its rows lead to
reviews (and to a question), and the caller's scope (a reviewer, a review kind)
is applied inside the search, before the limit.

Adding a source (evidence quotes, say) is one ``Source`` line in ``SOURCES``
and, if its table already exists in released databases, one more migration step
running ``index_sources`` again: it indexes every source table that has none yet.

sqlite-utils is imported here only, and this module only when a search or that
migration step runs: never on the app's start-up path.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.errors import StoreError
from store.rounds import CURRENT

if TYPE_CHECKING:
    import sqlite_utils

    from store.database import Database

# Around each hit in a snippet: control characters no text holds, for the faces to show.
HIT_START, HIT_END = "\x02", "\x03"
# å, ä and ö are letters of their own in Swedish, not a with a mark: "får" is not "far".
TOKENIZE = "unicode61 remove_diacritics 0"


@dataclass(frozen=True, slots=True)
class Source:
    """A table whose text column is searched, and how its rows lead to reviews.

    ``links`` is SQL giving ``row`` (the table's rowid), ``review_id`` and
    ``question_id`` (NULL when the text is not about one question).
    """

    table: str
    column: str
    where: str
    links: str


SOURCES: tuple[Source, ...] = (
    Source("case_files", "text", "case_file",
           "SELECT c.population_id AS row, r.id AS review_id, NULL AS question_id"
           " FROM case_files c JOIN reviews r ON r.population_id = c.population_id"),
    Source("reviews", "note", "case_note",
           "SELECT id AS row, id AS review_id, NULL AS question_id FROM reviews"),
    Source("answers", "note", "question_note",
           "SELECT id AS row, review_id, question_id FROM answers"),
    Source("evidence", "quote", "evidence",
           "SELECT rowid AS row, review_id, question_id FROM evidence"),
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One text found, whole, with every hit marked: the caller masks identities in it
    before cutting a snippet, so no cut can leave half a personnummer. ``subject_name``
    is the case's name, for that masking; it is never to be shown."""

    review_id: int
    case_ref: str
    where: str
    question_id: str | None
    text: str
    rank: float
    subject_name: str


class SearchQueryError(StoreError):
    """The search text is not a valid FTS5 query (an unbalanced quote, a stray operator)."""


def _utils(db: Database) -> sqlite_utils.Database:
    """sqlite-utils on Granska's own connection, leaving the connection's settings as they
    were (no recursive triggers, no plugins) and its transactions to ``transaction()``."""
    import sqlite_utils

    return sqlite_utils.Database(db.conn, recursive_triggers=False, execute_plugins=False)


def index_sources(db: Database) -> None:
    """The migration step: an FTS5 index with triggers for every source not indexed yet,
    filled from the rows already there."""
    utils = _utils(db)
    for source in SOURCES:
        table = utils.table(source.table)
        if table.exists() and table.detect_fts() is None:
            table.enable_fts([source.column], fts_version="FTS5", create_triggers=True,
                             tokenize=TOKENIZE)


def search(
    db: Database,
    query: str,
    *,
    reviewer: str | None = None,
    kind: str | None = None,
    prefer: str | None = None,
    limit: int = 200,
) -> list[Hit]:
    """The passages matching an FTS5 ``query`` in the reviews within scope, best first.

    ``reviewer`` / ``kind`` limit the reviews a hit may lead to (None: any). A case
    file read in several reviews is one hit, leading to ``prefer``'s own review when
    there is one. Bad query syntax raises SearchQueryError.
    """
    if not query.strip():
        raise SearchQueryError("empty search text", "input")
    utils = _utils(db)
    scope, scope_args = _scope(reviewer, kind)
    hits: list[Hit] = []
    try:
        for source in SOURCES:
            table = utils.table(source.table)
            if table.detect_fts() is None:
                continue  # a source whose table came after the index (a later migration)
            hits.extend(_search_source(db, utils, source, query, scope, scope_args, prefer,
                                       limit))
    except sqlite3.OperationalError as error:
        if _is_query_error(error):
            raise SearchQueryError(str(error), "input") from None
        raise
    hits.sort(key=lambda hit: (hit.rank, hit.case_ref, hit.where, hit.question_id or ""))
    return hits[:limit]


def _scope(reviewer: str | None, kind: str | None) -> tuple[str, dict[str, Any]]:
    clauses, args = ["1", CURRENT], {}  # the rounds worked on (store.rounds)
    if reviewer is not None:
        clauses.append("r.reviewer = :scope_reviewer")
        args["scope_reviewer"] = reviewer
    if kind is not None:
        clauses.append("r.kind = :scope_kind")
        args["scope_kind"] = kind
    return " AND ".join(clauses), args


def _search_source(
    db: Database, utils: sqlite_utils.Database, source: Source, query: str, scope: str,
    scope_args: dict[str, Any], prefer: str | None, limit: int,
) -> list[Hit]:
    in_scope = (f"rowid IN (SELECT l.row FROM ({source.links}) l"
                f" JOIN reviews r ON r.id = l.review_id WHERE {scope})")
    found = {
        row["rowid"]: row["rank"]
        for row in utils.table(source.table).search(
            query, columns=["rowid"], where=in_scope, where_args=scope_args, limit=limit,
            include_rank=True)
    }
    if not found:
        return []
    fts = f"{source.table}_fts"
    marks = ", ".join("?" for _ in found)
    texts = dict(db.execute(
        f"SELECT rowid, highlight({fts}, 0, ?, ?) FROM {fts}"
        f" WHERE {fts} MATCH ? AND rowid IN ({marks})",
        [HIT_START, HIT_END, query, *found]).fetchall())
    links = db.execute(
        f"SELECT l.row, r.id, l.question_id, p.case_ref, coalesce(p.name, ''),"
        f" r.reviewer = :prefer AS own FROM ({source.links}) l"
        f" JOIN reviews r ON r.id = l.review_id JOIN population p ON p.id = r.population_id"
        f" WHERE {scope} AND l.row IN ({', '.join(f':row{i}' for i in range(len(found)))})"
        f" ORDER BY l.row, own DESC, r.id",
        {**scope_args, "prefer": prefer,
         **{f"row{i}": row for i, row in enumerate(found)}}).fetchall()
    hits, seen = [], set()
    for row, review_id, question_id, case_ref, name, _own in links:
        if row in seen:
            continue  # the same case file in another review: the preferred one is first
        seen.add(row)
        hits.append(Hit(review_id, case_ref, source.where, question_id,
                        texts.get(row, ""), found[row], name))
    return hits


def _is_query_error(error: sqlite3.OperationalError) -> bool:
    """Whether sqlite refused the MATCH text itself (not the database failing)."""
    text = str(error).lower()
    return text.startswith(("fts5:", "no such column", "unterminated string",
                            "unknown special query")) or "syntax error" in text

