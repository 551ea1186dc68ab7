"""The protocol model: what is asked, in which order, and when.

Protocols are data (TOML files, see ``loader``). These frozen dataclasses are
what the rest of Granska works with; they are built once per process and then
only read, so the per-keystroke path never parses anything.

Texts are Swedish (the base, required); optional English variants (``*_en``)
are read with ``text_in(lang)``, ``label_in(lang)``, ``title_in(lang)`` ...,
which fall back to the Swedish when a protocol has no English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_protocols.conditions import Condition, Test


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"


CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTI})

# ``evidence`` on a question: when an answer needs a pointer into the case file.
EVIDENCE_WHEN_NOT_OK = "when_not_ok"
EVIDENCE_RULES = (EVIDENCE_WHEN_NOT_OK,)


def _pick(base: str, english: str, lang: str) -> str:
    """The English variant when asked for and present; otherwise the (Swedish) base."""
    return english if lang == "en" and english else base


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    label: str
    key: str  # the mnemonic letter; digits 1..9 always work too
    label_en: str = ""
    good: bool = False  # the answer that meets the standard (quality-area tables)
    not_applicable: bool = False  # the answer takes the case out of the question's base

    def label_in(self, lang: str) -> str:
        return _pick(self.label, self.label_en, lang)


@dataclass(frozen=True, slots=True)
class Subtotal:
    """A row the report prints besides the options: the sum of some of them."""

    code: str
    label: str
    of: tuple[str, ...]
    label_en: str = ""

    def label_in(self, lang: str) -> str:
        return _pick(self.label, self.label_en, lang)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    type: QuestionType
    text: str
    section_id: str
    help: str = ""
    short: str = ""  # a short label for table headers; falls back to the id
    required: bool = True
    area: str | None = None  # quality area id (kvalitetsområde)
    options: tuple[Option, ...] = ()
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    when: Condition | None = None
    sensitive: bool = False  # small counts hidden in what is published (--publish)
    text_en: str = ""  # English variants; empty means "use the Swedish"
    short_en: str = ""
    help_en: str = ""
    evidence: str = ""  # "" (never required) or EVIDENCE_WHEN_NOT_OK
    indicator: bool = True  # False: describes the case, no share "meeting the standard"
    subtotals: tuple[Subtotal, ...] = ()

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES

    @property
    def good_options(self) -> tuple[Option, ...]:
        """The options that meet the standard: those marked ``good``, else the first."""
        marked = tuple(o for o in self.options if o.good)
        return marked or self.options[:1]

    @property
    def not_applicable_codes(self) -> frozenset[str]:
        """Answers that mean the question does not apply to the case (not counted in its base)."""
        return frozenset(o.code for o in self.options if o.not_applicable)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    def option_for_key(self, key: str) -> Option | None:
        """The option a key press picks: a digit by position or the mnemonic letter."""
        if key.isdigit() and key != "0":
            index = int(key) - 1
            return self.options[index] if index < len(self.options) else None
        return next((o for o in self.options if o.key == key.lower()), None)

    @property
    def label(self) -> str:
        return self.short or self.id

    @property
    def good_code(self) -> str | None:
        """The answer that meets the standard (the first of ``good_options``); None for a
        question without options."""
        return self.good_options[0].code if self.options else None

    def needs_evidence(self, stored: str | None) -> bool:
        """Whether an answer (its stored text) must point to where in the case file it was
        seen: with ``evidence = "when_not_ok"``, any answer other than the good one alone."""
        return self.evidence == EVIDENCE_WHEN_NOT_OK and stored not in (None, "") \
            and stored not in {o.code for o in self.good_options}

    def text_in(self, lang: str) -> str:
        return _pick(self.text, self.text_en, lang)

    def help_in(self, lang: str) -> str:
        return _pick(self.help, self.help_en, lang)

    def label_in(self, lang: str) -> str:
        """The short label in ``lang``, falling back to the Swedish one, then the id."""
        return _pick(self.short, self.short_en, lang) or self.id


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...]
    help: str = ""
    title_en: str = ""
    help_en: str = ""
    # The heading of the case-file part where this section's answers are looked for
    # (the case screen scrolls the file there); "" when there is none.
    case_file: str = ""

    def title_in(self, lang: str) -> str:
        return _pick(self.title, self.title_en, lang)

    def help_in(self, lang: str) -> str:
        return _pick(self.help, self.help_en, lang)


@dataclass(frozen=True, slots=True)
class QualityArea:
    id: str
    label: str
    label_en: str = ""
    aliases: tuple[str, ...] = ()  # former ids (areas merged into this one) that still work

    def label_in(self, lang: str) -> str:
        return _pick(self.label, self.label_en, lang)


@dataclass(frozen=True, slots=True)
class Protocol:
    id: str
    version: str
    title: str
    language: str
    sections: tuple[Section, ...]
    areas: tuple[QualityArea, ...] = ()
    description: str = ""
    source: str = ""  # the file it was loaded from, for messages
    title_en: str = ""
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)
    _questions: tuple[Question, ...] = field(default=(), init=False, repr=False, compare=False)
    # (question id, its condition's test or None) in order: what skip logic walks
    skip_plan: tuple[tuple[str, Test | None], ...] = field(default=(), init=False,
                                                           repr=False, compare=False)

    def __post_init__(self) -> None:
        # worked out once: skip logic walks every question on every answer
        object.__setattr__(self, "_questions",
                           tuple(q for s in self.sections for q in s.questions))
        object.__setattr__(self, "skip_plan", tuple(
            (q.id, q.when.holds if q.when is not None else None) for q in self._questions))
        for question in self._questions:
            self._by_id[question.id] = question

    @property
    def questions(self) -> tuple[Question, ...]:
        return self._questions

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._by_id

    def area(self, area_id: str) -> QualityArea | None:
        """The area by its id or a former id (an alias of an area merged into it)."""
        return next((a for a in self.areas if area_id == a.id or area_id in a.aliases), None)

    def title_in(self, lang: str) -> str:
        return _pick(self.title, self.title_en, lang)

    def area_label(self, area_id: str, lang: str) -> str:
        """The area's label in ``lang``; the id itself for an undeclared area."""
        area = self.area(area_id)
        return area.label_in(lang) if area else area_id
