"""The reader's settings: a TOML file in the user's config folder, checked key by key.

A bad value never stops the app: it is reported in a message naming the key, and that key keeps
its default.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from reader.models import Edition
from reader.site.urls import DEFAULT_BASE_URL
from reader.store.paths import config_dir

CONFIG_FILE = "config.toml"
BASE_URL_ENV = "PRAVDA_READER_BASE_URL"
# White space and control characters have no place in an address (nor in a message about it).
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Config:
    edition: Edition = Edition.UK  # the edition the app opens with
    ui_language: Edition | None = None  # None: follow the edition
    theme: str = "textual-dark"
    refresh_minutes: int = 10  # 0 turns live refresh off
    base_url: str = DEFAULT_BASE_URL
    max_per_host: int = 4
    cache_max_mb: int = 200
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def load_config(path: Path | None = None) -> tuple[Config, tuple[str, ...]]:
    """The settings in `path` (default: the user's config file) and what was wrong with them.

    A missing file is not an error: it gives the defaults.
    """
    path = path or config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(), ()
    except (OSError, UnicodeDecodeError) as exc:
        return Config(), (f"config {path}: cannot read it ({exc}); using the defaults",)
    except tomllib.TOMLDecodeError as exc:
        return Config(), (f"config {path}: not valid TOML ({exc}); using the defaults",)
    return config_from_mapping(raw, where=str(path))


def config_from_mapping(
    raw: Mapping[str, Any], *, where: str = "config"
) -> tuple[Config, tuple[str, ...]]:
    config = Config()
    problems: list[str] = []
    known = {item.name for item in fields(Config)}
    for key, value in raw.items():
        if key not in known:
            problems.append(f"{where}: unknown key {key!r} ignored")
            continue
        try:
            config = replace(config, **{key: _CHECKS[key](value)})
        except ValueError as exc:
            problems.append(f"{where}: {key} {exc}; using the default")
    return config, tuple(problems)


def _edition(value: Any) -> Edition:
    if isinstance(value, str) and value.lower() in {e.value for e in Edition}:
        return Edition(value.lower())
    raise ValueError(f"must be one of uk, ru, en, not {value!r}")


def _ui_language(value: Any) -> Edition | None:
    if value == "auto":
        return None
    try:
        return _edition(value)
    except ValueError:
        raise ValueError(f"must be auto, uk, ru or en, not {value!r}") from None


def _text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError(f"must be a non-empty string, not {value!r}")


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise ValueError(f"must be a whole number from {low} to {high}, not {value!r}")

    return check


def check_base_url(value: Any) -> str:
    """The base URL without a trailing slash; ValueError saying what is wrong."""
    if isinstance(value, str) and _NOT_IN_URL.search(text := value.strip()) is None:
        try:
            parts = urlsplit(text)
            port = parts.port  # a port that is no number, or out of range, raises
        except ValueError:
            pass
        else:
            if (
                parts.scheme in ("http", "https")
                and parts.hostname
                and port != 0
                and not parts.query
                and not parts.fragment
            ):
                return text.rstrip("/")
    raise ValueError(f"must be an http(s) address such as {DEFAULT_BASE_URL}, not {value!r}")


def base_url_from(flag: str | None, config: Config) -> str:
    """--base-url, then the environment, then the config file, then the real site; ValueError
    naming the one that is wrong."""
    for value, where in ((flag, "--base-url"), (os.environ.get(BASE_URL_ENV), BASE_URL_ENV)):
        if value:
            try:
                return check_base_url(value)
            except ValueError as exc:
                raise ValueError(f"{where} {exc}") from None
    return config.base_url


def _keymap(value: Any) -> Mapping[str, str]:
    if isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        return MappingProxyType(dict(value))
    raise ValueError('must be a table of binding id = "keys", e.g. quit = "q,ctrl+q"')


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "edition": _edition,
    "ui_language": _ui_language,
    "theme": _text,
    "refresh_minutes": _whole(0, 24 * 60),
    "base_url": check_base_url,
    "max_per_host": _whole(1, 16),
    "cache_max_mb": _whole(10, 100_000),
    "keymap": _keymap,
}
