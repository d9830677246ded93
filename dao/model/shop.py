"""Products, offers and orders: Product, Offer, Order, OrderPart, and the idempotency keys of
orders."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, and_, or_
from sqlalchemy.ext.hybrid import hybrid_method
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


class Offer(db.Model):
    """A special offer: `buy_x_get_y` on one product, or `percent_off` one product or (with no
    product) the whole order; active from `starts_at` (inclusive) until `ends_at` (exclusive),
    either open-ended when null. Deleting its product deletes it."""

    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint("kind IN ('buy_x_get_y', 'percent_off')", name="ck_offers_kind"),
        CheckConstraint("buy >= 1 AND get >= 1", name="ck_offers_buy_get_positive"),
        CheckConstraint("percent BETWEEN 1 AND 100", name="ck_offers_percent_range"),
        CheckConstraint("ends_at > starts_at", name="ck_offers_window_not_empty"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    buy: Mapped[int | None] = mapped_column(Integer)
    get: Mapped[int | None] = mapped_column(Integer)
    percent: Mapped[int | None] = mapped_column(Integer)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @hybrid_method
    def active_at(self, moment: datetime) -> bool:
        """Whether the offer applies at `moment`: in Python on a loaded offer, and the same
        rule in SQL (`Offer.active_at(moment)` in a query)."""
        return (self.starts_at is None or self.starts_at <= moment) and (
            self.ends_at is None or moment < self.ends_at
        )

    @active_at.inplace.expression
    @classmethod
    def _active_at_in_sql(cls, moment: datetime):
        return and_(
            or_(cls.starts_at.is_(None), cls.starts_at <= moment),
            or_(cls.ends_at.is_(None), cls.ends_at > moment),
        )


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
    # Everything the offers took off this line. `offer_id` is the product offer applied, kept
    # as it was (no foreign key): changing or deleting the offer later changes no order.
    discount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"), server_default="0")
    offer_id: Mapped[int | None] = mapped_column(Integer)

    @property
    def subtotal(self) -> Decimal:
        return self.price * self.quantity_in_order


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # The order-wide offer applied, kept as it was (see OrderPart.offer_id).
    offer_id: Mapped[int | None] = mapped_column(Integer)
    parts: Mapped[list[OrderPart]] = relationship(
        order_by=OrderPart.id, cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def subtotal(self) -> Decimal:
        return sum((part.subtotal for part in self.parts), Decimal("0.00"))

    @property
    def discount(self) -> Decimal:
        return sum((part.discount for part in self.parts), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount


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
