"""A protocol's bank of standard phrases for the strengths and development areas per district.

The phrases are in ``<id>.phrases.toml`` beside ``<id>.toml`` (shipped:
``review_protocols/boendestod_sol.phrases.toml``); it is never taken for a protocol.
Each phrase is tied to one quality-indicator question and to the district's share
meeting its standard (the figure of the quality-area tables)::

    [[phrases]]
    question = "dur_aktuell"      # a single or multiple choice question, an indicator
    kind = "strength"             # "strength" (Styrkor) | "development" (Utvecklingsområden)
    at_least = 90                 # offered when the district's share is at least this (%)
    text = "Aktuella DUR-utredningar som underlag för beslut ({count} av {base} ärenden)"
    text_en = "..."               # optional; falls back to text

    [[phrases]]
    question = "dur_aktuell"
    kind = "development"
    below = 75                    # offered when the share is below this (%)
    text = "Säkerställ aktuell DUR-utredning som underlag för beslut"

An entry names exactly one of ``at_least`` and ``below`` (0 to 100). The text may
quote the district's figure with ``{count}``, ``{base}`` and ``{percent}``, except on a
question marked ``sensitive``: a note made from it would carry a small count past
``--publish`` (a share with the district's cases gives the count), so such a phrase is
refused when the bank loads. A district
where the question applies to no case is offered nothing for it. What is offered is
a suggestion: the inspector edits it in the Tallies view before it is stored.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from review_protocols.loader import PHRASES_SUFFIX, ProtocolError, beside_protocol

if TYPE_CHECKING:
    from review_protocols.model import Protocol

KINDS = ("strength", "development")
PLACEHOLDERS = frozenset({"count", "base", "percent"})
_KEYS = {"question", "kind", "at_least", "below", "text", "text_en"}


class PhrasesError(ProtocolError):
    """A phrases file that cannot be used: one line naming the file, the entry and the fix."""


@dataclass(frozen=True, slots=True)
class Phrase:
    question_id: str
    kind: str
    text: str
    text_en: str = ""
    at_least: float | None = None
    below: float | None = None

    def offered(self, share: float | None) -> bool:
        """Whether a district with this share meeting the standard is offered the phrase."""
        if share is None:
            return False
        return share >= self.at_least if self.at_least is not None else \
            share < (self.below if self.below is not None else 0)

    def text_in(self, lang: str, count: int, base: int, percent: int) -> str:
        text = self.text_en if lang == "en" and self.text_en else self.text
        return text.format(count=count, base=base, percent=percent)


def phrases_path(protocol: Protocol) -> Path | None:
    return beside_protocol(protocol, PHRASES_SUFFIX)


def load_phrases(protocol: Protocol) -> tuple[Phrase, ...]:
    """The protocol's phrases; none when it has no phrases file."""
    path = phrases_path(protocol)
    if path is None or not path.exists():
        return ()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise PhrasesError(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise PhrasesError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    return loads_phrases(text, protocol, source=str(path))


def loads_phrases(text: str, protocol: Protocol, source: str = "<phrases>") \
        -> tuple[Phrase, ...]:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PhrasesError(f"{source}: invalid TOML: {error}; fix the file") from None
    unknown = sorted(set(data) - {"phrases"})
    if unknown:
        raise PhrasesError(f"{source}: unknown top-level key '{unknown[0]}'; a phrases file "
                           "holds only [[phrases]] tables")
    entries = data.get("phrases", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PhrasesError(f"{source}: 'phrases' must be an array of tables ([[phrases]])")
    return tuple(_phrase(entry, protocol, f"{source}, phrase {n}")
                 for n, entry in enumerate(entries, start=1))


def _phrase(raw: dict[str, Any], protocol: Protocol, where: str) -> Phrase:
    def fail(message: str) -> PhrasesError:
        return PhrasesError(f"{where}: {message}")

    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise fail(f"unknown key '{unknown[0]}'; use {', '.join(sorted(_KEYS))}")
    question_id = raw.get("question")
    if not isinstance(question_id, str) or not protocol.has_question(question_id):
        raise fail(f"question {question_id!r} is not in protocol '{protocol.id}'; "
                   "name one of its question ids")
    question = protocol.question(question_id)
    if not (question.is_choice and question.indicator):
        raise fail(f"question '{question_id}' is not counted in the quality-area tables "
                   "(a choice question that is an indicator); pick one that is")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise fail(f"kind is {kind!r}; use kind = \"strength\" or kind = \"development\"")
    limits = [key for key in ("at_least", "below") if key in raw]
    if len(limits) != 1:
        raise fail("give exactly one of at_least and below (a percentage, 0 to 100)")
    limit = raw[limits[0]]
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not 0 <= limit <= 100:
        raise fail(f"{limits[0]} is {limit!r}; give a percentage from 0 to 100")
    texts = {}
    for key in ("text", "text_en"):
        value = raw.get(key, "")
        if not isinstance(value, str) or (key == "text" and not value.strip()):
            raise fail(f"{key} must be a text" + (" that is not empty" if key == "text" else ""))
        try:
            named = {field for _, field, _, _ in string.Formatter().parse(value)
                     if field is not None}
        except ValueError:
            raise fail(f"{key} has an unmatched brace; write {{{{ or }}}} for a brace itself") \
                from None
        if named - PLACEHOLDERS:
            raise fail(f"{key} names {{{sorted(named - PLACEHOLDERS)[0]}}}; the figures a "
                       "phrase can quote are {count}, {base} and {percent}")
        if question.sensitive and named:  # a note taken from it would escape --publish
            raise fail(f"{key} quotes {{{sorted(named)[0]}}}, but question '{question_id}' is "
                       "sensitive: a published report hides its small counts (a share gives "
                       "the count too); write the phrase without {count}, {base} and "
                       "{percent}")
        try:
            value.format(count=1, base=2, percent=50)
        except (ValueError, TypeError):  # a conversion or format spec that cannot be used
            raise fail(f"{key} cannot have its figures filled in; write them plainly, "
                       "as {count}, {base} and {percent}") from None
        texts[key] = value.strip()
    return Phrase(question_id, kind, texts["text"], texts["text_en"],
                  at_least=limit if limits[0] == "at_least" else None,
                  below=limit if limits[0] == "below" else None)
