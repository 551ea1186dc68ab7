"""Swedish personal identity numbers: checking, normalising and faking them.

The check digit is the Luhn digit over YYMMDDNNN; the ninth digit is odd for
men and even for women. Samordningsnummer (day + 60) are accepted.
"""

from __future__ import annotations

import datetime as dt
import random
import re

_PATTERN = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$")


class PersonnummerError(ValueError):
    """Not a valid personnummer; the message says what is wrong, never the number."""


_LOOKALIKE = re.compile(r"(?<!\d)(\d{2})?\d{6}\s?[-+]?\s?\d{4}(?!\d)")


def mask(text: str) -> str:
    """``text`` with anything shaped like a personnummer replaced by ``YYYYMMDD-NNNN``:
    the last guard on a message, which names columns rather than echoing cells."""
    return _LOOKALIKE.sub("YYYYMMDD-NNNN", text)


def luhn_digit(nine_digits: str) -> int:
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def parse(text: str, today: dt.date | None = None) -> tuple[str, dt.date, str]:
    """(normalised YYYYMMDD-NNNN, birth date, gender K/M) or PersonnummerError."""
    cleaned = text.strip().replace(" ", "")
    match = _PATTERN.match(cleaned)
    if not match:
        raise PersonnummerError("is not in the form YYYYMMDD-NNNN")
    century, yy, mm, dd, sign, serial, check = match.groups()
    if luhn_digit(yy + mm + dd + serial) != int(check):
        raise PersonnummerError("has a wrong check digit")
    day = int(dd) - 60 if int(dd) > 60 else int(dd)  # samordningsnummer
    today = today or dt.date.today()
    if century:
        year = int(century + yy)
    else:
        year = 2000 + int(yy)
        if year > today.year:
            year -= 100
        if sign == "+":
            year -= 100
    try:
        born = dt.date(year, int(mm), day)
    except ValueError:
        raise PersonnummerError("holds no real date of birth") from None
    gender = "M" if int(serial[2]) % 2 else "K"
    return f"{year:04d}{mm}{dd}-{serial}{check}", born, gender


def fake(rng: random.Random, born: dt.date, gender: str) -> str:
    """A personnummer with a valid check digit for a given birth date and gender."""
    serial = rng.randrange(0, 100)
    third = rng.choice((1, 3, 5, 7, 9) if gender == "M" else (0, 2, 4, 6, 8))
    body = born.strftime("%y%m%d") + f"{serial:02d}{third}"
    return f"{born.year:04d}{body[2:6]}-{body[6:]}{luhn_digit(body)}"
