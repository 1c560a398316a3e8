"""Bindings whose words come from i18n: one place for the footer, help, palette and keymap."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from reader.models import Edition
from reader.ui.i18n import KEYS


def binding(
    key: str, action: str, binding_id: str, *, show: bool = True, **options: Any
) -> Binding:
    """A binding whose description and tooltip (English here, the interface's language on
    screen) are i18n's; the ten link digits share one entry."""
    words = "link-number" if binding_id.startswith("link-digit-") else binding_id
    description, tooltip = KEYS[Edition.EN][words]
    return Binding(key, action, description, show=show, id=binding_id, tooltip=tooltip, **options)
