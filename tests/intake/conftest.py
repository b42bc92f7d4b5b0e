"""Intake tests run without the in-process worker so that they can watch the queue themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from enlace.config import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        secret_key="s" * 48,
        environment="test",
        inline_worker=False,
        public_rate_limit=1000,
    )
