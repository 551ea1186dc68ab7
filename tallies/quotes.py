"""The report's quotes: the evidence behind each answer, by question and answer.

For ``granska export md --quotes`` and ``docx --quotes``: a finding read out at the
dialogue meeting can be shown where it stands in the case files. Case references only:
anything shaped like a personnummer, and the case's own name, are taken out of the quotes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from review_protocols.model import Protocol
from review_protocols.values import decode, display
from samples.personnummer import mask
from store.cells import markdown_cell

NAME_SHOWN = "[namn]"


def without_identities(quote: str, name: str | None) -> str:
    """``quote`` with personnummer masked and the case's name (each part of it) replaced."""
    text = mask(quote)
    parts = sorted({p for p in (name or "").split() if len(p) > 1}, key=len, reverse=True)
    if parts:
        text = re.sub(r"\b(" + "|".join(map(re.escape, parts)) + r")\b", NAME_SHOWN, text,
                      flags=re.IGNORECASE)
    return text


@dataclass(frozen=True)
class QuotedAnswer:
    """One answer to a question and the evidence behind it, a line per case: reference,
    document, date and quote (identities taken out)."""

    answer: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class QuotedQuestion:
    question: str
    answers: tuple[QuotedAnswer, ...]


@dataclass(frozen=True)
class Quotes:
    """The report's quotes section, whatever writes it (Markdown, Word)."""

    title: str
    note: str
    questions: tuple[QuotedQuestion, ...]


def quotes(protocol: Protocol, evidence: Sequence[Mapping[str, Any]], lang: str, *,
           title: str, note: str, doc_labels: Mapping[str, str],
           publish: bool = False) -> Quotes:
    """The evidence grouped by question (protocol order), then answer (option order),
    then case reference. ``publish`` leaves the sensitive questions out: which case gave
    which answer, and the exact counts the lines add up to, are what a published report
    hides."""
    by_question: dict[str, list[Mapping[str, Any]]] = {}
    for row in evidence:
        if protocol.has_question(row["question_id"]):
            by_question.setdefault(row["question_id"], []).append(row)
    questions = []
    for question in protocol.questions:
        rows = by_question.get(question.id)
        if not rows or (publish and question.sensitive):
            continue
        order = {o.code: i for i, o in enumerate(question.options)}
        by_answer: dict[str, list[Mapping[str, Any]]] = {}
        for row in rows:
            by_answer.setdefault(row["value"] or "", []).append(row)
        answers = []
        for value in sorted(by_answer, key=lambda v: (order.get(v.split("|")[0], len(order)),
                                                      v)):
            lines = []
            for row in sorted(by_answer[value], key=lambda r: r["case_ref"]):
                quote = without_identities(row["quote"], row["name"])
                said = f': "{quote}"' if quote else ""
                doc = doc_labels.get(row["doc_type"], row["doc_type"])
                lines.append(f"{row['case_ref']}, {doc} {row['doc_date']}{said}")
            shown = display(question, decode(question, value), lang) if value else "–"
            answers.append(QuotedAnswer(shown, tuple(lines)))
        questions.append(QuotedQuestion(question.label_in(lang), tuple(answers)))
    return Quotes(title, note, tuple(questions))


def quotes_markdown(section: Quotes) -> str:
    """A Markdown section: a heading per question, the answer in bold, then one bullet
    per case."""
    parts = [f"## {markdown_cell(section.title)}", "", f"*{markdown_cell(section.note)}.*", ""]
    for question in section.questions:
        parts += [f"### {markdown_cell(question.question)}", ""]
        for answer in question.answers:
            parts += [f"**{markdown_cell(answer.answer)}**", ""]
            parts += [f"- {markdown_cell(line)}" for line in answer.lines]
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"
