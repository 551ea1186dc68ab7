"""The previous round's free-text answer on the case screen is masked whole before it is
cut to one short line: a name or personnummer across the cut is masked too."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jobs.identities import Subject
from jobs.rounds import previous_line
from review_protocols import QuestionType, load_builtin
from tests.tui.conftest import REVIEWER

PROTOCOL = load_builtin("boendestod_sol")
TEXT_QUESTION = next(q for q in PROTOCOL.questions if q.type is QuestionType.TEXT)

# No m (the "[namn]" mark), no x and no digits (the filler): a piece of the name or the
# personnummer found in the line can only come from the name or the personnummer.
_part = st.text(alphabet="abcdefghijklnoprstuvyåäö", min_size=2, max_size=12).map(
    str.capitalize)
names = st.lists(_part, min_size=1, max_size=3).map(" ".join)
personnummer = st.one_of(st.from_regex(r"(19|20)[0-9]{6}-?[0-9]{4}", fullmatch=True),
                         st.from_regex(r"[0-9]{6}[-+][0-9]{4}", fullmatch=True))
filler = st.text(alphabet=" .,;:x", max_size=90)


def pieces(text: str, size: int) -> set[str]:
    return {text[i:i + length] for length in range(size, len(text) + 1)
            for i in range(len(text) - length + 1)}


@given(name=names, pnr=personnummer, before=filler, after=filler, second_line=st.booleans())
def test_no_piece_of_the_name_or_personnummer_is_shown(name, pnr, before, after,
                                                       second_line) -> None:
    text = f"{before} {name} {after} {pnr} {after}" + ("\nmer" if second_line else "")
    shown = previous_line(text, Subject(name, pnr))
    assert len(shown) <= 61
    assert not any(piece in shown for piece in pieces(name, 4)), shown
    digits = "".join(c for c in pnr if c.isdigit())
    assert not any(piece in shown for piece in pieces(digits, 6)), shown


def test_the_case_screens_previous_line_is_masked_across_the_cut(review_db) -> None:
    """What the case screen is given (jobs.rounds.previous_for): a personnummer starting at
    character 50 is cut at 60 only after it is masked."""
    from jobs.identities import subject as subject_of_case
    from jobs.rounds import create, previous_for
    from store.reviews import list_reviews, save_answer, set_review_status

    first = list_reviews(review_db, reviewer=REVIEWER, limit=1)[0]
    whom = subject_of_case(review_db, first["population_id"])
    lead = "Samtal om stödet med den enskilde, ".ljust(50, ".")
    save_answer(review_db, first["id"], TEXT_QUESTION.id, f"{lead}{whom.personnummer} och"
                f" {whom.name}", who=REVIEWER)
    set_review_status(review_db, first["id"], "complete", who=REVIEWER)
    create(review_db, "Uppföljning", force=True)  # the first round is not finished
    again = next(r for r in list_reviews(review_db, reviewer=REVIEWER)
                 if r["population_id"] == first["population_id"] and r["id"] != first["id"])
    shown = previous_for(review_db, PROTOCOL, again["id"], whom)[TEXT_QUESTION.id].shown
    assert shown.startswith(lead) and shown.endswith("…")
    digits = whom.personnummer.replace("-", "")
    assert digits[:6] not in shown.replace("-", "") and digits[:4] not in shown
