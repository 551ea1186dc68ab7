"""Answer values: parsing what a person typed, and the text form stored in SQLite.

Stored forms are plain text so that exports, imports and other people's
scripts can read them without Granska: a single choice is its code, a
multiple choice is its codes joined by ``|`` in protocol order, a number is
written with a dot and without trailing zeros, a date is ISO ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import re

from review_protocols.conditions import Value
from review_protocols.model import Question, QuestionType

MULTI_SEPARATOR = "|"
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class ValueProblem(ValueError):
    """A value that does not fit its question; the message ('is not a number ...') says
    what fits, without the value, so the caller names the field or column before it."""


def parse(question: Question, raw: str) -> Value:
    """Turn typed or imported text into a value, or raise ValueProblem."""
    text = raw.strip()
    if text == "":
        return None
    kind = question.type
    if kind is QuestionType.SINGLE:
        return _code(question, text)
    if kind is QuestionType.MULTI:
        parts = [part.strip() for part in re.split(r"[|;,]", text)]
        picked = {_code(question, part) for part in parts if part}
        return [o.code for o in question.options if o.code in picked]
    if kind is QuestionType.NUMBER:
        return _number(question, text)
    if kind is QuestionType.DATE:
        return _date(text)
    return text


def encode(question: Question, value: Value) -> str | None:
    """The text stored for a value (None for no answer)."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, list):  # the value of a multiple-choice question
        return MULTI_SEPARATOR.join(value)
    if question.type is QuestionType.NUMBER:
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def decode(question: Question, stored: str | None) -> Value:
    """The value behind stored text; tolerant, since the text came from us."""
    if stored is None or stored == "":
        return None
    if question.type is QuestionType.MULTI:
        return [part for part in stored.split(MULTI_SEPARATOR) if part]
    if question.type is QuestionType.NUMBER:
        try:
            number = float(stored)
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return stored


def display(question: Question, value: Value, lang: str = "sv") -> str:
    """A short human form: option labels (in ``lang``), the number with its unit."""
    if value is None or value == []:
        return ""
    if question.is_choice:
        codes = value if isinstance(value, list) else [value]
        return ", ".join(
            (o.label_in(lang) if (o := question.option(str(c))) else str(c)) for c in codes
        )
    if question.type is QuestionType.NUMBER:
        text = encode(question, value) or ""
        return f"{text.replace('.', ',')} {question.unit}".strip()
    return str(value)


def _code(question: Question, text: str) -> str:
    lowered = text.lower()
    for option in question.options:
        if lowered in (option.code.lower(), option.label.lower()):
            return option.code
    allowed = ", ".join(o.code for o in question.options)
    raise ValueProblem(f"is not an option of {question.id}; use one of: {allowed}")


def _number(question: Question, text: str) -> float | int:
    cleaned = text.replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(cleaned):
        raise ValueProblem("is not a number (write e.g. 12 or 12,5)")
    number = float(cleaned.replace(",", "."))
    if question.integer and not number.is_integer():
        raise ValueProblem(f"is not a whole number ({question.id} takes whole numbers)")
    if question.minimum is not None and number < question.minimum:
        raise ValueProblem(f"must be at least {_plain(question.minimum)} ({question.id})")
    if question.maximum is not None and number > question.maximum:
        raise ValueProblem(f"must be at most {_plain(question.maximum)} ({question.id})")
    return int(number) if number.is_integer() else number


def _date(text: str) -> str:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueProblem("is not a date; write it as YYYY-MM-DD") from None
    return day.isoformat()


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
