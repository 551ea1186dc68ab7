"""The Tallies view's round comparison (o): the current question's answers in two review
rounds side by side, per district and for the whole sample, with the change and whether
it is beyond chance (``jobs.rounds.comparison``); a and b step through the rounds.

Text only, so it reads without colour (NO_COLOR, 16 colours) as well: a change beyond
chance is bold with a ◆.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.table import Table as RichTable
from rich.text import Text

from jobs.i18n import t

if TYPE_CHECKING:
    from review_protocols.model import Protocol, Question
    from store.database import Database
    from tallies.rounds import Comparison, RoundWords


class RoundsCompare:
    """Which two rounds the view compares, and their comparison once worked out."""

    def __init__(self) -> None:
        self.shown = False
        self.names: list[str] = []  # every round, oldest first
        self.done: dict[str, tuple[int, int]] = {}  # a round's complete reviews, of all
        self.a: int = -2  # positions in ``names``
        self.b: int = -1
        self.result: Comparison | None = None
        self.working_for: tuple[str, str] | None = None

    def read_rounds(self, db: Database) -> None:
        from store.rounds import rounds

        found = rounds(db)
        self.done = {r["name"]: (r["done"], r["reviews"]) for r in found}
        names = [r["name"] for r in found]
        if names != self.names:
            self.names, self.a, self.b = names, len(names) - 2, len(names) - 1
            self.result = None

    @property
    def pair(self) -> tuple[str, str] | None:
        if len(self.names) < 2:
            return None
        return self.names[self.a], self.names[self.b]

    def step(self, side: str) -> None:
        """The next round on one side, never the same as the other side's."""
        if len(self.names) < 2:
            return
        here, other = (self.a, self.b) if side == "a" else (self.b, self.a)
        here = (here + 1) % len(self.names)
        if here == other:
            here = (here + 1) % len(self.names)
        self.a, self.b = (here, self.b) if side == "a" else (self.a, here)
        self.result = None

    def progress(self) -> str | None:
        """The line saying how far the newest round is, and where the one before it is
        (o): a round just opened counts nothing yet, and its table alone looks empty."""
        if len(self.names) < 2:
            return None
        newest = self.names[-1]
        done, reviews = self.done.get(newest, (0, 0))
        return t("rounds.progress", round=newest, done=done, n=reviews,
                 previous=self.names[-2])

    def none_done(self, name: str) -> str | None:
        """What a compared round's empty column means, when none of its reviews is done."""
        done, _ = self.done.get(name, (0, 0))
        return t("rounds.none_done", round=name) if done == 0 else None

    def heading(self) -> str:
        pair = self.pair
        return t("rounds.pick", a=pair[0], b=pair[1]) if pair else t("rounds.none")


def compare_text(comparison: Comparison, question: Question, words: RoundWords,
                 short: Callable[[str], str]) -> RichTable:
    """The question's answers: a row per answer and district (the whole sample first)."""
    from tallies.rounds import of_text, p_shown, points_text

    lang = words.language
    grid = RichTable(box=None, pad_edge=False, show_edge=False, padding=(0, 0, 0, 1),
                     header_style="bold")
    grid.add_column(words.answer, no_wrap=True, max_width=14, overflow="ellipsis")
    grid.add_column(words.district, no_wrap=True, max_width=12, overflow="ellipsis")
    for name in (comparison.round_a, comparison.round_b):
        grid.add_column(name[:14], justify="right", no_wrap=True)
    grid.add_column(words.change[:10], justify="right", no_wrap=True)
    grid.add_column(words.p_adjusted, justify="right", no_wrap=True)
    for change in comparison.changes:
        if change.question_id != question.id:
            continue
        option = question.option(change.option)
        label = option.label_in(lang) if option is not None else change.option
        district = short(change.district) if change.district else words.whole
        p = p_shown(change, words, True) + (" ◆" if change.flagged else "")
        grid.add_row(label, district, of_text(change, "a", words), of_text(change, "b", words),
                     points_text(change, words).split(" ")[0], p,
                     style="bold" if change.flagged else "")
    return grid


def findings_text(comparison: Comparison, question_id: str, protocol: Protocol,
                  words: RoundWords) -> Text:
    from dataclasses import replace

    from tallies.rounds import in_words

    mine = replace(comparison, changes=[c for c in comparison.changes
                                        if c.question_id == question_id])
    return Text("\n".join(f"◆ {line}" for line in in_words(mine, protocol, words)))
