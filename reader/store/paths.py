"""Where the reader keeps its files: platformdirs folders, each overridable by an environment
variable so tests and portable setups never touch the real home folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pravda-reader"

CACHE_DIR_ENV = "PRAVDA_READER_CACHE_DIR"
DATA_DIR_ENV = "PRAVDA_READER_DATA_DIR"
CONFIG_DIR_ENV = "PRAVDA_READER_CONFIG_DIR"


def _from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def cache_dir() -> Path:
    """Fetched pages and parsed results: safe to delete at any time."""
    return _from_env(CACHE_DIR_ENV) or Path(platformdirs.user_cache_dir(APP_NAME))


def data_dir() -> Path:
    """Reader state worth keeping (history, bookmarks)."""
    return _from_env(DATA_DIR_ENV) or Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    """The configuration file."""
    return _from_env(CONFIG_DIR_ENV) or Path(platformdirs.user_config_dir(APP_NAME))
