"""Operator commands: `flask --app app init-db [--seed]`, `flask --app app create-admin`."""

import click
from flask import Flask
from flask.cli import with_appcontext

from dao.model.user import ROLE_ADMIN
from helpers.container import auth_service
from helpers.errors import DomainError
from service.seed import rebuild


@click.command("init-db")
@click.option("--seed", is_flag=True, help="Load the demo data from fixtures/.")
@with_appcontext
def init_db(seed: bool) -> None:
    """Drop and recreate all tables (and load the demo data with --seed)."""
    rebuild(seed)
    click.echo("Database rebuilt" + (" with demo data." if seed else "."))


@click.command("create-admin")
@click.option("--email", required=True, help="The admin's login email.")
@click.password_option(help="At least 8 characters; asked for when not given.")
@with_appcontext
def create_admin(email: str, password: str) -> None:
    """Create an administrator account."""
    if len(password) < 8:
        raise click.BadParameter("must be at least 8 characters", param_hint="--password")
    try:
        user = auth_service.register(password, email=email.strip(), role=ROLE_ADMIN)
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Admin {user.email} created (id {user.id}).")


def register_commands(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(create_admin)
