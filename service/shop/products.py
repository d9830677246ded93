"""The product catalog of the shop: searching it, and admins editing it."""

from dao.model.shop import Product
from dao.shop import ProductDAO
from helpers.pagination import PageRequest
from service.crud import CrudService


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
