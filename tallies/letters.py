"""A letter to a provider (begäran om komplettering or rättelse), written as DOCX or Markdown.

Pure: the letter's words come in filled (``jobs.providers.provider_letter`` takes them
from the catalogue and the protocol), so nothing here knows a check or a language.
python-docx is imported only when a DOCX is written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from store.cells import markdown_cell


@dataclass(frozen=True)
class Letter:
    title: str
    facts: list[tuple[str, str]]  # (label, value): provider, contract, area, date, due date
    intro: str
    deficiencies_heading: str
    deficiencies: list[tuple[str, str]]  # (check, how it was assessed)
    asked: str
    signature: str


def to_markdown(letter: Letter) -> str:
    lines = [f"# {markdown_cell(letter.title)}", ""]
    lines += [f"**{markdown_cell(label)}:** {markdown_cell(value)}  "
              for label, value in letter.facts]
    lines += ["", markdown_cell(letter.intro), "",
              f"## {markdown_cell(letter.deficiencies_heading)}", ""]
    lines += [f"- {markdown_cell(check)}: {markdown_cell(state)}"
              for check, state in letter.deficiencies]
    lines += ["", markdown_cell(letter.asked), "", markdown_cell(letter.signature), ""]
    return "\n".join(lines)


def to_docx(letter: Letter) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(letter.title, level=1)
    facts = document.add_table(rows=0, cols=2)
    for label, value in letter.facts:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph(letter.intro)
    document.add_heading(letter.deficiencies_heading, level=2)
    for check, state in letter.deficiencies:
        item = document.add_paragraph(style="List Bullet")
        item.add_run(check).bold = True
        item.add_run(f": {state}")
    document.add_paragraph(letter.asked)
    document.add_paragraph(letter.signature)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
