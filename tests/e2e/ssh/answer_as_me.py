"""Run over ssh as an inspector: answer my own reviews (or try someone else's) and say what saved.

    python answer_as_me.py DB [--other REVIEWER]

Prints one line per answer saved: ``saved REVIEW_ID QUESTION VALUE``. With
``--other`` it tries to change that reviewer's first review instead and prints
the one-line refusal. The SSH test answers by pressing keys in ``granska``;
this script checks the store's own refusal of someone else's review.
"""

from __future__ import annotations

import sys

from store import StoreError, current_user, open_database
from store.reviews import list_reviews, save_answer, set_review_status


def main(argv: list[str]) -> int:
    db = open_database(argv[0], create=False)
    me = current_user()
    if len(argv) == 3 and argv[1] == "--other":
        theirs = list_reviews(db, reviewer=argv[2], limit=1)[0]
        try:
            save_answer(db, theirs["id"], "dur_aktuell", "nej")
        except StoreError as error:
            print(f"refused {error}")
            return 2
        print("saved someone else's review")
        return 0
    for review in list_reviews(db, reviewer=me, limit=3):
        for question, value in (("dur_aktuell", "ja"), ("vald_fragat", "nej")):
            save_answer(db, review["id"], question, value)
            print(f"saved {review['id']} {question} {value}", flush=True)
        set_review_status(db, review["id"], "complete")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
