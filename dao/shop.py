"""Queries of products, offers, orders and idempotency keys."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import selectinload

from dao.base import BaseDAO
from dao.model.shop import IdempotencyKey, Offer, Order, Product

PRODUCT_ORDERINGS = {
    "price": (Product.price, Product.id),
    "-price": (Product.price.desc(), Product.id.desc()),
    "name": (Product.name, Product.id),
    "-name": (Product.name.desc(), Product.id.desc()),
}


class ProductDAO(BaseDAO):
    model = Product

    def search(
        self,
        offset: int,
        limit: int | None,
        ordering: str | None = None,
        **filters,
    ) -> list[Product]:
        """A page of the products matching `filters` (see `count_matching`), in `ordering`."""
        query = (
            select(Product)
            .where(*self._conditions(**filters))
            .order_by(*PRODUCT_ORDERINGS.get(ordering, (Product.id,)))
            .offset(offset)
            .limit(limit)
        )
        return list(self.session.scalars(query))

    def count_matching(self, **filters) -> int:
        query = select(func.count(Product.id)).where(*self._conditions(**filters))
        return self.session.scalar(query)

    def _conditions(
        self,
        name_contains: str | None = None,
        min_price: Decimal | None = None,
        max_price: Decimal | None = None,
        in_stock: bool | None = None,
    ) -> list:
        conditions = []
        if name_contains:
            conditions.append(Product.name.icontains(name_contains, autoescape=True))
        if min_price is not None:
            conditions.append(Product.price >= min_price)
        if max_price is not None:
            conditions.append(Product.price <= max_price)
        if in_stock is not None:
            stock = Product.quantity_in_stock
            conditions.append(stock > 0 if in_stock else stock == 0)
        return conditions

    def reserve_stock(self, product_id: int, quantity: int) -> bool:
        """Take `quantity` off the product's stock if at least that much is left; say if it was.

        One conditional UPDATE, so two orders can never both take the last items. The
        session's copy of the product is left as it was; `stock_of` reads the stored value.
        """
        result = self.session.execute(
            update(Product)
            .where(Product.id == product_id, Product.quantity_in_stock >= quantity)
            .values(quantity_in_stock=Product.quantity_in_stock - quantity)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def stock_of(self, product_id: int) -> int | None:
        return self.session.scalar(
            select(Product.quantity_in_stock).where(Product.id == product_id)
        )


class OfferDAO(BaseDAO):
    model = Offer

    def listing(self, limit: int, active_at: datetime | None = None) -> list[Offer]:
        """The first `limit` offers by id: all of them, or those active at `active_at`."""
        where = () if active_at is None else (Offer.active_at(active_at),)
        return self.page(0, limit, where=where)

    def for_products(self, product_ids: list[int]) -> list[Offer]:
        """Every offer that could apply to an order of these products, active or not: theirs
        and the order-wide ones."""
        query = select(Offer).where(Offer.product_id.in_(product_ids) | Offer.product_id.is_(None))
        return list(self.session.scalars(query.order_by(Offer.id)))


class OrderDAO(BaseDAO):
    model = Order

    def of_user(self, user_id: int, offset: int, limit: int | None) -> list[Order]:
        """The user's orders, newest first, with their parts (one extra query for all parts)."""
        query = (
            select(Order)
            .where(Order.user_id == user_id)
            .order_by(Order.created.desc(), Order.id.desc())
            .offset(offset)
            .limit(limit)
            .options(selectinload(Order.parts))
        )
        return list(self.session.scalars(query))


class IdempotencyKeyDAO(BaseDAO):
    model = IdempotencyKey

    def find(self, user_id: int, key: str) -> IdempotencyKey | None:
        return self.session.get(IdempotencyKey, (user_id, key))

    def purge(self, older_than: datetime) -> None:
        """Forget every key created before `older_than`."""
        self.session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < older_than))
