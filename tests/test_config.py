"""The config file: every bad value is named, and the rest of the file still applies."""

from __future__ import annotations

from pathlib import Path

from reader.config import Config, config_from_mapping, load_config
from reader.models import Edition


def test_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == (Config(), ())


def test_good_values_are_taken(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    file.write_text(
        'edition = "en"\nui_language = "uk"\nrefresh_minutes = 0\n'
        'base_url = "http://127.0.0.1:8080/"\n[keymap]\nquit = "ctrl+q"\n',
        encoding="utf-8",
    )
    config, problems = load_config(file)
    assert problems == ()
    assert config.edition is Edition.EN and config.ui_language is Edition.UK
    assert config.refresh_minutes == 0
    assert config.base_url == "http://127.0.0.1:8080"
    assert dict(config.keymap) == {"quit": "ctrl+q"}


def test_each_bad_value_is_named_and_keeps_its_default() -> None:
    config, problems = config_from_mapping(
        {
            "edition": "de",
            "refresh_minutes": "often",
            "base_url": "javascript:alert(1)",
            "keymap": {"quit": 3},
            "colour": "red",
            "theme": "nord",
        }
    )
    assert config == Config(theme="nord")
    assert len(problems) == 5
    for key in ("edition", "refresh_minutes", "base_url", "keymap", "'colour'"):
        assert any(key in problem for problem in problems), key


def test_booleans_are_not_numbers() -> None:
    config, problems = config_from_mapping({"max_per_host": True})
    assert config.max_per_host == Config().max_per_host
    assert problems and "max_per_host" in problems[0]


def test_broken_toml_gives_the_defaults_and_says_so(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    file.write_bytes(b'edition = "en\n\xff')
    config, problems = load_config(file)
    assert config == Config()
    assert len(problems) == 1 and str(file) in problems[0]
