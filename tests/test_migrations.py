"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import MetaData, Table, inspect

from dao.model import db


# SQLite cannot reflect the expression index on lower(email), so alembic cannot compare it
# there (it says so in a warning); the PostgreSQL run compares it.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_produce_the_models_schema(app):
    with app.app_context():
        db.drop_all()
        Table("alembic_version", MetaData()).drop(db.engine, checkfirst=True)
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
            tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert tables == set(db.metadata.tables) | {"alembic_version"}


def test_init_db_runs_the_migrations(app):
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    with app.app_context(), db.engine.connect() as connection:
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version
