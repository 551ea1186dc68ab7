"""The Tallies view's equal-treatment mode: each share on a 0–100 % scale with its 95 %
interval (━━━●━━), a flagged difference in bold with a ◆, too-small groups dimmed.

Text only, so it reads without colour (NO_COLOR, 16 colours) as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from jobs.i18n import t

if TYPE_CHECKING:
    from review_protocols.model import Question
    from tallies.equality import EqualityWords, Share

LABEL_WIDTH = 10
FIGURES_WIDTH = 32  # " 40 %  22–61   8/20  0,007 ◆"
MIN_BAR, MAX_BAR = 20, 60


def bar_width(screen_width: int) -> int:
    """The scale's width: what the screen leaves beside the label and the figures."""
    return max(MIN_BAR, min(MAX_BAR, screen_width - LABEL_WIDTH - FIGURES_WIDTH - 6))


def interval_bar(share: float, low: float, high: float, width: int) -> str:
    """The scale 0–100 % in ``width`` cells: · outside the interval, ━ inside, ● the share."""
    def cell(value: float) -> int:
        return min(width - 1, max(0, int(value * width)))

    first, last, point = cell(low), cell(high), cell(share)
    return "".join("●" if i == point else "━" if first <= i <= last else "·"
                   for i in range(width))


def scale(width: int) -> str:
    """0 %, 50 % and 100 % over the cells they stand for."""
    middle = width // 2 - 2
    return f"{'0 %':<{middle}}{'50 %':<{width - middle - 5}}100 %"


def equality_text(shares: Sequence[Share], question: Question, kind: str,
                  words: EqualityWords, short: Callable[[str], str], width: int) -> Text:
    """Every option's groups of one kind (district, gender, district x gender)."""
    lang = words.language
    names = {"K": words.women, "M": words.men}
    bar = bar_width(width)
    text = Text()
    text.append(" " * (LABEL_WIDTH + 1) + scale(bar) + "\n", style="dim")
    for option in question.options:
        mine = [s for s in shares if s.option == option.code and s.group_kind == kind]
        if not mine:
            continue
        text.append(option.label_in(lang)[:LABEL_WIDTH + bar] + "\n", style="bold")
        for share in mine:
            if kind == "district":
                label = short(share.district)
            elif kind == "gender":
                label = names[share.gender]
            else:
                label = f"{short(share.district)} {share.gender}"
            text.append(f"{label[:LABEL_WIDTH]:<{LABEL_WIDTH}} ",
                        style="bold" if share.flagged else "")
            text.append_text(_line(share, bar, words))
            text.append("\n")
    return text


def _line(share: Share, bar: int, words: EqualityWords) -> Text:
    line = Text()
    if share.share is None or share.ci_low is None or share.ci_high is None:
        line.append("·" * bar, style="dim")
        line.append(f" {'–':>5} {'':7} {share.count:>3}/{share.n:<3}")
        return line
    style = "bold magenta" if share.flagged else "dim" if share.too_small else "cyan"
    line.append(interval_bar(share.share, share.ci_low, share.ci_high, bar), style=style)
    pct = words.percent.format(pct=_pct(share.share))
    interval = f"{_pct(share.ci_low)}–{_pct(share.ci_high)}"
    line.append(f" {pct:>5} {interval:<7} {share.count:>3}/{share.n:<3} ",
                style="bold" if share.flagged else "")
    if share.p_adjusted is None:
        line.append(words.too_small, style="dim")
    else:
        p = f"{share.p_adjusted:.3f}".replace(".", words.decimal)
        line.append(p, style="bold" if share.flagged else "dim")
        if share.flagged:
            line.append(" ◆", style="bold magenta")
    return line


def _pct(value: float) -> int:
    return int(100 * value + 0.5)


def legend() -> Text:
    return Text(t("tallies.equality.legend"), style="italic")
