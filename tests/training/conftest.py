"""Training fixtures: a protocol and a quick person, so generated cases stay fast."""

from __future__ import annotations

import datetime as dt

import pytest

from review_protocols.boendestod_sol.casefiles import Person


@pytest.fixture
def person() -> Person:
    return Person("Vera", "Lind", "K", 1975, "Skarpnäck", dt.date(2022, 5, 10))
