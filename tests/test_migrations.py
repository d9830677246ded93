"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, Table, inspect, select
from sqlalchemy.exc import IntegrityError

from dao.model import db

INITIAL = "8f9068bbf58a"
NAMES_NULLABLE = "3b7c2d1e9a40"
PRODUCT_IMAGES = "9c1e5b7d2a84"


def drop_everything() -> None:
    db.drop_all()
    Table("alembic_version", MetaData()).drop(db.engine, checkfirst=True)


def sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def names() -> list[tuple]:
    users = db.metadata.tables["users"]
    query = select(users.c.email, users.c.name, users.c.surname).order_by(users.c.id)
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]


def add_user(email: str, name: str = "", **columns) -> None:
    row = {"email": email, "name": name, "surname": "", "role": "user", "token_version": 0}
    row.update(columns)
    with db.engine.begin() as connection:
        connection.execute(
            db.metadata.tables["users"].insert(), {**row, "created_at": datetime.now(UTC)}
        )


def test_names_migration_turns_empty_names_into_null_and_keeps_the_email_index(app):
    with app.app_context():
        drop_everything()
        upgrade(revision=INITIAL)
        add_user("ann@example.com")
        add_user("bob@example.com", name="Bob")
        upgrade()
        assert names() == [("ann@example.com", None, None), ("bob@example.com", "Bob", None)]
        with pytest.raises(IntegrityError):
            add_user("ANN@example.com", email_key="ann@example.com")
        downgrade(revision=INITIAL)
        assert names() == [("ann@example.com", "", ""), ("bob@example.com", "Bob", "")]
        upgrade()


def test_migrations_produce_the_models_schema(app):
    with app.app_context():
        drop_everything()
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
            tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert tables == set(db.metadata.tables) | {"alembic_version"}


def test_init_db_runs_the_migrations(app):
    result = app.test_cli_runner().invoke(args=["init-db", "--yes"])
    assert result.exit_code == 0, result.output
    with app.app_context(), db.engine.connect() as connection:
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version


def test_the_email_key_migration_folds_every_alphabet_and_keeps_the_oldest_of_twins(app):
    with app.app_context():
        drop_everything()
        upgrade(revision=NAMES_NULLABLE)
        add_user("Émile@example.com")
        add_user("STRASSE@example.com")
        twins = db.engine.dialect.name == "sqlite"  # its ASCII-only lower() let them in
        if twins:
            add_user("émile@EXAMPLE.com")
        upgrade()
        users = db.metadata.tables["users"]
        with db.engine.connect() as connection:
            keys = connection.execute(select(users.c.email_key).order_by(users.c.id)).scalars()
            assert list(keys) == ["émile@example.com", "strasse@example.com"] + [None] * twins
        with pytest.raises(IntegrityError):
            add_user("Straße@example.com", email_key="Straße@example.com".casefold())
        downgrade(revision=NAMES_NULLABLE)
        upgrade()


def test_upgrading_keeps_the_rows_that_refer_to_a_copied_table(app):
    """SQLite's batch mode copies `users`; its drop must not cascade to tokens or favorites."""
    with app.app_context():
        drop_everything()
        upgrade(revision=INITIAL)
        add_user("ann@example.com")
        tables = db.metadata.tables
        movie = {"id": 1, "title": "T", "description": "", "trailer": "", "year": 2000}
        with db.engine.begin() as connection:
            connection.execute(tables["genres"].insert(), {"id": 1, "name": "G"})
            connection.execute(tables["directors"].insert(), {"id": 1, "name": "D"})
            connection.execute(
                tables["movies"].insert(), {**movie, "rating": 5, "genre_id": 1, "director_id": 1}
            )
            connection.execute(tables["favorite_movies"].insert(), {"user_id": 1, "movie_id": 1})
            connection.execute(
                tables["api_tokens"].insert(),
                {"user_id": 1, "seed": "s", "key_hash": "h", "created_at": datetime.now(UTC)},
            )
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(select(tables["favorite_movies"].c.user_id)).all() == [(1,)]
            assert connection.execute(select(tables["api_tokens"].c.user_id)).all() == [(1,)]
            if db.engine.dialect.name == "sqlite":  # and foreign keys are on again
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_orders_placed_before_offers_keep_their_total_with_no_discount(app):
    with app.app_context():
        drop_everything()
        upgrade(revision=PRODUCT_IMAGES)
        add_user("ann@example.com")
        tables = db.metadata.tables
        product = {"id": 1, "name": "Mug", "description": "", "price": Decimal("12.50")}
        part = {"order_id": 1, "product_id": 1, "product_name": "Mug", "quantity_in_order": 2}
        with db.engine.begin() as connection:
            connection.execute(tables["products"].insert(), {**product, "quantity_in_stock": 3})
            connection.execute(
                tables["orders"].insert().values(id=1, user_id=1, created=datetime.now(UTC))
            )
            # The table as it was: the model's has columns (and defaults) it did not have yet.
            then = Table("order_parts", MetaData(), autoload_with=connection)
            connection.execute(then.insert(), {**part, "price": 1250 if sqlite() else "12.50"})
        upgrade()
        parts, orders = tables["order_parts"], tables["orders"]
        with db.engine.connect() as connection:
            assert connection.execute(select(parts.c.discount, parts.c.offer_id)).all() == [
                (Decimal("0.00"), None)
            ]
            assert connection.execute(select(orders.c.offer_id)).all() == [(None,)]
            assert inspect(connection).has_table("offers")
        downgrade(revision=PRODUCT_IMAGES)
        with db.engine.connect() as connection:
            assert not inspect(connection).has_table("offers")
            assert connection.execute(select(parts.c.price)).scalars().all() == [Decimal("12.50")]
        upgrade()
