"""Command palette (ctrl+p) entries for the case screen: jump to a section, notes, klar."""

from __future__ import annotations

import typing
from collections.abc import Callable
from functools import partial
from typing import runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from jobs.i18n import language, t
from review_protocols.model import Protocol as ReviewProtocol


@runtime_checkable
class _SectionedScreen(typing.Protocol):
    """The case screen, as this provider sees it (importing it would be a circle)."""

    protocol: ReviewProtocol

    def go_to_section(self, index: int) -> None: ...


class ReviewCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen = self.screen
        commands: list[tuple[str, Callable[[], object], str]] = []
        if not isinstance(screen, _SectionedScreen):
            return commands
        for index, section in enumerate(screen.protocol.sections):
            commands.append((
                t("review.cmd_section", title=section.title_in(language())),
                partial(screen.go_to_section, index),
                t("review.cmd_section_help"),
            ))
        for name, action in (
            ("review.cmd_complete", "complete"), ("review.cmd_question_note", "question_note"),
            ("review.cmd_case_note", "case_note"), ("review.cmd_help", "toggle_help"),
            ("review.cmd_case_file", "toggle_file"), ("review.cmd_keys", "keys"),
            ("review.cmd_back", "back"),
        ):
            commands.append((t(name), getattr(screen, f"action_{action}"), t(f"{name}_help")))
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
