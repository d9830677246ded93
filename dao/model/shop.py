"""Products and orders: Product, Order, OrderPart, and the idempotency keys of orders."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dao.model.base import NEVER_REUSE_IDS, db, utcnow
from dao.model.types import Money, UTCDateTime


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("quantity_in_stock >= 0", name="ck_products_stock_not_negative"),
        CheckConstraint("price >= 0", name="ck_products_price_not_negative"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    price: Mapped[Decimal] = mapped_column(Money, index=True)
    quantity_in_stock: Mapped[int] = mapped_column(Integer, default=0)
    # Absolute http(s) URLs of its pictures, in order (0 to 10); never fetched by the service.
    images: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")


class OrderPart(db.Model):
    """One line of an order, keeping the name and unit price the product had when bought."""

    __tablename__ = "order_parts"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    # The line outlives its product: deleting the product only forgets which one it was.
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), index=True
    )
    product_name: Mapped[str] = mapped_column(String(200))
    quantity_in_order: Mapped[int] = mapped_column(Integer)
    price: Mapped[Decimal] = mapped_column(Money)


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    parts: Mapped[list[OrderPart]] = relationship(
        order_by=OrderPart.id, cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def total(self) -> Decimal:
        return sum((part.price * part.quantity_in_order for part in self.parts), Decimal("0.00"))


class IdempotencyKey(db.Model):
    """An `Idempotency-Key` a user sent with an order, and the order it placed."""

    __tablename__ = "idempotency_keys"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    # What was ordered, so a key reused for a different order is caught.
    fingerprint: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    order: Mapped[Order] = relationship()
