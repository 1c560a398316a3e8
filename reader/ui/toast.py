"""Toasts as the app shows them: page text stays text, errors and warnings stay longer."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.notifications import SeverityLevel

from reader.ui.render import visible

_TIMEOUTS: dict[SeverityLevel, float | None] = {"information": None, "warning": 8, "error": 10}


def say(node: DOMNode, message: str, severity: SeverityLevel = "information") -> None:
    """A toast; callable from any thread (Textual posts it to the app)."""
    timeout = _TIMEOUTS[severity]
    if timeout is None:
        node.app.notify(visible(message), severity=severity, markup=False)
    else:
        node.app.notify(visible(message), severity=severity, timeout=timeout, markup=False)
