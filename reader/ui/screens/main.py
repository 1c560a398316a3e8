"""The reader's one working screen: top bar, three panes, footer; and which pane shows when the
terminal is narrow."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget

from reader.ui.widgets.article import ArticlePane
from reader.ui.widgets.footer import Describe, ReaderFooter
from reader.ui.widgets.news import NewsPane
from reader.ui.widgets.related import RelatedPane
from reader.ui.widgets.topbar import TopBar

PANES = ("news", "article", "related")
# The widget that takes the focus in each pane.
_FOCUS = {"news": "#news-list", "article": "#article-view", "related": "#related-list"}


def _width_class(app: App[object]) -> str:
    """The breakpoint class for the terminal's width now. Textual sets it at the screen's first
    resize, after a layout of every pane at the widths of no class: the rows of the list would
    be measured, and the screen styled and drawn, twice before the first frame."""
    fitting = [
        name for least, name in sorted(app.HORIZONTAL_BREAKPOINTS or ()) if app.size.width >= least
    ]
    return fitting[-1] if fitting else ""


class MainScreen(Screen[None]):
    """Wide (100+ columns): three panes. Narrow (60-99): the related pane folds away behind a
    key. Single (under 60): one pane at a time, the one with the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "next_pane", "Next pane", show=False, id="next-pane", tooltip="Next pane"),
        Binding(
            "shift+tab",
            "previous_pane",
            "Previous pane",
            show=False,
            id="previous-pane",
            tooltip="Previous pane",
        ),
        Binding(
            "l",
            "toggle_related",
            "Links pane",
            id="toggle-related",
            tooltip="Show or hide the pane of related links",
        ),
    ]

    def __init__(self, describe: Describe, ready: Callable[[], None]) -> None:
        """`ready` is called once the panes exist, to fill them: at once, so that the first
        frame already shows what it can (a message would come after two frames)."""
        super().__init__(classes=_width_class(self.app))
        self._describe = describe
        self._ready = ready
        self.current = "news"

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        with Horizontal(id="panes"):
            yield NewsPane(id="news-pane", classes="pane -current")
            yield ArticlePane(id="article-pane", classes="pane")
            yield RelatedPane(id="related-pane", classes="pane")
        yield ReaderFooter(self._describe, id="footer")

    def on_mount(self) -> None:
        self._ready()

    @property
    def single(self) -> bool:
        return self.has_class("-single")

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def visible_panes(self) -> list[str]:
        if self.narrow and not self.has_class("-show-related"):
            return ["news", "article"]
        return list(PANES)

    def show_pane(self, name: str) -> None:
        """Bring a pane forward (in single mode the only one shown) and focus it."""
        if name == "related" and self.narrow:
            self.add_class("-show-related")
        self._set_current(name)
        # At once, not with Widget.focus (which waits its turn): keys already typed must go
        # to the pane that was asked for.
        self.set_focus(self.query_one(_FOCUS[name]))

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        panes = self.visible_panes()
        index = panes.index(self.current) if self.current in panes else 0
        self.show_pane(panes[(index + step) % len(panes)])

    def action_toggle_related(self) -> None:
        if self.has_class("-show-related"):
            self.remove_class("-show-related")
            if self.current == "related":
                self.show_pane("article")
        else:
            self.show_pane("related")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_related":
            return self.narrow
        return True

    def on_resize(self, event: events.Resize) -> None:
        # The breakpoint classes are set by now: a pane that folded away gives up the focus.
        if self.current not in self.visible_panes():
            self.show_pane("article")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane = _pane_of(event.widget)
        if pane is not None:
            self._set_current(pane)

    def _set_current(self, name: str) -> None:
        self.current = name
        for pane in PANES:
            self.query_one(f"#{pane}-pane").set_class(pane == name, "-current")


def _pane_of(widget: Widget) -> str | None:
    for node in widget.ancestors_with_self:
        if isinstance(node, Widget) and node.id is not None and node.id.endswith("-pane"):
            name = node.id.removesuffix("-pane")
            if name in PANES:
                return name
    return None
