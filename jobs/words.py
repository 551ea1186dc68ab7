"""The words tallies and exports are written with, from the string catalogue (one source).

Each field of the tallies' word dataclasses is the catalogue key ``<prefix>.<field>``;
``tests/tallies/test_words.py`` keeps every one of them in both languages.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from jobs.i18n import STRINGS, language
from tallies.calibration_export import CalibrationWords
from tallies.crosstab import Words
from tallies.document import DocumentWords
from tallies.double_review import AgreementWords
from tallies.equality import EqualityWords
from tallies.outcomes import OutcomeWords
from tallies.rounds import RoundWords
from tallies.suppression import PublishWords

WordsT = TypeVar("WordsT", Words, CalibrationWords, AgreementWords, DocumentWords,
                   EqualityWords, OutcomeWords, PublishWords, RoundWords)


def _from_catalogue(cls: type[WordsT], prefix: str, lang: str | None,
                    **extra: Any) -> WordsT:
    index = 1 if (lang or language()) == "en" else 0
    names = (f.name for f in dataclasses.fields(cls) if f.name not in extra)
    return cls(**{name: STRINGS[f"{prefix}.{name}"][index] for name in names}, **extra)


def words(lang: str | None = None) -> Words:
    """The tallies' words in ``lang`` (default: the language in force)."""
    return _from_catalogue(Words, "tallies.w", lang, language=lang or language())


def calibration_words(lang: str | None = None) -> CalibrationWords:
    return _from_catalogue(CalibrationWords, "training.w", lang)


def agreement_words(lang: str | None = None) -> AgreementWords:
    return _from_catalogue(AgreementWords, "double.w", lang)


def document_words(lang: str | None = None) -> DocumentWords:
    return _from_catalogue(DocumentWords, "report.w", lang)


def equality_words(lang: str | None = None) -> EqualityWords:
    return _from_catalogue(EqualityWords, "equality.w", lang, language=lang or language())


def outcome_words(lang: str | None = None) -> OutcomeWords:
    """The words of a follow-up's tables (outcomes, planned against done, measures)."""
    return _from_catalogue(OutcomeWords, "outcomes.w", lang)


def publish_words(lang: str | None = None) -> PublishWords:
    """The words of a published report (``granska export ... --publish``)."""
    return _from_catalogue(PublishWords, "tallies.p", lang, language=lang or language())


def round_words(lang: str | None = None) -> RoundWords:
    """The words of two rounds side by side (``granska export ... --rounds A,B``)."""
    return _from_catalogue(RoundWords, "rounds.w", lang, language=lang or language())
