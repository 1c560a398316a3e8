"""The help window: generated from the bindings that are active where the focus was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# (description, tooltip) of a binding id in the interface language.
Describe = Callable[[str | None, str], tuple[str, str]]


@dataclass(frozen=True, slots=True)
class HelpLine:
    keys: str
    description: str
    tooltip: str


@dataclass(frozen=True, slots=True)
class HelpText:
    title: str
    intro: str
    pane_title: str
    pane: tuple[HelpLine, ...]
    app_title: str
    everywhere: tuple[HelpLine, ...]
    closing: str


def help_lines(
    active: dict[str, ActiveBinding], app: App[Any], describe: Describe
) -> tuple[tuple[HelpLine, ...], tuple[HelpLine, ...]]:
    """(the focused pane's keys, the keys that work everywhere), one line per action.

    Keys of one action are joined ("j / ↓"); bindings without an id are Textual's own and are
    left out, except that none of ours lacks one.
    """
    keys: dict[tuple[bool, str], list[str]] = {}
    first: dict[tuple[bool, str], Binding] = {}
    for active_binding in active.values():
        binding = active_binding.binding
        if binding.id is None:
            continue
        everywhere = isinstance(active_binding.node, App | Screen)
        # The ten digits share a description: one line "0-9" stands for them.
        name = "link-number" if binding.id.startswith("link-number-") else binding.id
        slot = (everywhere, name)
        shown = app.get_key_display(binding)
        keys.setdefault(slot, [])
        if shown not in keys[slot]:
            keys[slot].append(shown)
        first.setdefault(slot, binding)
    pane: list[HelpLine] = []
    everywhere_lines: list[HelpLine] = []
    for slot, binding in first.items():
        description, tooltip = describe(slot[1], binding.description)
        line = HelpLine(" / ".join(keys[slot]), description, tooltip)
        (everywhere_lines if slot[0] else pane).append(line)
    return tuple(pane), tuple(everywhere_lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark,f1",
            "dismiss",
            "Close",
            id="close",
            tooltip="Close this window",
        ),
    ]

    def __init__(self, text: HelpText) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = Text(self.text.title)
            yield Static(Text(self.text.intro), classes="help-intro")
            for title, lines in (
                (self.text.pane_title, self.text.pane),
                (self.text.app_title, self.text.everywhere),
            ):
                if lines:
                    yield Static(Text(title, style="bold"), classes="help-section")
                    yield Static(_table(lines), classes="help-keys")
            yield Static(Text(self.text.closing, style="dim"), classes="help-closing")


def _table(lines: tuple[HelpLine, ...]) -> Table:
    table = Table.grid(padding=(0, 2, 0, 0))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    table.add_column(style="dim", ratio=1)
    for line in lines:
        table.add_row(Text(line.keys), Text(line.description), Text(line.tooltip))
    return table
