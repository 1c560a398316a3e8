"""The command palette (Ctrl+P): every action of the reader, named "group: action"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    name: str  # "Navigate: Back"
    help: str
    run: Callable[[], object]


@runtime_checkable
class HasCommands(Protocol):
    def palette_commands(self) -> Iterable[PaletteCommand]: ...


class ReaderCommands(Provider):
    def _commands(self) -> list[PaletteCommand]:
        app = self.app
        return list(app.palette_commands()) if isinstance(app, HasCommands) else []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
