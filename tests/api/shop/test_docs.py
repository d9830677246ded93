"""The shop (seed 003) in Swagger, and its demo data: products and offers."""

from collections import Counter
from decimal import Decimal

from dao.model.shop import Product

SHOP_OPERATIONS = {
    ("/api/auth", "post"): False,
    ("/api/refresh", "post"): False,
    ("/api/products/", "get"): False,
    ("/api/products/", "post"): True,
    ("/api/products/{product_id}", "get"): False,
    ("/api/products/{product_id}", "put"): True,
    ("/api/products/{product_id}", "patch"): True,
    ("/api/products/{product_id}", "delete"): True,
    ("/api/order", "post"): True,
    ("/api/my-orders", "get"): True,
    ("/api/offers/", "get"): False,
    ("/api/offers/", "post"): True,
    ("/api/offers/{offer_id}", "get"): False,
    ("/api/offers/{offer_id}", "patch"): True,
    ("/api/offers/{offer_id}", "delete"): True,
}


def test_every_shop_endpoint_is_documented_with_its_auth(client):
    spec = client.get("/swagger.json").json
    for (path, method), protected in SHOP_OPERATIONS.items():
        operation = spec["paths"][path][method]
        assert operation["summary"], (path, method)
        assert ("security" in operation) == protected, (path, method)
    ids = [
        op["operationId"]
        for ops in spec["paths"].values()
        for op in ops.values()
        if "operationId" in op
    ]
    assert [name for name, n in Counter(ids).items() if n > 1] == []
    price = spec["definitions"]["Product"]["properties"]["price"]
    assert (price["type"], price["format"]) == ("string", "decimal")
    assert set(spec["definitions"]["ProductPage"]["properties"]) == {
        "count",
        "next",
        "previous",
        "results",
    }


def test_seed_loads_two_dozen_products_reproducibly(app, query):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db", "--seed", "--yes"]).exit_code == 0

    def snapshot(session):
        return [
            (p.id, p.name, p.price, p.quantity_in_stock)
            for p in session.query(Product).order_by(Product.id)
        ]

    first = query(snapshot)
    assert len(first) == 24
    assert all(isinstance(price, Decimal) and price > 0 for _, _, price, _ in first)
    assert len({name for _, name, _, _ in first}) == 24
    runner.invoke(args=["init-db", "--seed", "--yes"])
    assert query(snapshot) == first


def test_seed_loads_two_active_offers(app, client):
    assert app.test_cli_runner().invoke(args=["init-db", "--seed", "--yes"]).exit_code == 0
    unset = {"buy": None, "get": None, "percent": None, "starts_at": None, "ends_at": None}
    assert client.get("/api/offers").json == [
        {**unset, "id": 1, "kind": "buy_x_get_y", "product": 9, "buy": 2, "get": 1},
        {
            **unset,
            "id": 2,
            "kind": "percent_off",
            "product": 1,
            "percent": 15,
            "starts_at": "2026-11-01T00:00:00+00:00",
        },
    ]
