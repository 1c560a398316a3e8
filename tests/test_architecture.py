"""The headless core (site, net, store, models, serialisation) never imports Textual."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import reader

ROOT = Path(reader.__file__).parent
HEADLESS_PACKAGES = ("site", "net", "store")
HEADLESS_MODULES = ("reader.models", "reader.serialize")


def headless_modules() -> list[str]:
    names = list(HEADLESS_MODULES)
    for package in HEADLESS_PACKAGES:
        names.append(f"reader.{package}")
        for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"reader.{package}."):
            names.append(info.name)
    return sorted(names)


def headless_files() -> list[Path]:
    files = [ROOT / "models.py", ROOT / "serialize.py"]
    for package in HEADLESS_PACKAGES:
        files.extend(sorted((ROOT / package).rglob("*.py")))
    return files


def test_discovery_finds_the_parsers() -> None:
    modules = headless_modules()
    assert {"reader.site.parse_list", "reader.site.parse_feed", "reader.site.pages"} <= set(modules)
    assert ROOT / "site" / "parse_list.py" in headless_files()


def test_importing_the_headless_core_loads_no_textual() -> None:
    script = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(' '.join(loaded))\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *headless_modules()],
        capture_output=True,
        text=True,
        cwd=ROOT.parent,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _textual_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name == "textual" or name.startswith("textual.") for name in names):
            lines.append(node.lineno)
    return lines


def test_no_headless_file_imports_textual() -> None:
    offenders = {
        str(path.relative_to(ROOT.parent)): lines
        for path in headless_files()
        if (lines := _textual_imports(path))
    }
    assert offenders == {}


def test_the_static_check_sees_textual_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom textual.app import App\nimport textual\n", encoding="utf-8")
    assert _textual_imports(sample) == [2, 3]


def test_the_app_starts_without_what_its_first_paint_does_not_need() -> None:
    """Start-up time: the interface imports no parser, no export, no screen shown later,
    and httpx only in name (it loads at the first request)."""
    probe = (
        "import sys, reader.cli, reader.ui.run, reader.ui.app\n"
        "heavy = ['selectolax', 'reader.site.pages', 'reader.export', 'reader.textformat',"
        " 'reader.ui.screens.compare', 'reader.ui.screens.help', 'reader.ui.screens.search',"
        " 'reader.ui.screens.day', 'httpx._client']\n"
        "print([name for name in heavy if name in sys.modules])\n"
        "print(type(sys.modules['httpx']).__name__)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert shown == ["[]", "_LazyModule"]
