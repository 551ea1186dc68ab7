"""Searching case files and notes within the user's role, for the CLI and the app alike.

A result names the case by its reference only. Its snippet has the case's name
and anything shaped like a personnummer masked, and a case is never found by its
subject's name: identities are shown only with a reason, and a search by name
would tie a name to a case reference without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.database import Database
    from store.search import Hit

LIMIT = 200
WORDS_BEFORE, WORDS_AFTER = 6, 12  # a snippet's words around its first hit
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Result:
    review_id: int
    case_ref: str
    where: str  # "case_file" | "case_note" | "question_note" | "evidence" (store.search.SOURCES)
    question_id: str | None
    snippet: str  # one line, the hits between store.search.HIT_START and HIT_END
    line: int  # the line of the text where the first hit is (from 0), to scroll to it


def scope(role: str | None, user: str) -> dict[str, str]:
    """The reviews a role searches, as the case list shows them: a supervisor every one,
    a trainer the training reviews, anyone else their own."""
    if role == "supervisor":
        return {}
    if role == "trainer":
        return {"kind": "training"}
    return {"reviewer": user}


def find(db: Database, role: str | None, user: str, text: str,
         limit: int = LIMIT) -> list[Result]:
    """The passages matching ``text`` (FTS5 query syntax) that ``role`` may see, best first.

    Bad query syntax raises ``store.search.SearchQueryError`` with a message in the
    user's language.
    """
    from jobs.i18n import t
    from store.search import SearchQueryError, search

    try:
        hits = search(db, text, **scope(role, user), prefer=user, limit=limit)
    except SearchQueryError as error:
        key = "search.empty" if not text.strip() else "search.bad_query"
        raise SearchQueryError(t(key, text=text), "input") from error
    terms = {word.lower() for word in _WORD.findall(text)}
    return [_result(hit) for hit in hits if not _names_subject(terms, hit.subject_name)]


def _result(hit: Hit) -> Result:
    from store.search import HIT_START

    text = masked(hit.text, hit.subject_name)
    first = text.find(HIT_START)
    line = text.count("\n", 0, first) if first >= 0 else 0
    return Result(hit.review_id, hit.case_ref, hit.where, hit.question_id, snippet(text),
                  line)


def snippet(text: str) -> str:
    """A few words around the first hit, on one line, "…" where the text goes on."""
    from store.search import HIT_END, HIT_START

    first = max(text.find(HIT_START), 0)
    before, after = text[:first].split(), text[first:].split()
    cut = " ".join(before[-WORDS_BEFORE:] + after[:WORDS_AFTER])
    if cut.count(HIT_START) > cut.count(HIT_END):
        cut += HIT_END  # a hit cut off at the end
    return (("…" if len(before) > WORDS_BEFORE else "") + cut
            + ("…" if len(after) > WORDS_AFTER else ""))


def _names_subject(terms: set[str], name: str) -> bool:
    """Whether a query word is part of the case subject's name (or its genitive)."""
    parts = {part.lower() for part in _WORD.findall(name) if len(part) > 1}
    return any(term in parts or (term.endswith("s") and term[:-1] in parts) for term in terms)


def masked(text: str, name: str) -> str:
    """``text`` without the subject's name (nor its genitive) and without personnummer."""
    from jobs.i18n import t
    from samples.personnummer import mask

    parts = sorted({p for p in _WORD.findall(name) if len(p) > 1}, key=len, reverse=True)
    if parts:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, parts)) + r")s?\b",
                             re.IGNORECASE)
        text = pattern.sub(t("search.name_masked"), text)
    return mask(text)

