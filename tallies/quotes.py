"""The report's quotes: the evidence behind each answer, by question and answer.

For ``granska export md --quotes``: a finding read out at the dialogue meeting can
be shown where it stands in the case files. Case references only: anything shaped
like a personnummer, and the case's own name, are taken out of the quotes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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


def quotes_markdown(protocol: Protocol, evidence: Sequence[Mapping[str, Any]], lang: str, *,
                    title: str, note: str, doc_labels: Mapping[str, str]) -> str:
    """A Markdown section: a heading per question (protocol order), the answer in bold
    (option order), then one bullet per case: reference, document, date and quote."""
    by_question: dict[str, list[Mapping[str, Any]]] = {}
    for row in evidence:
        if protocol.has_question(row["question_id"]):
            by_question.setdefault(row["question_id"], []).append(row)
    parts = [f"## {markdown_cell(title)}", "", f"*{markdown_cell(note)}.*", ""]
    for question in protocol.questions:
        rows = by_question.get(question.id)
        if not rows:
            continue
        parts += [f"### {markdown_cell(question.label_in(lang))}", ""]
        order = {o.code: i for i, o in enumerate(question.options)}
        by_answer: dict[str, list[Mapping[str, Any]]] = {}
        for row in rows:
            by_answer.setdefault(row["value"] or "", []).append(row)
        for value in sorted(by_answer, key=lambda v: (order.get(v.split("|")[0], len(order)),
                                                      v)):
            shown = display(question, decode(question, value), lang) if value else "–"
            parts += [f"**{markdown_cell(shown)}**", ""]
            for row in sorted(by_answer[value], key=lambda r: r["case_ref"]):
                quote = without_identities(row["quote"], row["name"])
                said = f': "{quote}"' if quote else ""
                doc = doc_labels.get(row["doc_type"], row["doc_type"])
                parts.append("- " + markdown_cell(f"{row['case_ref']}, {doc} {row['doc_date']}"
                                                  f"{said}"))
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"
