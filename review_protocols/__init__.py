"""What is asked: the protocol model, its loader and validator, and the shipped protocols."""

from review_protocols.conditions import Value, applicable
from review_protocols.loader import (
    ProtocolError,
    available_ids,
    builtin_ids,
    configure_search_paths,
    load_builtin,
    load_file,
    loads,
)
from review_protocols.model import Option, Protocol, QualityArea, Question, QuestionType, Section

__all__ = [
    "Option",
    "Protocol",
    "ProtocolError",
    "QualityArea",
    "Question",
    "QuestionType",
    "Section",
    "Value",
    "applicable",
    "available_ids",
    "builtin_ids",
    "configure_search_paths",
    "load_builtin",
    "load_file",
    "loads",
]
