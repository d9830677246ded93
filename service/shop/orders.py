"""Placing orders (all parts or nothing, priced with the offers active then) and listing one's
own orders."""

import hashlib
import json
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from dao.model.accounts import User
from dao.model.shop import IdempotencyKey, Order, OrderPart, Product
from dao.shop import IdempotencyKeyDAO, OfferDAO, OrderDAO, ProductDAO
from helpers.errors import Invalid, KeyReused, OutOfStock
from helpers.pagination import PageRequest
from service.base import Service
from service.outside import Outside
from service.shop.pricing import Line, price_order

KEY_LIFETIME = timedelta(hours=24)


def fingerprint(parts: list[dict]) -> str:
    """What was ordered, whatever the order of the parts."""
    lines = sorted((part["product_id"], part["quantity_in_order"]) for part in parts)
    return hashlib.sha256(json.dumps(lines).encode()).hexdigest()


class OrderService(Service):
    def __init__(
        self,
        orders: OrderDAO,
        products: ProductDAO,
        offers: OfferDAO,
        keys: IdempotencyKeyDAO,
        outside: Outside,
    ):
        super().__init__(orders.session)
        self.orders = orders
        self.products = products
        self.offers = offers
        self.keys = keys
        self.outside = outside

    def place(self, user: User, parts: list[dict], key: str | None = None) -> tuple[Order, bool]:
        """Buy every part ({product_id, quantity_in_order}) or none; return the order and whether
        it is a replay: with an idempotency `key` the user sent in the last 24 hours, nothing
        new is placed and the order placed under that key is returned.

        Raise Invalid (unknown product), OutOfStock, KeyReused (the key placed other parts).
        """
        try:
            return self._place(user, parts, key)
        except IntegrityError:
            # On PostgreSQL two first uses of one key can both get this far; the one that
            # commits second is refused by the unique key and answers with the first's order.
            if key is None:
                raise
            with self._transaction():
                earlier = self._order_of_key(user, key, fingerprint(parts))
            if earlier is None:
                raise
            return earlier, True

    def _place(self, user: User, parts: list[dict], key: str | None) -> tuple[Order, bool]:
        with self._transaction():
            if key is not None:
                earlier = self._order_of_key(user, key, fingerprint(parts))
                if earlier is not None:
                    return earlier, True
            products = self._products_of(parts)
            self._reserve(parts, products)
            order = self.orders.add(self._priced_order(user, parts, products))
            if key is not None:
                self.keys.add(
                    IdempotencyKey(
                        user_id=user.id, key=key, fingerprint=fingerprint(parts), order=order
                    )
                )
            return order, False

    def list_for(self, user: User, page: PageRequest) -> list[Order]:
        """The user's own orders, newest first: a page, or the first UNPAGED_LIMIT."""
        return self.orders.of_user(user.id, page.offset, page.limit)

    def _order_of_key(self, user: User, key: str, parts_fingerprint: str) -> Order | None:
        self.keys.purge(older_than=self.outside.now() - KEY_LIFETIME)
        used = self.keys.find(user.id, key)
        if used is None:
            return None
        if used.fingerprint != parts_fingerprint:
            raise KeyReused(errors={"Idempotency-Key": [KeyReused.message]})
        return used.order

    def _products_of(self, parts: list[dict]) -> dict[int, Product]:
        products = self.products.get_many([part["product_id"] for part in parts])
        unknown = {
            index: {"product": [f"There is no product with id {part['product_id']}."]}
            for index, part in enumerate(parts)
            if part["product_id"] not in products
        }
        if unknown:
            raise Invalid("The order refers to products that do not exist.", {"parts": unknown})
        return products

    def _reserve(self, parts: list[dict], products: dict[int, Product]) -> None:
        """Take every part off the stock; raise OutOfStock naming each product short of it.

        Rows are locked in product id order, so two orders of the same products cannot deadlock.
        """
        short = {}
        for index, part in sorted(enumerate(parts), key=lambda item: item[1]["product_id"]):
            if not self.products.reserve_stock(part["product_id"], part["quantity_in_order"]):
                left = self.products.stock_of(part["product_id"])
                name = products[part["product_id"]].name
                short[index] = {
                    "quantity_in_order": [f"Not enough stock for Product '{name}': {left} left."]
                }
        if short:
            messages = [problem["quantity_in_order"][0] for _, problem in sorted(short.items())]
            raise OutOfStock(" ".join(messages), {"parts": short})

    def _priced_order(self, user: User, parts: list[dict], products: dict[int, Product]) -> Order:
        """The order of `parts` at today's prices, less what the offers active now take off."""
        lines = [
            Line(part["product_id"], products[part["product_id"]].price, part["quantity_in_order"])
            for part in parts
        ]
        pricing = price_order(lines, self.offers.for_products(list(products)), self.outside.now())
        return Order(
            user_id=user.id,
            offer_id=pricing.offer_id,
            parts=[
                OrderPart(
                    product_id=line.product_id,
                    product_name=products[line.product_id].name,
                    price=line.price,
                    quantity_in_order=line.quantity,
                    discount=priced.discount,
                    offer_id=priced.offer_id,
                )
                for line, priced in zip(lines, pricing.lines, strict=True)
            ],
        )
