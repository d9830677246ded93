"""Emails unique by their case-folded text in every alphabet: `users.email_key`.

The index on lower(email) folded ASCII letters only on SQLite, so "Émile@example.com" and
"émile@example.com" became two accounts. Existing rows get their key here; should two of
them fold to the same key, the oldest account keeps it and the later ones get none (they
can then no longer log in by email, which they could not reliably do before either).

Revision ID: 5d21e8c4a7f3
Revises: 3b7c2d1e9a40
Create Date: 2026-12-01 21:05:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5d21e8c4a7f3"
down_revision = "3b7c2d1e9a40"
branch_labels = None
depends_on = None


def upgrade():
    # SQLite's batch mode copies the table and cannot see the expression index: drop it first.
    op.drop_index("uq_users_email_lower", table_name="users")
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("email_key", sa.String(length=1024), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, email FROM users WHERE email IS NOT NULL"))
    taken = set()
    for user_id, email in sorted(rows):
        key = email.casefold()
        if key not in taken:
            taken.add(key)
            connection.execute(
                sa.text("UPDATE users SET email_key = :key WHERE id = :id"),
                {"key": key, "id": user_id},
            )
    op.create_index("uq_users_email_key", "users", ["email_key"], unique=True)


def downgrade():
    op.drop_index("uq_users_email_key", table_name="users")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("email_key")
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True)
