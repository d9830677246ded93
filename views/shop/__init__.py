"""Products and orders (seed 003): `/api/auth`, `/api/refresh`, `/api/products`, orders."""

from service.shop.products import load_products
from views.family import Family
from views.shop import products, routes

FAMILY = Family(
    name="shop",
    namespaces=(
        (routes.auth_ns, "/api"),
        (products.ns, "/api/products"),
        (routes.orders_ns, "/api"),
    ),
    demo_data=(load_products,),
)
