"""Review rounds as a person asks for them: a new round (``granska round create``), and two
rounds side by side (``granska export csv|md|docx|equality --rounds A,B``, the Tallies
view's comparison)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from review_protocols.conditions import Value
from store.errors import StoreError

if TYPE_CHECKING:
    from jobs.config import Config
    from jobs.identities import Subject
    from review_protocols.model import Protocol
    from store.database import Database
    from store.rounds import Created
    from tallies.rounds import Comparison

ROUND_FORMATS = ("csv", "md", "docx", "equality")  # what --rounds applies to


def create(db: Database, name: str, *, sample_id: int | None = None,
           who: str | None = None, force: bool = False) -> Created:
    """A new round (``store.rounds.create_round``), its new reviews on the version in force
    of their protocol; ``force`` makes it while the round it follows has unfinished
    reviews."""
    from review_protocols import load_builtin
    from store.rounds import create_round

    return create_round(db, name, version_of=lambda protocol_id: load_builtin(
        protocol_id).version, sample_id=sample_id, who=who, force=force)


def parse_rounds(text: str) -> tuple[str, str]:
    """``--rounds A,B``: two different rounds, by name or id."""
    from jobs.i18n import t

    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        raise StoreError(t("cli.error.round_pair", text=text), "other")
    return parts[0], parts[1]


def comparison(db: Database, config: Config, protocol: Protocol, refs: str, *,
               publish: bool = False) -> Comparison:
    """The two rounds' counted reviews side by side (``tallies.rounds.compare``); published,
    the small counts of sensitive questions hidden."""
    from jobs.i18n import t
    from jobs.tallies import load_cases
    from jobs.words import publish_words
    from store.rounds import find_round
    from tallies.collector import collector_paused
    from tallies.rounds import compare
    from tallies.rounds import publish as published

    first, second = (find_round(db, ref) for ref in parse_rounds(refs))
    if first["id"] == second["id"]:
        raise StoreError(t("cli.error.round_twice", text=refs, round=first["name"]), "other")
    counting = config.tallies.counted
    cases_a = load_cases(db, protocol, counting=counting, round_id=first["id"])
    cases_b = load_cases(db, protocol, counting=counting, round_id=second["id"])
    with collector_paused():
        found = compare(protocol, cases_a, cases_b, config.district_names, first["name"],
                        second["name"])
    if publish:
        found = published(found, protocol, config.export.min_cell,
                          publish_words().complement)
    return found


def produce(db: Database, config: Config, fmt: str, refs: str, *, publish: bool = False,
            equality_format: str = "json") -> bytes:
    """The bytes of ``granska export FMT --rounds A,B``."""
    from jobs.i18n import t
    from jobs.words import round_words
    from review_protocols import load_builtin
    from tallies import rounds as writers

    if fmt not in ROUND_FORMATS:
        raise StoreError(t("cli.error.round_format", formats=", ".join(ROUND_FORMATS),
                           format=fmt), "other")
    protocol = load_builtin(config.protocol.default)
    found = comparison(db, config, protocol, refs, publish=publish)
    words = round_words()
    if fmt == "equality":
        if equality_format == "csv":
            return writers.to_csv(found).encode("utf-8")
        if equality_format == "md":
            return writers.to_markdown(found, protocol, words).encode("utf-8")
        return writers.to_json(found).encode("utf-8")
    if fmt == "csv":
        return writers.to_table_csv(found, protocol, words).encode("utf-8")
    if fmt == "md":
        return writers.to_markdown(found, protocol, words).encode("utf-8")
    from tallies.document import sheets_to_docx

    title = words.title.format(a=found.round_a, b=found.round_b)
    note = writers.suppressed_note(found, protocol, words)
    lead = f"{words.method} {note}" if note else words.method
    return sheets_to_docx(title, lead, writers.docx_sheets(found, protocol, words))


@dataclass(frozen=True, slots=True)
class PreviousAnswer:
    """The previous round's answer to one question, as the case screen shows it beside the
    question: for comparison only, never an answer of this round."""

    round_name: str
    value: Value
    shown: str  # its text on screen: labels, the number and unit, a text's first line masked

    def differs(self, current: Value) -> bool:
        """This round's answer is given and is not the previous one (a multiple choice's
        options in any order)."""
        if current in (None, "", []):
            return False
        return _same_form(current) != _same_form(self.value)


def _same_form(value: Value) -> object:
    return frozenset(value) if isinstance(value, list) else value


def previous_for(db: Database, protocol: Protocol, review_id: int,
                 subject: Subject) -> dict[str, PreviousAnswer]:
    """Every question's answer in the case's previous round (none without one), read once
    when the case opens; free text masked as the screen masks the case file."""
    from jobs.i18n import language
    from review_protocols import QuestionType
    from review_protocols.values import decode, display
    from store.rounds import previous_answers

    found = previous_answers(db, review_id)
    if found is None:
        return {}
    lang = language()
    shown: dict[str, PreviousAnswer] = {}
    for question in protocol.questions:
        value = decode(question, found.values.get(question.id))
        text = display(question, value, lang)
        if question.type is QuestionType.TEXT:
            text = previous_line(text, subject)
        shown[question.id] = PreviousAnswer(found.round_name, value, text)
    return shown


PREVIOUS_WIDTH = 60  # characters of a previous free-text answer shown beside the question


def previous_line(text: str, subject: Subject) -> str:
    """A previous free-text answer as the case screen shows it: its first line, cut short.
    Masked whole before it is cut: a name or personnummer the cut runs through would no
    longer look like one, and part of it would be shown."""
    masked = subject.masked(text)
    shown = (masked.splitlines()[0] if masked else "")[:PREVIOUS_WIDTH]
    return shown + ("…" if len(masked) > len(shown) else "")
