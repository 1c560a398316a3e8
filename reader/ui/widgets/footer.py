"""The footer: the keys that work in the focused pane, in the interface language."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

# (description, tooltip) of a binding id, or of a binding group's description.
Describe = Callable[[str | None, str], tuple[str, str]]


class KeyHint(Static):
    """One key and what it does; a click presses the key."""

    def __init__(self, key: str, shown: str, description: str, tooltip: str) -> None:
        # Our own words, so Content may use the theme's footer colours.
        text = Content.assemble(
            (f" {shown} ", "bold $footer-key-foreground on $footer-key-background"),
            (f" {description} ", "$footer-description-foreground"),
        )
        super().__init__(text, classes="key-hint")
        self.key = key
        if tooltip:
            self.tooltip = tooltip

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.app.simulate_key(self.key)


class ReaderFooter(Horizontal):
    """Built from the active bindings, each described by its id in the interface language.

    Bindings of one group (the three editions) show as one entry: "1 2 3 Edition".
    """

    def __init__(self, describe: Describe, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._describe = describe
        self._shown: list[tuple[str, str, str, str, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        """Build the hints again only when they changed: the bindings are said to change on
        every focus move, and a rebuild mounts and styles a dozen widgets."""
        if self.is_attached and self._hints() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        self._shown = self._hints() if self.is_attached else []
        for key, shown, description, tooltip, classes in self._shown:
            yield KeyHint(key, shown, description, tooltip).set_classes(classes)

    def _hints(self) -> list[tuple[str, str, str, str, str]]:
        """(key, key as shown, description, tooltip, classes) of each hint, in order."""
        active = self.screen.active_bindings
        palette_key = self.app.COMMAND_PALETTE_BINDING
        groups: dict[str, list[str]] = {}
        entries: list[tuple[Binding, str]] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not (binding.show and enabled) or binding.action in seen:
                continue
            seen.add(binding.action)
            shown = self.app.get_key_display(binding)
            if binding.group is not None:
                keys = groups.setdefault(binding.group.description, [])
                keys.append(shown)
                if len(keys) > 1:
                    continue
            entries.append((binding, shown))
        hints = []
        for binding, shown in entries:
            description, tooltip = self._describe(binding.id, binding.description)
            if binding.group is not None:
                shown = " ".join(groups[binding.group.description])
                description, tooltip = self._describe(binding.group.description, "")
            hints.append((binding.key, shown, description, tooltip, "key-hint"))
        if palette_key in active:
            binding = active[palette_key].binding
            description, tooltip = self._describe(binding.id, binding.description)
            shown = self.app.get_key_display(binding)
            hints.append((binding.key, shown, description, tooltip, "key-hint palette-hint"))
        return hints
