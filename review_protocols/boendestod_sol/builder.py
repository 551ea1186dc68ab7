"""The case-file text builder: sections, lines, and which lines show which answer.

Every sentence that shows an answer is registered as a passage for that
question, so the trainer's report can quote what a trainee missed. Answers
that show only by absence get a passage that names the section to look in.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from review_protocols.boendestod_sol.phrases import S_JOURNAL

DIFFICULTIES = ("easy", "normal", "hard")


@dataclass(frozen=True, slots=True)
class Passage:
    """Where the answer to one question shows: lines of the text, or its absence."""

    text: str
    present: bool = True
    section: str = ""

    def shown(self) -> str:
        if self.present:
            return self.text
        return f"[Saknas i akten – se avsnittet {self.section}]"


@dataclass(frozen=True, slots=True)
class CaseFile:
    text: str
    passages: dict[str, Passage]


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str
    gender: str  # "K" | "M"
    birth_year: int
    district: str
    decided: dt.date

    @property
    def age(self) -> int:
        """Years old in the year of the decision, as the case file's birth year tells it."""
        return self.decided.year - self.birth_year


@dataclass
class Doc:
    """Builds the text section by section and remembers which lines show which answer."""

    easy: bool
    explicitness: float
    rng: random.Random
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    lines_for: dict[str, list[str]] = field(default_factory=dict)
    absent_in: dict[str, str] = field(default_factory=dict)
    journal: list[tuple[dt.date, str, tuple[str, ...]]] = field(default_factory=list)

    def section(self, title: str) -> None:
        self.sections.append((title, []))

    def line(self, text: str, *qids: str) -> None:
        self.sections[-1][1].append(text)
        for qid in qids:
            self.lines_for.setdefault(qid, []).append(text)

    def line_in(self, title: str, text: str, *qids: str) -> None:
        """A line added to an earlier section (e.g. the investigation)."""
        lines = next(lines for name, lines in self.sections if name == title)
        lines.append(text)
        for qid in qids:
            self.lines_for.setdefault(qid, []).append(text)

    def explicit(self, text: str, *qids: str) -> None:
        """A summary phrase: always when easy, sometimes when normal, never when hard."""
        if self.rng.random() < self.explicitness:
            self.line(text, *qids)

    def note(self, day: dt.date, text: str, *qids: str) -> None:
        self.journal.append((day, text, qids))

    def absent(self, qid: str, section: str) -> None:
        self.absent_in.setdefault(qid, section)

    def finish(self, key: Iterable[str]) -> CaseFile:
        if self.journal:
            self.section(S_JOURNAL)
            for day, text, qids in sorted(self.journal, key=lambda n: (n[0], n[1])):
                self.line(f"{day.isoformat()}  {text}", *qids)
        out = []
        for title, lines in self.sections:
            if not lines:
                continue
            out.append(f"{title.upper()}\n" if self.easy else f"{title}\n")
            out.extend(f"{line}\n" for line in lines)
            out.append("\n")
        passages = {}
        for qid in key:
            said = self.lines_for.get(qid)
            if said:
                passages[qid] = Passage("\n".join(dict.fromkeys(said)))
            else:
                passages[qid] = Passage("", present=False, section=self.absent_in.get(qid, ""))
        return CaseFile("".join(out).rstrip() + "\n", passages)
