"""Rich renderables as Textual visuals that spare Textual the renders it would do only to
measure: a list row's height is counted, an article is rendered once per width."""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import Segment
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget

from reader.ui.render import Row


class RowVisual(RichVisual):
    """A row the list renders only when it is on screen: OptionList asks every option's
    height on each paint, and rendering 250 rows to count their lines took ~100 ms."""

    def __init__(self, widget: Widget, row: Row) -> None:
        super().__init__(widget, row)
        self._row = row
        self._heights: dict[int, int] = {}

    def __rich__(self) -> Row:
        """The row itself, for printing it with Rich."""
        return self._row

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            app = self._widget.app
            options = app.console_options.update_width(width).update(highlight=False)
            height = self._heights[width] = self._row.height(app.console, options)
        return height


class RenderedOnce(RichVisual):
    """A long renderable (an article) whose lines are rendered once for a width: Textual asks
    for its height and then for its lines, and each of those is a whole render."""

    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._width = -1
        self._lines: list[list[Segment]] = []

    def __rich__(self) -> RenderableType:
        return self._renderable

    def _lines_at(self, width: int) -> list[list[Segment]]:
        if width != self._width:
            app = self._widget.app
            options = app.console_options.update_width(width).update(highlight=False)
            self._lines = app.console.render_lines(self._renderable, options, pad=False)
            self._width = width
        return self._lines

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines_at(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        base = style.rich_style  # under each segment's own style, as Textual's post_render does
        lines = self._lines_at(width)[:height]
        return [Strip(Segment.apply_style(line, base)) for line in lines]
