"""Helpers for frame files as districts send them: real SQLite, real files, valid fake ids."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from samples.personnummer import fake

SV_HEADERS = ["Ärende", "Personnummer", "Namn", "Kön", "Stadsdel", "Insats", "Beslutsdatum"]
EN_HEADERS = ["case_ref", "personnummer", "name", "gender", "district", "insats",
              "decision_date"]


def pnr(gender: str, born: dt.date = dt.date(1980, 5, 17), seed: int = 0) -> str:
    return fake(random.Random(seed), born, gender)


def frame_rows(count: int, *, district: str = "Södermalm", seed: int = 1,
               prefix: str = "A") -> list[list[str]]:
    """Eligible rows: boendestöd in 2022, adults, alternating women and men."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        gender = "K" if number % 2 else "M"
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
        rows.append([f"{prefix}-{number}", fake(rng, born, gender), f"Namn {number}", gender,
                     district, "boendestöd", f"2022-{1 + number % 12:02d}-15"])
    return rows


def write_csv(path, headers, rows, *, sep=";", encoding="utf-8") -> None:
    text = "\n".join(sep.join(r) for r in [headers, *rows]) + "\n"
    path.write_bytes(text.encode(encoding))


@pytest.fixture
def config():
    from jobs.config import Config

    return Config()
