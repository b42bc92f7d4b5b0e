"""The ``enlace`` command through Typer's runner: help, accounts, migrations, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from enlace.cli.main import app
from enlace.security.passwords import verify_password
from enlace.security.tables import User
from enlace.store import Database

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ENLACE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ENLACE_DATABASE_URL", raising=False)
    monkeypatch.delenv("ENLACE_SECRET_KEY", raising=False)
    return tmp_path


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("serve", "demo", "users", "db"):
        assert command in result.output


def test_users_create_makes_a_working_account(env: Path) -> None:
    result = runner.invoke(
        app,
        [
            "users",
            "create",
            "olga",
            "--role",
            "hotline_operator",
            "--password",
            "a-long-password",
            "--name",
            "Olga Ruiz",
            "--language",
            "es",
        ],
    )
    assert result.exit_code == 0, result.output
    db = Database(f"sqlite:///{env / 'enlace.db'}")
    with db.session() as s:
        user = s.scalars(select(User)).one()
    assert (user.username, user.role, user.language) == ("olga", "hotline_operator", "es")
    assert verify_password(user.password_hash, "a-long-password")
    listed = runner.invoke(app, ["users", "list"])
    assert "olga" in listed.output


def test_users_create_explains_bad_input(env: Path) -> None:
    result = runner.invoke(
        app, ["users", "create", "Bad Name!", "--role", "analyst", "--password", "short"]
    )
    assert result.exit_code == 1
    assert "username" in result.output
    assert "at least 10 characters" in result.output
    again = runner.invoke(app, ["users", "create", "x", "--role", "pilot", "--password", "p" * 12])
    assert again.exit_code == 2  # Typer rejects an unknown role before anything runs


def test_db_upgrade_is_safe_to_repeat(env: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    status = runner.invoke(app, ["db", "status"])
    assert "up to date" in status.output


def test_unreachable_database_is_one_line(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENLACE_DATABASE_URL", "postgresql+psycopg://u:hunter2pw@127.0.0.1:1/x")
    result = runner.invoke(app, ["db", "status"])
    assert result.exit_code == 1
    assert "Database error" in result.output
    assert "hunter2pw" not in result.output
    assert "Traceback" not in result.output


def test_placeholder_secret_stops_with_a_clear_message(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENLACE_SECRET_KEY", "changeme")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 2
    assert "placeholder" in result.output
