"""What is asked: the protocol model, its loader and validator, and the shipped protocols.

The names below are imported on first use (PEP 562): building the model's
classes and the TOML parser costs start-up more than the whole first screen,
which needs no protocol (bench/RESULTS.md, "Start-up").
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from review_protocols.conditions import Value, applicable
    from review_protocols.loader import (
        ProtocolError,
        available_ids,
        builtin_ids,
        load_builtin,
        load_file,
        loads,
    )
    from review_protocols.model import (
        Option,
        Protocol,
        QualityArea,
        Question,
        QuestionType,
        Section,
    )
    from review_protocols.search_paths import configure_search_paths

_HOME = {
    "Value": "conditions", "applicable": "conditions",
    "ProtocolError": "loader", "available_ids": "loader", "builtin_ids": "loader",
    "load_builtin": "loader", "load_file": "loader", "loads": "loader",
    "Option": "model", "Protocol": "model", "QualityArea": "model", "Question": "model",
    "QuestionType": "model", "Section": "model",
    "configure_search_paths": "search_paths",
}

__all__ = [
    "Option", "Protocol", "ProtocolError", "QualityArea", "Question", "QuestionType",
    "Section", "Value", "applicable", "available_ids", "builtin_ids",
    "configure_search_paths", "load_builtin", "load_file", "loads",
]


def __getattr__(name: str) -> Any:
    """Import a name's module on first use, and keep the name here for the next time."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'review_protocols' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"review_protocols.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
