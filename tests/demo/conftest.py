"""One demo data set, generated once for all demo tests."""

from __future__ import annotations

import pytest

from enlace.demo.engine import DemoDataset, generate


@pytest.fixture(scope="session")
def dataset() -> DemoDataset:
    return generate()
