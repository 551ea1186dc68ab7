"""A kind of review, declared in one place: what one review is about and how it adds up.

A kind names its unit of review and the frame (or register) that lists the units,
the selection rule, the protocol, the tallies layout and, when it has one, the module
that writes training case files. Each protocol folder that needs more than the
defaults declares ``KIND`` in its ``kind.py`` (``review_protocols/boendestod_sol/kind.py``);
a protocol without one is a case-file review tallied per district and gender.
Plain data: the core reads it, nothing here imports a face.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType

Band = tuple[str, float, float]  # label, lowest and highest value (inclusive)


@dataclass(frozen=True)
class Unit:
    """What one review is about, and the columns of the list the units are drawn from."""

    name: str
    reference: str  # the column that names one unit in frames, answers and exports
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    # How an answers file names a unit: the reference column's other headers, the word for
    # one, and what a reference that names no unit under review is said not to be.
    headers: tuple[str, ...] = ("case", "arende", "caseref")
    noun: str = "case"
    member: str = "a case in the sample"
    # The questions whose answers say whether the unit's documents came in and held (shown
    # beside the protocol in place of a case file).
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Selection:
    """How the units to review are chosen."""

    rule: str  # "stratified": quotas per stratum, drawn with a seed; "plan": see below
    strata: tuple[str, ...]
    # "plan": a follow-up plan from a register, each unit with the codes of why it was taken
    reasons: tuple[str, ...] = ()

    @property
    def is_plan(self) -> bool:
        return self.rule == "plan"


@dataclass(frozen=True)
class Outcomes:
    """A kind whose every review ends in one outcome, counted per stratum with shares."""

    question: str  # the question that holds the outcome
    not_carried_out: str  # the outcome left out of the shares
    reason: str  # the question that says why a review was not carried out
    derive: str  # the module whose ``derive_outcome`` gives the outcome from the checks
    deficient: tuple[str, ...] = ()  # the codes of a check that count as a deficiency
    summary_area: str | None = None  # a quality area summarised on its own (ekonomi)
    override_reason: str | None = None  # why the reviewer's outcome is not the derived one


@dataclass(frozen=True)
class TalliesLayout:
    """How the answers add up: the columns of every table, and the kind's own tables."""

    strata: tuple[str, ...] = ("district", "gender")
    # (question that a document exists, question how well it matches): one table of both
    combined: tuple[tuple[str, str], ...] = ()
    bands: Mapping[str, tuple[Band, ...]] = field(default_factory=dict)  # number questions
    outcomes: Outcomes | None = None

    def outcome_rule(self) -> ModuleType:
        """The module with ``derive_outcome`` for this kind's outcome."""
        if self.outcomes is None:
            raise ValueError("this kind of review has no outcome to derive")
        return importlib.import_module(self.outcomes.derive)


@dataclass(frozen=True)
class ReviewKind:
    id: str
    protocol: str
    unit: Unit
    selection: Selection
    tallies: TalliesLayout = field(default_factory=TalliesLayout)
    case_files: str | None = None  # the module that writes training case files, if any
    measures: str | None = None  # the module with the escalation ladder, if the kind has one
    demo: str | None = None  # the module that scores a plan kind's demo follow-ups

    def case_file_writer(self) -> ModuleType:
        """The module with ``generate_cases``, ``cases_for`` and ``Passage`` for this kind."""
        if self.case_files is None:
            raise ValueError(f"protocol '{self.protocol}' has no generated case files; "
                             "training and the demo need a protocol that has")
        return importlib.import_module(self.case_files)

    def demo_scorer(self) -> ModuleType:
        """The module with ``AREAS`` and ``answers_for`` for a demo of this kind."""
        if self.demo is None:
            raise ValueError(f"protocol '{self.protocol}' has no demo of its own")
        return importlib.import_module(self.demo)

    def ladder(self) -> ModuleType:
        """The module with the measures ladder (``KINDS``, ``add``, ``done``, ``replay``)."""
        if self.measures is None:
            raise ValueError(f"protocol '{self.protocol}' has no measures ladder")
        return importlib.import_module(self.measures)


CASE_FILE = Unit(
    name="a person's case file",
    reference="case_ref",
    required=("case_ref", "personnummer", "district", "insats", "decision_date"),
    optional=("name", "gender"),
)
STRATIFIED = Selection(rule="stratified", strata=("district", "gender"))


@cache
def kind_of(protocol_id: str) -> ReviewKind:
    """The kind a protocol belongs to: its folder's ``KIND``, or a plain case-file review."""
    try:
        module = importlib.import_module(f"review_protocols.{protocol_id}.kind")
    except ModuleNotFoundError as error:
        if error.name not in (f"review_protocols.{protocol_id}",
                              f"review_protocols.{protocol_id}.kind"):
            raise
        return ReviewKind(protocol_id, protocol_id, CASE_FILE, STRATIFIED)
    kind: ReviewKind = module.KIND
    return kind
