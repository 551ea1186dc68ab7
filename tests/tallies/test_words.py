"""The tallies' words come from the string catalogue alone, in both languages."""

from __future__ import annotations

import dataclasses

import pytest

from jobs.i18n import STRINGS
from jobs.words import (
    agreement_words,
    calibration_words,
    equality_words,
    publish_words,
    words,
)
from tallies.calibration_export import CalibrationWords
from tallies.crosstab import Words
from tallies.double_review import AgreementWords
from tallies.equality import EqualityWords
from tallies.suppression import PublishWords


@pytest.mark.parametrize(("cls", "prefix"), [
    (Words, "tallies.w"), (CalibrationWords, "training.w"), (AgreementWords, "double.w"),
    (EqualityWords, "equality.w"),
    (PublishWords, "tallies.p"),
])
def test_every_word_is_in_the_catalogue_in_both_languages(cls, prefix) -> None:
    for field in dataclasses.fields(cls):
        if field.name == "language":
            continue
        swedish, english = STRINGS[f"{prefix}.{field.name}"]
        assert swedish.strip() and english.strip(), field.name


@pytest.mark.parametrize("make", [words, calibration_words, agreement_words, equality_words,
                                  publish_words])
def test_each_language_gets_its_own_words(make) -> None:
    swedish, english = make("sv"), make("en")
    assert swedish != english
    assert words("en").language == "en" and words("sv").total == "Totalt"
