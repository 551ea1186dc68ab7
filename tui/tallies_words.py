"""The words tallies and exports are written with, in the configured language (from i18n)."""

from __future__ import annotations

import dataclasses

from tallies.crosstab import Words
from tui.i18n import t


def words() -> Words:
    return Words(**{f.name: t(f"tallies.w.{f.name}") for f in dataclasses.fields(Words)})
