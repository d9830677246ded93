"""The product catalog of the shop: searching it, and admins editing it."""

from decimal import Decimal

from sqlalchemy.orm import Session

from dao.model.shop import Product
from dao.shop import ProductDAO
from helpers.pagination import PageRequest
from service.crud import CrudService
from service.seed import fixture, rows


class ProductService(CrudService):
    """`get`, `create`, `update` and `delete` as for any catalog entry, plus `search`."""

    def __init__(self, products: ProductDAO):
        super().__init__(products, "Product")

    def search(
        self, filters: dict, page: PageRequest, ordering: str | None = None
    ) -> tuple[list[Product], int]:
        """One page of the products matching `filters`, and how many match in all."""
        return (
            self.dao.search(page.offset, page.limit, ordering, **filters),
            self.dao.count_matching(**filters),
        )


def load_products(session: Session) -> None:
    """The shop's demo products; prices are decimal strings in the fixture, never floats."""
    session.add_all(
        Product(**{**row, "price": Decimal(row["price"])})
        for row in rows(fixture("products")["products"])
    )
