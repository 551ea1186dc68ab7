"""The words tallies and exports are written with, in the configured language (from i18n)."""

from __future__ import annotations

import dataclasses

from jobs.i18n import language, t
from tallies.calibration_export import CalibrationWords
from tallies.crosstab import Words
from tallies.double_review import AgreementWords


def words() -> Words:
    fields = (f.name for f in dataclasses.fields(Words) if f.name != "language")
    return Words(language=language(), **{name: t(f"tallies.w.{name}") for name in fields})


def calibration_words() -> CalibrationWords:
    names = (f.name for f in dataclasses.fields(CalibrationWords))
    return CalibrationWords(**{name: t(f"training.w.{name}") for name in names})


def agreement_words() -> AgreementWords:
    names = (f.name for f in dataclasses.fields(AgreementWords))
    return AgreementWords(**{name: t(f"double.w.{name}") for name in names})
