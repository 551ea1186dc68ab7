"""Writers for the equal-treatment figures: JSON for programs, CSV for Swedish Excel,
Markdown to read (and the "Likställighet" section of the Markdown report).

JSON and CSV have the columns of ``equality.FIELDS``, one row per share; CSV is the
tallies' kind (semicolons, UTF-8 with a BOM, decimal comma, text cells neutralised).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from review_protocols.model import Protocol
from store.cells import markdown_cell, spreadsheet_row, spreadsheet_text
from tallies.equality import FIELDS, EqualityWords, Share, by_question, in_words, p_text
from tallies.export import BOM, number

# Shares and interval ends to four decimals (a hundredth of a percent), p-values to six.
_DECIMALS = {"share": 4, "ci_low": 4, "ci_high": 4, "p_vs_rest": 6, "p_adjusted": 6}


def to_json(shares: Sequence[Share]) -> str:
    return json.dumps([s.as_dict() for s in shares], ensure_ascii=False, indent=1) + "\n"


def to_csv(shares: Sequence[Share]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(FIELDS)
    for share in shares:
        cells: list[object] = []
        for name, value in share.as_dict().items():
            if name in _DECIMALS:
                value = number(value, _DECIMALS[name])  # type: ignore[arg-type]
            cells.append(value)
        writer.writerow(spreadsheet_row(cells))
    return BOM + out.getvalue()


def _group(share: Share, words: EqualityWords) -> str:
    names = {"K": words.women, "M": words.men}
    if share.group_kind == "district":
        return share.district
    if share.group_kind == "gender":
        return names[share.gender]
    return f"{share.district}, {names[share.gender].lower()}"


def _pct(value: float | None, words: EqualityWords) -> str:
    return "–" if value is None else words.percent.format(pct=int(100 * value + 0.5))


def to_markdown(shares: Sequence[Share], protocol: Protocol, words: EqualityWords) -> str:
    """The findings in words, then a table per question: every group's share, its
    interval and its adjusted p-value, flagged differences in bold with a ◆."""
    lang = words.language
    parts = [f"# {words.title}: {markdown_cell(protocol.title_in(lang))}", "",
             f"*{words.method}*", "", f"## {words.findings_title}", ""]
    parts += [*_findings(shares, protocol, words), ""]
    for question_id, mine in by_question(shares).items():
        question = protocol.question(question_id)
        parts += [f"## {markdown_cell(question.label_in(lang))}", "",
                  f"| {words.answer} | {words.group} | {words.count} | {words.share} "
                  f"| {words.interval} | {words.p_adjusted} |",
                  "|---|---|---:|---:|---:|---:|"]
        for share in mine:
            option = question.option(share.option)
            label = option.label_in(lang) if option is not None else share.option
            interval = ("–" if share.ci_low is None or share.ci_high is None else
                        f"{_pct(share.ci_low, words)}–{_pct(share.ci_high, words)}")
            shown = _pct(share.share, words)
            if share.p_adjusted is None:
                p = words.too_small if share.n or share.other_n else "–"
            else:
                p = p_text(share.p_adjusted, words).removeprefix("= ")
            if share.flagged:
                shown, p = f"**{shown}**", f"**{p}** ◆"
            parts.append(f"| {markdown_cell(label)} | {markdown_cell(_group(share, words))} "
                         f"| {share.count} {words.of} {share.n} | {shown} | {interval} "
                         f"| {p} |")
        parts += ["", f"*{words.flagged_legend}.*", ""]
    return "\n".join(parts).rstrip() + "\n"


def markdown_section(shares: Sequence[Share], protocol: Protocol,
                     words: EqualityWords) -> str:
    """The Markdown report's "Likställighet": the flagged differences in words."""
    parts = [f"## {words.title}", "", f"*{words.method}*", ""]
    return "\n".join(parts + _findings(shares, protocol, words)) + "\n"


def _findings(shares: Sequence[Share], protocol: Protocol, words: EqualityWords) -> list[str]:
    found = in_words(shares, protocol, words)
    return [f"- {spreadsheet_text(sentence)}" for sentence in found] or [words.none]

