"""Allow ``python -m enlace``."""

from enlace.cli.main import app

app()
