"""Export in a thread worker: the file is written off the event loop, then a toast says where
it went or what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.dom import DOMNode

from reader.export import ExportError
from reader.models import Edition
from reader.ui.i18n import tr
from reader.ui.toast import say


def export_in_background(node: DOMNode, write: Callable[[], Path], lang: Edition) -> None:
    """Run `write` (a reader.export call) in a thread; any ExportError becomes a toast."""
    app = node.app  # the toast still shows when `node` (a screen) has closed meanwhile

    def job() -> None:
        try:
            path = write()
        except ExportError as error:
            say(app, tr(lang, "export_failed", reason=str(error)), "error")
        else:
            say(app, tr(lang, "exported", path=str(path)))

    node.run_worker(job, thread=True, group="export", exit_on_error=False)
