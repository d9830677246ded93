"""Profile names are null until set: `name` and `surname` nullable, empty strings become NULL.

Revision ID: 3b7c2d1e9a40
Revises: 8f9068bbf58a
Create Date: 2026-12-01 21:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "3b7c2d1e9a40"
down_revision = "8f9068bbf58a"
branch_labels = None
depends_on = None

NAME_COLUMNS = ("name", "surname")


def set_names_nullable(nullable: bool) -> None:
    """SQLite's batch mode copies the table, and cannot see the expression index on
    lower(email) to copy it: the index is dropped first and made again after."""
    op.drop_index("uq_users_email_lower", table_name="users")
    with op.batch_alter_table("users") as batch_op:
        for column in NAME_COLUMNS:
            batch_op.alter_column(column, existing_type=sa.String(100), nullable=nullable)
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True)


def upgrade():
    set_names_nullable(True)
    for column in NAME_COLUMNS:
        op.execute(f"UPDATE users SET {column} = NULL WHERE {column} = ''")


def downgrade():
    for column in NAME_COLUMNS:
        op.execute(f"UPDATE users SET {column} = '' WHERE {column} IS NULL")
    set_names_nullable(False)
