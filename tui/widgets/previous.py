"""The previous round's answer under a question on the case screen, and a mark when this
round's answer differs from it (``jobs.rounds.previous_for`` reads them once per case)."""

from __future__ import annotations

from rich.text import Text

from jobs.i18n import t
from jobs.rounds import PreviousAnswer
from review_protocols.conditions import Value


def previous_line(previous: PreviousAnswer, current: Value) -> Text:
    answer = previous.shown or t("rounds.previous_none")
    line = Text(f"↺ {t('rounds.previous', round=previous.round_name, answer=answer)}",
                style="dim")
    if previous.differs(current):
        line.append(f"  ≠\u00a0{t('rounds.changed')}", style="bold")
    return line
