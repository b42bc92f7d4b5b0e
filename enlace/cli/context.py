"""What every command needs: settings, a migrated database and its unit of work, with one clear
line on failure."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from enlace.config import Settings, load_settings
from enlace.errors import ConfigError, DatabaseUnavailableError, EnlaceError
from enlace.store import Database, upgrade

err = Console(stderr=True)
P = ParamSpec("P")
T = TypeVar("T")


def clear_errors(func: Callable[P, T]) -> Callable[P, T]:
    """Turn Enlace's own errors into one readable line and an exit code, never a traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            err.print(f"[bold red]Configuration error:[/] {exc.message}")
            raise typer.Exit(2) from None
        except DatabaseUnavailableError as exc:
            err.print(f"[bold red]Database error:[/] {exc.message}")
            raise typer.Exit(1) from None
        except EnlaceError as exc:
            err.print(f"[bold red]Error:[/] {exc.message}")
            for item in exc.details.get("errors", []):
                err.print(f"  {item['field']}: {item['reason']}")
            raise typer.Exit(1) from None

    return wrapper


def settings() -> Settings:
    return load_settings()


@contextmanager
def database(cfg: Settings | None = None, *, migrate: bool = True) -> Iterator[Database]:
    cfg = cfg or settings()
    cfg.ensure_data_dir()
    db = Database(cfg.resolved_database_url)
    try:
        if migrate:
            upgrade(db, cfg)
        else:
            db.check()
        yield db
    finally:
        db.dispose()


@contextmanager
def transaction(db: Database | None = None, cfg: Settings | None = None) -> Iterator[Session]:
    """The command's unit of work: committed once when the block ends, rolled back on any error.

    Commands never commit. Over ``db`` when the command holds one already (an import runs its
    own fast path beside it), else over the configured database, migrated first.
    """
    with ExitStack() as stack:
        if db is None:
            db = stack.enter_context(database(cfg))
        yield stack.enter_context(db.session())
