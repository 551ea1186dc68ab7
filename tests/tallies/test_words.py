"""The tallies' built-in Swedish words are the catalogue's Swedish words, never a drifted copy."""

from __future__ import annotations

import dataclasses

import pytest

from jobs.i18n import language, set_language
from jobs.words import agreement_words, calibration_words, words
from tallies.calibration_export import CalibrationWords
from tallies.crosstab import Words
from tallies.double_review import AgreementWords


@pytest.mark.parametrize(("defaults", "from_catalogue"), [
    (Words, words), (CalibrationWords, calibration_words), (AgreementWords, agreement_words),
])
def test_default_words_match_the_catalogue_in_swedish(defaults, from_catalogue) -> None:
    before = language()
    set_language("sv")
    try:
        catalogue = from_catalogue()
    finally:
        set_language(before)
    for field in dataclasses.fields(defaults):
        assert getattr(defaults(), field.name) == getattr(catalogue, field.name), field.name
