"""Settings: one validated object read from ``ENLACE_*`` variables and an optional ``.env`` file.

Every setting is documented in its ``description``; ``tests/test_config.py`` checks the README
lists each one.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from enlace.errors import ConfigError

PLACEHOLDER_SECRETS = frozenset({"changeme", "change-me", "secret", "changethis", "placeholder"})
MIN_SECRET_LENGTH = 32
SECRET_FILE_NAME = "secret_key"  # noqa: S105 - a file name, not a secret


def default_data_dir() -> Path:
    return Path.cwd() / "enlace-data"


class Settings(BaseSettings):
    """Enlace settings. Environment variables take the ``ENLACE_`` prefix."""

    model_config = SettingsConfigDict(
        env_prefix="ENLACE_", env_file=os.environ.get("ENLACE_ENV_FILE", ".env"), extra="ignore"
    )

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder for the SQLite file, attachments and keys.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; empty means a SQLite file in the data directory. "
        "PostgreSQL: postgresql+psycopg://user:password@host:5432/enlace",
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs sessions and tokens. Generated into the data directory when unset.",
    )
    node_name: str = Field(default="enlace-local", description="This node's name in exchanges.")
    default_language: Literal["en", "es"] = Field(
        default="en", description="Language used when neither the user nor the browser chooses."
    )
    environment: Literal["development", "production", "test"] = Field(
        default="development", description="production refuses unsafe defaults."
    )
    session_hours: int = Field(default=12, ge=1, le=720, description="Sign-in lifetime in hours.")
    public_rate_limit: int = Field(
        default=30, ge=1, description="Public submissions allowed per client per minute."
    )
    inline_worker: bool = Field(
        default=True,
        description="Run the processing queue in a background thread of the web application; "
        "set false when separate `enlace worker` processes drain it.",
    )
    max_narrative_chars: int = Field(
        default=20000, ge=100, description="Longest narrative a report may carry, in characters."
    )
    max_attachment_mb: int = Field(
        default=10, ge=1, le=200, description="Largest attachment (photo, document) in megabytes."
    )

    field_key: str | None = Field(
        default=None,
        description="Key material (at least 32 characters) for encrypting victims' personal "
        "data at rest. When unset a key file is created in the data directory's keys folder.",
    )

    @field_validator("secret_key", "field_key")
    @classmethod
    def _refuse_weak_secret(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or value == "":
            return None
        name = f"ENLACE_{(info.field_name or '').upper()}"
        if value.strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError(
                f"{name} is a placeholder; set a random value of at least "
                f"{MIN_SECRET_LENGTH} characters or leave it unset to generate one"
            )
        if len(value) < MIN_SECRET_LENGTH:
            raise ValueError(
                f"{name} is too short ({len(value)} characters); use at least {MIN_SECRET_LENGTH}"
            )
        return value

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'enlace.db'}"

    def ensure_data_dir(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self.data_dir

    def resolved_secret_key(self) -> str:
        """The configured secret, or the one kept in the data directory (created on first use)."""
        if self.secret_key:
            return self.secret_key
        if self.environment == "production":
            raise ConfigError("ENLACE_SECRET_KEY must be set in production")
        path = self.ensure_data_dir() / SECRET_FILE_NAME
        if path.exists():
            value = path.read_text(encoding="utf-8").strip()
            if len(value) >= MIN_SECRET_LENGTH:
                return value
        value = secrets.token_urlsafe(48)
        path.write_text(value, encoding="utf-8")
        path.chmod(0o600)
        return value


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning validation problems into one clear ConfigError."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(str(err["msg"]).removeprefix("Value error, ") for err in exc.errors())
        raise ConfigError(problems) from exc


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
