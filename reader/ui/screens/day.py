"""The day window: type a day (or step to it with the arrows), Enter shows that day's news."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.models import Edition
from reader.ui.days import format_numeric, parse_day
from reader.ui.i18n import format_day, tr


class DayScreen(ModalScreen[date | None]):
    """Dismissed with the day chosen (never after `today`), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="close", tooltip="Close this window"),
        Binding("up", "step(-1)", "Day before", id="day-before", tooltip="The day before"),
        Binding("down", "step(1)", "Day after", id="day-after", tooltip="The day after"),
    ]

    def __init__(self, lang: Edition, day: date, today: date) -> None:
        super().__init__()
        self.lang = lang
        self.day = day
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="day-box", classes="reading-box") as box:
            box.border_title = Text(tr(self.lang, "day_title"))
            yield Input(format_numeric(self.day), id="day-input")
            yield Static(Text(tr(self.lang, "day_hint"), style="dim"), id="day-hint")
            yield Static(id="day-problem")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def on_mount(self) -> None:
        self.set_focus(self.input)

    def action_step(self, days: int) -> None:
        day = parse_day(self.input.value, self.today) or self.day
        day = min(day + timedelta(days=days), self.today)
        self.input.value = format_numeric(day)
        self.input.cursor_position = len(self.input.value)
        self._problem("")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        day = parse_day(event.value, self.today)
        if day is None:
            self._problem(tr(self.lang, "day_bad", text=event.value))
        elif day > self.today:
            self._problem(tr(self.lang, "day_future", day=format_day(self.lang, day)))
        else:
            self.dismiss(day)

    def _problem(self, words: str) -> None:
        self.query_one("#day-problem", Static).update(Text(words, style="bold red"))
