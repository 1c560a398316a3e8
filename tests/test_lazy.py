"""Modules loaded at their first use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.lazy import lazy_module


def test_a_lazy_module_runs_at_its_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "costly_thing.py").write_text(
        "import builtins\nbuiltins.costly_ran = True\nX = 42\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "costly_thing", raising=False)
    import builtins

    monkeypatch.setattr(builtins, "costly_ran", False, raising=False)
    module = lazy_module("costly_thing")
    assert builtins.costly_ran is False  # type: ignore[attr-defined]
    assert module.X == 42
    assert builtins.costly_ran is True  # type: ignore[attr-defined]
    assert lazy_module("costly_thing") is sys.modules["costly_thing"]


def test_a_missing_module_is_said_at_once() -> None:
    with pytest.raises(ModuleNotFoundError):
        lazy_module("no_such_module_here")
