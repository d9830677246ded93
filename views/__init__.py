"""The API's families, in the order their namespaces are installed (and listed in Swagger)."""

from views import cassettes, dealer, health, movies, referral, shop

FAMILIES = [
    movies.FAMILY,
    cassettes.FAMILY,
    dealer.FAMILY,
    referral.FAMILY,
    shop.FAMILY,
    health.FAMILY,
]
