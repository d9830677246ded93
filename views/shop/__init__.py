"""Products, offers and orders (seed 003): `/api/auth`, `/api/refresh`, `/api/products`,
`/api/offers`, orders."""

from helpers.errors import WrongCredentials
from helpers.http.errors import ErrorReply
from service.shop.offers import load_offers
from service.shop.products import load_products
from views.family import Family
from views.shop import offers, products, profile, routes

FAMILY = Family(
    name="shop",
    namespaces=(
        (routes.auth_ns, "/api"),
        (products.ns, "/api/products"),
        (routes.orders_ns, "/api"),
        (profile.ns, "/api"),
        (offers.ns, "/api/offers"),
    ),
    error_answers={WrongCredentials: ErrorReply(401, "Invalid username or password.")},
    demo_data=(load_products, load_offers),
)
