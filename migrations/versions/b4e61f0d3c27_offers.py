"""Special offers (`offers`), and what they took off orders: `order_parts.discount`, the
offers applied (`order_parts.offer_id`, `orders.offer_id`). Orders placed so far had none.

Revision ID: b4e61f0d3c27
Revises: 9c1e5b7d2a84
Create Date: 2026-12-01 23:30:00

"""

import sqlalchemy as sa
from alembic import op

import dao.model.types

revision = "b4e61f0d3c27"
down_revision = "9c1e5b7d2a84"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("buy", sa.Integer(), nullable=True),
        sa.Column("get", sa.Integer(), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("starts_at", dao.model.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ends_at", dao.model.types.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('buy_x_get_y', 'percent_off')", name="ck_offers_kind"),
        sa.CheckConstraint("buy >= 1 AND get >= 1", name="ck_offers_buy_get_positive"),
        sa.CheckConstraint("percent BETWEEN 1 AND 100", name="ck_offers_percent_range"),
        sa.CheckConstraint("ends_at > starts_at", name="ck_offers_window_not_empty"),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("offers") as batch_op:
        batch_op.create_index(batch_op.f("ix_offers_product_id"), ["product_id"], unique=False)
    with op.batch_alter_table("order_parts") as batch_op:
        batch_op.add_column(
            sa.Column(
                "discount",
                dao.model.types.Money(precision=10, scale=2),
                server_default="0",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("offer_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("orders") as batch_op:
        batch_op.add_column(sa.Column("offer_id", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_column("offer_id")
    with op.batch_alter_table("order_parts") as batch_op:
        batch_op.drop_column("offer_id")
        batch_op.drop_column("discount")
    with op.batch_alter_table("offers") as batch_op:
        batch_op.drop_index(batch_op.f("ix_offers_product_id"))
    op.drop_table("offers")
