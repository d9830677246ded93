"""The command-line interface, beside the HTTP one: `flask --app app init-db [--seed]`,
`create-admin`, `grow`."""

from functools import partial

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from marshmallow import ValidationError

from dao.model.accounts import ROLE_ADMIN
from helpers.container import (
    auth_service,
    director_service,
    genre_service,
    movie_service,
    product_service,
    seed_service,
)
from helpers.errors import DomainError
from helpers.http.schemas import new_password_length
from helpers.pagination import PageRequest
from service.seed import synthetic_movies, synthetic_products


@click.command("init-db")
@click.option("--seed", is_flag=True, help="Load the demo data from fixtures/.")
@click.option("--yes", is_flag=True, help="Drop a database that holds data, without refusing.")
@with_appcontext
def init_db(seed: bool, yes: bool) -> None:
    """Drop and recreate all tables (and load the demo data with --seed).

    A database that holds data is refused unless --yes: every row would be gone.
    """
    if not yes and seed_service.holds_data():
        raise click.ClickException(
            "The database holds data, and init-db drops every table: run it again with --yes "
            "to drop and rebuild it (or back it up first)."
        )
    seed_service.rebuild(current_app.extensions["demo_data"] if seed else ())
    click.echo("Database rebuilt" + (" with demo data." if seed else "."))


@click.command("create-admin")
@click.option("--email", required=True, help="The admin's login email.")
@click.password_option(
    help="1 to 128 characters (at least PASSWORD_MIN_LENGTH); asked for when not given."
)
@with_appcontext
def create_admin(email: str, password: str) -> None:
    """Create an administrator account."""
    try:
        new_password_length(password)
    except ValidationError as exc:
        raise click.BadParameter(" ".join(exc.messages), param_hint="--password") from None
    try:
        user = auth_service.register(password, email=email.strip(), role=ROLE_ADMIN)
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Admin {user.email} created (id {user.id}).")


@click.command("grow")
@click.option("--movies", type=click.IntRange(min=0), default=0, help="Movies to add.")
@click.option("--products", type=click.IntRange(min=0), default=0, help="Products to add.")
@click.option("--batch", type=click.IntRange(min=1, max=100_000), default=10_000)
@with_appcontext
def grow(movies: int, products: int, batch: int) -> None:
    """Add synthetic movies and products (for benchmarks), with a progress bar."""
    genre_ids = [genre.id for genre in genre_service.list(PageRequest(None, None))]
    director_ids = [director.id for director in director_service.list(PageRequest(None, None))]
    if movies and not (genre_ids and director_ids):
        raise click.ClickException("Load the demo data first: flask --app app init-db --seed")
    _grow(
        "movies",
        movie_service,
        movies,
        batch,
        partial(synthetic_movies, genre_ids=genre_ids, director_ids=director_ids),
    )
    _grow("products", product_service, products, batch, synthetic_products)


def _grow(label: str, service, total: int, batch: int, make_rows) -> None:
    with click.progressbar(length=total, label=label) as bar:
        for start in range(0, total, batch):
            count = min(batch, total - start)
            service.add_many(make_rows(count, start))
            bar.update(count)


def register_commands(app: Flask, families) -> None:
    """The operator commands; `init-db --seed` loads the demo data of `families`."""
    app.extensions["demo_data"] = [loader for family in families for loader in family.demo_data]
    app.cli.add_command(init_db)
    app.cli.add_command(create_admin)
    app.cli.add_command(grow)
