"""Ids are never given twice: the tables with an `id` become AUTOINCREMENT on SQLite.

Without it SQLite takes the highest id again after a delete, and a new user answers to the
deleted user's tokens. PostgreSQL's sequences never reuse an id: nothing to do there.

Revision ID: 7a4f0c93b1d6
Revises: 5d21e8c4a7f3
Create Date: 2026-12-01 21:10:00

"""

from alembic import op

revision = "7a4f0c93b1d6"
down_revision = "5d21e8c4a7f3"
branch_labels = None
depends_on = None

TABLES = [
    "genres", "directors", "movies", "users", "cassettes", "autos", "phone_codes",
    "products", "orders", "order_parts",
]  # fmt: skip


def recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade():
    recreate(True)


def downgrade():
    recreate(False)
