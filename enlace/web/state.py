"""What the running application holds: settings, the database and the template environment."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from enlace.config import Settings
from enlace.store import Database


@dataclass
class AppState:
    settings: Settings
    db: Database
    secret: str
    templates: Environment
