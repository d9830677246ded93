"""Products carry their images: `products.images`, a JSON list of URLs (empty for every
product so far).

Revision ID: 9c1e5b7d2a84
Revises: 7a4f0c93b1d6
Create Date: 2026-12-01 22:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "9c1e5b7d2a84"
down_revision = "7a4f0c93b1d6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("products") as batch_op:
        batch_op.add_column(sa.Column("images", sa.JSON(), server_default="[]", nullable=False))


def downgrade():
    with op.batch_alter_table("products") as batch_op:
        batch_op.drop_column("images")
