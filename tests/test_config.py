"""Settings: safe secrets, a generated secret that persists, every setting documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from enlace.config import MIN_SECRET_LENGTH, Settings, load_settings
from enlace.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("secret", ["changeme", "CHANGEME", "secret"])
def test_placeholder_secret_is_refused(secret: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="placeholder"):
        load_settings(data_dir=tmp_path, secret_key=secret)


def test_short_secret_is_refused_with_the_minimum(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=str(MIN_SECRET_LENGTH)):
        load_settings(data_dir=tmp_path, secret_key="x" * 10)


def test_secret_is_generated_once_and_reused(tmp_path: Path) -> None:
    first = load_settings(data_dir=tmp_path).resolved_secret_key()
    again = load_settings(data_dir=tmp_path).resolved_secret_key()
    assert first == again
    assert len(first) >= MIN_SECRET_LENGTH
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_requires_an_explicit_secret(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, environment="production")
    with pytest.raises(ConfigError, match="ENLACE_SECRET_KEY"):
        settings.resolved_secret_key()


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ENLACE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ENLACE_DEFAULT_LANGUAGE", "es")
    settings = load_settings()
    assert settings.data_dir == tmp_path
    assert settings.default_language == "es"
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'enlace.db'}"


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"ENLACE_{name.upper()}" in readme, f"ENLACE_{name.upper()} missing from README"
