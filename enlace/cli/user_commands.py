"""``enlace users``: accounts."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy import select

from enlace.cli.context import clear_errors, transaction
from enlace.security import users
from enlace.security.tables import Agency, Role, User

app = typer.Typer(help="User accounts.", no_args_is_help=True)


@app.command("create")
@clear_errors
def create(
    username: Annotated[str, typer.Argument(help="Login name (lower-case).")],
    role: Annotated[Role, typer.Option(help="The user's role.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            help="At least 10 characters; asked for when omitted.",
        ),
    ],
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    email: Annotated[str | None, typer.Option(help="Email address.")] = None,
    language: Annotated[str, typer.Option(help="en or es.")] = "en",
    agency: Annotated[str | None, typer.Option(help="Agency short name.")] = None,
) -> None:
    """Create a local account."""
    with transaction() as session:
        found = None
        if agency:
            found = session.scalar(select(Agency).where(Agency.short_name == agency))
            if found is None:
                raise typer.BadParameter(
                    f"no agency with short name {agency!r}", param_hint="--agency"
                )
        user = users.create_user(
            session,
            username=username,
            password=password,
            role=role,
            display_name=name,
            email=email,
            language=language,
            agency=found,
        )
        typer.echo(f"Created {user.username} ({user.role})")


@app.command("list")
@clear_errors
def list_users() -> None:
    """List accounts and their roles."""
    with transaction() as session:
        for user in session.scalars(select(User).order_by(User.username)):
            state = "" if user.active else " (disabled)"
            typer.echo(f"{user.username:20} {user.role:18} {user.display_name}{state}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="users")
