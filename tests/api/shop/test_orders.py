"""Shop orders (seed 003): all parts or nothing, stock taken atomically, prices kept as bought,
a total, idempotency keys, and one's own orders newest first."""

from datetime import UTC, datetime, timedelta

import pytest

from dao.model.shop import Order, OrderPart, Product
from tests.shop_data import add_product

KETTLE, MUG, TEAPOT = 1, 2, 3


@pytest.fixture(autouse=True)
def products(app):
    assert add_product(app, "Gooseneck Kettle", "79.99", 10) == KETTLE
    assert add_product(app, "Stoneware Mug", "12.50", 3) == MUG
    assert add_product(app, "Cast Iron Teapot", "34.00", 0) == TEAPOT


def order(*parts: tuple[int, int]) -> dict:
    return {"parts": [{"product": p, "quantity_in_order": n} for p, n in parts]}


def stock(query) -> dict[int, int]:
    return dict(query(lambda s: s.query(Product.id, Product.quantity_in_stock).all()))


def nothing_written(query) -> bool:
    return query(lambda s: (s.query(Order).count(), s.query(OrderPart).count())) == (
        0,
        0,
    ) and stock(query) == {KETTLE: 10, MUG: 3, TEAPOT: 0}


def test_order_takes_stock_and_keeps_what_was_bought(client, ann, query):
    response = client.post("/api/order", json=order((KETTLE, 2), (MUG, 3)), headers=ann)
    assert response.status_code == 201
    body = response.json
    created = body.pop("created")
    assert body == {
        "id": 1,
        "parts": [
            {
                "product": KETTLE,
                "product_name": "Gooseneck Kettle",
                "quantity_in_order": 2,
                "price": "79.99",
                "discount": "0.00",
                "offer": None,
            },
            {
                "product": MUG,
                "product_name": "Stoneware Mug",
                "quantity_in_order": 3,
                "price": "12.50",
                "discount": "0.00",
                "offer": None,
            },
        ],
        "user": 1,
        "subtotal": "197.48",
        "discount": "0.00",
        "total": "197.48",
        "offer": None,
    }
    moment = datetime.fromisoformat(created)
    assert moment.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=5)
    assert created.endswith("+00:00")
    assert stock(query) == {KETTLE: 8, MUG: 0, TEAPOT: 0}
    assert query(lambda s: s.get(Order, 1).user_id) == 1


@pytest.mark.parametrize("path", ["/api/order", "/api/order/"])
def test_order_path_takes_a_trailing_slash(client, ann, path):
    assert client.post(path, json=order((KETTLE, 1)), headers=ann).status_code == 201


def test_guest_cannot_order(client, query):
    response = client.post("/api/order", json=order((KETTLE, 1)))
    assert response.status_code == 401
    assert nothing_written(query)


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"parts": ["Missing data for required field."]}),
        ({"parts": []}, {"parts": ["An order has 1 to 100 parts."]}),
        ({"parts": None}, {"parts": ["Field may not be null."]}),
        ({"parts": {"product": 1}}, {"parts": ["Not a valid list."]}),
        (
            {"parts": [{"product": 1, "quantity_in_order": 1}] * 101},
            {"parts": ["An order has 1 to 100 parts."]},
        ),
        (
            order((KETTLE, 0)),
            {
                "parts": {
                    "0": {
                        "quantity_in_order": [
                            "Must be greater than or equal to 1 and less than or equal to 1000000."
                        ]
                    }
                }
            },
        ),
        (
            order((KETTLE, -2)),
            {
                "parts": {
                    "0": {
                        "quantity_in_order": [
                            "Must be greater than or equal to 1 and less than or equal to 1000000."
                        ]
                    }
                }
            },
        ),
        (
            order((KETTLE, 10**30)),
            {
                "parts": {
                    "0": {
                        "quantity_in_order": [
                            "Must be greater than or equal to 1 and less than or equal to 1000000."
                        ]
                    }
                }
            },
        ),
        (order((KETTLE, 1.5)), {"parts": {"0": {"quantity_in_order": ["Not a valid integer."]}}}),
        (order((KETTLE, "2")), {"parts": {"0": {"quantity_in_order": ["Not a valid integer."]}}}),
        (order((KETTLE, True)), {"parts": {"0": {"quantity_in_order": ["Not a valid integer."]}}}),
        (
            order((KETTLE, None)),
            {"parts": {"0": {"quantity_in_order": ["Field may not be null."]}}},
        ),
        (order(("1", 1)), {"parts": {"0": {"product": ["Not a valid integer."]}}}),
        (order((None, 1)), {"parts": {"0": {"product": ["Field may not be null."]}}}),
        (
            {"parts": [{"product": 1}]},
            {"parts": {"0": {"quantity_in_order": ["Missing data for required field."]}}},
        ),
        (
            order((KETTLE, 1), (MUG, 1), (KETTLE, 2)),
            {"parts": {"2": {"product": ["Product 1 is already in the order."]}}},
        ),
    ],
)
def test_bad_order_is_400_and_writes_nothing(client, ann, query, body, errors):
    response = client.post("/api/order", json=body, headers=ann)
    assert response.status_code == 400
    assert response.json == {"message": "The request body is invalid.", "errors": errors}
    assert nothing_written(query)


def test_prices_totals_and_owners_sent_with_an_order_are_ignored(client, ann, query):
    part = {
        "product": KETTLE, "quantity_in_order": 2, "price": "0.01", "product_name": "X",
        "discount": "159.97", "offer": 1,
    }  # fmt: skip
    body = {
        "parts": [part], "total": "0.01", "user": 2, "id": 99, "created": "2000-01-01",
        "subtotal": "0.01", "discount": "159.97", "offer": 1,
    }  # fmt: skip
    response = client.post("/api/order", json=body, headers=ann)
    assert response.status_code == 201
    placed = response.json
    assert (placed["id"], placed["user"], placed["total"]) == (1, 1, "159.98")
    assert (placed["subtotal"], placed["discount"], placed["offer"]) == ("159.98", "0.00", None)
    assert placed["parts"] == [
        {
            "product": KETTLE,
            "product_name": "Gooseneck Kettle",
            "quantity_in_order": 2,
            "price": "79.99",
            "discount": "0.00",
            "offer": None,
        }
    ]
    assert not placed["created"].startswith("2000")
    rows = query(lambda s: [(p.order_id, p.product_name, str(p.price)) for p in s.query(OrderPart)])
    assert rows == [(1, "Gooseneck Kettle", "79.99")]
    assert query(lambda s: [(o.id, o.user_id) for o in s.query(Order)]) == [(1, 1)]
    assert stock(query)[KETTLE] == 8
    assert client.get("/api/my-orders", headers=ann).json == [placed]


@pytest.mark.parametrize("unknown", [99, 2**63, 10**30])
def test_unknown_product_refuses_the_whole_order(client, ann, query, unknown):
    response = client.post("/api/order", json=order((KETTLE, 1), (unknown, 1)), headers=ann)
    assert response.status_code == 400
    assert response.json == {
        "message": "The order refers to products that do not exist.",
        "errors": {"parts": {"1": {"product": [f"There is no product with id {unknown}."]}}},
    }
    assert nothing_written(query)


def test_not_enough_stock_refuses_the_whole_order_naming_the_product(client, ann, query):
    response = client.post("/api/order", json=order((KETTLE, 2), (MUG, 4)), headers=ann)
    assert response.status_code == 400
    message = "Not enough stock for Product 'Stoneware Mug': 3 left."
    assert response.json == {
        "message": message,
        "errors": {"parts": {"1": {"quantity_in_order": [message]}}},
    }
    assert nothing_written(query)


def test_every_product_short_of_stock_is_named(client, ann, query):
    response = client.post("/api/order", json=order((TEAPOT, 1), (MUG, 5)), headers=ann)
    assert response.status_code == 400
    assert response.json["message"] == (
        "Not enough stock for Product 'Cast Iron Teapot': 0 left. "
        "Not enough stock for Product 'Stoneware Mug': 3 left."
    )
    assert set(response.json["errors"]["parts"]) == {"0", "1"}
    assert nothing_written(query)


def test_the_last_items_can_be_bought_once(client, ann, query):
    assert client.post("/api/order", json=order((MUG, 3)), headers=ann).status_code == 201
    again = client.post("/api/order", json=order((MUG, 1)), headers=ann)
    assert again.status_code == 400
    assert again.json["message"] == "Not enough stock for Product 'Stoneware Mug': 0 left."
    assert stock(query)[MUG] == 0
    assert query(lambda s: s.query(Order).count()) == 1


def test_order_keeps_name_and_price_when_the_product_changes(app, client, ann, query, signed_in):
    placed = client.post("/api/order", json=order((KETTLE, 1)), headers=ann).json
    admin = signed_in("shop", "boss", "admin")
    client.patch("/api/products/1", json={"name": "Kettle 2", "price": "99.00"}, headers=admin)
    assert client.get("/api/my-orders", headers=ann).json == [placed]


def test_order_parts_survive_the_product_deletion(app, client, ann, query, signed_in):
    placed = client.post("/api/order", json=order((KETTLE, 1), (MUG, 1)), headers=ann).json
    admin = signed_in("shop", "boss", "admin")
    assert client.delete("/api/products/1", headers=admin).status_code == 204
    [kept] = client.get("/api/my-orders", headers=ann).json
    assert kept["parts"][0] == {
        "product": None,
        "product_name": "Gooseneck Kettle",
        "quantity_in_order": 1,
        "price": "79.99",
        "discount": "0.00",
        "offer": None,
    }
    assert kept["parts"][1] == placed["parts"][1]
    assert kept["total"] == "92.49"
    assert query(lambda s: s.query(OrderPart).count()) == 2
